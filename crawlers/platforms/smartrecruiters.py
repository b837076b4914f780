"""SmartRecruiters companies, read through the Posting API.

`url` is the careers site or a job link: https://careers.smartrecruiters.com/{company} or
https://jobs.smartrecruiters.com/{company}/{postingId}. The list, GET
{api}/v1/companies/{company}/postings?offset=N&limit=M, has no descriptions, so each posting is
read once more at .../postings/{id}. Keys: `api_url` (API origin, default
https://api.smartrecruiters.com), `page_size` (at most 100), `max_pages` (default 50).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import country_name, listing, mapping, place_label, sections, text_of

SECTION_ORDER = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


def company_of(url: str) -> str | None:
    segments = [segment for segment in urlsplit(url).path.split("/") if segment]
    if segments[:2] == ["v1", "companies"]:
        return segments[2] if len(segments) > 2 else None
    return segments[0] if segments else None


def description_of(posting: dict[str, Any]) -> str | None:
    found = mapping(mapping(posting.get("jobAd")).get("sections"))
    return sections(*((mapping(found.get(key)).get("title"), mapping(found.get(key)).get("text"))
                      for key in SECTION_ORDER))


def place_of(posting: dict[str, Any]) -> str | None:
    """The location as "city, region, postal code, country" ("New Orleans, LA, 70112, United
    States"); `fullLocation` ("Warsaw, Masovian Voivodeship, Poland", "Dubai, , United Arab
    Emirates") when the country's code is not one known or the fields are missing."""
    location = mapping(posting.get("location"))
    country = country_name(location.get("country"))
    full = place_label(*str(location.get("fullLocation") or "").split(","))
    if (country or not full) and (text_of(location.get("city")) or text_of(location.get("region"))):
        return place_label(location.get("city"), location.get("region"), location.get("postalCode"), country)
    return full


def remote_areas(posting: dict[str, Any]) -> list[str]:
    """A remote job's country abroad ("Canada"), where its people may live; a US one's states
    come from its place."""
    location = mapping(posting.get("location"))
    country = country_name(location.get("country"))
    return [country] if location.get("remote") is True and country and country != "United States" else []


def posting_fields(listed: dict[str, Any], detail: dict[str, Any] | None, company: str) -> dict[str, Any]:
    """The list entry, completed by the detail answer when there is one."""
    detail = mapping(detail)
    posting = {**listed, **detail,
               "location": {**mapping(listed.get("location")), **mapping(detail.get("location"))}}
    posting_id = text_of(posting.get("id"))
    page = text_of(posting.get("postingUrl")) or (
        f"https://jobs.smartrecruiters.com/{company}/{posting_id}" if posting_id else None)
    return {
        "external_id": posting_id or text_of(posting.get("refNumber")),
        "url": page,
        "apply_url": text_of(posting.get("applyUrl")) or page,
        "title": text_of(posting.get("name")),
        "description_html": description_of(posting),
        "employer": text_of(mapping(posting.get("company")).get("name")),
        "date_posted": text_of(posting.get("releasedDate")),
        "employment_type": text_of(mapping(posting.get("typeOfEmployment")).get("label")),
        "locations": [found for found in [place_of(posting)] if found],
        "applicant_areas": remote_areas(posting),
        "remote": mapping(posting.get("location")).get("remote") is True,
    }


class SmartRecruitersSpider(ApiSpider):
    name = "smartrecruiters"
    default_api = "https://api.smartrecruiters.com"

    def company(self) -> str:
        return quote(company_of(self.source.url) or "")

    def setup_problem(self) -> str | None:
        return None if self.company() else f"no company identifier in {self.source.url}"

    def list_request(self, page: int):
        size = self.size()
        url = f"{self.api_url()}/v1/companies/{self.company()}/postings?offset={page * size}&limit={size}"
        return self.api_request(url, page=page)

    def jobs_in(self, data: Any) -> list[Any]:
        return listing(data["content"])

    def has_more(self, data: Any, page: int, jobs: list[Any]) -> bool:
        total = data.get("totalFound")
        return isinstance(total, int) and page * self.size() + len(jobs) < total

    def detail_request(self, job: dict[str, Any]):
        posting_id = text_of(job.get("id"))
        if not posting_id:
            return None
        return self.api_request(f"{self.api_url()}/v1/companies/{self.company()}/postings/{quote(posting_id)}")

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        return posting_fields(job, detail, self.company())
