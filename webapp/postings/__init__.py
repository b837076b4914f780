"""One posting: what the job is, and the way to apply on the employer's site."""
from flask import Blueprint

bp = Blueprint("postings", __name__)

from webapp.postings import reports, views  # noqa: E402,F401  (register the routes)
