"""The embeddable search widget: its script, the /embed frame, click-throughs and the snippet page."""
from flask import Blueprint

bp = Blueprint("widget", __name__, template_folder="templates")

from webapp.widget import views  # noqa: E402,F401  (registers the routes)
