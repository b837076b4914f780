"""USAJOBS, the federal government's board (VA peer specialists), read through its Search API.

`url` is a search, either as the API takes it
(https://data.usajobs.gov/api/search?Keyword=peer%20support&JobCategoryCode=0102) or as the
site shows it (https://www.usajobs.gov/search/results/?k=peer%20support&j=0102; k, l, j, d, a
and hp are carried over, a repeated one joined with ";" as the API takes it). Pages of
GET {api}/api/search?...&ResultsPerPage=N&Page=P. Duty stations: usajobs_stations.py.
The API wants a free key: PEERJOBS_USAJOBS_API_KEY and the e-mail it was issued to,
PEERJOBS_USAJOBS_EMAIL, come from the environment; without them the run fails and nothing is
fetched. Keys: `api_url` (API origin, default https://data.usajobs.gov), `page_size`
(default 500, the API's most), `max_pages` (default 50).
"""
from __future__ import annotations

import html
import math
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import (
    listing, mapping, monetary_amount, sections, text_of,
)
from crawlers.platforms.usajobs_stations import applicant_areas, is_remote, places_of
from foundation.settings import variable

KEY_VARIABLE, EMAIL_VARIABLE = "PEERJOBS_USAJOBS_API_KEY", "PEERJOBS_USAJOBS_EMAIL"
#: usajobs.gov search-page parameters -> Search API parameters.
SITE_PARAMETERS = {"k": "Keyword", "l": "LocationName", "j": "JobCategoryCode", "d": "Organization",
                   "a": "Organization", "hp": "HiringPath"}
#: RateIntervalCode, as a code or as words -> (schema.org unit, divisor).
RATE_UNITS = {"PA": ("YEAR", 1), "PER YEAR": ("YEAR", 1), "PH": ("HOUR", 1), "PER HOUR": ("HOUR", 1),
              "PM": ("MONTH", 1), "PER MONTH": ("MONTH", 1), "PW": ("WEEK", 1), "PER WEEK": ("WEEK", 1),
              "PD": ("DAY", 1), "PER DAY": ("DAY", 1), "BW": ("WEEK", 2), "BI-WEEKLY": ("WEEK", 2)}


def search_query(url: str) -> dict[str, list[str]]:
    """The API search parameters a source URL asks for (paging left out)."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if parts.path.rstrip("/").lower().endswith("/api/search"):
        return {key: values for key, values in query.items() if key not in ("Page", "ResultsPerPage")}
    found: dict[str, list[str]] = {}
    for key, values in query.items():
        if key.lower() in SITE_PARAMETERS:
            found.setdefault(SITE_PARAMETERS[key.lower()], []).extend(values)
    return {key: [";".join(dict.fromkeys(values))] for key, values in found.items()}


def _number(value: Any) -> float | None:
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def _dollars(amount: float) -> str:
    return f"${amount:,.0f}" if amount.is_integer() else f"${amount:,.2f}"


def pay_of(descriptor: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """(MonetaryAmount, text as posted) from the first PositionRemuneration."""
    pay = mapping(next(iter(listing(descriptor.get("PositionRemuneration"))), None))
    code = str(pay.get("RateIntervalCode") or pay.get("Description") or "").strip().upper()
    unit, divisor = RATE_UNITS.get(code, (None, 1))
    low, high = _number(pay.get("MinimumRange")), _number(pay.get("MaximumRange"))
    if unit is None or not (low or high):
        return None, None
    words = text_of(pay.get("Description")) or ("bi-weekly" if divisor == 2 else f"per {unit.lower()}")
    text = " - ".join(_dollars(x) for x in dict.fromkeys((low, high)) if x) + f" {words.lower()}"
    low, high = (round(x / divisor, 2) if x else None for x in (low, high))
    return monetary_amount(low, high, unit), text


def description_of(descriptor: dict[str, Any]) -> str | None:
    details = mapping(mapping(descriptor.get("UserArea")).get("Details"))
    duties = [html.escape(duty) for duty in listing(details.get("MajorDuties")) if isinstance(duty, str)]
    return sections(("Summary", details.get("JobSummary")),
                    ("Duties", "<ul>" + "".join(f"<li>{duty}</li>" for duty in duties) + "</ul>" if duties else None),
                    ("Qualifications", descriptor.get("QualificationSummary")))


def posting_fields(item: dict[str, Any]) -> dict[str, Any]:
    """One SearchResultItems entry."""
    descriptor = mapping(item.get("MatchedObjectDescriptor"))
    salary, pay_text = pay_of(descriptor)
    remote = is_remote(descriptor)
    page = text_of(descriptor.get("PositionURI"))
    kinds = listing(descriptor.get("PositionSchedule")) + listing(descriptor.get("PositionOfferingType"))
    return {
        "external_id": text_of(item.get("MatchedObjectId")) or text_of(descriptor.get("PositionID")),
        "url": page,
        "apply_url": text_of(next(iter(listing(descriptor.get("ApplyURI"))), None)) or page,
        "title": text_of(descriptor.get("PositionTitle")),
        "description_html": description_of(descriptor),
        "employer": text_of(descriptor.get("OrganizationName")) or text_of(descriptor.get("DepartmentName")),
        "date_posted": text_of(descriptor.get("PublicationStartDate")),
        "valid_through": text_of(descriptor.get("ApplicationCloseDate")),
        "employment_type": [name for name in (text_of(mapping(kind).get("Name")) for kind in kinds) if name],
        "locations": places_of(descriptor),
        "remote": remote,
        "applicant_areas": applicant_areas(descriptor) if remote else [],
        "salary": salary,
        "pay_text": pay_text,
    }


class UsajobsSpider(ApiSpider):
    name = "usajobs"
    default_api = "https://data.usajobs.gov"
    page_size = max_page_size = 500

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.api_key = variable(KEY_VARIABLE).strip()
        self.email = variable(EMAIL_VARIABLE).strip()

    def setup_problem(self) -> str | None:
        if not (self.api_key and self.email):
            return (f"USAJOBS needs an API key: set {KEY_VARIABLE} and {EMAIL_VARIABLE} "
                    "(the e-mail the key was issued to; request one at developer.usajobs.gov)")
        return None

    def list_request(self, page: int):
        query = urlencode({**search_query(self.source.url), "ResultsPerPage": self.size(), "Page": page + 1},
                          doseq=True)
        headers = {"Authorization-Key": self.api_key, "User-Agent": self.email}
        return self.api_request(f"{self.api_url()}/api/search?{query}", page=page, headers=headers)

    def jobs_in(self, data: Any) -> list[Any]:
        return listing(data["SearchResult"]["SearchResultItems"])

    def has_more(self, data: Any, page: int, jobs: list[Any]) -> bool:
        result = mapping(data.get("SearchResult"))
        pages = _number(mapping(result.get("UserArea")).get("NumberOfPages"))
        if pages is None:
            pages = math.ceil((_number(result.get("SearchResultCountAll")) or 0) / self.size())
        return page + 1 < pages

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        return posting_fields(job)
