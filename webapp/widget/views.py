"""Thin views: the widget's script, the /embed frame, click-throughs and the snippet page."""
from __future__ import annotations

import hashlib
from pathlib import Path

import rjsmin
from flask import Response, current_app, redirect, render_template, request, url_for

from indexer import store
from webapp.db import get_session
from webapp.security import content_security_policy
from webapp.widget import bp
from indexer.networks import Network
from webapp.widget.networks import get_networks
from indexer.network_values import is_network_id
from webapp.widget.snippets import snippets

SCRIPT = Path(__file__).with_name("static") / "widget.js"
SCRIPT_MAX_AGE = 3600


def minified_script() -> tuple[str, str]:
    """(the script, minified, and its ETag), made once per app."""
    cached = current_app.extensions.get("peerjobs_widget_script")
    if cached is None:
        text = rjsmin.jsmin(SCRIPT.read_text(encoding="utf-8"))
        cached = (text, hashlib.sha256(text.encode()).hexdigest()[:16])
        current_app.extensions["peerjobs_widget_script"] = cached
    return cached


@bp.get("/widget.js")
def script() -> Response:
    text, etag = minified_script()
    response = Response(text, mimetype="text/javascript")
    response.set_etag(etag)
    response.cache_control.public = True
    response.cache_control.max_age = SCRIPT_MAX_AGE
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response.make_conditional(request)


def embed_error(status: int, message: str) -> tuple[str, int, dict]:
    """An error in words, shown inside any site's frame (it holds no data)."""
    return (render_template("widget/embed_error.html", message=message), status,
            {"Content-Security-Policy": content_security_policy("*")})


@bp.get("/embed")
def embed():
    network_id = request.args.get("network", "")
    if not is_network_id(network_id):
        return embed_error(400, "This frame needs a network id, like /embed?network=ohio-peer-network.")
    network = get_networks().get(network_id)
    if network is None:
        return embed_error(404, f"PeerJobs has no network “{network_id}”. The snippet on this site may be "
                                "out of date: copy a new one from PeerJobs' widget page.")
    frame_ancestors = " ".join(("'self'",) + network.origins)
    return (render_template("widget/embed.html", network=network), 200,
            {"Content-Security-Policy": content_security_policy(frame_ancestors)})


@bp.get("/embed/<network_id>/jobs/<int(max=2147483647):job_id>")
def click_through(network_id: str, job_id: int):
    """Counts one opened result for the network (no visitor data), then shows the posting."""
    if get_networks().get(network_id) is not None:
        store.count_widget_use(get_session(), network_id, clicks=1)
    return redirect(url_for("postings.show", posting_id=job_id), code=303)


@bp.get("/widget")
def snippet_page():
    networks, asked = get_networks(), request.args.get("network")
    chosen: Network | None = networks.get(asked)
    unknown = asked if asked and chosen is None else None
    if chosen is None and not unknown and len(networks) == 1:
        chosen = next(iter(networks))
    settings = current_app.config["PEERJOBS_SETTINGS"]
    return render_template("widget/snippets.html", networks=list(networks), chosen=chosen, unknown=unknown,
                           snippets=snippets(settings.public_url, chosen) if chosen else None,
                           public_url=settings.public_url), 404 if unknown else 200
