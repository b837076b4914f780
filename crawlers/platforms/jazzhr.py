"""JazzHR job boards ({company}.applytojob.com), read as their server-rendered pages.

`url` is the board, https://{company}.applytojob.com/apply (one of its jobs,
/apply/{board_code}/{Title-Slug}, will do; so will a custom careers domain JazzHR hosts). The
board lists every job in `.list-group .list-group-item` rows, grouped under optional
`.department-heading`s: the title links to /apply/{board_code}/{Title-Slug} and
`ul.list-inline` holds the place (the item with `.fa-map-marker`) and the department (older
job links are /apply/jobs/details/{board_code}). There is no paging and no keyless JSON. Each job page carries JobPosting JSON-LD; a page without it
gives its `#job-description` markup and the `title="Type"` attribute of its header. No extra key.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from parsel import Selector

from crawlers.platforms import hosted
from crawlers.platforms.fields import first_text, location_fields, node_html
from crawlers.structured_data import raw_fields

_JOB_PATH = re.compile(r"^/apply/(?:jobs/details/)?([A-Za-z0-9]{6,})(?:/|$)")


def company_of(url: str) -> str | None:
    return hosted.company_of(url, "applytojob.com")


def board_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/apply", "", ""))


def job_link(href: str | None, page_url: str) -> tuple[str, str] | None:
    """(the job's page without query or fragment, its board code), or None for any other link."""
    parts = urlsplit(urljoin(page_url, (href or "").strip()))
    found = _JOB_PATH.match(parts.path)
    if not found or parts.scheme not in ("http", "https"):
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")), found.group(1)


def place_text(row: Selector) -> str | None:
    """The row's place: the list item with the map-marker icon (the others are departments)."""
    return first_text(row, "ul.list-inline li:has(i.fa-map-marker)")


def listing_row(row: Selector, page_url: str) -> dict[str, Any] | None:
    """One `.list-group-item` as raw fields, or None when it links to no job."""
    link = job_link(row.css(".list-group-item-heading a::attr(href), a::attr(href)").get(), page_url)
    if link is None:
        return None
    return raw_fields(link[0], external_id=link[1],
                      title=first_text(row, ".list-group-item-heading a") or first_text(row, "a"),
                      **location_fields(place_text(row)))


def listing_rows(page: Selector, page_url: str) -> list[dict[str, Any]]:
    rows = (listing_row(row, page_url) for row in page.css(".list-group .list-group-item"))
    return [row for row in rows if row]


def page_fields(page: Selector) -> dict[str, Any]:
    """A job page without JSON-LD: its description and the header's `title="Type"` attribute."""
    content = page.css("#job-description, .job-description")
    fields = {"description_html": node_html(content[0])} if content else {}
    kind = first_text(page, '[title="Type"]')
    return {**fields, "employment_type": kind} if kind else fields


class JazzHrSpider(hosted.HostedListingSpider):
    name = "jazzhr"
    vendor_domain = "applytojob.com"
    vendor_name = "JazzHR"

    def entry_url(self) -> str:
        return board_url(self.source.url)

    def listing_rows(self, response) -> list[dict[str, Any]]:
        return listing_rows(response, response.url)

    def next_page(self, response) -> str | None:
        return None

    def page_fields(self, response, listed: dict[str, Any]) -> dict[str, Any]:
        return page_fields(response)
