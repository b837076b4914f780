"""schema.org JobPosting from JSON-LD: pure functions over script texts and parsed objects."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from indexer.parsers.json_reader import read_json

_WRAPPERS = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class JsonLd:
    objects: list[Any] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def parse_blocks(texts: Iterable[str]) -> JsonLd:
    """Each block on its own: a malformed block is an error noted, the others still count."""
    result = JsonLd()
    for position, text in enumerate(texts, start=1):
        cleaned = _CONTROL.sub(" ", _WRAPPERS.sub("", text or ""))
        if not cleaned.strip():
            continue
        try:
            result.objects.append(read_json(cleaned))
        except ValueError as error:
            result.errors.append(f"JSON-LD block {position} is malformed: {error}")
    return result


def find_typed(value: Any, wanted: str = "JobPosting") -> Iterator[dict[str, Any]]:
    """Objects of a schema.org type anywhere in lists, @graph arrays or nested values."""
    if isinstance(value, list):
        for member in value:
            yield from find_typed(member, wanted)
    elif isinstance(value, dict):
        if wanted in _types(value):
            yield value
            return
        for member in value.values():
            if isinstance(member, (list, dict)):
                yield from find_typed(member, wanted)


def _types(value: dict[str, Any]) -> list[str]:
    declared = value.get("@type")
    names = declared if isinstance(declared, list) else [declared]
    return [name.rsplit("/", 1)[-1] for name in names if isinstance(name, str)]


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("value") or value.get("@value"))
    if isinstance(value, list) and value:
        return _text(value[0])
    return None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def locations(posting: dict[str, Any]) -> list[dict[str, str | None]]:
    found = []
    for place in _as_list(posting.get("jobLocation")):
        address = place.get("address") if isinstance(place, dict) else None
        if isinstance(address, str):
            found.append({"city": address, "region": None, "postal_code": None, "street": None, "country": None})
        elif isinstance(address, dict):
            found.append({
                "street": _text(address.get("streetAddress")),
                "city": _text(address.get("addressLocality")),
                "region": _text(address.get("addressRegion")),
                "postal_code": _text(address.get("postalCode")),
                "country": _text(address.get("addressCountry")),
            })
    return found


def applicant_areas(posting: dict[str, Any]) -> list[str]:
    """Where a remote job's applicants must live (schema.org applicantLocationRequirements)."""
    areas = []
    for area in _as_list(posting.get("applicantLocationRequirements")):
        name = _text(area)
        if name:
            areas.append(name)
    return areas


def identifier(posting: dict[str, Any]) -> str | None:
    value = posting.get("identifier")
    if isinstance(value, dict):
        return _text(value.get("value"))
    return _text(value)


def is_remote(posting: dict[str, Any]) -> bool:
    kinds = [str(kind).upper() for kind in _as_list(posting.get("jobLocationType"))]
    return "TELECOMMUTE" in kinds


def to_raw_posting(posting: dict[str, Any], page_url: str) -> dict[str, Any]:
    """The platform-neutral raw item every spider yields (see crawlers/items.py)."""
    organization = posting.get("hiringOrganization")
    return {
        "external_id": identifier(posting),
        "url": page_url,
        "apply_url": _text(posting.get("url")) or page_url,
        "title": _text(posting.get("title")),
        "description_html": posting.get("description") if isinstance(posting.get("description"), str) else None,
        "employer": _text(organization),
        "date_posted": _text(posting.get("datePosted")),
        "valid_through": _text(posting.get("validThrough")),
        "employment_type": posting.get("employmentType"),
        "locations": locations(posting),
        "applicant_areas": applicant_areas(posting),
        "remote": is_remote(posting),
        "salary": posting.get("baseSalary") if isinstance(posting.get("baseSalary"), dict) else None,
        "pay_text": posting.get("baseSalary") if isinstance(posting.get("baseSalary"), str) else None,
    }


def raw_fields(url: str, **values: Any) -> dict[str, Any]:
    """The fields of a raw posting (crawlers/items.py) for platforms that read no JSON-LD: the
    page's address as its url and apply link unless the platform read others."""
    return {"url": url, "apply_url": url, **values}
