"""Oracle Recruiting Cloud career sites, read through the REST resources their own page loads.

`url` is the career site: https://{pod}.fa.{region}.oraclecloud.com/hcmUI/CandidateExperience/{lang}/sites/{siteNumber}
(a job: .../sites/{siteNumber}/job/{Id}). Pages of GET {api}/hcmRestApi/resources/latest/recruitingCEJobRequisitions
?onlyData=true&expand=requisitionList.secondaryLocations&finder=findReqs;siteNumber=..,limit=N,offset=K,sortBy=..
hold one search whose `requisitionList` holds the jobs and whose `TotalJobsCount` bounds the paging (the
answer's own `hasMore` is about the one search, not the jobs). Each job's text, schedule and work
address come from recruitingCEJobRequisitionDetails?expand=all&onlyData=true&finder=ById;Id="..",siteNumber=..;
pay, when a site shows it, is a requisition flex field. Keys: `api_url` (default the site's own origin),
`site_number` (when the URL does not show it), `keyword` (the site's search box, e.g. "peer"),
`page_size` (default 25), `max_pages` (default 50).
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import listing, mapping, paragraphs, place, sections, text_of
from indexer.parsers.locations import mentions_remote

REST = "/hcmRestApi/resources/latest"
_SITE = re.compile(r"/CandidateExperience/([^/]+)/sites/([^/?#]+)", re.I)
_FINDER_SITE = re.compile(r"siteNumber=([A-Za-z0-9_]+)")
_PAY_PROMPT = re.compile(r"pay|salary|wage|compensation|hiring range", re.I)
TEXT_KEYS = ("ExternalDescriptionStr", "ExternalResponsibilitiesStr", "ExternalQualificationsStr",
             "CorporateDescriptionStr", "OrganizationDescriptionStr")


def site_of(url: str) -> tuple[str, str | None]:
    """(language, siteNumber) from a career-site or REST URL; the site is None when it names none."""
    found = _SITE.search(urlsplit(url).path)
    if found:
        return found.group(1), found.group(2)
    finder = _FINDER_SITE.search(urlsplit(url).query)
    return "en", finder.group(1) if finder else None


def description_of(job: dict[str, Any]) -> str | None:
    """The text fields in order; one a site fills with another's text again is left out."""
    seen: list[str] = []
    for key in TEXT_KEYS:
        text = text_of(job.get(key))
        if text and not any(text in earlier for earlier in seen):
            seen.append(text)
    return sections(*(("", text) for text in seen)) or paragraphs(job.get("ShortDescriptionStr"))


def places_of(job: dict[str, Any]) -> list[dict[str, Any] | str]:
    """The work addresses, else the primary and secondary location labels."""
    addresses = [place(found.get("TownOrCity"), found.get("Region2"), found.get("PostalCode"), found.get("Country"),
                       found.get("AddressLine1")) for found in map(mapping, listing(job.get("workLocation")))]
    addresses = [found for found in addresses if found["city"] or found["region"]]
    labels = [job.get("PrimaryLocation"), *(mapping(other).get("Name") for other in listing(job.get("secondaryLocations")))]
    return addresses or list(dict.fromkeys(label for label in map(text_of, labels) if label))


def pay_text_of(job: dict[str, Any]) -> str | None:
    """The flex field whose prompt names pay ("Pay Range", "Hiring Range"), as the site writes it."""
    for field in map(mapping, listing(job.get("requisitionFlexFields"))):
        if _PAY_PROMPT.search(text_of(field.get("Prompt")) or ""):
            return text_of(field.get("Value"))
    return None


def is_remote(job: dict[str, Any]) -> bool:
    code = str(job.get("WorkplaceTypeCode") or "").upper()
    return code == "ORA_REMOTE" or mentions_remote(job.get("WorkplaceType"), job.get("PrimaryLocation"))


def posting_fields(listed: dict[str, Any], detail: dict[str, Any] | None, site_url: str) -> dict[str, Any]:
    """A requisition of the list and its detail item; `site_url` is the career site the jobs hang off."""
    info = mapping(next(iter(listing(mapping(detail).get("items"))), None))
    job = {**listed, **{key: value for key, value in info.items() if value not in (None, "", [])}}
    job_id = text_of(job.get("Id"))
    page = f"{site_url}/job/{quote(job_id)}" if job_id else None
    return {
        "external_id": job_id,
        "url": page,
        "apply_url": page,
        "title": text_of(job.get("Title")),
        "description_html": description_of(job),
        "employer": text_of(job.get("LegalEmployer")),
        "date_posted": text_of(job.get("ExternalPostedStartDate")) or text_of(job.get("PostedDate")),
        "valid_through": text_of(job.get("ExternalPostedEndDate")) or text_of(job.get("PostingEndDate")),
        "employment_type": text_of(job.get("JobSchedule")),
        "locations": places_of(job),
        "remote": is_remote(job),
        "pay_text": pay_text_of(job),
    }


class OraclecloudSpider(ApiSpider):
    name = "oraclecloud"
    page_size = 25
    option_keys = ApiSpider.option_keys | {"site_number", "keyword"}
    #: Jobs the search found, as its first page says.
    board_total: int = 0

    def site_number(self) -> str | None:
        return self.option("site_number") or site_of(self.source.url)[1]

    def site_url(self) -> str:
        origin = urlsplit(self.source.url)
        language = site_of(self.source.url)[0]
        return f"{origin.scheme}://{origin.netloc}/hcmUI/CandidateExperience/{language}/sites/{self.site_number()}"

    def setup_problem(self) -> str | None:
        if self.site_number():
            return None
        return f"no career-site number in {self.source.url} (expected .../CandidateExperience/en/sites/CX_1; or set site_number)"

    def list_request(self, page: int):
        finder = [f"siteNumber={self.site_number()}", f"limit={self.size()}", f"offset={page * self.size()}",
                  "sortBy=POSTING_DATES_DESC"]
        if self.option("keyword"):
            finder.append(f'keyword="{quote(str(self.option("keyword")))}"')
        query = f"onlyData=true&expand=requisitionList.secondaryLocations&finder=findReqs;{','.join(finder)}"
        return self.api_request(f"{self.api_url()}{REST}/recruitingCEJobRequisitions?{query}", page=page)

    def jobs_in(self, data: Any) -> list[Any]:
        search = mapping(next(iter(listing(data["items"])), None))
        return listing(search.get("requisitionList"))

    def has_more(self, data: Any, page: int, jobs: list[Any]) -> bool:
        if page == 0:
            total = mapping(next(iter(listing(data["items"])), None)).get("TotalJobsCount")
            self.board_total = total if isinstance(total, int) else 0
        return page * self.size() + len(jobs) < self.board_total

    def detail_request(self, job: dict[str, Any]):
        job_id = text_of(job.get("Id"))
        if not job_id:
            return None
        finder = f'ById;Id="{quote(job_id)}",siteNumber={self.site_number()}'
        return self.api_request(f"{self.api_url()}{REST}/recruitingCEJobRequisitionDetails"
                                f"?expand=all&onlyData=true&finder={finder}")

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        return posting_fields(job, detail, self.site_url())
