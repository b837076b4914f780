"""UKG Pro (UltiPro) Recruiting job boards, read through the search their own page calls.

`url` is the job board: https://recruiting.ultipro.com/{TENANT}/JobBoard/{boardGuid}/ (also
recruiting2.ultipro.com, recruiting.ultipro.ca, {x}.rec.pro.ukg.net). The list is
POST {board}/JobBoardView/LoadSearchResults, 50 at a time; a job's page is
{board}/OpportunityDetail?opportunityId={Id}. Keys: `api_url` (origin of the search call,
default the board's own), `query_string` (the board's search box, e.g. "peer"),
`page_size` (at most 50), `max_pages` (default 50). Boards that demand an antiforgery token
answer 4xx and the run fails saying so.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import country_name, listing, mapping, paragraphs, place_label, text_of
from indexer.parsers.locations import mentions_remote

_BOARD_PATH = re.compile(r"^(/[^/]+/JobBoard/[0-9a-f-]{36})", re.I)


def board_path(url: str) -> str | None:
    """/{TENANT}/JobBoard/{guid} out of a board or opportunity URL."""
    found = _BOARD_PATH.match(urlsplit(url).path)
    return found.group(1) if found else None


def places_of(opportunity: dict[str, Any]) -> list[str]:
    """Each location's address as "city, state, postal code, country" ("Detroit, MI, 48201,
    United States"; "Toronto, ON, M5V 2T6, Canada"); an address without city or state is none."""
    found = []
    for location in listing(opportunity.get("Locations")):
        address = mapping(mapping(location).get("Address"))
        state, country = mapping(address.get("State")), mapping(address.get("Country"))
        if text_of(address.get("City")) or text_of(state.get("Code")) or text_of(state.get("Name")):
            found.append(place_label(address.get("City"), state.get("Code") or state.get("Name"), address.get("PostalCode"),
                                     country_name(country.get("Name")) or country_name(country.get("Code"))))
    return list(dict.fromkeys(label for label in found if label))


def employment_of(opportunity: dict[str, Any]) -> str | None:
    full_time = opportunity.get("FullTime")
    return {True: "FULL_TIME", False: "PART_TIME"}.get(full_time) if isinstance(full_time, bool) else None


def posting_fields(opportunity: dict[str, Any], board_url: str) -> dict[str, Any]:
    """One search result; `board_url` is https://{host}/{TENANT}/JobBoard/{guid}."""
    opportunity_id = text_of(opportunity.get("Id"))
    page = f"{board_url}/OpportunityDetail?opportunityId={quote(opportunity_id)}" if opportunity_id else None
    names = [mapping(location).get("LocalizedName") for location in listing(opportunity.get("Locations"))]
    return {
        "external_id": opportunity_id or text_of(opportunity.get("RequisitionNumber")),
        "url": page,
        "apply_url": page.replace("/OpportunityDetail?", "/OpportunityApply?") if page else None,
        "title": text_of(opportunity.get("Title")),
        "description_html": paragraphs(opportunity.get("BriefDescription")),
        "date_posted": text_of(opportunity.get("PostedDate")),
        "employment_type": employment_of(opportunity),
        "locations": places_of(opportunity),
        "remote": mentions_remote(*names),
    }


class UltiProSpider(ApiSpider):
    name = "ultipro"
    page_size = max_page_size = 50
    option_keys = ApiSpider.option_keys | {"query_string"}

    def setup_problem(self) -> str | None:
        return None if board_path(self.source.url) else f"no /TENANT/JobBoard/guid in {self.source.url}"

    def list_request(self, page: int):
        body = {"opportunitySearch": {
                    "Top": self.size(), "Skip": page * self.size(),
                    "QueryString": self.option("query_string", ""), "Filters": [],
                    "OrderBy": [{"Value": "postedDateDesc", "PropertyName": "PostedDate", "Ascending": False}]},
                "matchCriteria": {"PreferredJobs": [], "Educations": [], "LicenseAndCertifications": [],
                                  "Skills": [], "hasNoLicenses": False, "SkippedSkills": []}}
        url = f"{self.api_url()}{board_path(self.source.url)}/JobBoardView/LoadSearchResults"
        return self.api_request(url, page=page, data=body)

    def jobs_in(self, data: Any) -> list[Any]:
        return listing(data["opportunities"])

    def has_more(self, data: Any, page: int, jobs: list[Any]) -> bool:
        total = data.get("totalCount")
        return isinstance(total, int) and page * self.size() + len(jobs) < total

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        board = urlsplit(self.source.url)
        return posting_fields(job, f"{board.scheme}://{board.netloc}{board_path(self.source.url)}")
