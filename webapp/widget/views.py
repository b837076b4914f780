"""Thin views: the widget's script, the /embed frame, click-throughs and the snippet page."""
from __future__ import annotations

import hashlib
from pathlib import Path

import rjsmin
from flask import Response, current_app, redirect, render_template, request, url_for
from flask_babel import gettext

from indexer import store
from webapp.db import get_session
from webapp.security import content_security_policy
from webapp.widget import bp
from indexer.networks import LANGUAGES, Network
from webapp.widget.networks import get_networks
from indexer.network_values import is_network_id
from webapp.widget.language import speak
from webapp.widget.snippets import snippets
from webapp.widget.words import script_with_words

SCRIPT = Path(__file__).with_name("static") / "widget.js"
SCRIPT_MAX_AGE = 3600


def minified_script() -> tuple[str, str]:
    """(the script, minified, and its ETag), made once per app."""
    cached = current_app.extensions.get("peerjobs_widget_script")
    if cached is None:
        catalogs = Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])
        text = rjsmin.jsmin(script_with_words(SCRIPT.read_text(encoding="utf-8"), catalogs))
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
    """The frame, in the language asked (&lang=), else the network's; a broken one in the asked one."""
    network_id = request.args.get("network", "")
    network = get_networks().get(network_id) if is_network_id(network_id) else None
    asked = request.args.get("lang")
    speak(asked if asked in LANGUAGES else network.language if network else "en")
    if not is_network_id(network_id):
        return embed_error(400, gettext("This frame needs a network id, like /embed?network=ohio-peer-network."))
    if network is None:
        return embed_error(404, gettext("PeerJobs has no network “%(network)s”. The snippet on this site may be out "
                                        "of date: copy a new one from PeerJobs' widget page.", network=network_id))
    frame_ancestors = " ".join(("'self'",) + network.origins)
    return (render_template("widget/embed.html", network=network), 200,
            {"Content-Security-Policy": content_security_policy(frame_ancestors)})


@bp.get("/embed/<network_id>/jobs/<int(max=2147483647):job_id>")
def click_through(network_id: str, job_id: int):
    """Counts one opened result for the network (no visitor data), then shows the posting (in the
    widget's language, `lang`)."""
    if get_networks().get(network_id) is not None:
        store.count_widget_use(get_session(), network_id, clicks=1)
    lang = request.args.get("lang")
    return redirect(url_for("postings.show", posting_id=job_id, lang=lang if lang in LANGUAGES else "en"), code=303)


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
