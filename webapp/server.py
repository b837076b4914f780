"""Serve the app with gunicorn sync workers; Flask's development server is never used."""
from __future__ import annotations

from typing import Any, Callable

from flask import Flask
from gunicorn.app.base import BaseApplication


class PeerJobsServer(BaseApplication):
    """Each worker calls the factory itself (no preload), so each has its own engine and index."""

    def __init__(self, app_factory: Callable[[], Flask], options: dict[str, Any]):
        self.app_factory = app_factory
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> Flask:
        return self.app_factory()


def serve(app_factory: Callable[[], Flask], host: str = "127.0.0.1", port: int = 5000,
          workers: int = 2, **options: Any) -> None:
    """Run until stopped. No access log: PeerJobs keeps no record of searches."""
    settings = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync",
        "preload_app": False,
        "accesslog": None,
        "errorlog": "-",
        "control_socket_disable": True,
        "proc_name": "peerjobs",
        "timeout": 30,
    }
    settings.update(options)
    warm_place_tables()
    PeerJobsServer(app_factory, settings).run()


def warm_place_tables() -> None:
    """Workers are forked from this process: tables built here are shared, not rebuilt per worker."""
    from indexer.parsers import geo
    from indexer.parsers import places
    geo.warm()
    places.suggest("a")
