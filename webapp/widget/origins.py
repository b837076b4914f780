"""Which sites may read a network's widget endpoints, and the CORS headers that tell browsers.

Only the network's own sites get `Access-Control-Allow-Origin`, naming that site; a browser on
any other site cannot read the answer. PeerJobs' own pages (the /embed frame, the snippet page's
preview) are same-origin and need no header. Errors about the network id itself carry no jobs,
so every site may read them: the widget can then say what is wrong instead of staying blank.
"""
from __future__ import annotations

from flask import Response, current_app, request

from webapp.api.cors import PREFLIGHT_MAX_AGE
from indexer.networks import Network
from indexer.network_values import origin_of, site_origin

#: Errors that hold no data and say what is wrong with the snippet: readable everywhere.
OPEN_ERRORS = (400, 404)


def own_origins() -> set[str | None]:
    """PeerJobs' own origin as the request reached it and as people reach it (behind a proxy
    the two differ)."""
    return {origin_of(request.host_url), site_origin(current_app.config["PEERJOBS_SETTINGS"].public_url)}


def request_origin() -> str | None:
    """The Origin header as an origin, or None when there is none ("null" counts as foreign)."""
    value = request.headers.get("Origin")
    if value is None:
        return None
    return origin_of(value) or "null"


def may_read(network: Network) -> bool:
    origin = request_origin()
    return origin is None or origin in own_origins() or network.allows(origin)


def add_cors_headers(response: Response, network: Network | None) -> Response:
    response.headers.add("Vary", "Origin")
    origin = request_origin()
    if network is not None and origin is not None and network.allows(origin):
        response.headers["Access-Control-Allow-Origin"] = origin
    elif network is None and response.status_code in OPEN_ERRORS:
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def preflight_headers(response: Response) -> Response:
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = "Content-Type"
    response.headers["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return response
