"""One search index per app, so each worker process keeps and reuses its own searcher."""
from __future__ import annotations

import weakref

from flask import Flask, current_app

from indexer.search import SearchIndex


def init_app(app: Flask) -> None:
    index = SearchIndex(app.config["PEERJOBS_SETTINGS"].index_dir)
    app.extensions["peerjobs_index"] = index
    weakref.finalize(app, index.close)


def get_index() -> SearchIndex:
    return current_app.extensions["peerjobs_index"]
