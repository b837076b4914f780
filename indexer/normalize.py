"""A raw item from any platform spider, turned into the store's posting fields."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Mapping, Sequence

from indexer.parsers import geo
from indexer.taxonomy.facets import peer_fields
from indexer.parsers.dates import is_open_ended, parse_datetime, parse_posted
from indexer.parsers.employment import employment_type, employment_type_in_title, is_unfilled
from indexer.parsers.locations import PlaceText, parse_locations, place_from_fields
from indexer.parsers.pay import pay_from_structured, pay_from_text
from indexer.parsers.remote_scope import ABROAD, area_code, remote_scope
from indexer.parsers.sanitize import absolute_web_url, clean_html, html_to_text, plain_text


#: Column widths of the store; longer values are cut, with a problem noted.
LIMITS = {"title": 500, "employer": 300, "city": 120, "postal_code": 10}
TEXT_KEYS = ("url", "apply_url", "title", "description_html", "employer", "pay_text")


@dataclass
class Normalized:
    fields: dict[str, Any]
    problems: list[str] = field(default_factory=list)


def normalize(item: Mapping[str, Any], today: date | None = None) -> Normalized:
    """Every field is parsed on its own; one bad field is a problem noted, not a lost posting.

    `today` is the day relative dates ("Posted 3 Days Ago") count back from: the crawl's day (UTC)."""
    problems: list[str] = []
    raw = _coerced(item, problems)
    url = raw.get("url") or ""
    description_html = clean_html(raw.get("description_html"), base_url=url)
    description_text = html_to_text(description_html, sanitized=True)
    title = _capped("title", plain_text(raw.get("title")), problems)
    fields: dict[str, Any] = {
        "url": url,
        "apply_url": _apply_url(raw, problems),
        "title": title,
        "employer": _capped("employer", plain_text(raw.get("employer")), problems) or None,
        "description_html": description_html,
        "description_text": description_text,
    }
    fields.update(_dates(raw, problems, today or datetime.now(timezone.utc).date()))
    fields.update(_location(raw, problems, description_text))
    fields.update(_pay(raw, title, description_text))
    fields.update(_employment(raw, title, problems))
    fields.update(peer_fields(fields))
    return Normalized(fields, problems)


def _coerced(item: Mapping[str, Any], problems: list[str]) -> dict[str, Any]:
    """Text fields as text, locations as a list of mappings or texts; anything else is a problem noted.

    Dates are left as they come: the date parsers read text, numbers (epoch) and reject the rest."""
    raw = dict(item)
    for key in TEXT_KEYS:
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(f"{key}: expected text, got {type(value).__name__}")
            raw[key] = None
    locations = raw.get("locations")
    if isinstance(locations, (str, dict)):
        locations = [locations]
    if locations is not None and not isinstance(locations, list):
        problems.append(f"location: expected a list, got {type(locations).__name__}")
        locations = []
    raw["locations"] = [place for place in (locations or []) if isinstance(place, (dict, str))]
    return raw


def _capped(key: str, value: str, problems: list[str]) -> str:
    limit = LIMITS[key]
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


def _apply_url(raw: Mapping[str, Any], problems: list[str]) -> str | None:
    given = raw.get("apply_url")
    apply_url = absolute_web_url(given, raw.get("url"))
    if given and not apply_url:
        problems.append(f"apply_url: not an http(s) link {str(given)[:80]!r}")
    return apply_url or absolute_web_url(raw.get("url"))


def _dates(raw: Mapping[str, Any], problems: list[str], today: date) -> dict[str, Any]:
    posted = parse_posted(raw.get("date_posted"), today)
    if raw.get("date_posted") and posted is None:
        problems.append(f"date_posted: unreadable {str(raw.get('date_posted'))[:40]!r}")
    valid = parse_datetime(raw.get("valid_through"))
    if raw.get("valid_through") and valid is None and not is_open_ended(raw.get("valid_through")):
        problems.append(f"valid_through: unreadable {str(raw.get('valid_through'))[:40]!r}")
    return {"date_posted": posted, "valid_through": valid}


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


def _location(raw: Mapping[str, Any], problems: list[str], description: str = "") -> dict[str, Any]:
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
    city = _capped("city", place.city or "", problems) or None
    if place.country:
        return {"city": city, "state": None, "postal_code": None, "latitude": None, "longitude": None,
                "country": place.country}
    postal = (place.postal_code or "")[:LIMITS["postal_code"]] or None
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


def _pay(raw: Mapping[str, Any], title: str, description_text: str) -> dict[str, Any]:
    """Structured pay first, then the pay text, the title, the description. A pay text without
    figures ("DOE", "Negotiable") is kept as text."""
    given = plain_text(raw.get("pay_text"))[:500] or None
    pay = (pay_from_structured(raw.get("salary")) or pay_from_text(given) or pay_from_text(title)
           or pay_from_text(description_text))
    if pay is None:
        return {"pay_text": given}
    (hourly_min, hourly_max), (annual_min, annual_max) = pay.hourly, pay.annual
    return {
        "pay_min": pay.minimum, "pay_max": pay.maximum, "pay_unit": pay.unit, "pay_text": given or pay.text,
        "pay_hourly_min": hourly_min, "pay_hourly_max": hourly_max,
        "pay_annual_min": annual_min, "pay_annual_max": annual_max,
    }


def _employment(raw: Mapping[str, Any], title: str, problems: list[str]) -> dict[str, Any]:
    """The type field's value, else one the title states ("Peer Specialist - PRN")."""
    given = raw.get("employment_type")
    found = employment_type(given)
    if given and not found:
        reason = "unfilled template" if isinstance(given, str) and is_unfilled(given) else "unrecognised"
        problems.append(f"employment_type: {reason} {str(given)[:60]!r}")
    return {"employment_type": found or employment_type_in_title(title)}
