"""The widget's endpoints under /api/v1/networks/{id}: a network's presets, its searches and its
alert sign-up. Only the network's own sites may read them from a browser (webapp.widget.origins).
"""
from __future__ import annotations

from flask import Response, jsonify, request
from flask_babel import lazy_gettext as _l

from indexer import store
from alerts import subscribing
from webapp.alerts.confirmation import send_after_response
from webapp.api import bp
from webapp.api.bodies import json_body
from webapp.api.alerts import alert_language, alert_request_errors, search_arguments
from webapp.api.errors import INVALID_PARAMETERS, INVALID_SIGN_UP, ApiError
from webapp.db import get_session
from webapp.extensions import csrf, limiter
from webapp.formatting import get_taxonomy
from indexer.search.params import parse_query
from webapp.search_index import get_index
from webapp.widget import documents, origins
from indexer.networks import Network
from webapp.widget.networks import get_networks
from indexer.network_values import is_network_id
from webapp.widget.language import asked_language_error, speak, widget_language
from webapp.widget.searching import search_args, widget_search_errors

PREFIX = "/api/v1/networks/"


def check_network_id(network_id: str) -> None:
    if not is_network_id(network_id):
        raise ApiError(400, "invalid_network_id", _l("“%(network)s” is not a network id: network ids are lower-case "
                                                     "letters, digits and hyphens, like ohio-peer-network.",
                                                     network=network_id[:60]))


@bp.before_request
def malformed_network_preflight() -> None:
    """A preflight for a malformed network id gets the 400 its request would get."""
    network_id = (request.view_args or {}).get("network_id")
    if request.method == "OPTIONS" and network_id is not None:
        check_network_id(network_id)


def readable_network(network_id: str) -> Network:
    """The network, when it exists and the calling site may read it; else the error in words."""
    check_network_id(network_id)
    network = get_networks().get(network_id)
    if network is None:
        raise ApiError(404, "unknown_network", _l("PeerJobs has no network “%(network)s”. The snippet on your site may "
                                                  "be out of date: copy a new one from PeerJobs' widget page.",
                                                  network=network_id))
    if not origins.may_read(network):
        raise ApiError(403, "site_not_listed", _l("This site (%(site)s) is not on the list of sites for %(network)s.",
                                                  site=origins.request_origin(), network=network.name))
    return network


@bp.get("/networks/<network_id>")
def network_presets(network_id: str) -> Response:
    network = readable_network(network_id)
    problems = asked_language_error(request.args)
    if problems:
        raise ApiError(400, *INVALID_PARAMETERS, problems)
    speak(widget_language(network, request.args))
    return jsonify(documents.network_json(network, get_taxonomy()))


@bp.get("/networks/<network_id>/jobs")
def network_jobs(network_id: str) -> Response:
    network = readable_network(network_id)
    problems = widget_search_errors(network, request.args)
    if problems:
        raise ApiError(400, *INVALID_PARAMETERS, problems)
    speak(widget_language(network, request.args))
    found = get_index().search(parse_query(search_args(network, request.args)))
    if found.page == 1:
        store.count_widget_use(get_session(), network.id, searches=1)
    return jsonify(documents.results_json(network, found))


@bp.post("/networks/<network_id>/alerts")
@csrf.exempt
@limiter.shared_limit(subscribing.SUBSCRIBE_LIMIT, scope="alerts-subscribe", methods=["POST"])
def network_alerts(network_id: str) -> Response:
    network = readable_network(network_id)
    body = json_body()
    problems = alert_request_errors(body)
    if not problems:
        visitor_args = search_arguments(body.get("search", {}))[0]
        problems = [f"search: {problem}" for problem in widget_search_errors(network, visitor_args)]
    if problems:
        raise ApiError(400, *INVALID_SIGN_UP, problems)
    due = subscribing.subscribe(get_session(), body["email"], body["frequency"],
                                subscribing.search_from_args(search_args(network, visitor_args)), network=network.id,
                                language=alert_language(body))
    response = jsonify({"status": "confirmation-sent"})
    response.status_code = 202
    return send_after_response(response, due)


@bp.after_app_request
def network_cors_headers(response: Response) -> Response:
    if not request.path.startswith(PREFIX):
        return response
    network_id = (request.view_args or {}).get("network_id")
    network = get_networks().get(network_id) if network_id else None
    origins.add_cors_headers(response, network)
    if request.method == "OPTIONS" and "Access-Control-Allow-Origin" in response.headers:
        origins.preflight_headers(response)
    return response
