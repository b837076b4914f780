"""ADP Workforce Now career centers, read through the JSON their own page loads.

`url` is the career center as job seekers see it:
https://workforcenow.adp.com/mascsr/default/mdf/recruitment/recruitment.html?cid={guid}&ccId={id}&lang=en_US.
Pages of GET {origin}/mascsr/default/careercenter/public/events/staffing/v1/job-requisitions
?cid=..&ccId=..&$skip=N&$top=M, then each requisition's description from .../job-requisitions/{itemID}.
Keys: `api_url` (origin of those calls, default the career center's own), `page_size`
(default 20), `max_pages` (default 50).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import country_name, listing, mapping, monetary_amount, place_label, text_of
from indexer.parsers.locations import mentions_remote

API_PATH = "/mascsr/default/careercenter/public/events/staffing/v1/job-requisitions"
PAGE_PATH = "/mascsr/default/mdf/recruitment/recruitment.html"


def career_center(url: str) -> dict[str, str]:
    """The cid, ccId and lang parameters of a career-center URL (cid is required)."""
    query = parse_qs(urlsplit(url).query)
    found = {key: query[key][0] for key in ("cid", "ccId") if query.get(key)}
    found["lang"] = query.get("lang", ["en_US"])[0]
    return found


def place_of(location: dict[str, Any]) -> str | None:
    """The address as "city, state, postal code, country"; else the location's label
    (" Charlotte, NC, US", "Remote, NC") as text. The label can lead with the work site's name
    ("SAN DIEGO, Los Angeles, CA, US" for a Los Angeles address), so the address wins."""
    address = mapping(location.get("address"))
    state = mapping(address.get("countrySubdivisionLevel1"))
    if text_of(address.get("cityName")) or text_of(state.get("codeValue")):
        return place_label(address.get("cityName"), state.get("codeValue") or state.get("shortName"),
                           address.get("postalCode"), country_name(address.get("countryCode")))
    return text_of(mapping(location.get("nameCode")).get("shortName"))


def salary_of(requisition: dict[str, Any]) -> dict[str, Any] | None:
    """The pay grade range; ADP gives no unit, so the pay parser judges it by its size."""
    grade = mapping(requisition.get("payGradeRange"))
    low, high = mapping(grade.get("minimumRate")), mapping(grade.get("maximumRate"))
    return monetary_amount(low.get("amountValue"), high.get("amountValue"), None,
                           low.get("currencyCode") or high.get("currencyCode") or "USD")


def posting_fields(listed: dict[str, Any], detail: dict[str, Any] | None, center: dict[str, str],
                   origin: str) -> dict[str, Any]:
    """A requisition and its detail answer; `center` holds cid/ccId/lang, `origin` the site."""
    detail = mapping(detail)
    detail = mapping(next(iter(listing(detail.get("jobRequisitions"))), detail))
    requisition = {**listed, **detail}
    item_id = text_of(requisition.get("itemID")) or text_of(requisition.get("clientRequisitionID"))
    page = f"{origin}{PAGE_PATH}?{urlencode({**center, 'jobId': item_id})}" if item_id else None
    locations = [mapping(location) for location in listing(requisition.get("requisitionLocations"))]
    labels = [mapping(location.get("nameCode")).get("shortName") for location in locations]
    return {
        "external_id": item_id,
        "url": page,
        "apply_url": page,
        "title": text_of(requisition.get("requisitionTitle")),
        "description_html": text_of(requisition.get("requisitionDescription")),
        "date_posted": text_of(requisition.get("postDate")),
        "employment_type": text_of(mapping(requisition.get("workLevelCode")).get("shortName")),
        "locations": list(dict.fromkeys(found for found in map(place_of, locations) if found)),
        "remote": mentions_remote(*labels),
        "salary": salary_of(requisition),
    }


class AdpSpider(ApiSpider):
    name = "adp"
    page_size = 20

    def query(self, **extra: Any) -> str:
        center = career_center(self.source.url)
        return urlencode({**center, "locale": center["lang"], **extra})

    def setup_problem(self) -> str | None:
        return None if "cid" in career_center(self.source.url) else f"no cid= in {self.source.url}"

    def list_request(self, page: int):
        query = self.query(**{"$skip": page * self.size(), "$top": self.size()})
        return self.api_request(f"{self.api_url()}{API_PATH}?{query}", page=page)

    def jobs_in(self, data: Any) -> list[Any]:
        return listing(data["jobRequisitions"])

    def has_more(self, data: Any, page: int, jobs: list[Any]) -> bool:
        total = mapping(data.get("meta")).get("totalNumber")
        return isinstance(total, int) and page * self.size() + len(jobs) < total

    def detail_request(self, job: dict[str, Any]):
        item_id = text_of(job.get("itemID"))
        return self.api_request(f"{self.api_url()}{API_PATH}/{quote(item_id)}?{self.query()}") if item_id else None

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        site = urlsplit(self.source.url)
        return posting_fields(job, detail, career_center(self.source.url), f"{site.scheme}://{site.netloc}")
