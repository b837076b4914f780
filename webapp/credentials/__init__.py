"""Credentials: a page per state listing its peer credentials, from config/credentials.yaml."""
from flask import Blueprint

bp = Blueprint("credentials", __name__)

from webapp.credentials import views  # noqa: E402,F401  (registers the routes)
