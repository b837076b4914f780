"""Headers on every response: nothing loads from elsewhere, nothing frames us, no referrer leaks.

A view may send its own Content-Security-Policy (the /embed frame names the sites that may
frame it); every other page gets frame-ancestors 'none'."""
from __future__ import annotations

from flask import Flask, Response


def content_security_policy(frame_ancestors: str = "'none'") -> str:
    return ("default-src 'self'; object-src 'none'; base-uri 'none'; "
            f"frame-ancestors {frame_ancestors}; form-action 'self'")


HEADERS = {
    "Content-Security-Policy": content_security_policy(),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
