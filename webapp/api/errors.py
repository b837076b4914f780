"""One error shape for every API error: {"error": {"status", "code", "message", "details"}}.

`code` is stable, for programs; `message` is for people, in the request's language
(Accept-Language: Spanish when the caller prefers it, else English); `details` name the problems
with the parameters, whose names are English whatever the language. No data field changes with it.

Errors raised inside API views reach the blueprint's handlers. A path under /api/ that matches
no route (or not with that method) never reaches a view, so a hook before every request answers
those in the same shape instead of the HTML error pages.
"""
from __future__ import annotations

from typing import Iterable

from flask import Response, jsonify, request
from flask_babel import force_locale, lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

from webapp.api import bp
from webapp.i18n import LANGUAGES, LOCALES

API_PREFIX = "/api/"
#: status -> (code, message) for the errors that are not raised by a view.
MESSAGES = {
    404: ("not_found", _l("Nothing here. The endpoints are listed in /api/v1/openapi.json.")),
    413: ("body_too_large", _l("The body is too large. Send at most 1 MB (an alert sign-up, 16 KB).")),
    429: ("too_many_requests", _l("Too many requests. Wait a little and try again.")),
    500: ("server_error", _l("Something went wrong on our side. Please try again later.")),
}
#: What the views raise most: a search or a sign-up with problems, each named in `details`.
INVALID_PARAMETERS = ("invalid_parameters", _l("Some parameters are not valid."))
INVALID_SIGN_UP = ("invalid_sign_up", _l("The sign-up is not valid."))


class ApiError(Exception):
    """An answer the client must change its request to avoid: bad parameters, unknown ids.
    `message` is a lazy_gettext string, said in the request's language when answered."""

    def __init__(self, status: int, code: str, message, details: Iterable[str] = ()):
        super().__init__(str(code))
        self.status, self.code, self.message, self.details = status, code, message, list(details)


def error_language() -> str:
    return request.accept_languages.best_match(LANGUAGES, default="en")


def error_response(status: int, code: str, message, details: Iterable[str] = ()) -> Response:
    with force_locale(LOCALES[error_language()]):
        words = str(message)
    response = jsonify({"error": {"status": status, "code": code, "message": words, "details": list(details)}})
    response.status_code = status
    response.headers.add("Vary", "Accept-Language")
    response.headers["Content-Language"] = error_language()
    return response


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


@bp.errorhandler(ApiError)
def answer_api_error(error: ApiError) -> Response:
    return error_response(error.status, error.code, error.message, error.details)


@bp.errorhandler(HTTPException)
def answer_http_error(error: HTTPException) -> Response:
    response = error_response(error.code or 500, *http_message(error))
    if error.code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


@bp.errorhandler(InternalServerError)
def answer_server_error(_error: InternalServerError) -> Response:
    return error_response(500, *MESSAGES[500])


@bp.before_app_request
def answer_routing_error() -> Response | None:
    """Unknown paths and methods under /api/ get the API's shape, not the HTML 404 page."""
    error = request.routing_exception
    if error is None or not is_api_request() or not isinstance(error, HTTPException) or (error.code or 0) < 400:
        return None
    return answer_http_error(error)


def http_message(error: HTTPException) -> tuple[str, object]:
    """(code, message) of an HTTP error."""
    if error.code == 405:
        allowed = sorted(set(getattr(error, "valid_methods", None) or ["GET"]) - {"HEAD", "OPTIONS"})
        return "method_not_allowed", _l("The method %(method)s is not allowed here; this address answers %(allowed)s.",
                                        method=request.method, allowed=", ".join(allowed))
    if error.code in MESSAGES:
        return MESSAGES[error.code]
    return "http_error", error.description or error.name
