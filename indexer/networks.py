"""Peer networks that embed the search widget: config/networks.yaml read into `Network` objects.

The web app reads the file once when it starts (webapp/widget/networks.py). An entry with a mistake is left out and the reason
logged (and listed on the admin area's widgets page); the other networks keep working.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from indexer.parsers import geo
from indexer.taxonomy import Taxonomy, taxonomy_or_none
from indexer.search.params import RADII, clean_text
from indexer.network_values import COLOUR_PATTERN, contrast_on_white, is_network_id, origin_of

log = logging.getLogger(__name__)

DEFAULT_ACCENT = "#0b5d5b"
#: Text on the accent colour is white: WCAG AA for normal text.
MIN_CONTRAST = 4.5
MAX_RESULTS = 20
MAX_NAME = 80
FIELDS = ("id", "name", "origins", "filters", "accent", "results", "show_filters", "show_alerts", "language")
#: The languages the widget speaks (the public pages' languages: English, and Spanish under /es/).
LANGUAGES = ("en", "es")
FILTER_FIELDS = ("states", "categories", "where", "radius", "remote")


class NetworkError(ValueError):
    """A network entry that cannot be used, with the reason in words."""


@dataclass(frozen=True)
class Network:
    id: str
    name: str
    #: The sites that may embed the widget, as origins: scheme://host[:port].
    origins: tuple[str, ...]
    #: A fixed scope: the widget only shows jobs in these states (empty: every state).
    states: tuple[str, ...] = ()
    #: The role choices the widget offers (empty: every category).
    categories: tuple[str, ...] = ()
    where: str = ""
    radius: int = 25
    remote: bool = False
    accent: str = DEFAULT_ACCENT
    results: int = 10
    show_filters: bool = True
    show_alerts: bool = True
    #: The widget's language unless the embedding site asks for another (data-lang, ?lang=).
    language: str = "en"

    def allows(self, origin: str | None) -> bool:
        return origin is not None and origin_of(origin) in self.origins


@dataclass
class Networks:
    """The networks that loaded, by id, and the problems of those that did not."""

    by_id: dict[str, Network] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def get(self, network_id: str | None) -> Network | None:
        return self.by_id.get(network_id or "")

    def __iter__(self) -> Iterator[Network]:
        return iter(sorted(self.by_id.values(), key=lambda network: network.name.lower()))

    def __len__(self) -> int:
        return len(self.by_id)


def parse_network(entry: Any, taxonomy: Taxonomy) -> Network:
    """One entry of networks.yaml as a Network; NetworkError names the first thing wrong."""
    if not isinstance(entry, dict):
        raise NetworkError("each network must be a mapping with id, name and origins")
    unknown = sorted(str(name) for name in entry if name not in FIELDS)
    if unknown:
        raise NetworkError(f"unknown field “{unknown[0][:40]}”; the fields are {', '.join(FIELDS)}")
    network_id = entry.get("id")
    if not is_network_id(network_id):
        raise NetworkError("id must be 1 to 60 lower-case letters, digits and hyphens, like ohio-peer-network")
    name = entry.get("name")
    if not isinstance(name, str) or not clean_text(name) or len(name) > MAX_NAME:
        raise NetworkError(f"{network_id}: name must be text of 1 to {MAX_NAME} characters")
    return Network(id=network_id, name=clean_text(name), origins=parse_origins(network_id, entry.get("origins")),
                   **parse_filters(network_id, entry.get("filters") or {}, taxonomy),
                   accent=parse_accent(network_id, entry.get("accent", DEFAULT_ACCENT)),
                   results=parse_results(network_id, entry.get("results", 10)),
                   show_filters=parse_flag(network_id, "show_filters", entry.get("show_filters", True)),
                   show_alerts=parse_flag(network_id, "show_alerts", entry.get("show_alerts", True)),
                   language=parse_language(network_id, entry.get("language", "en")))


def parse_origins(network_id: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise NetworkError(f"{network_id}: origins must be a list of sites like https://peers.example")
    origins = []
    for text in value:
        origin = origin_of(text)
        if origin is None:
            raise NetworkError(f"{network_id}: “{str(text)[:80]}” is not an origin; write "
                               "scheme://host[:port] with no path, like https://peers.example")
        origins.append(origin)
    return tuple(dict.fromkeys(origins))


def parse_filters(network_id: str, filters: Any, taxonomy: Taxonomy) -> dict[str, Any]:
    if not isinstance(filters, dict):
        raise NetworkError(f"{network_id}: filters must be a mapping of {', '.join(FILTER_FIELDS)}")
    unknown = sorted(str(name) for name in filters if name not in FILTER_FIELDS)
    if unknown:
        raise NetworkError(f"{network_id}: unknown filter “{unknown[0][:40]}”; the filters are "
                           f"{', '.join(FILTER_FIELDS)}")
    states = [geo.state_code(state) if isinstance(state, str) else None for state in as_list(filters.get("states"))]
    if None in states:
        raise NetworkError(f"{network_id}: states must be US states, like OH or Ohio")
    categories = as_list(filters.get("categories"))
    for category in categories:
        if not isinstance(category, str) or taxonomy.category(category) is None:
            raise NetworkError(f"{network_id}: unknown category “{str(category)[:40]}”; "
                               "the categories are in config/taxonomy.yaml")
    where, radius = filters.get("where") or "", filters.get("radius", 25)
    if not isinstance(where, str) or len(where) > 100:
        raise NetworkError(f"{network_id}: where must be a place of at most 100 characters, like Dayton, OH")
    if isinstance(radius, bool) or radius not in RADII:
        raise NetworkError(f"{network_id}: radius must be one of {', '.join(map(str, RADII))} (miles)")
    return {"states": tuple(dict.fromkeys(states)), "categories": tuple(dict.fromkeys(categories)),
            "where": clean_text(where), "radius": radius,
            "remote": parse_flag(network_id, "filters.remote", filters.get("remote", False))}


def parse_accent(network_id: str, value: Any) -> str:
    if not isinstance(value, str) or not COLOUR_PATTERN.fullmatch(value):
        raise NetworkError(f"{network_id}: accent must be a colour like #1d4ed8")
    ratio = contrast_on_white(value)
    if ratio < MIN_CONTRAST:
        raise NetworkError(f"{network_id}: accent {value} has a contrast of {ratio:.1f}:1 with white text; "
                           f"it needs at least {MIN_CONTRAST}:1 (choose a darker colour)")
    return value.lower()


def parse_results(network_id: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_RESULTS:
        raise NetworkError(f"{network_id}: results must be a whole number from 1 to {MAX_RESULTS}")
    return value


def parse_language(network_id: str, value: Any) -> str:
    if value not in LANGUAGES:
        raise NetworkError(f"{network_id}: language must be one of {', '.join(LANGUAGES)}")
    return value


def parse_flag(network_id: str, name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise NetworkError(f"{network_id}: {name} must be true or false")
    return value


def as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def load_networks(path: Path, taxonomy: Taxonomy) -> Networks:
    """Every usable network in the file; the others are listed in `problems` and logged."""
    networks = Networks()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {"networks": []}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        networks.problems.append(f"{path}: cannot be read: {error}")
        data = {}
    entries = data.get("networks") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        entries = []
        if not networks.problems:
            networks.problems.append(f"{path}: expected “networks:” followed by a list of networks")
    for number, entry in enumerate(entries, start=1):
        try:
            network = parse_network(entry, taxonomy)
        except NetworkError as error:
            networks.problems.append(f"{path.name}, network {number}: {error}; left out")
            continue
        if network.id in networks.by_id:
            networks.problems.append(f"{path.name}, network {number}: the id {network.id} is taken; left out")
            continue
        networks.by_id[network.id] = network
    for problem in networks.problems:
        log.warning("%s", problem)
    return networks


@lru_cache(maxsize=4)
def network_names(path: Path) -> dict[str, str]:
    """Id -> name of the networks in a file, for emails sent outside the web app."""
    taxonomy = taxonomy_or_none()
    if taxonomy is None:
        return {}
    return {network.id: network.name for network in load_networks(Path(path), taxonomy)}
