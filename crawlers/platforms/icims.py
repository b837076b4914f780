"""iCIMS career portals (careers-{company}.icims.com), read as their iframe HTML.

The search page (`/jobs/search?ss=1&in_iframe=1&pr={page}`, pr counted from 0) lists rows in
`.iCIMS_JobsTable`; each links to `/jobs/{id}/{slug}/job`, whose page carries JobPosting
JSON-LD. `url` may be the portal, its search page or a filtered search (its query is kept).
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
    for tag in row.css(".iCIMS_JobHeaderTag"):
        label, value = tag.css("dt"), tag.css("dd")
        if label and value:
            fields[node_text(label[0]).rstrip(":").lower()] = node_text(value[0])
    return fields


def _labelled(fields: dict[str, str], labels: tuple[str, ...]) -> str | None:
    return next((fields[label] for label in labels if fields.get(label)), None)


def listing_row(row: Selector, page_url: str) -> dict[str, Any] | None:
    """One `.iCIMS_JobsTable .row` as raw fields, or None when it links to no job."""
    href = row.css("a.iCIMS_Anchor::attr(href), a[href*='/jobs/']::attr(href)").get()
    job = _JOB_PATH.search(href or "")
    if not job:
        return None
    places = first_text(row, ".header.left span:not(.sr-only)") or ""
    fields = header_fields(row)
    return raw_fields(
        public_url(urljoin(page_url, href.strip())), external_id=job.group(1),
        title=first_text(row, "a.iCIMS_Anchor h3, a.iCIMS_Anchor h2") or first_text(row, "a.iCIMS_Anchor"),
        date_posted=find_date(_labelled(fields, _DATE_LABELS) or first_text(row, ".header.right")),
        employment_type=_labelled(fields, _TYPE_LABELS),
        **location_fields(places),
    )


def listing_rows(page: Selector, page_url: str) -> list[dict[str, Any]]:
    rows = (listing_row(row, page_url) for row in page.css(".iCIMS_JobsTable .row"))
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
        return listing_rows(response, response.url)

    def next_page(self, response) -> str | None:
        pager = " ".join(response.css(".iCIMS_Paging ::text, .iCIMS_PagingBatch ::text").getall())
        return next_search_page(response.url, " ".join(pager.split()))

    def posting_request_url(self, url: str) -> str:
        return with_query(url, in_iframe="1")

    def page_fields(self, response, listed: dict[str, Any]) -> dict[str, Any]:
        content = response.css(".iCIMS_JobContent, .iCIMS_InfoMsg_Job")
        return {"description_html": node_html(content[0])} if content else {}
