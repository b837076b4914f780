"""The widget's language: the one the embedding site asks for (`lang`: the script's data-lang, the
frame's &lang=), else the network's preset (config/networks.yaml `language`)."""
from __future__ import annotations

from typing import Any, Mapping

from flask import g
from flask_babel import refresh

from indexer.networks import LANGUAGES, Network


def asked_language_error(args: Mapping[str, Any]) -> list[str]:
    asked = args.get("lang")
    if asked is None or asked in LANGUAGES:
        return []
    return [f"lang must be one of {', '.join(LANGUAGES)}"]


def widget_language(network: Network, args: Mapping[str, Any]) -> str:
    asked = args.get("lang")
    return asked if asked in LANGUAGES else network.language


def speak(lang: str) -> str:
    """From here on in this request, words, formats and links to public pages are in `lang`."""
    g.lang = lang
    refresh()
    return lang
