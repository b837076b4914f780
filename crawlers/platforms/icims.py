"""iCIMS career portals (careers-{company}.icims.com), read as their iframe HTML.

The search page (`/jobs/search?ss=1&in_iframe=1&pr={page}`, pr counted from 0) lists rows in
`.iCIMS_JobsTable`, or, in the newer markup, cards (a list item, card or row element) around
each link to `/jobs/{id}/{slug}/job`; the job page carries JobPosting JSON-LD. A row's fields are
`dt`/`dd` pairs; several locations are joined by `|`. `url` may be the portal, its search page
or a filtered search (its query is kept).
Keys: `max_pages`.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from crawlers.platforms.fields import find_date, first_text, location_fields, node_html, node_text
from crawlers.platforms.pages import ListingSpider
from crawlers.structured_data import raw_fields

_JOB_PATH = re.compile(r"/jobs/(\d+)/")
_JOB_LINK = re.compile(r"/jobs/(\d+)/[^/?#]+/job(?:[?#]|$)")
#: The element around a job link that holds the rest of its card: the nearest list item, table
#: row, or element whose class names a card or row.
_CARD = ("ancestor::*[self::li or self::article or self::tr or @role='listitem'"
         " or contains(translate(@class, 'CARDOW', 'cardow'), 'card')"
         " or contains(concat(' ', translate(@class, 'ROW', 'row'), ' '), 'row ')][1]")
_TITLES = ("a.iCIMS_Anchor h3, a.iCIMS_Anchor h2", ".title h2, .title h3", "a h2, a h3", ".title a",
           "a.iCIMS_Anchor")
_PAGE_COUNT = re.compile(r"Page\s+(\d+)\s+of\s+(\d+)", re.I)
_DATE_LABELS = ("posted date", "date posted", "posting date", "posted")
_TYPE_LABELS = ("position type", "type", "job type", "employment type", "schedule")


def with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(changes)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def search_url(url: str) -> str:
    """The iframe search page of a portal URL, keeping any search filters it carries."""
    parts = urlsplit(url)
    if not parts.path.rstrip("/").endswith("/jobs/search"):
        url = urlunsplit((parts.scheme, parts.netloc, "/jobs/search", "ss=1", ""))
    return with_query(url, in_iframe="1")


def public_url(url: str) -> str:
    """A posting link without `in_iframe` and other query noise: the page people open."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def header_fields(row: Selector) -> dict[str, str]:
    """The row's `dt`/`dd` pairs (Requisition ID, Category, Position Type, Posted Date ...)."""
    fields = {}
    for label in row.css("dt"):
        value = label.xpath("following-sibling::dd[1]")
        if value:
            fields[node_text(label).rstrip(":").lower()] = node_text(value[0])
    return fields


def _labelled(fields: dict[str, str], labels: tuple[str, ...]) -> str | None:
    return next((fields[label] for label in labels if fields.get(label)), None)


def _title(row: Selector) -> str | None:
    return next(filter(None, (first_text(row, expression) for expression in _TITLES)), None)


def _posted(row: Selector, fields: dict[str, str]) -> str | None:
    """The posted date: the header's `title` attribute holds it when the text says "3 days ago"."""
    texts = (row.css(".header.right [title]::attr(title)").get(), _labelled(fields, _DATE_LABELS),
             first_text(row, ".header.right"))
    return next(filter(None, (find_date(text) for text in texts)), None)


def _places(row: Selector) -> list[str]:
    places = first_text(row, ".header.left span:not(.sr-only)") or ""
    return [place.strip() for place in places.split("|")]


def listing_row(row: Selector, page_url: str) -> dict[str, Any] | None:
    """One listing row or card as raw fields, or None when it links to no job."""
    href = row.css("a.iCIMS_Anchor::attr(href), a[href*='/jobs/']::attr(href)").get()
    job = _JOB_PATH.search(href or "")
    if not job:
        return None
    fields = header_fields(row)
    return raw_fields(
        public_url(urljoin(page_url, href.strip())), external_id=job.group(1), title=_title(row),
        date_posted=_posted(row, fields), employment_type=_labelled(fields, _TYPE_LABELS),
        **location_fields(*_places(row)),
    )


def job_rows(page: Selector) -> list[Selector]:
    """`.iCIMS_JobsTable` rows, else the card around each job link, once each."""
    rows = page.css(".iCIMS_JobsTable .row")
    if rows:
        return list(rows)
    cards: dict[Any, Selector] = {}
    for link in page.xpath("//a[@href]"):
        card = link.xpath(_CARD) if _JOB_LINK.search(link.attrib["href"]) else []
        if card:
            cards.setdefault(card[0].root, card[0])
    return list(cards.values())


def listing_rows(page: Selector, page_url: str) -> list[dict[str, Any]]:
    rows = (listing_row(row, page_url) for row in job_rows(page))
    return [row for row in rows if row]


def next_search_page(url: str, page_text: str) -> str | None:
    """The next `pr` page while the pager's "Page X of N" says there is one."""
    count = _PAGE_COUNT.search(page_text)
    if not count or int(count.group(1)) >= int(count.group(2)):
        return None
    return with_query(url, pr=str(int(count.group(1))))


class IcimsSpider(ListingSpider):
    name = "icims"
    option_keys = frozenset({"max_pages"})

    def entry_url(self) -> str:
        return search_url(self.source.url)

    def listing_rows(self, response) -> list[dict[str, Any]]:
        rows = listing_rows(response, response.url)
        if not rows:
            self.note_problem(f"{response.url}: no job rows or job cards on the search page")
        return rows

    def next_page(self, response) -> str | None:
        pager = " ".join(response.css(".iCIMS_Paging ::text, .iCIMS_PagingBatch ::text, "
                                      ".iCIMS_SubHeader_Jobs ::text").getall())
        return next_search_page(response.url, " ".join(pager.split()))

    def posting_request_url(self, url: str) -> str:
        return with_query(url, in_iframe="1")

    def page_fields(self, response, listed: dict[str, Any]) -> dict[str, Any]:
        content = response.css(".iCIMS_JobContent, .iCIMS_InfoMsg_Job")
        return {"description_html": node_html(content[0])} if content else {}
