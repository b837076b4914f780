"""Headers on every response: nothing loads from elsewhere, nothing frames us, no referrer leaks.

A view may send its own Content-Security-Policy (the /embed frame names the sites that may
frame it); every other page gets frame-ancestors 'none'. Over https, browsers are told to use
nothing else (HSTS).

Requests are answered only for the host of PEERJOBS_PUBLIC_URL (and, when that is a loopback
address, for the dev server's 127.0.0.1 and localhost), so canonical and absolute links never
follow a Host header someone else chose; any other host gets 400. Bodies past
MAX_CONTENT_LENGTH get 413 before they are read."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, current_app

#: Bytes a request body may have: forms and API bodies are a few kilobytes.
MAX_CONTENT_LENGTH = 1024 * 1024
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
#: One year, as browsers' preload lists ask.
HSTS = "max-age=31536000"


def content_security_policy(frame_ancestors: str = "'none'") -> str:
    return ("default-src 'self'; object-src 'none'; base-uri 'none'; "
            f"frame-ancestors {frame_ancestors}; form-action 'self'")


HEADERS = {
    "Content-Security-Policy": content_security_policy(),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def trusted_hosts(public_url: str) -> list[str]:
    """The hosts the site answers for: the public URL's, plus 127.0.0.1 and localhost when
    that is one of them (the dev server)."""
    host = (urlsplit(public_url).hostname or "localhost").lower()
    return [host, *(name for name in LOOPBACK_HOSTS if name != host)] if host in LOOPBACK_HOSTS else [host]


def init_app(app: Flask) -> None:
    public_url = app.config["PEERJOBS_SETTINGS"].public_url
    if app.config.get("TRUSTED_HOSTS") is None:
        app.config["TRUSTED_HOSTS"] = trusted_hosts(public_url)
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    app.config["PEERJOBS_HSTS"] = public_url.startswith("https://")
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config["PEERJOBS_HSTS"]:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response
