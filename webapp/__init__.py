"""The PeerJobs web app: search peer-support jobs, read one posting, apply on the employer's site."""
from __future__ import annotations

from flask import Flask, render_template

from foundation.settings import Settings


def create_app(settings: Settings | None = None, **config_overrides) -> Flask:
    """Build one app; configuration is read here, never at import time."""
    app = Flask(__name__)
    app.config.from_mapping(PEERJOBS_SETTINGS=settings or Settings.from_env(), PEERJOBS_MIGRATE=True)
    app.config.update(config_overrides)

    from webapp import db, extensions, formatting, search_index, security
    db.init_app(app)
    extensions.init_app(app)
    search_index.init_app(app)
    security.init_app(app)
    formatting.init_app(app)
    from webapp import i18n
    i18n.init_app(app)

    from webapp.postings import bp as postings_bp
    from webapp.search import bp as search_bp
    app.register_blueprint(search_bp)
    app.register_blueprint(postings_bp)
    from webapp.feeds import bp as feeds_bp
    from webapp.pay import bp as pay_bp
    from webapp.roles import bp as roles_bp
    from webapp.credentials import bp as credentials_bp
    for blueprint in (feeds_bp, pay_bp, roles_bp, credentials_bp):
        app.register_blueprint(blueprint)
    from webapp.api import bp as api_bp
    app.register_blueprint(api_bp)
    from webapp.alerts import bp as alerts_bp
    app.register_blueprint(alerts_bp)
    from webapp.admin import bp as admin_bp
    app.register_blueprint(admin_bp)
    from webapp.widget import bp as widget_bp, networks
    networks.init_app(app)
    app.register_blueprint(widget_bp)
    register_error_pages(app)
    return app


def register_error_pages(app: Flask) -> None:
    app.register_error_handler(404, lambda _error: (render_template("404.html"), 404))
    app.register_error_handler(413, lambda _error: (render_template("413.html"), 413))
    app.register_error_handler(500, lambda _error: (render_template("500.html"), 500))
