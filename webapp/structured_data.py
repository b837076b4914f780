"""schema.org JobPosting data for a posting page: what search engines read to list a job.

Pure: a Posting in, a dict out (the template serializes it with `tojson`, which escapes `<`, so
scraped text cannot close the script element). A closed posting, or one missing what Google
requires (title, employer, description, where), gets no markup at all rather than half of it.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from indexer.cards import pay_shown
from indexer.parsers.geo import STATES
from indexer.store.models import Posting

EMPLOYMENT_TYPES = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"}


def job_posting(posting: Posting, page_url: str, description_html: str) -> dict[str, Any] | None:
    """The JobPosting for an open posting, or None when it must carry none."""
    where = job_location(posting)
    required = ((posting.title or "").strip(), (posting.employer or "").strip(), description_html, where)
    if posting.status != "open" or not all(required):
        return None
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "JobPosting",
        "title": posting.title.strip(), "description": str(description_html),
        "datePosted": date_posted(posting), "hiringOrganization": hiring_organization(posting),
        "url": page_url, "directApply": False, **where,
    }
    if posting.valid_through:
        data["validThrough"] = posting.valid_through.isoformat()
    if (posting.employment_type or "").upper() in EMPLOYMENT_TYPES:
        data["employmentType"] = posting.employment_type.upper()
    salary = base_salary(posting)
    if salary:
        data["baseSalary"] = salary
    return data


def date_posted(posting: Posting) -> str:
    """As posted; when the source gave no date, the day we first saw it."""
    if posting.date_posted:
        return posting.date_posted.isoformat()
    first_seen = posting.first_seen or datetime.now()
    return first_seen.date().isoformat()


def hiring_organization(posting: Posting) -> dict[str, str]:
    return {"@type": "Organization", "name": posting.employer.strip()}


def job_location(posting: Posting) -> dict[str, Any]:
    """Places of work, plus TELECOMMUTE and who may apply when the job is remote; {} if unknown."""
    found: dict[str, Any] = {}
    places = [place(location) for location in _locations(posting)]
    places = [entry for entry in places if entry]
    if places:
        found["jobLocation"] = places[0] if len(places) == 1 else places
    if posting.remote:
        found["jobLocationType"] = "TELECOMMUTE"
        found["applicantLocationRequirements"] = applicant_area(posting.remote_area)
    return found


def _locations(posting: Posting) -> list[dict[str, Any]]:
    locations = [entry for entry in (posting.locations or []) if isinstance(entry, dict)]
    if locations:
        return locations
    return [{"city": posting.city, "state": posting.state, "postal_code": posting.postal_code}]


def place(location: dict[str, Any]) -> dict[str, Any] | None:
    address = {"@type": "PostalAddress"}
    for key, name in (("city", "addressLocality"), ("state", "addressRegion"), ("postal_code", "postalCode")):
        if location.get(key):
            address[name] = str(location[key])
    if len(address) == 1:
        return None
    address["addressCountry"] = "US"
    return {"@type": "Place", "address": address}


def applicant_area(remote_area: str | None) -> dict[str, str]:
    if remote_area and remote_area in STATES:
        return {"@type": "State", "name": STATES[remote_area]}
    return {"@type": "Country", "name": "USA"}


def base_salary(posting: Posting) -> dict[str, Any] | None:
    """Pay as posted; the hourly figures when the posted unit is missing or odd."""
    figures = pay_shown(posting).figures
    if figures is None:
        return None
    low, high, unit = figures
    value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": unit}
    if low is not None and high is not None and low != high:
        value.update(minValue=low, maxValue=high)
    else:
        value["value"] = low if low is not None else high
    return {"@type": "MonetaryAmount", "currency": "USD", "value": value}
