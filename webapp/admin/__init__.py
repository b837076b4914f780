"""The operators' admin area at /admin: sources and their health, runs, widget and alert counts.

Accounts are made with `peerjobs admin create-user`; there is no default one (docs/admin.md)."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from webapp.admin import discovery_pages, reports, signin, source_pages, trends, views  # noqa: E402,F401  (register the routes)
