"""BambooHR careers pages, read through the JSON their own page loads.

`url` is the careers page: https://{company}.bamboohr.com/careers (or /jobs/). The whole board
comes from GET {origin}/careers/list; the list has no dates or descriptions, so each opening is
read once more at {origin}/careers/{id}/detail. Keys: `api_url` (origin of those calls, default
the careers page's own).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import country_name, listing, mapping, place_label, text_of


def places_of(opening: dict[str, Any]) -> list[str]:
    """The office (`location`) when named, else the free-entered `atsLocation`, as "city, state,
    postal code, country"; both may be all null."""
    for key in ("location", "atsLocation"):
        found = mapping(opening.get(key))
        if text_of(found.get("city")) or text_of(found.get("state")) or text_of(found.get("province")):
            return [place_label(found.get("city"), found.get("state") or found.get("province"), found.get("postalCode"),
                                country_name(found.get("country") or found.get("addressCountry")))]
    return []


def is_remote(opening: dict[str, Any]) -> bool:
    return opening.get("isRemote") is True or str(opening.get("locationType")) == "1"


def posting_fields(listed: dict[str, Any], detail: dict[str, Any] | None, origin: str) -> dict[str, Any]:
    """The list entry and its detail answer; `origin` is https://{company}.bamboohr.com."""
    opening = {**listed, **mapping(mapping(mapping(detail).get("result")).get("jobOpening"))}
    opening_id = text_of(listed.get("id"))
    page = f"{origin}/careers/{opening_id}" if opening_id else None
    compensation = opening.get("compensation")
    return {
        "external_id": opening_id,
        "url": page,
        "apply_url": page,
        "title": text_of(opening.get("jobOpeningName")),
        "description_html": text_of(opening.get("description")),
        "date_posted": text_of(opening.get("datePosted")),
        "employment_type": text_of(opening.get("employmentStatusLabel")),
        "locations": places_of(opening),
        "remote": is_remote(opening),
        "pay_text": text_of(compensation) if not isinstance(compensation, dict) else None,
    }


class BambooHrSpider(ApiSpider):
    name = "bamboohr"
    option_keys = frozenset({"api_url"})

    def list_request(self, page: int):
        return self.api_request(f"{self.api_url()}/careers/list", page=page)

    def jobs_in(self, data: Any) -> list[Any]:
        return listing(data["result"])

    def detail_request(self, job: dict[str, Any]):
        opening_id = text_of(job.get("id"))
        return self.api_request(f"{self.api_url()}/careers/{quote(opening_id)}/detail") if opening_id else None

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        board = urlsplit(self.source.url)
        return posting_fields(job, detail, f"{board.scheme}://{board.netloc}")
