"""A raw item from any platform spider, turned into the store's posting fields."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from indexer import geo
from indexer.classify import classify
from indexer.dates import parse_date, parse_datetime
from indexer.employment import employment_type
from indexer.pay import Pay, pay_from_structured, pay_from_text
from indexer.sanitize import absolute_web_url, clean_html, html_to_text, plain_text


#: Column widths of the store; longer values are cut, with a problem noted.
LIMITS = {"title": 500, "employer": 300, "city": 120, "postal_code": 10}
TEXT_KEYS = ("url", "apply_url", "title", "description_html", "employer", "pay_text")


@dataclass
class Normalized:
    fields: dict[str, Any]
    problems: list[str] = field(default_factory=list)


def normalize(item: Mapping[str, Any]) -> Normalized:
    """Every field is parsed on its own; one bad field is a problem noted, not a lost posting."""
    problems: list[str] = []
    raw = _coerced(item, problems)
    url = raw.get("url") or ""
    description_html = clean_html(raw.get("description_html"), base_url=url)
    description_text = html_to_text(description_html)
    title = _capped("title", plain_text(raw.get("title")), problems)
    fields: dict[str, Any] = {
        "url": url,
        "apply_url": _apply_url(raw, problems),
        "title": title,
        "employer": _capped("employer", plain_text(raw.get("employer")), problems) or None,
        "description_html": description_html,
        "description_text": description_text,
        "remote": bool(raw.get("remote")),
        "remote_area": remote_area(raw),
    }
    fields.update(_dates(raw, problems))
    fields.update(_location(raw, problems))
    fields.update(_pay(raw, description_text))
    fields["employment_type"] = employment_type(raw.get("employment_type"))
    if raw.get("employment_type") and not fields["employment_type"]:
        problems.append(f"employment_type: unrecognised {raw.get('employment_type')!r}")
    verdict = classify(title, description_text)
    fields.update(category=verdict.category, is_peer=verdict.is_peer, classification=verdict.rule)
    return Normalized(fields, problems)


def _coerced(item: Mapping[str, Any], problems: list[str]) -> dict[str, Any]:
    """Text fields as text, locations as a list of mappings; anything else is a problem noted.

    Dates are left as they come: the date parsers read text, numbers (epoch) and reject the rest."""
    raw = dict(item)
    for key in TEXT_KEYS:
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(f"{key}: expected text, got {type(value).__name__}")
            raw[key] = None
    locations = raw.get("locations")
    if locations is not None and not isinstance(locations, list):
        problems.append(f"location: expected a list, got {type(locations).__name__}")
        locations = []
    raw["locations"] = [place for place in (locations or []) if isinstance(place, dict)]
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


def remote_area(raw: Mapping[str, Any]) -> str | None:
    """The one state a remote job is limited to, "US" when open anywhere; None when not remote."""
    if not raw.get("remote"):
        return None
    areas = raw.get("applicant_areas")
    areas = [areas] if isinstance(areas, str) else areas if isinstance(areas, list) else []
    states = {geo.state_code(area) for area in areas if isinstance(area, str)} - {None}
    return states.pop() if len(states) == 1 else "US"


def _apply_url(raw: Mapping[str, Any], problems: list[str]) -> str | None:
    given = raw.get("apply_url")
    apply_url = absolute_web_url(given, raw.get("url"))
    if given and not apply_url:
        problems.append(f"apply_url: not an http(s) link {str(given)[:80]!r}")
    return apply_url or absolute_web_url(raw.get("url"))


def _dates(raw: Mapping[str, Any], problems: list[str]) -> dict[str, Any]:
    posted = parse_date(raw.get("date_posted"))
    if raw.get("date_posted") and posted is None:
        problems.append(f"date_posted: unreadable {str(raw.get('date_posted'))[:40]!r}")
    valid = parse_datetime(raw.get("valid_through"))
    if raw.get("valid_through") and valid is None:
        problems.append(f"valid_through: unreadable {str(raw.get('valid_through'))[:40]!r}")
    return {"date_posted": posted, "valid_through": valid}


def _location(raw: Mapping[str, Any], problems: list[str]) -> dict[str, Any]:
    locations = raw.get("locations") or []
    first = locations[0] if locations else {}
    city = _capped("city", _place_text(first, "city"), problems) or None
    state_text = _place_text(first, "region") or None
    postal = _place_text(first, "postal_code")[:LIMITS["postal_code"]] or None
    place = geo.locate(city, state_text, postal)
    if locations and place is None:
        problems.append(f"location: not found {city!r}, {state_text!r}, {postal!r}")
    area = remote_area(raw)
    return {
        "city": city or (place.city if place else None),
        "state": geo.state_code(state_text) or (place.state if place else None)
        or (area if area != "US" else None),
        "postal_code": postal,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
    }


def _pay(raw: Mapping[str, Any], description_text: str) -> dict[str, Any]:
    pay: Pay | None = pay_from_structured(raw.get("salary"))
    if pay is None:
        pay = pay_from_text(raw.get("pay_text")) or pay_from_text(description_text)
    if pay is None:
        return {}
    hourly_min, hourly_max = pay.hourly
    return {
        "pay_min": pay.minimum, "pay_max": pay.maximum, "pay_unit": pay.unit,
        "pay_text": raw.get("pay_text") or pay.text,
        "pay_hourly_min": hourly_min, "pay_hourly_max": hourly_max,
    }
