"""e3applicants (Datis HR Cloud) boards: `https://{tenant}.e3applicants.com/careers/`.

The listing's rows are `div.JobPostRow` (a link, `span.title`, and a `small` line with the
place and the schedule), linking to `/careers/{Title-Slug}-{numericId}`. Posting pages have no
JSON API and rarely structured data: their header lines (`Location:`, `Starting Salary:`,
`Rate of Pay:`, `Job Type:` ...) are read from the text, the colon inside the bold label or
after it. `Revision Date` is not a posting date. Links are relative to the page's `<base href>`.
Keys: `max_pages`.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from parsel import Selector
from scrapy.utils.response import get_base_url

from crawlers.platforms.fields import find_date, first_text, location_fields, node_html
from crawlers.platforms.pages import ListingSpider
from crawlers.structured_data import raw_fields

_POSTING_ID = re.compile(r"-(\d+)/?$")
_SCHEDULE = re.compile(r"\b(full[ -]?time|part[ -]?time|per[ -]?diem|prn|temporary|contract|relief)\b", re.I)
_LABELS = {
    "location": ("Location", "Work Location", "Program Location"),
    "pay_text": ("Starting Salary", "Rate of Pay", "Salary Range", "Salary", "Pay Range", "Hiring Range", "Pay"),
    "employment_type": ("Job Type", "Position Type", "Employment Type", "Status", "Schedule", "Shift"),
    "date_posted": ("Date Posted", "Posting Date", "Posted"),
}


def posting_url(href: str, page_url: str) -> str:
    """The posting link without `?source=Indeed.com` and such."""
    parts = urlsplit(urljoin(page_url, href.strip()))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def listing_row(row: Selector, page_url: str) -> dict[str, Any] | None:
    href = row.css("a::attr(href)").get()
    if not href:
        return None
    url = posting_url(href, page_url)
    posting_id = _POSTING_ID.search(urlsplit(url).path)
    line = first_text(row, "small") or ""
    schedule = _SCHEDULE.search(line)
    place = _SCHEDULE.sub(" ", line).strip(" |-,")
    return raw_fields(
        url, external_id=posting_id.group(1) if posting_id else url,
        title=first_text(row, "span.title") or first_text(row, "a"),
        employment_type=schedule.group(0) if schedule else None,
        **location_fields(place),
    )


def listing_rows(page: Selector, page_url: str) -> list[dict[str, Any]]:
    rows = (listing_row(row, page_url) for row in page.css("div.JobPostRow"))
    return [row for row in rows if row]


def header_lines(lines: list[str]) -> dict[str, str]:
    """`Label: value` lines of a posting page, by our field name; the first of each wins."""
    found: dict[str, str] = {}
    for position, line in enumerate(lines):
        label, colon, value = line.partition(":")
        if colon and not value.strip() and position + 1 < len(lines):
            value = lines[position + 1]  # <b>Location:</b> Dayton, OH
        if not colon or not value.strip() or len(label) > 40:
            continue
        for field, labels in _LABELS.items():
            if field not in found and label.strip().lower() in (name.lower() for name in labels):
                found[field] = value.strip()
    return found


def text_lines(texts: list[str]) -> list[str]:
    """A page's text nodes as lines; a node starting with ":" ends the label before it
    ("<strong>Rate of Pay</strong>: $17.75")."""
    lines: list[str] = []
    for text in (" ".join(text.split()) for text in texts):
        if text.startswith(":") and lines:
            lines[-1] += text
        elif text:
            lines.append(text)
    return lines


def posting_page_fields(page: Selector) -> dict[str, Any]:
    """Title, description and header-line fields of a posting page without structured data."""
    content = page.css(".divMainContentArea") or page.css("main") or page.css("body")
    header = header_lines(text_lines(content.xpath(".//text()").getall()))
    fields: dict[str, Any] = {
        "title": first_text(page, ".divMainContentArea h1, h1"),
        "description_html": node_html(content[0]) if content else None,
        "pay_text": header.get("pay_text"),
        "employment_type": header.get("employment_type"),
        "date_posted": find_date(header.get("date_posted")),
    }
    if header.get("location"):
        fields.update(location_fields(header["location"]))
    return fields


class E3ApplicantsSpider(ListingSpider):
    name = "e3applicants"
    option_keys = frozenset({"max_pages"})

    def entry_url(self) -> str:
        parts = urlsplit(self.source.url)
        if parts.path in ("", "/"):
            return urlunsplit((parts.scheme, parts.netloc, "/careers/", "", ""))
        return self.source.url

    def listing_rows(self, response) -> list[dict[str, Any]]:
        return listing_rows(response, get_base_url(response))

    def page_fields(self, response, listed: dict[str, Any]) -> dict[str, Any]:
        return posting_page_fields(response)
