"""schema.org JobPosting from JSON-LD: pure functions over script texts and parsed objects."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from indexer.parsers.json_reader import read_json

_WRAPPERS = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: A baseSalary given as bare figures ("45000", "$18 - $25"), not as a phrase.
_BARE_FIGURES = re.compile(r"^[\s$\d.,–—-]+$|^[\s$\d.,]+\bto\b[\s$\d.,]+$", re.I)
_ESCAPED_TAG = re.compile(r"&lt;/?[a-z][a-z0-9]*(?:\s[^&]*)?&gt;", re.I)


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


def _address(place: Any) -> dict[str, str | None] | None:
    """A place's PostalAddress; a place given only as text ("Dayton, OH") or by its `name`."""
    address = (place.get("address") or place.get("name")) if isinstance(place, dict) else place
    if isinstance(address, list):
        address = next((member for member in address if isinstance(member, (dict, str))), None)
    if isinstance(address, str):
        return {"city": address, "region": None, "postal_code": None, "street": None, "country": None}
    if not isinstance(address, dict):
        return None
    return {
        "street": _text(address.get("streetAddress")),
        "city": _text(address.get("addressLocality")),
        "region": _text(address.get("addressRegion")),
        "postal_code": _text(address.get("postalCode")),
        "country": _text(address.get("addressCountry")),
    }


def locations(posting: dict[str, Any]) -> list[dict[str, str | None]]:
    """Each jobLocation's address: a list of places, a region alone, a country as {"name": "US"}."""
    found = (_address(place) for place in _as_list(posting.get("jobLocation")))
    return [address for address in found if address and any(address.values())]


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


def description(posting: dict[str, Any]) -> str | None:
    """The description's HTML; one written HTML-escaped ("&lt;p&gt;...") is unescaped once."""
    value = posting.get("description")
    if not isinstance(value, str):
        return None
    return html.unescape(value) if "<" not in value and _ESCAPED_TAG.search(value) else value


def salary_fields(posting: dict[str, Any]) -> dict[str, Any]:
    """baseSalary as `salary` (a MonetaryAmount, or bare figures with the posting's salaryCurrency)
    or as `pay_text` (a phrase)."""
    value = posting.get("baseSalary")
    if isinstance(value, list):
        value = next((member for member in value if isinstance(member, (dict, str, int, float))), None)
    currency = _text(posting.get("salaryCurrency"))
    if isinstance(value, dict):
        salary = value if value.get("currency") or not currency else dict(value, currency=currency)
        return {"salary": salary, "pay_text": None}
    bare = isinstance(value, (int, float)) and not isinstance(value, bool)
    if bare or (isinstance(value, str) and _BARE_FIGURES.match(value) and re.search(r"\d", value)):
        return {"salary": {"currency": currency, "value": value}, "pay_text": None}
    return {"salary": None, "pay_text": value if isinstance(value, str) else None}


def to_raw_posting(posting: dict[str, Any], page_url: str) -> dict[str, Any]:
    """The platform-neutral raw item every spider yields (see crawlers/items.py). A posting that
    names no hiringOrganization is left without an employer, for the source's to fill."""
    return {
        "external_id": identifier(posting),
        "url": page_url,
        "apply_url": _text(posting.get("url")) or page_url,
        "title": _text(posting.get("title")) or _text(posting.get("name")),
        "description_html": description(posting),
        "employer": _text(posting.get("hiringOrganization")),
        "date_posted": _text(posting.get("datePosted")),
        "valid_through": _text(posting.get("validThrough")),
        "employment_type": posting.get("employmentType"),
        "locations": locations(posting),
        "applicant_areas": applicant_areas(posting),
        "remote": is_remote(posting),
        **salary_fields(posting),
    }


def raw_fields(url: str, **values: Any) -> dict[str, Any]:
    """The fields of a raw posting (crawlers/items.py) for platforms that read no JSON-LD: the
    page's address as its url and apply link unless the platform read others."""
    return {"url": url, "apply_url": url, **values}
