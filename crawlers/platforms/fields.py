"""Pure helpers the page- and feed-based platforms share: selectors, and the raw shape of places
and dates found in text (indexer.locations and indexer.dates read them).

Selectors given in sources.yaml are CSS, or XPath when they start with `/` or `(`.
"""
from __future__ import annotations

from typing import Any

from parsel import Selector

from indexer.parsers.dates import date_in_text
from indexer.parsers.locations import mentions_remote


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


def location_fields(*texts: str | None) -> dict[str, Any]:
    """Location texts ("Dayton, OH", "Remote - Ohio", "US-WI-Milwaukee") as the raw posting carries
    them; normalize reads their places, remote work and applicant areas."""
    named = [" ".join(text.split()) for text in texts if text and text.strip()]
    return {"locations": named, "remote": mentions_remote(*named)}


def find_date(text: str | None) -> str | None:
    """The first date in free text as ISO text, the form the raw posting carries."""
    found = date_in_text(text)
    return found.isoformat() if found else None


def merged(listed: dict[str, Any], found: dict[str, Any]) -> dict[str, Any]:
    """Fields from a posting page over those from its listing row; empty values never win."""
    result = dict(listed)
    for key, value in found.items():
        if value not in (None, "", [], {}):
            result[key] = value
    result["remote"] = bool(listed.get("remote") or found.get("remote"))
    return result
