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


@dataclass
class Normalized:
    fields: dict[str, Any]
    problems: list[str] = field(default_factory=list)


def normalize(raw: Mapping[str, Any]) -> Normalized:
    """Every field is parsed on its own; one bad field is a problem noted, not a lost posting."""
    problems: list[str] = []
    url = raw.get("url") or ""
    description_html = clean_html(raw.get("description_html"), base_url=url)
    description_text = html_to_text(description_html)
    title = plain_text(raw.get("title"))
    fields: dict[str, Any] = {
        "url": url,
        "apply_url": _apply_url(raw, problems),
        "title": title,
        "employer": plain_text(raw.get("employer")) or None,
        "description_html": description_html,
        "description_text": description_text,
        "remote": bool(raw.get("remote")),
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
    city = plain_text(first.get("city")) or None
    state_text = plain_text(first.get("region")) or None
    postal = (plain_text(first.get("postal_code")) or "")[:10] or None
    place = geo.locate(city, state_text, postal)
    if locations and place is None:
        problems.append(f"location: not found {city!r}, {state_text!r}, {postal!r}")
    return {
        "city": city or (place.city if place else None),
        "state": geo.state_code(state_text) or (place.state if place else None),
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
