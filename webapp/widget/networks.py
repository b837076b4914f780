"""The peer networks of config/networks.yaml, read once when the app starts (indexer.networks)."""
from __future__ import annotations

from pathlib import Path

from flask import current_app

from indexer.networks import Network, Networks, load_networks  # noqa: F401  (Network: the widget's type)


def init_app(app) -> None:
    settings, taxonomy = app.config["PEERJOBS_SETTINGS"], app.extensions["peerjobs_taxonomy"]
    app.extensions["peerjobs_networks"] = load_networks(Path(settings.networks_file), taxonomy)


def get_networks() -> Networks:
    return current_app.extensions["peerjobs_networks"]
