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

from indexer.parsers import geo


@dataclass(frozen=True)
class PlaceText:
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    remote: bool = False
    remote_area: str | None = None  # a remote place's area: a state code, or "US"
    hybrid: bool = False


_SEPARATORS = re.compile(r"[;|•\n/]|\s(?:or|and|&)\s")  # lower case only: "OR" and "IN" are states
_REMOTE = re.compile(r"\b(?:remote|work(?:ing)? from home|wfh|telecommut\w*|telework\w*|virtual|anywhere)\b", re.I)
_HYBRID = re.compile(r"\bhybrid\b", re.I)
_NOISE = re.compile(r"\b(?:remote job|remote|work(?:ing)? from home|wfh|telecommut\w*|telework\w*|virtual|"
                    r"anywhere|hybrid|on-?site|in[- ]person|statewide|only|based|residents?|must (?:reside|live)|"
                    r"position|location|negotiable after selection|(?-i:in|within|the|of))\b|[()\[\]]", re.I)
_MULTIPLE = re.compile(r"^\W*(?:\d+\s+locations?|(?:multiple|various|several)(?:\s+locations?)?|tbd|n/?a)\W*$", re.I)
_COUNTRY = re.compile(r"^(?:u\.?\s?s\.?(?:a\.?)?|united states(?: of america)?|america|nationwide)$", re.I)
_ZIP = re.compile(r"(?<![\d-])(\d{5})(?:-\d{4})?(?![\d-])")
_CODED = re.compile(r"^\s*[A-Z]{2}-([A-Z]{2})-(.+?)\s*$")  # iCIMS: country-state-city
_REMARK = re.compile(r"\(([^()]*)\)")


def parse_locations(text: object) -> list[PlaceText]:
    """Every place a location text names, in order, without repeats."""
    if not isinstance(text, str) or not text.strip() or _MULTIPLE.match(text):
        return []
    places = [place for part in _SEPARATORS.split(text[:1000]) for place in _parse_part(part)]
    places = _states_shared(places)
    return list(dict.fromkeys(places))


def mentions_remote(*texts: object) -> bool:
    """Whether any text says the work is remote: "Remote", "Telework", "Work from home"."""
    return any(isinstance(text, str) and bool(_REMOTE.search(text)) for text in texts)


def place_from_fields(city: str | None, region: str | None, postal_code: str | None) -> list[PlaceText]:
    """A structured address (city, region, postal code as given); a city field holding free text
    ("Remote - OH", "Dayton, OH 45402", "Dayton / Springfield") is read as text."""
    city, region, postal_code = ((value or "").strip() or None for value in (city, region, postal_code))
    if city and _is_free_text(city, bool(region or postal_code)):
        return parse_locations(", ".join(part for part in (city, region, postal_code) if part))
    code = geo.state_code(region)
    if region and not (city or code or postal_code):
        return parse_locations(region)
    return [PlaceText(city, code, postal_code)] if city or code or postal_code else []


def _is_free_text(city: str, other_fields: bool) -> bool:
    if _REMOTE.search(city) or _HYBRID.search(city) or _SEPARATORS.search(city) or _CODED.match(city):
        return True
    return not other_fields and bool("," in city or _ZIP.search(city) or _split_words(city)[1])


def _postal(text: str | None) -> str | None:
    match = _ZIP.search(text or "")
    return match.group(0) if match else None


def _parse_part(part: str) -> list[PlaceText]:
    if _MULTIPLE.match(part) or not part.strip():
        return []
    remote, hybrid = bool(_REMOTE.search(part)), bool(_HYBRID.search(part))
    part = _without_remarks(_uncoded(part))
    postal = _postal(part)
    tokens = [token.strip(" -–—:.'\"") for token in _NOISE.sub(" ", _ZIP.sub(" ", part)).split(",")]
    national = any(_COUNTRY.match(token) for token in tokens)
    tokens = [token for token in tokens if token and not _COUNTRY.match(token)]
    city, state, extra = _city_state(tokens)
    if not (city or state or postal or remote):
        return []
    area = (state or ("US" if national else None)) if remote else None
    place = PlaceText(city, state, postal, remote, area, hybrid)
    listed = [replace(place, city=name, postal_code=None) for name in extra if geo.locate(name, state, None)]
    return listed + [place]


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
    return any(geo.state_code(token) or _COUNTRY.match(token) for token in tokens) or \
        bool(tokens and _split_words(tokens[-1])[1])


def _city_state(tokens: list[str]) -> tuple[str | None, str | None, list[str]]:
    """("Dayton", "OH", []) from ["123 Main St", "Dayton", "OH"]; a list of cities gives the others
    ("Dayton, Springfield, Xenia, OH"); with no state the first name is the city ("Toronto, Ontario")."""
    if not tokens:
        return None, None, []
    state = geo.state_code(tokens[-1])
    if state:
        tokens = tokens[:-1]
    elif len(tokens[-1].split()) > 1:
        head, state = _split_words(tokens[-1])
        tokens = tokens[:-1] + ([head] if head else [])
    named = [" ".join(token.split()) for token in tokens if not any(c.isdigit() for c in token)]
    if not named:
        return None, state, []
    return (named[-1], state, named[:-1]) if state else (named[0], None, [])


def _split_words(text: str) -> tuple[str, str | None]:
    """("Dayton", "OH") from "Dayton OH" or "Kansas City Missouri"; (text, None) when no state ends it."""
    words = text.split()
    for size in (3, 2, 1):
        code = geo.state_code(" ".join(words[-size:])) if len(words) > size else None
        if code:
            return " ".join(words[:-size]), code
    return text, None


def _states_shared(places: list[PlaceText]) -> list[PlaceText]:
    """A city without a state or ZIP takes the state of the nearest place after it, else before it."""
    states = [place.state for place in places]
    shared = []
    for index, place in enumerate(places):
        if place.city and not place.state and not place.postal_code:
            nearby = [s for s in states[index + 1:] + states[:index][::-1] if s]
            place = replace(place, state=nearby[0]) if nearby else place
        shared.append(place)
    return shared
