"""Offline US geocoding from the `zipcodes` package: ZIP, city+state and state lookups.

The package scans its 42k-entry list on every call, so the lookup tables are built once, on first
use, and kept at module level; every later call is a dict lookup.
"""
from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import zipcodes

STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}
#: The inhabited territories, searchable as places like the states (their ZIPs are in the data).
TERRITORIES = {
    "PR": "Puerto Rico", "GU": "Guam", "VI": "U.S. Virgin Islands", "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}
STATES.update(TERRITORIES)
_STATE_BY_NAME = {name.upper().replace(".", ""): code for code, name in STATES.items()}
_STATE_BY_NAME.update({"VIRGIN ISLANDS": "VI", "US VIRGIN ISLANDS": "VI", "USVI": "VI",
                       "COMMONWEALTH OF PUERTO RICO": "PR", "CNMI": "MP", "SAMOA": "AS"})
_STATE_BY_NAME.update({name.replace(" OF ", " "): code for name, code in list(_STATE_BY_NAME.items()) if " OF " in name})
#: Common written forms the ZIP data does not use (it spells "Saint", "Fort", "Mount").
_WORD_FORMS = {"ST": "SAINT", "STE": "SAINTE", "FT": "FORT", "MT": "MOUNT"}
_CITY_ALIASES = {("MANHATTAN", "NY"): ("NEW YORK", "NY"), ("NYC", "NY"): ("NEW YORK", "NY")}
#: Names people type for a city without its state.
_NICKNAMES = {"NYC": ("NEW YORK", "NY"), "PHILLY": ("PHILADELPHIA", "PA")}
#: A city typed alone at the end of a search ("peer jobs columbus") counts as its place only when
#: it is a sizable one somewhere (this many ZIPs), so "peer mentor" never means Mentor, OH.
_SIZABLE_ZIPS = 10
_EARTH_RADIUS_MILES = 3958.8
_DOMINANT_ZIPS, _DOMINANT_RATIO = 20, 5
_ZIP_RE = re.compile(r"^(\d{5})(?:-?\d{4})?$")
_COUNTY_WORD = re.compile(r" (?:COUNTY|PARISH|BOROUGH)$")


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    city: str | None
    state: str | None
    postal_code: str | None
    kind: str  # "zip" | "city" | "state"
    label: str


@dataclass
class _Tables:
    zips: dict[str, Place]
    cities: dict[tuple[str, str], Place]
    city_states: dict[str, list[tuple[int, str]]]  # city -> [(zip count, state)], biggest first
    states: dict[str, Place]


_tables: _Tables | None = None
_tables_lock = threading.Lock()


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """Upper case, punctuation a space, abbreviations spelled out, as the ZIP data writes names:
    "St. Louis" is "SAINT LOUIS", "O'Fallon" is "O FALLON", "Winston-Salem" is "WINSTON SALEM"."""
    words = re.sub(r"[^A-Z0-9]+", " ", text.upper().replace(".", "")).split()
    return " ".join(_WORD_FORMS.get(word, word) for word in words)


def display_name(city: str) -> str:
    """The package writes "Winston-salem"; show "Winston-Salem"."""
    return "-".join(part[:1].upper() + part[1:] for part in city.split("-"))


def _spelling(rows: list[dict]) -> str:
    """The way most of a city's ZIPs write its name ("Winston Salem" over "Winston-salem")."""
    spellings = [row["city"] for row in rows]
    return display_name(max(set(spellings), key=lambda spelling: (spellings.count(spelling), spelling)))


def _centroid(rows: list[dict]) -> tuple[float, float]:
    """Mean of STANDARD ZIPs when there are any (PO boxes cluster at post offices)."""
    standard = [row for row in rows if row["zip_code_type"] == "STANDARD"] or rows
    return sum(r["lat"] for r in standard) / len(standard), sum(r["long"] for r in standard) / len(standard)


def _group(rows: list[dict], key) -> dict:
    groups: dict = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def _city_place(name: str, state: str, rows: list[dict]) -> Place:
    lat, lon = _centroid(rows)
    return Place(lat, lon, name, state, None, "city", f"{name}, {state}")


def _build_tables() -> _Tables:
    rows = [dict(row, lat=float(row["lat"]), long=float(row["long"]))
            for row in zipcodes.list_all() if _has_position(row)]
    zips = {r["zip_code"]: Place(r["lat"], r["long"], display_name(r["city"]), r["state"],
                                 r["zip_code"], "zip", r["zip_code"]) for r in rows}
    cities = {}
    for (county, state), group in _group(rows, lambda r: (normalize_name(r["county"] or ""), r["state"])).items():
        name = _COUNTY_WORD.sub("", county)
        cities[(name, state)] = _city_place(name.title(), state, group)  # "Queens, NY"
    by_city = _group(rows, lambda r: (normalize_name(r["city"]), r["state"]))
    for (city, state), group in by_city.items():
        cities[(city, state)] = _city_place(_spelling(group), state, group)
    states = {code: Place(*_centroid(group), None, code, None, "state", STATES[code])
              for code, group in _group(rows, lambda r: r["state"]).items() if code in STATES}
    return _Tables(zips, cities, _city_states(by_city), states)


def _city_states(by_city: dict[tuple[str, str], list[dict]]) -> dict[str, list[tuple[int, str]]]:
    """city -> [(ZIP count, state)], biggest first; a ZIP without a position still counts to its
    city's size."""
    counts = Counter((normalize_name(row["city"]), row["state"]) for row in zipcodes.list_all())
    sizes: dict[str, list[tuple[int, str]]] = {}
    for city, state in by_city:
        sizes.setdefault(city, []).append((counts[(city, state)], state))
    return {city: sorted(found, reverse=True) for city, found in sizes.items()}


def _has_position(row: dict) -> bool:
    """Some rows of the data set carry "0", "0" (a point in the Atlantic) for unknown."""
    try:
        return abs(float(row["lat"])) > 0.5 and abs(float(row["long"])) > 0.5
    except (TypeError, ValueError):
        return False


def warm() -> None:
    """Build the place tables now (a second or more) rather than on the first search.

    A server calls this before it forks its workers, which then share the tables."""
    _get_tables()


def _get_tables() -> _Tables:
    global _tables
    if _tables is None:
        with _tables_lock:
            if _tables is None:
                _tables = _build_tables()
    return _tables


def state_code(text: str | None) -> str | None:
    """"Ohio", "oh", "OH" -> "OH"; None for anything that is not a US state, DC or a territory."""
    if not text:
        return None
    plain = str(text).strip().upper().replace(".", "")
    if plain in STATES:  # before normalize_name, which reads "MT" as "MOUNT"
        return plain
    key = normalize_name(str(text))
    if key in STATES:
        return key
    return _STATE_BY_NAME.get(key)


def _zip_place(text: str | None) -> Place | None:
    match = _ZIP_RE.match(str(text or "").strip())
    return _get_tables().zips.get(match.group(1)) if match else None


def _city(city: str, state: str) -> Place | None:
    """A city, or a county ("Montgomery County", "Orleans Parish") by the centroid of its ZIPs."""
    name = normalize_name(str(city))
    key = _CITY_ALIASES.get((name, state), (name, state))
    found = _get_tables().cities.get(key)
    if found is None and _COUNTY_WORD.search(name):
        found = _get_tables().cities.get((_COUNTY_WORD.sub("", name), state))
    return found


def locate(city: str | None, state: str | None, postal_code: str | None) -> Place | None:
    """Where a posting is: its ZIP (5-digit prefix of a ZIP+4) first, else its city and state."""
    place = _zip_place(postal_code)
    if place is not None:
        return place
    code = state_code(state)
    if city and code:
        return _city(city, code)
    return None


def city_sizes() -> Iterator[tuple[str, Place, int]]:
    """Every city of the data: its normalized name, its place, and how many ZIP codes it has."""
    tables = _get_tables()
    for city, sizes in tables.city_states.items():
        for zip_count, state in sizes:
            yield city, tables.cities[(city, state)], zip_count


def _split_state(text: str) -> tuple[str, str | None]:
    """("Dayton", "OH") from "Dayton, OH", "dayton oh", "Dayton, Ohio" or "Kansas City Missouri"."""
    if "," in text:
        head, _, tail = text.rpartition(",")
        return head.strip(), state_code(tail)
    words = text.split()
    for size in (3, 2, 1):
        if len(words) > size and state_code(" ".join(words[-size:])):
            return " ".join(words[:-size]), state_code(" ".join(words[-size:]))
    return text, None


def _city_anywhere(city: str) -> Place | None:
    """A bare city name: the state where that city has the most ZIPs (Chicago -> IL)."""
    if normalize_name(city) in _NICKNAMES:
        return _city(*_NICKNAMES[normalize_name(city)])
    choices = _get_tables().city_states.get(normalize_name(city))
    return _city(city, choices[0][1]) if choices else None


def typed_place(text: str) -> Place | None:
    """A place closing a search without "in" or "near": a ZIP, a state by name (or its code in
    capitals), a city with its state, or a sizable city alone; None for anything weaker."""
    text = (text or "").strip(" ,")
    if _ZIP_RE.match(text) or (state_code(text) and (len(text) > 2 or text.isupper())):
        return parse_where(text)
    city, code = _split_state(text)
    if city and code:
        return _city(city, code)
    sizes = _get_tables().city_states.get(normalize_name(text), []) if text else []
    sizable = normalize_name(text) in _NICKNAMES or (sizes and sizes[0][0] >= _SIZABLE_ZIPS)
    return _city_anywhere(text) if sizable else None


def city_states(city: str) -> list[str]:
    """The states that have a city of this name, the one with most ZIPs first."""
    return [state for _, state in _get_tables().city_states.get(normalize_name(city), [])]


def likely_state(city: str) -> str | None:
    """The state a city named alone is in: the only one with that name, or one that dwarfs the
    others (Dayton, OH has 49 ZIPs, every other Dayton one); None when several are likely
    (Springfield, IL, MA, MO; Columbus, OH, GA) or none has the name."""
    sizes = _get_tables().city_states.get(normalize_name(city), [])
    if len(sizes) == 1:
        return sizes[0][1]
    if sizes and sizes[0][0] >= _DOMINANT_ZIPS and sizes[0][0] >= _DOMINANT_RATIO * sizes[1][0]:
        return sizes[0][1]
    return None


def parse_where(text: str) -> Place | None:
    """The search box's "where": a ZIP, a state, "City, ST" or a bare city; None when not found."""
    text = (text or "").strip()[:200]
    zip_match = re.search(r"\b\d{5}(?:-\d{4})?\b", text)
    if zip_match:
        return _zip_place(zip_match.group(0))
    code = state_code(text)
    if code:
        return _get_tables().states.get(code)
    city, code = _split_state(text)
    if code and city:
        return _city(city, code)
    return _city_anywhere(text) if text and "," not in text else None


def distance_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance, good to well under a mile at job-search scale."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_MILES * math.asin(math.sqrt(min(1.0, a)))
