"""Free location text into places: "Dayton, OH 45402", "45402", "Ohio", "Remote - OH",
"Hybrid - Columbus, Ohio", "Dayton, OH; Columbus, OH", "123 Main St, Dayton, OH, US", "US-WI-Milwaukee".

Each place keeps what the text says (city, state code, postal code as written) and whether it is
remote (and where: a state code, or "US" when the text names the country) or hybrid. Places are
found by splitting on ";", "|", "/", "or", "and" and line breaks; a city with no state of its own
takes the state named next to it ("Dayton and Columbus, OH"). Remarks in parentheses that name no
place ("Dayton, OH (Main Campus)") are left out. Geocoding is indexer.geo's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from indexer.parsers import geo
from indexer.parsers.labels import read_label, split_words
from indexer.parsers.countries import country_code, field_country
from indexer.parsers.remote_scope import ABROAD


@dataclass(frozen=True)
class PlaceText:
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    remote: bool = False
    remote_area: str | None = None  # a remote place's area: a state code, or "US"
    hybrid: bool = False
    country: str | None = None  # a country other than the US that the text names, by ISO code: "CA"


_SEPARATORS = re.compile(r"[;|•\n/]|\s(?:or|and|&)\s")  # lower case only: "OR" and "IN" are states
_REMOTE = re.compile(r"\b(?:remote|work(?:ing)? from home|wfh|telecommut\w*|telework\w*|virtual|anywhere)\b", re.I)
_HYBRID = re.compile(r"\bhybrid\b", re.I)
_NOISE = re.compile(r"\b(?:remote job|remote|work(?:ing)? from home|wfh|telecommut\w*|telework\w*|virtual|"
                    r"anywhere|hybrid|on-?site|in[- ]person|statewide|only|based|residents?|must (?:reside|live)|"
                    r"position|location|negotiable after selection|(?-i:in|within|the|of))\b|[()\[\]]", re.I)
_MULTIPLE = re.compile(r"^\W*(?:\d+\s+locations?|(?:multiple|various|several)(?:\s+locations?)?|tbd|n/?a)\W*$", re.I)
_ZIP = re.compile(r"(?<![\d-])(\d{5})(?:-\d{4})?(?![\d-])")
_CODED = re.compile(r"^\s*(?:[A-Z]{2}-)?([A-Z]{2})\s?-\s?([^,]+?)\s*$")  # iCIMS: country-state-city; "OH-Columbus"
_PARTS = re.compile(r",|\s[-–—]+\s|\s[–—]|[–—]\s")
_REMARK = re.compile(r"\(([^()]*)\)")


def parse_locations(text: object) -> list[PlaceText]:
    """Every place a location text names, in order, without repeats."""
    if not isinstance(text, str) or not text.strip():
        return []
    return list(_parsed(text[:1000]))


@lru_cache(maxsize=8192)
def _parsed(text: str) -> tuple[PlaceText, ...]:
    """A crawl sees the same few labels over and over: each is read once."""
    if _MULTIPLE.match(text):
        return ()
    places = [place for part in _SEPARATORS.split(text) for place in _parse_part(part)]
    if any(place.remote for place in places):
        places = [_remote_state(place) for place in places]
    return tuple(dict.fromkeys(_states_shared(places)))


def _remote_state(place: PlaceText) -> PlaceText:
    """In a remote label, a part naming only a state is where the remote work is open: "Remote in
    Ohio or Kentucky"."""
    alone = place.state and not (place.city or place.postal_code or place.country)
    return replace(place, remote=True, remote_area=place.state) if alone else place


def mentions_remote(*texts: object) -> bool:
    """Whether any text says the work is remote: "Remote", "Telework", "Work from home"."""
    return any(isinstance(text, str) and bool(_REMOTE.search(text)) for text in texts)


