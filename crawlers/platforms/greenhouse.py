"""Greenhouse job boards, read through the keyless Job Board API.

`url` is the board as job seekers see it: https://boards.greenhouse.io/{token},
https://job-boards.greenhouse.io/{token} or an embed link with `?for={token}`. One request,
GET {api}/v1/boards/{token}/jobs?content=true, returns the whole board with descriptions.
Keys: `api_url` (API origin, default https://boards-api.greenhouse.io), `board_token`
(when the URL does not show it).
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import listing, mapping, text_of, unescaped_html
from indexer.parsers.locations import mentions_remote, parse_locations

_TYPE_FIELD = re.compile(r"employment|job type|schedule|time type", re.I)
_PAY_FIELD = re.compile(r"pay|salary|wage|compensation|hiring range|\brate\b", re.I)


def board_token(url: str) -> str | None:
    """The board token in a board, job, embed or API URL."""
    parts = urlsplit(url)
    embedded = parse_qs(parts.query).get("for")
    if embedded:
        return embedded[0].strip() or None
    segments = [segment for segment in parts.path.split("/") if segment]
    if segments[:2] == ["v1", "boards"]:
        return segments[2] if len(segments) > 2 else None
    return segments[0] if segments and segments[0] != "embed" else None


def metadata_value(job: dict[str, Any], name_pattern: re.Pattern[str]) -> str | None:
    """A custom field's value by name; a multi-select gives its values joined, a currency
    field ({"unit": "USD", "min_value": "18.0", "max_value": "21.0"}) its amounts as text."""
    for field in listing(job.get("metadata")):
        if isinstance(field, dict) and name_pattern.search(str(field.get("name") or "")):
            value = field.get("value")
            if isinstance(value, list):
                value = ", ".join(str(member) for member in value if member)
            found = money_text(value) if isinstance(value, dict) else text_of(value)
            if found:
                return found
    return None


def money_text(value: dict[str, Any]) -> str | None:
    """A currency or currency_range value as "$18.00 - $21.00" (amounts arrive as text)."""
    amounts = [_amount(value.get(key)) for key in ("min_value", "max_value", "amount")]
    shown = [f"{amount:,.2f}" for amount in dict.fromkeys(amounts) if amount]
    if not shown:
        return None
    unit = text_of(value.get("unit")) or "USD"
    return " - ".join(("$" if unit == "USD" else f"{unit} ") + amount for amount in shown)


def _amount(value: Any) -> float | None:
    try:
        return float(str(value).replace(",", "")) if value not in (None, "") else None
    except ValueError:
        return None


def job_places(job: dict[str, Any]) -> list[str]:
    """The job's own location name when it names a state or postal code ("Towson, MD",
    "Remote - Maryland"); its offices' labels only when it does not ("Multiple Locations",
    "Baltimore"), else the name as it is."""
    named = text_of(mapping(job.get("location")).get("name"))
    if named and names_state(named):
        return [named]
    offices = [office for office in office_labels(job) if names_place(office)]
    return offices or ([named] if named else [])


def office_labels(job: dict[str, Any]) -> list[str]:
    """Each office's label ("Baltimore, MD, United States"), leaving out a region office
    ("East Coast") whose child office the job also lists."""
    offices = [mapping(office) for office in listing(job.get("offices"))]
    listed = {text_of(office.get("id")) for office in offices}
    labels = []
    for office in offices:
        if listed & {text_of(child) for child in listing(office.get("child_ids"))}:
            continue
        location = office.get("location")
        label = text_of(mapping(location).get("name") if isinstance(location, dict) else location)
        labels.append(label or text_of(office.get("name")))
    return [label for label in dict.fromkeys(labels) if label]


def names_place(text: str) -> bool:
    """"Baltimore, MD" or "Maryland" does; "Remote" alone does not."""
    return any(place.city or place.state or place.postal_code for place in parse_locations(text))


def names_state(text: str) -> bool:
    """"Towson, MD" or "Remote - Maryland" does; "Baltimore" or "Multiple Locations" does not."""
    return any(place.state or place.postal_code for place in parse_locations(text))


def posting_fields(job: dict[str, Any]) -> dict[str, Any]:
    location_name = mapping(job.get("location")).get("name")
    places = job_places(job)
    return {
        "external_id": text_of(job.get("id")) or text_of(job.get("internal_job_id")),
        "url": text_of(job.get("absolute_url")),
        "apply_url": text_of(job.get("absolute_url")),
        "title": text_of(job.get("title")),
        "description_html": unescaped_html(job.get("content")),
        "employer": text_of(job.get("company_name")),
        "date_posted": text_of(job.get("first_published")) or text_of(job.get("updated_at")),
        "employment_type": metadata_value(job, _TYPE_FIELD),
        "locations": places,
        "remote": mentions_remote(location_name, *places),
        "pay_text": metadata_value(job, _PAY_FIELD),
    }


class GreenhouseSpider(ApiSpider):
    name = "greenhouse"
    default_api = "https://boards-api.greenhouse.io"
    option_keys = frozenset({"api_url", "board_token"})

    def token(self) -> str | None:
        return self.option("board_token") or board_token(self.source.url)

    def setup_problem(self) -> str | None:
        if not self.token():
            return f"no board token in {self.source.url} (set board_token)"
        return None

    def list_request(self, page: int):
        url = f"{self.api_url()}/v1/boards/{quote(self.token())}/jobs?content=true"
        return self.api_request(url, page=page)

    def jobs_in(self, data: Any) -> list[Any]:
        return listing(data["jobs"])

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        return posting_fields(job)
