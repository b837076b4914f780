"""Lever job sites, read through the documented Postings API.

`url` is the site as job seekers see it: https://jobs.lever.co/{site} (EU accounts:
https://jobs.eu.lever.co/{site}). Pages of GET {api}/v0/postings/{site}?mode=json&skip=N&limit=M
until a short page. Keys: `api_url` (API origin, default https://api.lever.co, or
https://api.eu.lever.co for EU sites), `page_size` (default 100), `max_pages` (default 50).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import (
    iso_from_epoch_ms, listing, mapping, monetary_amount, sections, text_of, with_country,
)
from indexer.parsers.locations import mentions_remote

#: salaryRange.interval -> (schema.org unitText, pay periods in that unit); "one-time" has no
#: unit: no structured pay.
INTERVALS = {"per-hour-wage": ("HOUR", 1), "per-day-wage": ("DAY", 1), "per-week-salary": ("WEEK", 1),
             "bi-week-salary": ("WEEK", 0.5), "semi-month-salary": ("MONTH", 2), "bi-month-salary": ("MONTH", 0.5),
             "per-month-salary": ("MONTH", 1), "per-year-salary": ("YEAR", 1)}


def site_of(url: str) -> str | None:
    segments = [segment for segment in urlsplit(url).path.split("/") if segment]
    if segments[:2] == ["v0", "postings"]:
        return segments[2] if len(segments) > 2 else None
    return segments[0] if segments else None


def default_api_for(url: str) -> str:
    host = urlsplit(url).netloc.lower()
    return "https://api.eu.lever.co" if ".eu." in host else "https://api.lever.co"


def salary_of(posting: dict[str, Any]) -> dict[str, Any] | None:
    salary = mapping(posting.get("salaryRange"))
    unit, periods = INTERVALS.get(str(salary.get("interval") or "").lower(), (None, 1))
    if unit is None:
        return None
    low, high = (_per_unit(salary.get(key), periods) for key in ("min", "max"))
    return monetary_amount(low, high, unit, salary.get("currency"))


def _per_unit(amount: Any, periods: float) -> float | None:
    """An amount per pay period as an amount per unit ($2,000 bi-weekly is $1,000 a week)."""
    try:
        value = float(str(amount).replace(",", "")) if amount not in (None, "") else None
    except ValueError:
        return None
    return None if value is None else round(value * periods, 2)


def description_of(posting: dict[str, Any]) -> str | None:
    lists = [(mapping(item).get("text"), _as_list_html(mapping(item).get("content")))
             for item in listing(posting.get("lists"))]
    body = posting.get("description") or posting.get("descriptionPlain")
    return sections(("", body), *lists, ("", posting.get("additional") or posting.get("additionalPlain")))


def _as_list_html(content: Any) -> str | None:
    text = text_of(content)
    return f"<ul>{text}</ul>" if text and text.lstrip().startswith("<li") else text


def places_of(posting: dict[str, Any]) -> list[str]:
    """Every location label, each with the posting's country ("Toronto, Canada"; `country` is
    an ISO code or null)."""
    categories = mapping(posting.get("categories"))
    labels = listing(categories.get("allLocations")) or listing(categories.get("location"))
    return [with_country(label, posting.get("country")) for label in dict.fromkeys(map(text_of, labels)) if label]


def posting_fields(posting: dict[str, Any]) -> dict[str, Any]:
    categories = mapping(posting.get("categories"))
    return {
        "external_id": text_of(posting.get("id")),
        "url": text_of(posting.get("hostedUrl")),
        "apply_url": text_of(posting.get("applyUrl")) or text_of(posting.get("hostedUrl")),
        "title": text_of(posting.get("text")),
        "description_html": description_of(posting),
        "date_posted": iso_from_epoch_ms(posting.get("createdAt")),
        "employment_type": text_of(categories.get("commitment")),
        "locations": places_of(posting),
        "remote": posting.get("workplaceType") == "remote" or mentions_remote(categories.get("location")),
        "salary": salary_of(posting),
        "pay_text": text_of(posting.get("salaryDescriptionPlain")),
    }


class LeverSpider(ApiSpider):
    name = "lever"

    def api_url(self) -> str:
        return super().api_url() if self.option("api_url") else default_api_for(self.source.url)

    def setup_problem(self) -> str | None:
        return None if site_of(self.source.url) else f"no Lever site name in {self.source.url}"

    def list_request(self, page: int):
        site = quote(site_of(self.source.url))
        size = self.size()
        return self.api_request(
            f"{self.api_url()}/v0/postings/{site}?mode=json&skip={page * size}&limit={size}", page=page)

    def jobs_in(self, data: Any) -> list[Any]:
        if not isinstance(data, list):
            raise ValueError(f"expected a list of postings, got {type(data).__name__}")
        return data

    def has_more(self, data: Any, page: int, jobs: list[Any]) -> bool:
        return len(jobs) >= self.size()

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        return posting_fields(job)
