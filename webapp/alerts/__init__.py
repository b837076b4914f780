"""Job alerts, the subscriber's side: sign up from a results page, confirm, change or stop."""
from flask import Blueprint

bp = Blueprint("alerts", __name__)

from webapp.alerts import views  # noqa: E402,F401  (registers the routes)
