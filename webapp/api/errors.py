"""One error shape for every API error: {"error": {"status", "message", "details"}}.

Errors raised inside API views reach the blueprint's handlers. A path under /api/ that matches
no route (or not with that method) never reaches a view, so a hook before every request answers
those in the same shape instead of the HTML error pages.
"""
from __future__ import annotations

from typing import Iterable

from flask import Response, jsonify, request
from werkzeug.exceptions import HTTPException, InternalServerError

from webapp.api import bp

API_PREFIX = "/api/"
MESSAGES = {
    404: "Nothing here. The endpoints are listed in /api/v1/openapi.json.",
    413: "The body is too large. Send at most 1 MB (an alert sign-up, 16 KB).",
    429: "Too many requests. Wait a little and try again.",
    500: "Something went wrong on our side. Please try again later.",
}


class ApiError(Exception):
    """An answer the client must change its request to avoid: bad parameters, unknown ids."""

    def __init__(self, status: int, message: str, details: Iterable[str] = ()):
        super().__init__(message)
        self.status, self.message, self.details = status, message, list(details)


def error_response(status: int, message: str, details: Iterable[str] = ()) -> Response:
    response = jsonify({"error": {"status": status, "message": message, "details": list(details)}})
    response.status_code = status
    return response


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


@bp.errorhandler(ApiError)
def answer_api_error(error: ApiError) -> Response:
    return error_response(error.status, error.message, error.details)


@bp.errorhandler(HTTPException)
def answer_http_error(error: HTTPException) -> Response:
    response = error_response(error.code or 500, http_message(error))
    if error.code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


@bp.errorhandler(InternalServerError)
def answer_server_error(_error: InternalServerError) -> Response:
    return error_response(500, MESSAGES[500])


@bp.before_app_request
def answer_routing_error() -> Response | None:
    """Unknown paths and methods under /api/ get the API's shape, not the HTML 404 page."""
    error = request.routing_exception
    if error is None or not is_api_request() or not isinstance(error, HTTPException) or (error.code or 0) < 400:
        return None
    return answer_http_error(error)


def http_message(error: HTTPException) -> str:
    if error.code == 405:
        allowed = sorted(set(getattr(error, "valid_methods", None) or ["GET"]) - {"HEAD", "OPTIONS"})
        return f"The method {request.method} is not allowed here; this address answers {', '.join(allowed)}."
    return MESSAGES.get(error.code or 500) or (error.description or error.name)
