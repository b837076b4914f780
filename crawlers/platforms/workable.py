"""Workable job boards, read through the public widget API that employers embed.

`url` is the board as job seekers see it: https://apply.workable.com/{account}/ (or one of its
jobs, /{account}/j/{shortcode}/; the older https://{account}.workable.com/ will do). One call,
GET {api}/api/v1/widget/accounts/{account}?details=true, returns {"name", "jobs": [...]}, the
whole board with descriptions; there is no paging. Keys: `api_url` (API origin, default
https://apply.workable.com), `account` (when the URL does not show it, e.g. a short job link
https://apply.workable.com/j/{shortcode}).

Jobs carry `shortcode`, `title`, `description` (HTML), `employment_type` ("Full-time"),
`telecommuting`, `url` / `shortlink` / `application_url`, `published_on` and `created_at`
(dates), a flat `city` / `state` / `country` and, on newer answers, a `locations` list
({city, region, country, countryCode, hidden}). There is no structured pay; employers write it
into the description.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import listing, mapping, place, text_of

#: Paths of apply.workable.com that are not an account.
NOT_ACCOUNTS = {"j", "api", "careers", "jobs", "static", "assets"}


def account_of(url: str) -> str | None:
    """The account of a board, job or widget URL; None for a short /j/{shortcode} link."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    if host in ("workable.com", "www.workable.com"):
        return None
    if host.endswith(".workable.com") and host != "apply.workable.com":
        return host.split(".")[0]
    if segments[:4] == ["api", "v1", "widget", "accounts"]:
        return segments[4] if len(segments) > 4 else None
    return segments[0] if segments and segments[0].lower() not in NOT_ACCOUNTS else None


def job_page(job: dict[str, Any], account: str) -> str | None:
    """The job's own page: `url`, else `shortlink`, else the board's page for its shortcode."""
    found = text_of(job.get("url")) or text_of(job.get("shortlink"))
    shortcode = text_of(job.get("shortcode"))
    if found or not shortcode:
        return found
    return f"https://apply.workable.com/{quote(account)}/j/{quote(shortcode)}/"


def places_of(job: dict[str, Any]) -> list[dict[str, Any]]:
    """Shown `locations` (hidden ones are the employer's own notes), else the flat address."""
    entries = [mapping(entry) for entry in listing(job.get("locations"))]
    shown = [entry for entry in entries if entry.get("hidden") is not True] or [job]
    found = [place(entry.get("city"), entry.get("region") or entry.get("state"), entry.get("zip_code"),
                   entry.get("countryCode") or entry.get("country_code") or entry.get("country"))
             for entry in shown]
    return [candidate for candidate in found if candidate["city"] or candidate["region"]]


def is_remote(job: dict[str, Any]) -> bool:
    flag = job.get("telecommuting")
    return flag is True or str(flag).lower() == "true" or str(job.get("workplace") or "").lower() == "remote"


def job_fields(job: dict[str, Any], account: str) -> dict[str, Any]:
    page = job_page(job, account)
    return {
        "external_id": text_of(job.get("shortcode")) or text_of(job.get("code")),
        "url": page,
        "apply_url": text_of(job.get("application_url")) or page,
        "title": text_of(job.get("title")),
        "description_html": text_of(job.get("description")),
        "date_posted": text_of(job.get("published_on")) or text_of(job.get("created_at")),
        "employment_type": text_of(job.get("employment_type")),
        "locations": places_of(job),
        "remote": is_remote(job),
    }


class WorkableSpider(ApiSpider):
    name = "workable"
    default_api = "https://apply.workable.com"
    option_keys = frozenset({"api_url", "account"})

    def account(self) -> str | None:
        return text_of(self.option("account")) or account_of(self.source.url)

    def setup_problem(self) -> str | None:
        if self.account():
            return None
        return f"no Workable account in {self.source.url}; give the board's URL or an `account` key"

    def list_request(self, page: int):
        return self.api_request(
            f"{self.api_url()}/api/v1/widget/accounts/{quote(self.account())}?details=true", page=page)

    def jobs_in(self, data: Any) -> list[Any]:
        jobs = data["jobs"]
        if not isinstance(jobs, list):
            raise ValueError(f"expected a list of jobs, got {type(jobs).__name__}")
        return jobs

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        return job_fields(job, self.account())
