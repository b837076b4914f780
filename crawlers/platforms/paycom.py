"""Paycom applicant-tracking boards, read through the JSON API their career page calls.

`url` is the career page, https://www.paycomonline.net/v4/ats/web.php/portal/{clientKey}/career-page,
or the older https://www.paycomonline.net/v4/ats/web.php/jobs?clientkey={clientKey}. The page
carries `var configsFromHost = {...}`: a short-lived `sessionJWT` and, in `libConfig`, the API's
origin `atsPortalMantleServiceUrl` (a *.paycomonline.net host). With the token as Authorization,
pages of POST {service}/api/ats/job-posting-previews/search ({"skip", "take", "filtersForQuery"})
list the board until `jobPostingPreviewsCount`, and GET {service}/api/ats/job-postings/{jobId}
gives each description, its pay text and `googleJobJson` (a JobPosting as a JSON string).
Keys: `api_url` (origin of the career page, default https://www.paycomonline.net), `client_key`
(when the URL does not show it), `page_size` (default 50, at most 100), `max_pages` (default 50).
"""
from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import scrapy

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import listing, mapping, sections, text_of
from indexer.parsers.locations import mentions_remote

_PORTAL_KEY = re.compile(r"/portal/([0-9A-F]{32})(?:/|$)", re.I)
_CONFIG = re.compile(r"configsFromHost\s*=\s*(\{.*?\})\s*;", re.S)
_SITE_PREFIX = re.compile(r"^.+?\s+-\s+(?=[^-]+,)")  # "Main Clinic - Tulsa, OK 74103"
FILTERS = {"distanceFrom": 0, "workEnvironments": [], "positionTypes": [], "educationLevels": [],
           "categories": [], "travelTypes": [], "shiftTypes": [], "otherFilters": [],
           "keywordSearchText": "", "location": "", "sortOption": ""}


def client_key_of(url: str) -> str | None:
    """The 32-hex client key of a portal URL (path) or a legacy board URL (`clientkey=`)."""
    parts = urlsplit(url)
    found = _PORTAL_KEY.search(parts.path)
    if found:
        return found.group(1).upper()
    keys = {key.lower(): values for key, values in parse_qs(parts.query).items()}.get("clientkey", [])
    return keys[0].upper() if len(keys) == 1 and re.fullmatch(r"[0-9A-Fa-f]{32}", keys[0]) else None


def session_of(page_text: str) -> tuple[str, str] | None:
    """(token, API origin) from the page's `configsFromHost`; None when it is missing or unreadable."""
    found = _CONFIG.search(page_text or "")
    try:
        config = json.loads(found.group(1)) if found else None
        library = json.loads(mapping(config).get("libConfig") or "{}")
    except (TypeError, ValueError):
        return None
    token, service = text_of(mapping(config).get("sessionJWT")), text_of(mapping(library).get("atsPortalMantleServiceUrl"))
    return (token, service.rstrip("/")) if token and service else None


def trusted_service(service: str, page_origin: str) -> bool:
    """The API is Paycom's own (https, *.paycomonline.net) or on the page's own host."""
    parts = urlsplit(service)
    host = (parts.hostname or "").lower()
    return (parts.scheme == "https" and host.endswith(".paycomonline.net")) or \
        (parts.scheme in ("http", "https") and parts.netloc == urlsplit(page_origin).netloc)


def google_job(posting: dict[str, Any]) -> dict[str, Any]:
    """`googleJobJson`, a JobPosting written as a JSON string; {} when absent or broken."""
    try:
        return mapping(json.loads(posting.get("googleJobJson") or "{}"))
    except (TypeError, ValueError):
        return {}


def place_label(label: Any) -> str | None:
    """A location label without the site name Paycom puts first ("Main Clinic - Tulsa, OK")."""
    text = text_of(label)
    prefix = _SITE_PREFIX.match(text or "")
    return text[prefix.end():] if prefix and not mentions_remote(prefix.group(0)) else text


