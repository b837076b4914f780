"""Type-ahead for the "where" box: US cities whose names start with what was typed, offline.

The cities, their names and positions are indexer.geo's, so a suggestion is always a place the
search finds. The `zipcodes` package has no population figures, so a city's size is read from
how many ZIP codes it has: Houston (190) before Houston, MO (1). The sorted table of names is
built once, on first use.
"""
from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass

from indexer.parsers import geo
from indexer.parsers.geo import STATES

MAX_SUGGESTIONS = 10
MAX_TYPED = 100


@dataclass(frozen=True)
class PlaceSuggestion:
    label: str  # what goes into the where box: "Dayton, OH"
    city: str
    state: str
    zip_codes: int
    latitude: float
    longitude: float


@dataclass(frozen=True)
class _Entry:
    key: str  # the normalized city name, the table's sort key
    suggestion: PlaceSuggestion


_entries: list[_Entry] | None = None
_keys: list[str] = []
_lock = threading.Lock()


def _build() -> list[_Entry]:
    """One entry per city and state ("Winston Salem" and "Winston-Salem" are one), sorted by name."""
    entries = [_Entry(key, PlaceSuggestion(place.label, place.city or "", place.state or "", zip_count,
                                           round(place.latitude, 4), round(place.longitude, 4)))
               for key, place, zip_count in geo.city_sizes() if place.state in STATES]
    return sorted(entries, key=lambda entry: entry.key)


def _table() -> tuple[list[_Entry], list[str]]:
    global _entries, _keys
    if _entries is None:
        with _lock:
            if _entries is None:
                built = _build()
                _keys = [entry.key for entry in built]
                _entries = built
    return _entries, _keys


def _split(typed: str) -> tuple[str, str | None]:
    """("DAYTON", "O") from "Dayton, O": after a comma the city is whole and the state narrows."""
    city, comma, state = typed.partition(",")
    return geo.normalize_name(city), " ".join(re.sub(r"[^A-Z ]+", " ", state.upper()).split()) if comma else None


def _matches(entry: _Entry, city: str, typed_state: str | None) -> bool:
    if typed_state is None:
        return True
    return entry.key == city and _state_matches(entry.suggestion.state, typed_state)


def _state_matches(state: str, typed_state: str) -> bool:
    """"OH", "Ohio", "oh" and "O" all admit Ohio ("MT" is Montana here, never "Mount")."""
    if typed_state in STATES:
        return state == typed_state
    return not typed_state or STATES[state].upper().startswith(typed_state) or state.startswith(typed_state)


def suggest(typed: str, limit: int = MAX_SUGGESTIONS) -> list[PlaceSuggestion]:
    """Cities starting with the typed name, bigger places first, an exact name first among equals."""
    city, typed_state = _split((typed or "")[:MAX_TYPED])
    if not city:
        return []
    entries, keys = _table()
    start = bisect.bisect_left(keys, city)
    end = bisect.bisect_left(keys, city + "\uffff", lo=start)
    found = [entry for entry in entries[start:end] if _matches(entry, city, typed_state)]
    found.sort(key=lambda entry: (-entry.suggestion.zip_codes, entry.key != city, entry.key,
                                  entry.suggestion.state))
    return [entry.suggestion for entry in found[:max(0, min(limit, MAX_SUGGESTIONS))]]
