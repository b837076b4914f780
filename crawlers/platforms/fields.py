"""Pure helpers the page- and feed-based platforms share: selectors, places and dates in text.

Selectors given in sources.yaml are CSS, or XPath when they start with `/` or `(`.
"""
from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from indexer.geo import state_code

_ZIP = re.compile(r"\b(\d{5})(?:-\d{4})?\s*$")
_ICIMS_PLACE = re.compile(r"^([A-Z]{2})-([A-Z]{2})-(.+)$")
_PARENS = re.compile(r"\([^)]*\)")
_COUNTRY = ("US", "USA", "UNITED STATES")
_REMOTE = re.compile(r"\b(remote|telework|work from home|virtual)\b", re.I)
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_DATES = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)"), lambda m: (m[1], m[2], m[3])),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), lambda m: (m[3], m[1], m[2])),
    (re.compile(r"\b(" + "|".join(_MONTHS) + r")[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b", re.I),
     lambda m: (m[3], str(_MONTHS.index(m[1][:3].lower()) + 1), m[2])),
    (re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")[a-z]*\.?,?\s+(\d{4})\b", re.I),
     lambda m: (m[3], str(_MONTHS.index(m[2][:3].lower()) + 1), m[1])),
)


def is_xpath(expression: str) -> bool:
    return expression.lstrip().startswith(("/", "("))


def select(node: Selector, expression: str) -> Any:
    """The SelectorList a CSS or XPath expression picks out of `node`."""
    if is_xpath(expression):
        return node.xpath(expression.strip())
    return node.css(expression.strip())


def selector_error(expression: Any) -> str | None:
    """Why a selector from sources.yaml cannot be used, or None when it can."""
    if not isinstance(expression, str) or not expression.strip():
        return "expected a CSS or XPath selector"
    try:
        select(Selector(text="<html><body><p>x</p></body></html>"), expression)
    except Exception as error:  # cssselect and lxml raise several types for a bad expression
        return f"not a valid {'XPath' if is_xpath(expression) else 'CSS'} selector: {error}"
    return None


def node_text(node: Selector) -> str:
    """Text of an element (its descendants' text, whitespace collapsed) or of a text/attribute result."""
    if isinstance(node.root, str):
        return " ".join(node.root.split())
    return " ".join(" ".join(node.xpath(".//text()").getall()).split())


def node_html(node: Selector) -> str:
    return node.root if isinstance(node.root, str) else node.get()


def first_text(node: Selector, expression: str | None) -> str | None:
    if not expression:
        return None
    texts = [node_text(found) for found in select(node, expression)]
    return " ".join(text for text in texts if text) or None


def place_from_text(text: str | None) -> dict[str, str | None] | None:
    """A location shape from "Dayton, OH 45402", "Dayton, Ohio", "US-OH-Dayton" or "Dayton OH"."""
    icims = _ICIMS_PLACE.match((text or "").strip())
    if icims:
        city = None if _REMOTE.fullmatch(icims.group(3).strip()) else icims.group(3).strip()
        return _place(city, icims.group(2), None, icims.group(1))
    text = _REMOTE.sub(" ", text or "")
    outside = _PARENS.sub(" ", text)  # "Dayton, OH (hybrid)"; but "Remote (Maryland)" is a place
    text = " ".join((outside if outside.strip(" ,;|-") else text).split()).strip(" ,;|-()")
    if not text or text.upper() in _COUNTRY:
        return None
    postal = _ZIP.search(text)
    head = text[:postal.start()].strip(" ,") if postal else text
    parts = [part.strip() for part in head.split(",") if part.strip()]
    if parts and parts[-1].upper() in _COUNTRY:
        parts = parts[:-1]
    if len(parts) == 1 and state_code(parts[0]) and len(parts[0]) > 2:
        return _place(None, state_code(parts[0]), postal and postal.group(1))
    if len(parts) >= 2 and state_code(parts[-1]):
        return _place(", ".join(parts[:-1]), state_code(parts[-1]), postal and postal.group(1))
    words = head.split()
    if len(words) >= 2 and len(words[-1]) == 2 and state_code(words[-1]):
        return _place(" ".join(words[:-1]).strip(" ,"), state_code(words[-1]), postal and postal.group(1))
    return _place(head or None, None, postal and postal.group(1))


def _place(city: str | None, region: str | None, postal_code: str | None,
           country: str | None = None) -> dict[str, str | None]:
    return {"street": None, "city": city, "region": region, "postal_code": postal_code, "country": country}


def mentions_remote(*texts: str | None) -> bool:
    return any(text and _REMOTE.search(text) for text in texts)


def location_fields(*texts: str | None) -> dict[str, Any]:
    """locations, remote and applicant_areas from location texts ("Dayton, OH", "Remote - Ohio")."""
    places = [place for place in map(place_from_text, texts) if place]
    if not mentions_remote(*texts):
        return {"locations": places, "remote": False, "applicant_areas": []}
    areas = [place["region"] for place in places if place["region"] and not place["city"]]
    located = [place for place in places if place["city"]]
    return {"locations": located, "remote": True, "applicant_areas": areas}


def find_date(text: str | None) -> str | None:
    """The first ISO, US (m/d/yyyy), "March 3, 2026" or "3 Mar 2026" date in free text, as ISO yyyy-mm-dd."""
    for pattern, parts in _DATES:
        match = pattern.search(text or "")
        if match:
            year, month, day = parts(match)
            return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    return None


def merged(listed: dict[str, Any], found: dict[str, Any]) -> dict[str, Any]:
    """Fields from a posting page over those from its listing row; empty values never win."""
    result = dict(listed)
    for key, value in found.items():
        if value not in (None, "", [], {}):
            result[key] = value
    result["remote"] = bool(listed.get("remote") or found.get("remote"))
    return result
