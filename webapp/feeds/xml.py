"""Atom and sitemap documents built with ElementTree: pure, and escaped by construction."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Iterable
from xml.etree import ElementTree

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Characters XML 1.0 cannot carry at all; scraped titles sometimes hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class AtomEntry:
    url: str
    title: str
    updated: datetime
    summary: str


def rfc3339(moment: date | datetime) -> str:
    """Stored times are naive UTC; a bare date is taken as its midnight."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time())
    return moment.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def atom_feed(title: str, feed_url: str, page_url: str, entries: list[AtomEntry], now: datetime) -> bytes:
    feed = ElementTree.Element("feed", xmlns=ATOM)
    _text(feed, "id", page_url)
    _text(feed, "title", title)
    _text(feed, "updated", rfc3339(max((entry.updated for entry in entries), default=now)))
    ElementTree.SubElement(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    ElementTree.SubElement(feed, "link", rel="alternate", type="text/html", href=page_url)
    _text(ElementTree.SubElement(feed, "author"), "name", "PeerJobs")
    for entry in entries:
        _entry(feed, entry)
    return _document(feed)


def _entry(feed: ElementTree.Element, entry: AtomEntry) -> None:
    element = ElementTree.SubElement(feed, "entry")
    _text(element, "id", entry.url)
    _text(element, "title", entry.title)
    _text(element, "updated", rfc3339(entry.updated))
    ElementTree.SubElement(element, "link", rel="alternate", type="text/html", href=entry.url)
    if entry.summary:
        _text(element, "summary", entry.summary)


def sitemap(urls: Iterable[tuple[str, datetime | None]]) -> bytes:
    """<urlset> of (address, last changed)."""
    urlset = ElementTree.Element("urlset", xmlns=SITEMAP)
    for address, changed in urls:
        url = ElementTree.SubElement(urlset, "url")
        _text(url, "loc", address)
        if changed is not None:
            _text(url, "lastmod", rfc3339(changed))
    return _document(urlset)


def _text(parent: ElementTree.Element, tag: str, value: str) -> None:
    ElementTree.SubElement(parent, tag).text = _NOT_XML.sub("", value or "")


def _document(root: ElementTree.Element) -> bytes:
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
