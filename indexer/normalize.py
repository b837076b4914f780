"""A raw item from any platform spider, turned into the store's posting fields."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Mapping

from indexer.posting_places import PLACE_LIMITS, capped, location
from indexer.taxonomy.facets import peer_fields
from indexer.parsers.dates import is_open_ended, parse_datetime, parse_posted
from indexer.parsers.employment import employment_type, employment_type_in_title, is_unfilled
from indexer.parsers.pay import pay_from_structured, pay_from_text, structured_pay_problem
from indexer.parsers.sanitize import absolute_web_url, clean_html, html_to_text, plain_text


#: Column widths of the store; longer values are cut, with a problem noted.
LIMITS = {"title": 500, "employer": 300, **PLACE_LIMITS}
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
    title = capped("title", plain_text(raw.get("title")), problems, LIMITS)
    fields: dict[str, Any] = {
        "url": url,
        "apply_url": _apply_url(raw, problems),
        "title": title,
        "employer": capped("employer", plain_text(raw.get("employer")), problems, LIMITS) or None,
        "description_html": description_html,
        "description_text": description_text,
    }
    fields.update(_dates(raw, problems, today or datetime.now(timezone.utc).date()))
    fields.update(location(raw, problems, description_text))
    fields.update(_pay(raw, title, description_text, problems))
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


def _pay(raw: Mapping[str, Any], title: str, description_text: str, problems: list[str]) -> dict[str, Any]:
    """Structured pay first, then the pay text, the title, the description. A pay text without
    figures ("DOE", "Negotiable") is kept as text; structured figures refused are a problem noted."""
    refused = structured_pay_problem(raw.get("salary"))
    if refused:
        problems.append(refused)
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
