"""Where a posting is: its places (from location texts and structured addresses) geocoded, its
remote area, and its country. A place abroad is kept with its country and never geocoded."""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from indexer.parsers import geo
from indexer.parsers.locations import PlaceText, parse_locations, place_from_fields
from indexer.parsers.remote_scope import ABROAD, area_code, remote_scope
from indexer.parsers.sanitize import plain_text

#: Column widths of the store's place fields; a longer city is cut, with a problem noted.
PLACE_LIMITS = {"city": 120, "postal_code": 10}


def capped(key: str, value: str, problems: list[str], limits: Mapping[str, int] = PLACE_LIMITS) -> str:
    """`value` cut to its column's width in `limits`, the cut noted in `problems`."""
    limit = limits[key]
    if len(value) > limit:
        problems.append(f"{key}: cut to {limit} characters from {len(value)}")
        return value[:limit].rstrip()
    return value


def _place_text(place: Mapping[str, Any], key: str) -> str:
    value = place.get(key)
    return plain_text(value) if isinstance(value, str) else ""


def remote_area(raw: Mapping[str, Any], places: Sequence[PlaceText] = (), description: str = "") -> str | None:
    """The states a remote job is limited to ("CO", "ID OR WA"), "US" when open anywhere in the
    country, "abroad" when only outside it; None when not remote.

    The applicant areas decide when given; else the areas the location text names ("Remote - OH");
    an area still "US" is narrowed by what the description says ("Colorado residents only")."""
    if not (raw.get("remote") or any(place.remote for place in places)):
        return None
    areas = raw.get("applicant_areas")
    areas = [area for area in ([areas] if isinstance(areas, str) else areas if isinstance(areas, list) else [])
             if isinstance(area, str) and area.strip()]
    if areas:
        states = {geo.state_code(area) or _country(area) for area in areas}
    else:
        states = {place.remote_area or "US" for place in places if place.remote} or {"US"}
    states = states - {"US"} if states - {"US", ABROAD} else states
    return narrowed_area(ABROAD if states == {ABROAD} else area_code(states - {ABROAD}) or "US", description)


def narrowed_area(area: str | None, description: str) -> str:
    """A remote area open to the whole US narrowed by what the description says; others kept."""
    if area not in (None, "", "US"):
        return area
    scope = remote_scope(description)
    return ABROAD if scope == {ABROAD} else area_code(scope) or "US"


def _country(area: str) -> str:
    """An applicant area that is no state: the US, or a country abroad."""
    return "US" if area.strip().upper().replace(".", "") in ("US", "USA", "UNITED STATES", "UNITED STATES OF AMERICA") else ABROAD


def _places(raw: Mapping[str, Any]) -> list[PlaceText]:
    """Every place of the item; a remote job's state-only place is where its applicants may live."""
    places: list[PlaceText] = []
    for entry in raw.get("locations") or []:
        if isinstance(entry, str):
            places += parse_locations(plain_text(entry))
        else:
            places += place_from_fields(*(_place_text(entry, key) for key in ("city", "region", "postal_code", "country")))
    if raw.get("remote"):
        places = [PlaceText(state=p.state, remote=True, remote_area=p.state)
                  if p.state and not (p.city or p.postal_code) else p for p in places]
    return list(dict.fromkeys(places))


def location(raw: Mapping[str, Any], problems: list[str], description: str = "") -> dict[str, Any]:
    """Every place geocoded into `locations`; the first in the US (else the first) also fills
    city/state/postal_code/lat/lon. A place abroad is kept as written, with its country, and never
    geocoded, so no US place or state search finds it."""
    places = _places(raw)
    hints = [place.state for place in places if place.state]
    records = [_located(place, problems, hints) for place in places
               if place.city or place.postal_code or not place.remote]
    first = next((record for record in records if "country" not in record), records[0] if records else {})
    area = remote_area(raw, places, description)
    return {
        "city": first.get("city"), "state": first.get("state") or (area if area and len(area) == 2 and area != "US" else None),
        "postal_code": first.get("postal_code"), "latitude": first.get("latitude"),
        "longitude": first.get("longitude"), "locations": records,
        "remote": bool(raw.get("remote")) or any(place.remote for place in places), "remote_area": area,
        "country": _country_of(places, records, area),
    }


def _country_of(places: Sequence[PlaceText], records: Sequence[Mapping[str, Any]], area: str | None) -> str | None:
    """"US" when any place (or the remote area) is in the US, else the country abroad it names;
    None when the posting names no place."""
    if any("country" not in record for record in records) or area not in (None, ABROAD):
        return "US"
    return next((place.country for place in places if place.country), None)


def _located(place: PlaceText, problems: list[str], hints: Sequence[str] = ()) -> dict[str, Any]:
    city = capped("city", place.city or "", problems) or None
    if place.country:
        return {"city": city, "state": None, "postal_code": None, "latitude": None, "longitude": None,
                "country": place.country}
    postal = (place.postal_code or "")[:PLACE_LIMITS["postal_code"]] or None
    state = place.state or (_state_of_city(city, hints, problems) if city and not postal else None)
    found = geo.locate(city, state, postal)
    if found is None and (city or postal) and (state or postal or not geo.city_states(city or "")):
        problems.append(f"location: not found {city!r}, {state!r}, {postal!r}")
    return {
        "city": city or (found.city if found else None), "state": state or (found.state if found else None),
        "postal_code": postal, "latitude": found.latitude if found else None,
        "longitude": found.longitude if found else None,
    }


def _state_of_city(city: str, hints: Sequence[str], problems: list[str]) -> str | None:
    """The state of a city named without one: a state the posting names elsewhere that has such a
    city, else the only (or by far the biggest) state with that name; a problem noted, and no
    guess, when several are likely."""
    states = geo.city_states(city)
    hinted = [state for state in hints if state in states]
    found = hinted[0] if hinted else geo.likely_state(city)
    if found is None and states:
        problems.append(f"location: city without a state, in {len(states)} states ({', '.join(states[:5])}): {city!r}")
    return found
