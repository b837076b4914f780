"""Roles: one plain page per kind of peer-support job, from the taxonomy."""
from flask import Blueprint

bp = Blueprint("roles", __name__)

from webapp.roles import views  # noqa: E402,F401  (registers the routes)
