"""What the sample agency sites say: the agencies' data and their JobPosting JSON-LD.

The shapes vary as they do in the wild (a plain object, an @graph, a top-level list, an escaped
description, a full state name), and one page carries a malformed block beside a valid one.
"""
from __future__ import annotations

import html
import json
from datetime import date, timedelta
from pathlib import Path

import yaml

DATA_PATH = Path(__file__).with_name("agencies.yaml")
TEMPLATES_DIR = Path(__file__).with_name("templates")

STATE_NAMES = {
    "CA": "California", "CO": "Colorado", "FL": "Florida", "IL": "Illinois",
    "MA": "Massachusetts", "MD": "Maryland", "NC": "North Carolina", "NY": "New York",
    "OH": "Ohio", "OR": "Oregon", "PA": "Pennsylvania", "TX": "Texas", "WA": "Washington",
}
UNIT_WORDS = {"HOUR": "per hour", "YEAR": "per year", "MONTH": "per month", "WEEK": "per week"}

# A hand-edited theme header with a trailing comma: json.loads rejects it, as it
# would on the real sites this imitates. The JobPosting block beside it is valid.
MALFORMED_BLOCK = """{
  "@context": "https://schema.org",
  "@type": "Organization",
  "name": "%s",
  "url": "%s/",
}"""


def load_agencies(path: Path | None = None) -> list[dict]:
    """Read the YAML and fill defaults, so callers can rely on every key being present."""
    data = yaml.safe_load((path or DATA_PATH).read_text(encoding="utf-8"))
    agencies = data["agencies"]
    for agency in agencies:
        agency.setdefault("events", [])
        for posting in agency["postings"]:
            posting.setdefault("peer", True)
    return agencies


def posting_path(posting: dict) -> str:
    prefix = "/private/careers/" if posting.get("private") else "/careers/"
    return f"{prefix}{posting['id']}/"


def pay_text(salary: dict | None) -> str:
    """Visible pay line; sites show the same figures their JSON-LD carries."""
    if not salary:
        return ""
    unit = UNIT_WORDS[salary["unit"]]
    if "value" in salary:
        return f"{_money(salary['value'])} {unit}"
    return f"{_money(salary['min'])} to {_money(salary['max'])} {unit}"


def _money(amount: float) -> str:
    return f"${amount:,.0f}" if amount >= 1000 else f"${amount:,.2f}"


# --------------------------------------------------------------------------- JSON-LD


def _region(agency: dict) -> str:
    state = agency["state"]
    return STATE_NAMES[state] if agency.get("region") == "full" else state


def _place(agency: dict, posting: dict) -> dict:
    site = posting.get("location") or agency
    return {"@type": "Place", "address": {
        "@type": "PostalAddress", "streetAddress": site["street"],
        "addressLocality": site["city"], "addressRegion": _region(agency),
        "postalCode": str(site["zip"]), "addressCountry": "US"}}


def _salary(salary: dict) -> dict:
    value = {"@type": "QuantitativeValue", "unitText": salary["unit"]}
    if "value" in salary:
        value["value"] = salary["value"]
    else:
        value.update(minValue=salary["min"], maxValue=salary["max"])
    return {"@type": "MonetaryAmount", "currency": "USD", "value": value}


def _location_fields(agency: dict, posting: dict) -> dict:
    if posting.get("remote"):
        return {"jobLocationType": "TELECOMMUTE", "applicantLocationRequirements":
                {"@type": "State", "name": STATE_NAMES[agency["state"]]}}
    return {"jobLocation": _place(agency, posting)}


def job_posting(agency: dict, posting: dict, base: str, today: date) -> dict:
    """The JobPosting object, with only the optional fields this posting sets."""
    description = posting["description_html"]
    if agency.get("escape_description"):
        description = html.escape(description)
    job = {"@type": "JobPosting", "title": posting["title"], "description": description,
           "datePosted": (today - timedelta(days=posting["days_ago"])).isoformat()}
    if "valid_days" in posting:
        job["validThrough"] = f"{today + timedelta(days=posting['valid_days'])}T23:59:59"
    if "employment_type" in posting:
        job["employmentType"] = posting["employment_type"]
    job["hiringOrganization"] = {"@type": "Organization", "name": agency["name"], "sameAs": base + "/"}
    job.update(_location_fields(agency, posting))
    if "salary" in posting:
        job["baseSalary"] = _salary(posting["salary"])
    if "identifier" in posting:
        job["identifier"] = {"@type": "PropertyValue", "name": agency["name"],
                             "value": str(posting["identifier"])}
    job.update(url=base + posting_path(posting), directApply=True)
    return job


def _graph(agency: dict, job: dict, base: str) -> dict:
    """WordPress/Yoast style: the posting is one node among the page and the site's owner."""
    org_id = base + "/#organization"
    job["hiringOrganization"]["@id"] = org_id
    return {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "@id": job["url"], "url": job["url"], "name": job["title"],
         "isPartOf": {"@id": base + "/#website"}},
        {"@type": "Organization", "@id": org_id, "name": agency["name"], "url": base + "/"},
        job]}


def jsonld_blocks(agency: dict, posting: dict, base: str, today: date) -> list[str]:
    """The script bodies for a posting page, shaped the way this agency's CMS would."""
    job = job_posting(agency, posting, base, today)
    style = agency.get("jsonld", "object")
    if style == "graph":
        doc = _graph(agency, job, base)
    elif style == "list":
        crumbs = {"@context": "http://schema.org", "@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Careers", "item": base + "/careers/"}]}
        doc = [crumbs, {"@context": "http://schema.org", **job}]
    else:
        doc = {"@context": "https://schema.org/", **job}
    blocks = [script_json(doc)]
    if posting.get("malformed_jsonld"):
        blocks.insert(0, MALFORMED_BLOCK % (agency["name"], base))
    return blocks


def event_jsonld(agency: dict, event: dict, base: str, today: date) -> str:
    return script_json({
        "@context": "https://schema.org", "@type": "Event", "name": event["name"],
        "description": event["description"],
        "startDate": f"{today + timedelta(days=event['days_ahead'])}T{event['time']}",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(agency, {}),
        "organizer": {"@type": "Organization", "name": agency["name"], "url": base + "/"},
        "url": f"{base}/careers/{event['id']}/"})


def script_json(doc) -> str:
    """JSON safe inside <script>: a description containing </script> must not end the block."""
    return json.dumps(doc, indent=2, ensure_ascii=False).replace("</", "<\\/")


# --------------------------------------------------------------------------- pages
