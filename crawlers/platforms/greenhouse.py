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
_PAY_FIELD = re.compile(r"pay|salary|wage|compensation", re.I)


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
    """A custom field's value by name; a multi-select gives its values joined."""
    for field in listing(job.get("metadata")):
        if isinstance(field, dict) and name_pattern.search(str(field.get("name") or "")):
            value = field.get("value")
            if isinstance(value, list):
                value = ", ".join(str(member) for member in value if member)
            found = text_of(value)
            if found:
                return found
    return None


def job_places(job: dict[str, Any]) -> list[str]:
    """Offices carry "City, ST"; the free-text location name counts when they name no place."""
    offices = [text_of(mapping(office).get("location") or mapping(office).get("name"))
               for office in listing(job.get("offices"))]
    found = [office for office in offices if office and names_place(office)]
    named = text_of(mapping(job.get("location")).get("name"))
    return found or ([named] if named else [])


def names_place(text: str) -> bool:
    """"Baltimore, MD" or "Maryland" does; "Remote" alone does not."""
    return any(place.city or place.state or place.postal_code for place in parse_locations(text))


def posting_fields(job: dict[str, Any]) -> dict[str, Any]:
    location_name = mapping(job.get("location")).get("name")
    return {
        "external_id": text_of(job.get("id")) or text_of(job.get("internal_job_id")),
        "url": text_of(job.get("absolute_url")),
        "apply_url": text_of(job.get("absolute_url")),
        "title": text_of(job.get("title")),
        "description_html": unescaped_html(job.get("content")),
        "employer": text_of(job.get("company_name")),
        "date_posted": text_of(job.get("first_published")) or text_of(job.get("updated_at")),
        "employment_type": metadata_value(job, _TYPE_FIELD),
        "locations": job_places(job),
        "remote": mentions_remote(location_name),
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
