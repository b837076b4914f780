"""Pay: what open peer postings say they pay, per role and per state."""
from flask import Blueprint

bp = Blueprint("pay", __name__)

from webapp.pay import views  # noqa: E402,F401  (registers the routes)
