"""Search: the home page and the results page."""
from flask import Blueprint

bp = Blueprint("search", __name__)

from webapp.search import views  # noqa: E402,F401  (registers the routes)
