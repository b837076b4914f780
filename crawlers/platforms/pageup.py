"""PageUp career sites: https://careers.pageuppeople.com/{instance}/{site}/{locale}/ (Virginia:
/1125/cw/en-us/), or an employer's own host running PageUp (https://jobs.example.edu/cw/en-us/).

The listing (`{site}/listing/`) holds each job twice: in `tbody#search-results-content`, the one
read, and again in `tbody#recent-jobs-content`. A data row has `a.job-link` (to
`{site}/job/{id}/{slug}`), `span.location` and `span.close-date` (the closing date: never a
posting date), and may be followed by a `tr.summary`. `a.more-link` leads to the next page.
Job pages carry JobPosting JSON-LD on newer sites; older ones are read from `#job-details`:
"Label: value" lines (`Location`, `Work type`, `Hiring Range`; `Pay Band` is a band, not pay)
and the `Advertised` date (`span.open-date time`). Keys: `max_pages`.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from parsel import Selector

from crawlers.platforms.fields import find_date, first_text, location_fields, node_html, node_text
from crawlers.platforms.pages import ListingSpider
from crawlers.structured_data import raw_fields

_LOCALE = re.compile(r"^[a-z]{2}(?:-[a-z]{2})?$", re.I)
_PAGES = {"listing", "job", "search", "apply"}
_JOB_PATH = re.compile(r"/job/(\d+)(?:/|$)")
_LABELS = {
    "pay_text": ("hiring range", "salary", "salary range", "remuneration", "pay range"),
    "employment_type": ("work type", "employment type", "position type", "job type"),
    "location": ("location", "work location", "job location"),
}


def site_path(url: str) -> str | None:
    """The site's path up to its locale: "/1125/cw/en-us" or "/cw/en-us"; None when there is none.

    On careers.pageuppeople.com it must start with the numeric instance."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    pages = [index for index, segment in enumerate(segments) if segment.lower() in _PAGES]
    segments = segments[:pages[0]] if pages else segments
    # the last locale-like segment: "cw" (the site) comes before "en-us" or "en"
    end = next((index for index in reversed(range(len(segments))) if _LOCALE.match(segments[index])), None)
    if end is None:
        return None
    if (parts.hostname or "").lower().endswith("pageuppeople.com") and not segments[0].isdigit():
        return None
    return "/" + "/".join(segments[:end + 1])


def listing_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"{site_path(url)}/listing/", "", ""))


def job_id_of(url: str) -> str | None:
    found = _JOB_PATH.search(urlsplit(url).path)
    return found.group(1) if found else None


def listing_row(row: Selector, page_url: str) -> dict[str, Any] | None:
    href = row.css("a.job-link::attr(href)").get()
    url = urljoin(page_url, href.strip()) if href else None
    if not url or not job_id_of(url) or urlsplit(url).netloc != urlsplit(page_url).netloc:
        return None
    closes = row.css("span.close-date time::attr(datetime)").get() or first_text(row, "span.close-date")
    return raw_fields(
        url, external_id=job_id_of(url), title=first_text(row, "a.job-link"),
        valid_through=find_date(closes),
        **location_fields(first_text(row, "span.location")),
    )


def listing_rows(page: Selector, page_url: str) -> list[dict[str, Any]]:
    """The search results' rows (the recent-jobs copy only when there are none), each job once."""
    body = page.css("#search-results-content") or page.css("#recent-jobs-content")
    rows = (listing_row(row, page_url) for row in body.css("tr:not(.summary)"))
    found = {row["external_id"]: row for row in rows if row}
    return list(found.values())


def next_listing(page: Selector) -> str | None:
    return page.css("a.more-link::attr(href)").get()


def labelled(details: Selector) -> dict[str, str]:
    """`<b>Label:</b> value` lines of the job details, by lower-case label; the first wins."""
    found: dict[str, str] = {}
    for line in map(node_text, details.css("p, li, span")):
        label, colon, value = line.partition(":")
        if colon and value.strip() and len(label) <= 40:
            found.setdefault(label.strip().lower(), value.strip())
    return found


def job_page_fields(page: Selector) -> dict[str, Any]:
    """Title, description, place, pay, type and advertised date of a job page without JSON-LD."""
    details = page.css("#job-details") or page.css("main") or page.css("body")
    lines = labelled(details)
    pick = {field: next((lines[name] for name in names if lines.get(name)), None) for field, names in _LABELS.items()}
    advertised = page.css("span.open-date time::attr(datetime)").get() or lines.get("advertised")
    content = page.css("#job-content")
    fields = {"title": first_text(page, "#job-details h2, h1"), "pay_text": pick["pay_text"],
              "employment_type": pick["employment_type"], "date_posted": find_date(advertised),
              "description_html": node_html(content[0]) if content else (node_html(details[0]) if details else None)}
    if pick["location"]:
        fields.update(location_fields(pick["location"]))
    return fields


class PageUpSpider(ListingSpider):
    name = "pageup"
    option_keys = frozenset({"max_pages"})

    async def start(self):
        if not site_path(self.source.url):
            self.entry_unreadable(f"no PageUp site in {self.source.url} "
                                  "(expected https://careers.pageuppeople.com/{instance}/cw/en-us/)")
            return
        async for request in super().start():
            yield request

    def entry_url(self) -> str:
        return listing_url(self.source.url)

    def listing_rows(self, response) -> list[dict[str, Any]]:
        return listing_rows(response, response.url)

    def next_page(self, response) -> str | None:
        return next_listing(response)

    def page_fields(self, response, listed: dict[str, Any]) -> dict[str, Any]:
        return job_page_fields(response)
