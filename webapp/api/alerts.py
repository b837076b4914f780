"""POST /api/v1/alerts: the alert sign-up of the results page, for other programs.

Cross-origin and cookie-less, so there is no CSRF token to check: the double opt-in is the
protection, as on the page. The answer is 202 and the same whatever the address's state.
"""
from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request
from werkzeug.datastructures import MultiDict

from alerts import subscribing
from webapp.alerts.confirmation import send_after_response
from webapp.api import bp
from webapp.api.checks import search_errors
from webapp.api.errors import ApiError
from webapp.db import get_session
from webapp.extensions import csrf, limiter

FIELDS = ("email", "frequency", "search")


def search_arguments(search: dict) -> tuple[MultiDict, list[str]]:
    """The JSON search as query arguments (lists repeat, booleans read as true/false)."""
    args, problems = MultiDict(), []
    for name, value in search.items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, bool):
                args.add(name, "true" if item else "false")
            elif isinstance(item, (str, int, float)):
                args.add(name, str(item))
            elif item is not None:
                problems.append(f"search.{str(name)[:40]} must be text, a number, true or false, or a list of them")
    return args, problems


def alert_request_errors(body: Any) -> list[str]:
    """Everything wrong with a sign-up request, in words."""
    if not isinstance(body, dict):
        return ["The body must be a JSON object: {\"email\": ..., \"frequency\": ..., \"search\": {...}}"]
    problems = [f"unknown field “{str(name)[:40]}”; the fields are {', '.join(FIELDS)}"
                for name in sorted(map(str, body)) if name not in FIELDS]
    if subscribing.normalize_email(body.get("email")) is None:
        problems.append("email must be an email address like name@example.org")
    if body.get("frequency") not in ("instant", "daily", "weekly"):
        problems.append("frequency must be instant, daily or weekly")
    search = body.get("search", {})
    if not isinstance(search, dict):
        problems.append("search must be an object of the results page's parameters, like {\"q\": \"peer\"}")
    else:
        args, shape_problems = search_arguments(search)
        problems += shape_problems + [f"search: {problem}" for problem in search_errors(args)]
    return problems


@bp.post("/alerts")
@csrf.exempt
@limiter.shared_limit(subscribing.SUBSCRIBE_LIMIT, scope="alerts-subscribe", methods=["POST"])
def subscribe_alert() -> Response:
    body = request.get_json(silent=True)
    problems = alert_request_errors(body)
    if problems:
        raise ApiError(400, "The sign-up is not valid.", problems)
    search = subscribing.search_from_args(search_arguments(body.get("search", {}))[0])
    due = subscribing.subscribe(get_session(), body["email"], body["frequency"], search)
    response = jsonify({"status": "confirmation-sent"})
    response.status_code = 202
    return send_after_response(response, due)