def place_from_fields(city: str | None, region: str | None, postal_code: str | None,
                      country: str | None = None) -> list[PlaceText]:
    """A structured address (city, region, postal code as given); a city field holding free text
    ("Remote - OH", "Dayton, OH 45402", "Dayton / Springfield") is read as text. A country other
    than the US makes the place abroad, whatever its region ("Ontario, CA" with country "CA")."""
    city, region, postal_code = ((value or "").strip() or None for value in (city, region, postal_code))
    abroad = field_country(country)
    if abroad and abroad != "US":
        return _abroad_fields(city, region, abroad)
    if city and _is_free_text(city, bool(region or postal_code)):
        return parse_locations(", ".join(part for part in (city, region, postal_code) if part))
    code = geo.state_code(region)
    if region and not (city or code or postal_code):
        return parse_locations(region)
    return [PlaceText(city, code, postal_code)] if city or code or postal_code else []


def _abroad_fields(city: str | None, region: str | None, country: str) -> list[PlaceText]:
    remote = mentions_remote(city, region)
    places = [place for place in parse_locations(", ".join(filter(None, (city, region)))) if place.country]
    return places or [PlaceText(None if remote else city, None, None, remote, ABROAD if remote else None,
                                country=country)]


def _is_free_text(city: str, other_fields: bool) -> bool:
    if _REMOTE.search(city) or _HYBRID.search(city) or _SEPARATORS.search(city) or _CODED.match(city):
        return True
    return not other_fields and bool("," in city or _ZIP.search(city) or split_words(city)[1])


def _postal(text: str | None) -> str | None:
    match = _ZIP.search(text or "")
    return match.group(0) if match else None


def _parse_part(part: str) -> list[PlaceText]:
    if _MULTIPLE.match(part) or not part.strip():
        return []
    remote, hybrid = bool(_REMOTE.search(part)), bool(_HYBRID.search(part))
    part = _without_remarks(_uncoded(part))
    tokens = _tokens(part)
    states = [geo.state_code(token) for token in tokens]
    if remote and len(tokens) > 1 and all(states) and len(set(states)) == len(states):
        return [PlaceText(None, state, None, True, state, hybrid) for state in states]
    label = read_label(tokens)
    postal = None if label.country else _postal(part)
    if not (label.city or label.state or postal or remote or label.country):
        return []
    area = (ABROAD if label.country else label.state or ("US" if label.national else None)) if remote else None
    place = PlaceText(label.city, label.state, postal, remote, area, hybrid, label.country)
    return [replace(place, city=name, postal_code=None) for name in label.others] + [place]


def _tokens(part: str) -> list[str]:
    """The label's parts between commas and spaced dashes, without remote words, ZIPs and remarks."""
    text = _NOISE.sub(" ", _ZIP.sub(" ", part))
    tokens = (token.strip(" -–—:.'\"") for token in _PARTS.split(text))
    return [token for token in tokens if token and not _MULTIPLE.match(token)]


def _uncoded(part: str) -> str:
    """"US-WI-Milwaukee" as "Milwaukee, WI"; "US-WI-Remote" as "Remote, WI"."""
    coded = _CODED.match(part)
    return f"{coded.group(2)}, {coded.group(1)}" if coded and geo.state_code(coded.group(1)) else part


def _without_remarks(part: str) -> str:
    """"Dayton, OH (remote eligible)" as "Dayton, OH"; "Remote (Maryland)" keeps its state."""
    return _REMARK.sub(lambda remark: remark.group(0) if _names_area(remark.group(1)) else " ", part)


def _names_area(text: str) -> bool:
    tokens = [token.strip(" -–—:.'\"") for token in _NOISE.sub(" ", text).split(",")]
    tokens = [token for token in tokens if token]
    return any(geo.state_code(token) or country_code(token) for token in tokens) or \
        bool(tokens and split_words(tokens[-1])[1])


def _states_shared(places: list[PlaceText]) -> list[PlaceText]:
    """A city without a state or ZIP takes the state of the nearest place after it, else before it."""
    states = [place.state for place in places]
    shared = []
    for index, place in enumerate(places):
        if place.city and not place.state and not place.postal_code and not place.country:
            nearby = [s for s in states[index + 1:] + states[:index][::-1] if s]
            place = replace(place, state=nearby[0]) if nearby else place
        shared.append(place)
    return shared
