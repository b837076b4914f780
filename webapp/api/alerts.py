"""POST /api/v1/alerts: the alert sign-up of the results page, for other programs.

Cross-origin and cookie-less, so there is no CSRF token to check: the double opt-in is the
protection, as on the page. The answer is 202 and the same whatever the address's state.
"""
from __future__ import annotations

from typing import Any

from flask import Response, jsonify
from werkzeug.datastructures import MultiDict

from alerts import subscribing
from indexer.store.subscriptions import LANGUAGES
from indexer.search.query import CONDITION_SWITCHES
from webapp.alerts.confirmation import send_after_response
from webapp.api import bp
from webapp.api.bodies import json_body
from webapp.api.checks import search_errors
from webapp.api.errors import INVALID_SIGN_UP, ApiError
from webapp.db import get_session
from webapp.extensions import csrf, limiter

FIELDS = ("email", "frequency", "search", "language")


#: The JSON type each search field takes (as in the OpenAPI document); lists hold text.
SEARCH_TYPES = {
    **dict.fromkeys(("q", "where", "sort"), "text"),
    **dict.fromkeys(("radius", "posted_within", "page", "per_page"), "a whole number"),
    "min_hourly": "a number",
    **dict.fromkeys(("remote", "pay_disclosed", "no_certification_required", "include_non_peer",
                     "include_closed", "fits_ssdi", *CONDITION_SWITCHES), "true or false"),
    **dict.fromkeys(("category", "employment_type", "setting", "state", "weekly_hours", "schedule"),
                    "text or a list of text"),
}


def _is(kind: str, value: Any) -> bool:
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return {"text": isinstance(value, str), "a whole number": number and float(value).is_integer(),
            "a number": number, "true or false": isinstance(value, bool),
            "text or a list of text": isinstance(value, str) or (
                isinstance(value, list) and all(isinstance(item, str) for item in value))}[kind]


def search_type_errors(search: dict) -> list[str]:
    """Values of the wrong JSON type for their field (unknown fields are search_errors' job)."""
    return [f"search.{name} must be {SEARCH_TYPES[name]}" for name, value in search.items()
            if name in SEARCH_TYPES and not _is(SEARCH_TYPES[name], value)]


def search_arguments(search: dict) -> tuple[MultiDict, list[str]]:
    """The JSON search as query arguments (lists repeat, booleans read as true/false)."""
    args, problems = MultiDict(), search_type_errors(search)
    for name, value in search.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, bool):
                args.add(name, "true" if item else "false")
            elif isinstance(item, (str, int, float)):
                args.add(name, str(_plain(item)))
            else:
                args.add(name, "")
                problems.append(f"search.{str(name)[:40]} must be text, a number, true or false, or a list of them")
    return args, problems


def _plain(number: Any) -> Any:
    return int(number) if isinstance(number, float) and number.is_integer() else number


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
    if body.get("language", "en") not in LANGUAGES:
        problems.append("language must be en or es")
    search = body.get("search", {})
    if not isinstance(search, dict):
        problems.append("search must be an object of the results page's parameters, like {\"q\": \"peer\"}")
    else:
        args, shape_problems = search_arguments(search)
        problems += shape_problems + [f"search: {problem}" for problem in search_errors(args)]
    return problems


def alert_language(body: dict) -> str:
    """The language of the alert's emails: 'en' unless the request says 'es'."""
    return body.get("language") or "en"


@bp.post("/alerts")
@csrf.exempt
@limiter.shared_limit(subscribing.SUBSCRIBE_LIMIT, scope="alerts-subscribe", methods=["POST"])
def subscribe_alert() -> Response:
    body = json_body()
    problems = alert_request_errors(body)
    if problems:
        raise ApiError(400, *INVALID_SIGN_UP, problems)
    search = subscribing.search_from_args(search_arguments(body.get("search", {}))[0])
    due = subscribing.subscribe(get_session(), body["email"], body["frequency"], search,
                                language=alert_language(body))
    response = jsonify({"status": "confirmation-sent"})
    response.status_code = 202
    return send_after_response(response, due)
