"""Per-document values of the index as arrays (docnum -> value), and the filters over them.

Filtering, facets, distances and date order run here, on numpy arrays built once per index
segment, instead of inside the text engine's scorer, where each of them costs a Python call per
matching document. Strings (category, state, ...) become small integer codes from a process-wide
Vocabulary whose codes never change, so arrays cached for one segment stay valid for the next.
"""
from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from datetime import date

import numpy as np

from indexer.parsers import geo
from indexer.search.conditions import condition_counts, condition_masks
from indexer.search.query import FACETS, SearchQuery

PEER, OPEN, REMOTE, PAY, CERTIFICATION_REQUIRED = 1, 2, 4, 8, 16
EARTH_RADIUS_MILES = 3958.8


class Vocabulary:
    """value <-> code, code 0 meaning "no value"; codes are only ever added."""

    def __init__(self, limit: int = 1 << 30):
        self.values, self._codes, self._limit = [""], {"": 0}, limit
        self._lock = threading.Lock()

    def code(self, value: str) -> int:
        found = self._codes.get(value)
        if found is None:
            with self._lock:
                found = self._codes.get(value)
                if found is None and len(self.values) < self._limit:
                    found = self._codes[value] = len(self.values)
                    self.values.append(value)
        return found or 0

    def known(self, values) -> list[int]:
        """Codes of values already seen; unseen values match nothing, so they need no code."""
        return [self._codes[value] for value in values if value in self._codes]


VALUES = Vocabulary()  # categories, states, employment types, remote areas
SETTINGS = Vocabulary(limit=64)  # a setting's code is its bit in a uint64 mask (bit code - 1)


def settings_mask(text: str) -> int:
    mask = 0
    for setting in text.split():
        code = SETTINGS.code(setting)
        mask |= 1 << (code - 1) if code else 0
    return mask


@dataclass
class Columns:
    """One entry per docnum of a searcher: the concatenation of its segments' arrays."""
    live: np.ndarray
    flags: np.ndarray
    latitude: np.ndarray
    longitude: np.ndarray
    posted: np.ndarray  # date ordinal (date posted, else first seen); 0 when unknown
    hourly: np.ndarray  # the top of the posted hourly range; NaN when not given
    monthly: np.ndarray  # monthly pay at the posted hours, high ends of pay and hours; NaN when not known
    category: np.ndarray
    state: np.ndarray
    employment_type: np.ndarray
    remote_area: np.ndarray
    settings: np.ndarray
    conditions: np.ndarray  # bits of indexer.search.conditions

    @classmethod
    def concat(cls, segments: list[dict[str, np.ndarray]]) -> "Columns":
        if not segments:
            return cls(**{name: np.zeros(0, dtype) for name, dtype in EMPTY.items()})
        return cls(**{name: np.concatenate([segment[name] for segment in segments]) for name in EMPTY})

    def __len__(self) -> int:
        return len(self.live)


EMPTY = dict(live=bool, flags=np.uint8, latitude=float, longitude=float, posted=np.int32, hourly=np.float32, monthly=np.float32,
             category=np.int32, state=np.int32, employment_type=np.int32, remote_area=np.int32, settings=np.uint64,
             conditions=np.uint32)


def filter_masks(columns: Columns, query: SearchQuery, today: date,
                 ssdi_limit: float | None = None) -> dict[str, np.ndarray]:
    """One boolean array per active filter (place and words are added by the caller)."""
    flags, masks = columns.flags, {"live": columns.live}
    flag_filters = ((not query.include_non_peer, PEER, True), (not query.include_closed, OPEN, True),
                    (query.remote, REMOTE, True), (query.pay_disclosed, PAY, True),
                    (query.no_certification_required, CERTIFICATION_REQUIRED, False))
    for active, flag, wanted in flag_filters:
        if active:
            masks[f"flag{flag}"] = (flags & flag != 0) == wanted
    for name in ("category", "employment_type", "state"):
        if getattr(query, name):
            masks[name] = np.isin(getattr(columns, name), VALUES.known(getattr(query, name)))
    if query.setting:
        wanted = sum(1 << (code - 1) for code in SETTINGS.known(query.setting))
        masks["setting"] = columns.settings & np.uint64(wanted) != 0
    if query.posted_within:
        masks["posted"] = columns.posted >= today.toordinal() - query.posted_within
    if query.min_hourly:
        masks["hourly"] = columns.hourly >= query.min_hourly  # NaN compares False
    if query.fits_ssdi and ssdi_limit is not None:
        masks["fits_ssdi"] = columns.monthly <= ssdi_limit  # unknown pay or hours (NaN) is left out
    return masks | condition_masks(columns.conditions, query)