def places_of(preview: dict[str, Any], posting: dict[str, Any]) -> list[str]:
    labels = [posting.get("location"), *listing(posting.get("secondaryLocations"))] \
        if text_of(posting.get("location")) else [preview.get("locations")]
    return [found for found in map(place_label, labels) if found]


def is_remote(preview: dict[str, Any], posting: dict[str, Any], google: dict[str, Any]) -> bool:
    kind = str(posting.get("remoteType") or preview.get("remoteType") or "").lower()
    return ("remote" in kind and "hybrid" not in kind) or google.get("jobLocationType") == "TELECOMMUTE" \
        or mentions_remote(posting.get("location") or preview.get("locations"))


def posting_fields(preview: dict[str, Any], detail: dict[str, Any] | None, portal: str) -> dict[str, Any]:
    """A search preview and its job-postings answer (None when that failed); `portal` is
    https://www.paycomonline.net/v4/ats/web.php/portal/{clientKey}."""
    posting = mapping(mapping(detail).get("jobPosting"))
    google = google_job(posting)
    job_id = text_of(preview.get("jobId"))
    page = f"{portal}/jobs/{quote(job_id)}" if job_id else None
    salary = mapping(google.get("baseSalary")) or None
    return {
        "external_id": job_id,
        "url": page,
        "apply_url": page,
        "title": text_of(posting.get("jobTitle")) or text_of(preview.get("jobTitle")),
        "description_html": sections(
            (text_of(posting.get("descriptionTitle")) or "", posting.get("description") or preview.get("description")),
            (text_of(posting.get("qualificationsTitle")) or "Qualifications", posting.get("qualifications"))),
        "date_posted": text_of(preview.get("postedOn")) or text_of(google.get("datePosted")),
        "employment_type": text_of(posting.get("positionType")) or text_of(preview.get("positionType")),
        "locations": places_of(preview, posting),
        "remote": is_remote(preview, posting, google),
        "salary": salary,
        "pay_text": text_of(posting.get("salaryRange")),
    }


class PaycomSpider(ApiSpider):
    name = "paycom"
    default_api = "https://www.paycomonline.net"
    page_size = 50
    option_keys = frozenset({"api_url", "client_key", "page_size", "max_pages"})

    def key(self) -> str | None:
        return text_of(self.option("client_key")) or client_key_of(self.source.url)

    def portal(self) -> str:
        return f"https://www.paycomonline.net/v4/ats/web.php/portal/{self.key()}"

    def setup_problem(self) -> str | None:
        return None if self.key() else f"no Paycom client key in {self.source.url} (set client_key)"

    def list_requests(self):
        page = f"{self.api_url()}/v4/ats/web.php/portal/{self.key()}/career-page"
        yield scrapy.Request(page, callback=self.parse_portal, errback=self.start_failed)

    def parse_portal(self, response):
        session = session_of(response.text if hasattr(response, "text") else "")
        if session is None:
            self.fail(f"{response.url}: no session (configsFromHost) in the career page")
        elif not trusted_service(session[1], self.api_url()):
            self.fail(f"{response.url}: the career page names an API outside Paycom: {session[1]}")
        else:
            self.token, self.service = session
            yield self.list_request(0)

    def list_request(self, page: int):
        body = {"skip": page * self.size(), "take": self.size(), "filtersForQuery": FILTERS}
        return self.api_request(f"{self.service}/api/ats/job-posting-previews/search", page=page, data=body,
                                headers={"Authorization": self.token})

    def jobs_in(self, data: Any) -> list[Any]:
        return listing(data["jobPostingPreviews"])

    def has_more(self, data: Any, page: int, jobs: list[Any]) -> bool:
        try:
            return page * self.size() + len(jobs) < int(data.get("jobPostingPreviewsCount"))
        except (TypeError, ValueError):
            return len(jobs) >= self.size()

    def detail_request(self, job: dict[str, Any]):
        job_id = text_of(job.get("jobId"))
        if not job_id:
            return None
        return self.api_request(f"{self.service}/api/ats/job-postings/{quote(job_id)}",
                                headers={"Authorization": self.token})

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        return posting_fields(job, detail, self.portal())
