"""Any site may read the API from a browser: no credentials are involved, so a wildcard is safe.
The widget's endpoints under /api/v1/networks/ are the exception: webapp.api.networks answers
only each network's own sites."""
from __future__ import annotations

from flask import Response, request

from webapp.api import bp
from webapp.api.errors import is_api_request

PREFLIGHT_MAX_AGE = 86400
#: The paths that take a POST (alert sign-up); every other path is read-only.
POST_PATHS = ("/api/v1/alerts",)
NETWORK_PATHS = "/api/v1/networks/"


@bp.after_app_request
def add_cors_headers(response: Response) -> Response:
    """On every /api/ response, errors included; a preflight also learns what it may send."""
    if not is_api_request() or request.path.startswith(NETWORK_PATHS):
        return response
    response.headers["Access-Control-Allow-Origin"] = "*"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Language"
        if request.path in POST_PATHS:  # a JSON body needs Content-Type, which is not a simple header
            response.headers["Access-Control-Allow-Methods"] = "POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] += ", Content-Type"
        response.headers["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return response