def place_mask(columns: Columns, place: geo.Place, radius: int) -> tuple[np.ndarray, np.ndarray | None]:
    """Postings in the place (or within `radius` miles of it), plus remote jobs open to its
    residents; for a radius, also the distance of each (NaN for remote jobs)."""
    remote = columns.flags & REMOTE != 0
    remote_here = remote & np.isin(columns.remote_area, areas_open_to(place.state))
    if place.kind == "state":
        return (columns.state == VALUES.code(place.state or "")) | remote_here, None
    distances = miles_from(columns, place.latitude, place.longitude, radius)
    distances[remote] = np.nan
    return (distances <= radius) | remote_here, distances


def areas_open_to(state: str | None) -> list[int]:
    """Codes of the remote areas whose people include a state's: the whole US, and every area
    ("CO", "ID OR WA") that lists the state."""
    return [code for code, value in enumerate(VALUES.values)
            if value == "US" or (state and value.isupper() and state in value.split())]


def miles_from(columns: Columns, latitude: float, longitude: float, radius: float) -> np.ndarray:
    """Haversine miles for the postings inside a box around the circle; NaN for the others."""
    dlat = radius / 69.0 * 1.01
    dlon = radius / (69.17 * max(0.05, math.cos(math.radians(latitude)))) * 1.01
    lat, lon = columns.latitude, columns.longitude
    box = np.flatnonzero((np.abs(lat - latitude) <= dlat) & (np.abs(lon - longitude) <= dlon))
    distances = np.full(len(columns), np.nan)
    p1, p2 = math.radians(latitude), np.radians(lat[box])
    a = np.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(np.radians(lon[box] - longitude) / 2) ** 2
    distances[box] = 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.minimum(1.0, a)))
    return distances


def combine(masks: dict[str, np.ndarray]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """All filters AND-ed, and for each facet the same without that facet's own filter."""
    base = np.logical_and.reduce([mask for name, mask in masks.items() if name not in FACETS])
    facet_masks = {name: masks[name] for name in FACETS if name in masks}
    selected = np.logical_and.reduce([base, *facet_masks.values()])
    without = {}
    for name in FACETS:
        others = [mask for other, mask in facet_masks.items() if other != name]
        without[name] = np.logical_and.reduce([base, *others]) if name in facet_masks else selected
    return selected, without


def facet_counts(columns: Columns, without: dict[str, np.ndarray],
                 selected: np.ndarray) -> dict[str, list[tuple[str, int]]]:
    """(value, count) per facet, most frequent first, under the query minus the facet's filter;
    the conditions' counts in their own order."""
    facets = {}
    for name in ("category", "employment_type", "state"):
        counts = np.bincount(getattr(columns, name)[without[name]], minlength=len(VALUES.values))
        facets[name] = _ranked((VALUES.values[code], int(counts[code])) for code in np.flatnonzero(counts[1:]) + 1)
    chosen = columns.settings[without["setting"]]
    facets["setting"] = _ranked(
        (value, int(np.count_nonzero(chosen & np.uint64(1 << (code - 1)))))
        for code, value in enumerate(SETTINGS.values[1:], start=1))
    return facets | condition_counts(columns.conditions, without, selected)


def _ranked(pairs) -> list[tuple[str, int]]:
    return sorted(((value, count) for value, count in pairs if count), key=lambda pair: (-pair[1], pair[0]))


def top(docnums: np.ndarray, keys: list[np.ndarray], count: int) -> np.ndarray:
    """The first `count` docnums ordered by `keys` (ascending; the first key decides first),
    sorting only the candidates that can reach the page instead of every match."""
    if count <= 0 or len(docnums) == 0:
        return docnums[:0]
    if len(docnums) > 4 * count:
        cutoff = np.partition(keys[0], count - 1)[count - 1]
        near = keys[0] <= cutoff
        docnums, keys = docnums[near], [key[near] for key in keys]
    order = np.lexsort([docnums, *keys[::-1]])
    return docnums[order][:count]
