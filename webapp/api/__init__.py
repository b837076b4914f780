"""The JSON API under /api/v1: the same searches as the pages, one envelope, one error shape."""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from webapp.api import alerts, cors, errors, networks, openapi, views  # noqa: E402,F401  (registers the handlers)
