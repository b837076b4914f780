"""The OpenAPI document: a YAML file beside this module, read once when the app is built."""
from __future__ import annotations

from pathlib import Path

import yaml
from flask import Response, current_app, jsonify

from webapp.api import bp

OPENAPI_FILE = Path(__file__).with_name("openapi.yaml")


def load_document(path: Path = OPENAPI_FILE) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@bp.record_once
def keep_document(state) -> None:
    state.app.extensions["peerjobs_openapi"] = load_document()


@bp.get("/openapi.json")
def openapi_document() -> Response:
    return jsonify(current_app.extensions["peerjobs_openapi"])
