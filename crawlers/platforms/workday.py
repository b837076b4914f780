"""Workday career sites, read through the candidate-experience ("CXS") JSON they load.

`url` is the career site: https://{tenant}.wd{N}.myworkdayjobs.com/[en-US/]{site}. The list is
POST {origin}/wday/cxs/{tenant}/{site}/jobs (at most 20 a page); each job's description comes
from GET {origin}/wday/cxs/{tenant}/{site}{externalPath}. Keys: `api_url` (origin of the CXS
calls, default the site's own), `tenant` (when the host does not start with it), `search_text`
(the site's search box, e.g. "peer"), `page_size` (at most 20), `max_pages` (default 50).
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import quote, urlsplit

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import listing, mapping, text_of, with_country
from indexer.parsers.dates import parse_relative
from indexer.parsers.locations import mentions_remote

_LOCALE = re.compile(r"^[a-z]{2}(?:-[A-Za-z]{2})?$")
_REQUISITION = re.compile(r"^(?=[^\s,]*\d)[A-Za-z0-9_-]{3,40}$")


def site_of(url: str) -> tuple[str | None, str | None]:
    """(tenant, site) from a career-site URL; either may be None."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    if segments[:2] == ["wday", "cxs"]:
        return (segments[2] if len(segments) > 2 else None), (segments[3] if len(segments) > 3 else None)
    host_label = parts.hostname.split(".")[0] if parts.hostname and "myworkday" in parts.hostname else None
    segments = segments[1:] if segments and _LOCALE.match(segments[0]) else segments
    return host_label, (segments[0] if segments else None)


def posted_on(label: Any, today: date) -> str | None:
    """"Posted Today" / "Posted 3 Days Ago" as a date. Workday stops counting at "Posted 30+ Days
    Ago", which says only "a month or more": unknown, rather than a date too recent."""
    text = text_of(label)
    found = parse_relative(text, today) if text and "+" not in text else None
    return found.isoformat() if found else None


def places_of(listed: dict[str, Any], info: dict[str, Any]) -> list[str]:
    """The detail's location labels, the first with its country ("Toronto, Canada"); without a
    detail the list's `locationsText` ("Portland, OR"; "2 Locations" names none) as text."""
    requisition = mapping(info.get("jobRequisitionLocation"))
    country = mapping(info.get("country")).get("descriptor") or mapping(requisition.get("country")).get("descriptor")
    first = text_of(info.get("location")) or text_of(requisition.get("descriptor"))
    labels = [first or listed.get("locationsText"), *listing(info.get("additionalLocations"))]
    labels = list(dict.fromkeys(label for label in map(text_of, labels) if label))
    return [with_country(labels[0], country), *labels[1:]] if first else labels


def requisition_id(listed: dict[str, Any]) -> str | None:
    """The first bulletFields entry that looks like an id ("R-0101", "JR12345"), not a place
    or a schedule ("Portland, OR", "Full time")."""
    for bullet in map(text_of, listing(listed.get("bulletFields"))):
        if bullet and _REQUISITION.match(bullet):
            return bullet
    return None


def is_remote(listed: dict[str, Any], info: dict[str, Any]) -> bool:
    """remoteType "Remote" / "Fully Remote" (not "Hybrid"), or a label saying so."""
    kind = text_of(info.get("remoteType")) or text_of(listed.get("remoteType")) or ""
    return ("hybrid" not in kind.lower() and mentions_remote(kind)) or \
        mentions_remote(info.get("location"), listed.get("locationsText"))


def posting_fields(listed: dict[str, Any], detail: dict[str, Any] | None, site_url: str,
                   today: date) -> dict[str, Any]:
    """A list entry and its detail answer; `site_url` is the career site the paths hang off."""
    info = mapping(mapping(detail).get("jobPostingInfo"))
    path = text_of(listed.get("externalPath"))
    page = text_of(info.get("externalUrl")) or (site_url.rstrip("/") + path if path else None)
    label = info.get("postedOn") or listed.get("postedOn")
    return {
        "external_id": text_of(info.get("jobReqId")) or requisition_id(listed) or path,
        "url": page,
        "apply_url": page,
        "title": text_of(info.get("title")) or text_of(listed.get("title")),
        "description_html": text_of(info.get("jobDescription")),
        "employer": text_of(mapping(mapping(detail).get("hiringOrganization")).get("name")),
        "date_posted": text_of(info.get("startDate")) or posted_on(label, today),
        "employment_type": text_of(info.get("timeType")) or text_of(listed.get("timeType")),
        "locations": places_of(listed, info),
        "remote": is_remote(listed, info),
    }


class WorkdaySpider(ApiSpider):
    name = "workday"
    page_size = max_page_size = 20
    option_keys = ApiSpider.option_keys | {"tenant", "search_text"}
    #: Jobs on the whole board, as the first list page says.
    board_total: int = 0

    def cxs_base(self) -> str:
        tenant, site = site_of(self.source.url)
        return f"{self.api_url()}/wday/cxs/{quote(self.option('tenant') or tenant)}/{quote(site)}"

    def setup_problem(self) -> str | None:
        tenant, site = site_of(self.source.url)
        if not site:
            return f"no career-site name in {self.source.url}"
        if not (self.option("tenant") or tenant):
            return f"no Workday tenant in {self.source.url} (set tenant)"
        return None

    def list_request(self, page: int):
        body = {"appliedFacets": {}, "limit": self.size(), "offset": page * self.size(),
                "searchText": self.option("search_text", "")}
        return self.api_request(f"{self.cxs_base()}/jobs", page=page, data=body)

    def jobs_in(self, data: Any) -> list[Any]:
        return listing(data["jobPostings"])

    def has_more(self, data: Any, page: int, jobs: list[Any]) -> bool:
        """`total` is only reliable on the first page, so it is kept from there."""
        if page == 0:
            self.board_total = data.get("total") if isinstance(data.get("total"), int) else 0
        return page * self.size() + len(jobs) < self.board_total

    def detail_request(self, job: dict[str, Any]):
        path = text_of(job.get("externalPath"))
        return self.api_request(self.cxs_base() + path) if path and path.startswith("/") else None

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        origin = urlsplit(self.source.url)
        site = site_of(self.source.url)[1]
        today = datetime.now(timezone.utc).date()
        return posting_fields(job, detail, f"{origin.scheme}://{origin.netloc}/{site}", today)
