"""ApplicantPro (isolved Hire) boards, read through the JSON their own board page loads.

`url` is the board: https://{sub}.applicantpro.com/jobs/ (also {sub}.isolvedhire.com, and
https://www.applicantpro.com/openings/{sub}/jobs). The board's numeric domain id sits in the
board page's script (`domainId : 1234`, `"domain_id":"1234"`); with it, the whole board comes
from GET {api}/core/jobs/{domainId}?getParams={} (the endpoint fails without `getParams`), and
each job's description from GET {api}/core/jobs/{domainId}/{jobId}/job-details. Keys:
`api_url` (origin, default https://{sub}.applicantpro.com), `domain_id` (skips the board page).
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import scrapy

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import listing, mapping, monetary_amount, place, sections, text_of
from indexer.parsers.locations import mentions_remote
from indexer.parsers.sanitize import is_web_url

_HOST = re.compile(r"^(?P<sub>[a-z0-9-]+)\.(?P<site>applicantpro|isolvedhire)\.com$", re.I)
_OPENINGS = re.compile(r"^/openings/(?P<sub>[a-z0-9-]+)(?:/|$)", re.I)
_DOMAIN_ID = re.compile(r"""domain_?id["']?\s*[:=]\s*["']?(\d+)""", re.I)
_NOT_TENANTS = {"www", "jobs", "static", "api"}
#: payTypeFrame ("per hour") or payType ("Hourly", "Salary") -> schema.org unitText.
UNITS = {"per hour": "HOUR", "per day": "DAY", "per week": "WEEK", "per month": "MONTH",
         "per year": "YEAR", "hourly": "HOUR", "salary": "YEAR", "annual": "YEAR"}
_DATE_FORMATS = ("%Y-%m-%d", "%b %d, %Y", "%B %d, %Y", "%d-%b-%Y", "%m/%d/%Y")


def tenant_of(url: str) -> tuple[str, str] | None:
    """(subdomain, "applicantpro" or "isolvedhire") of a board URL, or None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    found = _HOST.match(host)
    if found and found.group("sub").lower() not in _NOT_TENANTS:
        return found.group("sub").lower(), found.group("site").lower()
    opening = _OPENINGS.match(parts.path)
    if host.lower().endswith("applicantpro.com") and opening:
        return opening.group("sub").lower(), "applicantpro"
    return None


def domain_id_in(page_text: str) -> str | None:
    found = _DOMAIN_ID.search(page_text or "")
    return found.group(1) if found else None


def posted_on(value: Any) -> str | None:
    """`startDateRef` as ISO: the list writes "2026-05-24" or "May 24, 2026", the detail "24-May-2026"."""
    text = text_of(value)
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text or "", form).date().isoformat()
        except ValueError:
            continue
    return None


def salary_of(job: dict[str, Any]) -> dict[str, Any] | None:
    """minSalary/maxSalary come as text ("18.5", "42,000", "" for none) in the unit payTypeFrame names."""
    frame = str(job.get("payTypeFrame") or job.get("payType") or "").strip().lower()
    return monetary_amount(text_of(job.get("minSalary")), text_of(job.get("maxSalary")), UNITS.get(frame))


def places_of(job: dict[str, Any]) -> list[Any]:
    """The city and state fields; else the `jobLocation` label ("Remote - Utah") as text."""
    found = place(job.get("city"), job.get("abbreviation") or job.get("stateName"), job.get("zipCode"),
                  job.get("iso3"), job.get("streetAddress"))
    if found["city"] or found["region"]:
        return [found]
    label = text_of(job.get("jobLocation"))
    return [label] if label else []


def site_origin(url: str) -> str | None:
    """https://{sub}.applicantpro.com (or .isolvedhire.com) for any board URL form."""
    tenant = tenant_of(url)
    return f"https://{tenant[0]}.{tenant[1]}.com" if tenant else None


def page_of(job: dict[str, Any], origin: str) -> str | None:
    """`jobUrl` (absolute, or "/jobs/123" on the board's site); else /jobs/{id} there."""
    job_id = text_of(job.get("id"))
    link = text_of(job.get("jobUrl")) or (f"/jobs/{job_id}" if job_id else None)
    url = urljoin(origin + "/", link) if link else None
    return url if is_web_url(url) else None


def description_of(detail: dict[str, Any]) -> str | None:
    body = (text_of(detail.get("description")) or text_of(detail.get("advertisingDescriptionHtml"))
            or text_of(detail.get("advertisingDescription")))
    return sections(("", body), ("Benefits", detail.get("benefits")))


def posting_fields(job: dict[str, Any], detail: dict[str, Any] | None, origin: str) -> dict[str, Any]:
    """One list entry and the `data` of its job-details answer (None when that failed);
    `origin` is the board's site, https://{sub}.applicantpro.com."""
    detail = mapping(detail)
    page = page_of(job, origin)
    workplace = str(job.get("workplaceType") or "").strip().lower()
    return {
        "external_id": text_of(job.get("id")),
        "url": page,
        "apply_url": page,
        "title": text_of(job.get("title")) or text_of(detail.get("title")),
        "description_html": description_of(detail),
        "date_posted": posted_on(job.get("startDateRef")) or posted_on(detail.get("startDateRef")),
        "employment_type": text_of(job.get("employmentType")),
        "locations": places_of(job),
        "remote": workplace == "remote" or mentions_remote(job.get("jobLocation")),
        "salary": salary_of(job),
        "pay_text": text_of(job.get("payDetails")),
    }


class ApplicantProSpider(ApiSpider):
    name = "applicantpro"
    option_keys = frozenset({"api_url", "domain_id"})

    def api_url(self) -> str:
        if self.option("api_url"):
            return super().api_url()
        return site_origin(self.source.url) or ""

    def setup_problem(self) -> str | None:
        if tenant_of(self.source.url):
            return None
        return f"no ApplicantPro board in {self.source.url} (expected https://{{sub}}.applicantpro.com/jobs/)"

    def list_requests(self):
        self.domain_id = text_of(self.option("domain_id"))
        if self.domain_id:
            yield self.list_request(0)
        else:
            yield scrapy.Request(f"{self.api_url()}/jobs/", callback=self.parse_board, errback=self.start_failed)

    def parse_board(self, response):
        self.domain_id = domain_id_in(response.text if hasattr(response, "text") else "")
        if self.domain_id:
            yield self.list_request(0)
        else:
            self.fail(f"{response.url}: no domain id in the board page (set domain_id)")

    def list_request(self, page: int):
        return self.api_request(f"{self.api_url()}/core/jobs/{quote(self.domain_id)}?getParams=%7B%7D", page=page)

    def jobs_in(self, data: Any) -> list[Any]:
        if data.get("success") is False:
            raise ValueError("the board answered success: false")
        return listing(data["data"]["jobs"])

    def detail_request(self, job: dict[str, Any]):
        job_id = text_of(job.get("id"))
        if not job_id:
            return None
        return self.api_request(f"{self.api_url()}/core/jobs/{quote(self.domain_id)}/{quote(job_id)}/job-details")

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        data = mapping(detail).get("data")
        return posting_fields(job, data if isinstance(data, dict) else None, site_origin(self.source.url) or "")
