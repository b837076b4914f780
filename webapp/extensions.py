"""Flask extensions shared by blueprints: CSRF protection for forms and rate limits.

CSRF tokens live in Flask's signed session cookie, which is set only on pages that render a form
(alert sign-up, admin); search and posting pages set no cookie at all."""
from __future__ import annotations


from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=False)


def init_app(app: Flask) -> None:
    settings = app.config["PEERJOBS_SETTINGS"]
    # Flask's own defaults (SECRET_KEY None, SameSite None, Secure False) are already in the
    # config, so setdefault would keep them: fill in what was not given a value.
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings.secret_key
    https = settings.public_url.startswith("https://")
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config.get("SESSION_COOKIE_SECURE")) or https
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    if app.config.get("SESSION_COOKIE_SAMESITE") is None:
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", 3600 * 4)
    app.config.setdefault("WTF_CSRF_SSL_STRICT", https)
    # memory:// counts per worker process; redis://... shares the counts between workers and hosts.
    app.config.setdefault("RATELIMIT_STORAGE_URI", settings.ratelimit_storage_url)
    csrf.init_app(app)
    limiter.init_app(app)
