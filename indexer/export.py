"""Every stored posting with all its normalized fields, as JSON lines or CSV.

The fields, their order and meaning are the published contract in docs/DATA_FORMAT.md (a test
keeps the two equal). Times are UTC, ISO 8601 with a trailing Z; dates are ISO 8601.
"""
from __future__ import annotations

import csv
import json
from datetime import date, datetime
from typing import Any, Iterable, Iterator, TextIO

from sqlalchemy.orm import Session

from indexer import store
from indexer.store.models import Posting, PostingSource

#: Columns taken as stored, in the order they are written.
STORED_FIELDS = (
    "title", "display_title", "category", "is_peer", "classification", "employer", "url", "apply_url",
    "city", "state", "postal_code", "latitude", "longitude", "locations", "remote", "remote_area",
    "employment_type", "pay_min", "pay_max", "pay_unit", "pay_text", "pay_hourly_min", "pay_hourly_max",
    "pay_annual_min", "pay_annual_max", "date_posted", "valid_through", "first_seen", "last_seen",
    "last_verified_open", "changed_at", "closed_at", "closed_reason", "country",
)
#: Facets (indexer/facets.py), flattened: field -> (facet key, value when absent).
FACET_FIELDS = {
    "lived_experience": ("lived_experience", []), "populations": ("populations", []),
    "settings": ("settings", []), "paid": ("paid", None), "bilingual": ("bilingual", None),
    "languages": ("languages", []), "seniority": ("seniority", None),
    "hours_per_week": ("hours_per_week", None), "schedule": ("schedule", []),
    "requirements": ("requirements", []), "education": ("education", None),
    "record_friendly": ("record_friendly", None), "recovery_months": ("recovery_months", None),
}
EXPORT_FIELDS = (
    "id", "status", "source_ids", "external_ids", "source_urls", *STORED_FIELDS,
    "certification_status", "certifications", "certification_months", *FACET_FIELDS, "description_text", "description_html",
)
FORMATS = ("jsonl", "csv")
#: In CSV, lists of text are joined with this ("|" never appears unescaped in a URL).
CSV_LIST_SEPARATOR = "|"


def record(posting: Posting, sightings: list[PostingSource]) -> dict[str, Any]:
    """One posting as the contract's plain values: text, numbers, booleans, lists, None."""
    facets = posting.facets or {}
    certification = facets.get("certification") or {}
    values: dict[str, Any] = {name: getattr(posting, name) for name in STORED_FIELDS}
    values.update(
        id=posting.id, status=posting.status, source_ids=[s.source_id for s in sightings],
        external_ids=[s.external_id for s in sightings], source_urls=[s.url for s in sightings],
        certification_status=certification.get("status"),
        certifications=list(certification.get("names") or []),
        certification_months=certification.get("months"),
        description_text=posting.description_text, description_html=posting.description_html,
        locations=list(posting.locations or []),
    )
    for field, (key, absent) in FACET_FIELDS.items():
        values[field] = facets.get(key, absent)
    return {name: _plain(values[name]) for name in EXPORT_FIELDS}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    return value


def records(session: Session, include_closed: bool = False) -> Iterator[dict[str, Any]]:
    for posting, sightings in store.postings_with_sources(session, include_closed):
        yield record(posting, sightings)


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({name: csv_cell(value) for name, value in row.items()})
        count += 1
    return count


def csv_cell(value: Any) -> str:
    """Booleans as true/false, None as empty, lists of text joined, other lists as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(isinstance(member, str) for member in value):
            return CSV_LIST_SEPARATOR.join(value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write(session: Session, out: TextIO, fmt: str = "jsonl", include_closed: bool = False) -> int:
    """Write the export in `fmt` ("jsonl" or "csv"); returns how many postings were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    writer = write_jsonl if fmt == "jsonl" else write_csv
    return writer(records(session, include_closed), out)
