"""Feeds for machines: an Atom feed of any search, the sitemap and robots.txt."""
from flask import Blueprint

bp = Blueprint("feeds", __name__)

from webapp.feeds import views  # noqa: E402,F401  (registers the routes)
