"""The sample organizations as a CSV file, in PeerJobs' own columns or in the columns of SAMHSA's
FindTreatment.gov locator (docs/discovery.md lists them and where they come from)."""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Any, Iterable

OWN_COLUMNS = ("name", "website", "city", "state", "zip", "street", "phone")
#: The facility fields of a FindTreatment.gov locator listing row, in its order (`services`
#: flattened to its service names joined by "; ").
FINDTREATMENT_COLUMNS = ("frid", "name1", "name2", "street1", "street2", "city", "state", "zip", "phone",
                         "typeFacility", "intake1", "hotline1", "website", "latitude", "longitude", "services")
#: FindTreatment's typeFacility: MH mental health, SA substance use; by the organization's kind.
FACILITY_TYPES = {"recovery community organization": "SA", "substance use treatment": "SA"}
SERVICES = {"MH": "Mental health treatment; Outpatient; Peer support services",
            "SA": "Substance use treatment; Recovery support services; Peer support services"}


def peerjobs_row(org: Any) -> dict[str, str]:
    return {"name": org.name, "website": org.website, "city": org.city, "state": org.state, "zip": org.zip,
            "street": org.street, "phone": org.phone}


def place_of(zip_code: str) -> tuple[str, str]:
    import zipcodes

    found = zipcodes.matching(zip_code)
    return (found[0]["lat"], found[0]["long"]) if found else ("", "")


def findtreatment_row(org: Any) -> dict[str, str]:
    street1, _, street2 = org.street.partition(", ")
    kind = FACILITY_TYPES.get(org.kind, "MH")
    latitude, longitude = place_of(org.zip)
    return {"frid": hashlib.sha256(org.id.encode()).hexdigest(),
            "name1": org.labels.get("name1", org.name), "name2": org.labels.get("name2", ""),
            "street1": street1, "street2": street2, "city": org.city, "state": org.state, "zip": org.zip,
            "phone": org.phone.replace("(", "").replace(") ", "-"), "typeFacility": kind,
            "intake1": "", "hotline1": "", "website": org.website,
            "latitude": latitude, "longitude": longitude, "services": SERVICES[kind]}


STYLES = {"peerjobs": (OWN_COLUMNS, peerjobs_row), "findtreatment": (FINDTREATMENT_COLUMNS, findtreatment_row)}


def write_organizations_csv(organizations: Iterable[Any], path: Path, style: str = "peerjobs") -> Path:
    if style not in STYLES:
        raise ValueError(f"unknown CSV style {style!r}; one of {', '.join(STYLES)}")
    columns, row_of = STYLES[style]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(row_of(org) for org in organizations)
    return path
