"""Paylocity Recruiting boards, read through the documented Job Feed (v2).

`url` is the public board: https://recruiting.paylocity.com/recruiting/jobs/All/{companyGuid}/{Slug}.
The whole board comes from GET {api}/recruiting/v2/api/feed/jobs/{companyGuid}. Pay is only
ever free text. Keys: `api_url` (origin, default https://recruiting.paylocity.com),
`company_guid` (when the URL does not show it).
"""
from __future__ import annotations

import re
from typing import Any

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import country_name, listing, mapping, place_label, sections, text_of
from indexer.parsers.locations import mentions_remote

_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def company_guid(url: str) -> str | None:
    found = _GUID.search(url)
    return found.group(0) if found else None


def camel(value: Any) -> dict[str, Any]:
    """An object with its keys as camelCase: some feeds answer "JobLocation", "City", "Title"."""
    return {key[:1].lower() + key[1:]: item for key, item in mapping(value).items() if isinstance(key, str)}


def places_of(job: dict[str, Any]) -> list[str]:
    """The location as "city, state, zip, country"; its display name ("Phoenix, AZ") or a plain
    `location` text when the address has no city or state. The location's own name ("Main
    Office") is no place."""
    location = camel(job.get("jobLocation"))
    if text_of(location.get("city")) or text_of(location.get("state")):
        label = place_label(location.get("city"), location.get("state"),
                            location.get("zip") or location.get("postalCode"), country_name(location.get("country")))
    else:
        label = text_of(location.get("locationDisplayName")) or text_of(job.get("location"))
    return [label] if label else []


def posting_fields(job: dict[str, Any]) -> dict[str, Any]:
    job = camel(job)
    location = camel(job.get("jobLocation"))
    page = text_of(job.get("displayUrl")) or text_of(job.get("jobUrl"))
    return {
        "external_id": text_of(job.get("jobId")),
        "url": page,
        "apply_url": text_of(job.get("applyUrl")) or page,
        "title": text_of(job.get("title")) or text_of(job.get("jobTitle")),
        "description_html": sections(("", job.get("description")), ("Requirements", job.get("requirements"))),
        "employer": text_of(job.get("companyName")),
        "date_posted": text_of(job.get("publishedDate")) or text_of(job.get("createdUtc")),
        "employment_type": [text for text in map(text_of, listing(job.get("jobTypes"))) if text],
        "locations": places_of(job),
        "remote": location.get("isRemote") is True or job.get("isRemote") is True or mentions_remote(
            location.get("name"), location.get("locationDisplayName"), job.get("location"), job.get("title")),
        "pay_text": text_of(job.get("salaryDescription")),
    }


class PaylocitySpider(ApiSpider):
    name = "paylocity"
    default_api = "https://recruiting.paylocity.com"
    option_keys = frozenset({"api_url", "company_guid"})

    def guid(self) -> str | None:
        return self.option("company_guid") or company_guid(self.source.url)

    def setup_problem(self) -> str | None:
        return None if self.guid() else f"no company GUID in {self.source.url} (set company_guid)"

    def list_request(self, page: int):
        return self.api_request(f"{self.api_url()}/recruiting/v2/api/feed/jobs/{self.guid()}", page=page)

    def jobs_in(self, data: Any) -> list[Any]:
        return listing(data["jobs"])

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        return posting_fields(job)
