"""Plain careers pages read with selectors given in the source entry.

Each selector is CSS (`h3.title`, `a::attr(href)`), or XPath when it starts with `/` or `(`.
`list_item` picks one element per job on the listing, and the other selectors are read inside
it; `link` gives each job's page, which is then read too (`follow: false` skips that): its
JSON-LD or microdata wins, and the selectors fill what the listing row lacked. Without
`list_item`, `link` is read over the whole listing and each job page gives every field.
`next` picks the next listing page. Links resolve against the page's `<base href>`, and list
items that give neither a title nor a link (a table's header row) are no jobs.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urldefrag

from parsel import Selector
from scrapy.utils.response import get_base_url

from crawlers.platforms.fields import (
    find_date, first_text, location_fields, merged, node_html, select, selector_error,
)
from crawlers.platforms.pages import ListingSpider
from crawlers.structured_data import raw_fields
from indexer.parsers.locations import parse_locations
from indexer.parsers.sanitize import absolute_web_url

FIELD_KEYS = ("title", "location", "description", "date", "pay", "employment_type")
SELECTOR_KEYS = ("list_item", "link", "next") + FIELD_KEYS


def _href(found: Selector, page_url: str) -> str | None:
    """A text/attribute result as a link, or an element's href; only absolute http(s) links."""
    href = found.root if isinstance(found.root, str) else found.attrib.get("href")
    url = absolute_web_url(href.strip(), page_url) if href else None
    return urldefrag(url).url if url else None


def link_of(node: Selector, expression: str, page_url: str) -> str | None:
    return next((url for url in (_href(found, page_url) for found in select(node, expression)) if url), None)


def selected_fields(node: Selector, selectors: dict[str, str], page_url: str) -> dict[str, Any]:
    """Fields the field selectors find in `node` (a listing item or a whole job page)."""
    description = selectors.get("description")
    date = first_text(node, selectors.get("date"))
    fields: dict[str, Any] = {
        "title": first_text(node, selectors.get("title")),
        "description_html": "\n".join(node_html(found) for found in select(node, description))
        if description else None,
        "date_posted": find_date(date) or (date if date and any(c.isalnum() for c in date) else None),
        "pay_text": first_text(node, selectors.get("pay")),
        "employment_type": first_text(node, selectors.get("employment_type")),
    }
    location = first_text(node, selectors.get("location"))
    if location:
        fields.update(location_fields(location))
    return {key: value for key, value in fields.items() if value not in (None, "")}


def item_row(item: Selector, selectors: dict[str, str], page_url: str) -> dict[str, Any]:
    url = link_of(item, selectors.get("link") or "a::attr(href)", page_url)
    fields = selected_fields(item, selectors, page_url)
    place = ",".join(found.city or "" for text in fields.get("locations", []) for found in parse_locations(text))
    external_id = url or f"{page_url}#{fields.get('title')}@{place}"
    return raw_fields(url or page_url, external_id=external_id, **fields) | {"linked": bool(url)}


def listing_rows(page: Selector, selectors: dict[str, str], page_url: str) -> list[dict[str, Any]]:
    """One row per `list_item` that gives a title or a link (a table's header row gives neither),
    or one bare row per `link` when there is no `list_item`. Links resolve against `page_url`."""
    if selectors.get("list_item"):
        rows = (item_row(item, selectors, page_url) for item in select(page, selectors["list_item"]))
        return [row for row in rows if row.get("title") or row["linked"]]
    urls = [_href(found, page_url) for found in select(page, selectors["link"])]
    urls = [url for url in dict.fromkeys(urls) if url]
    return [raw_fields(url, external_id=url, linked=True) for url in urls]


class HtmlSpider(ListingSpider):
    name = "html"
    option_keys = frozenset(SELECTOR_KEYS + ("follow", "max_pages"))

    def selectors(self) -> dict[str, str]:
        return {key: self.option(key) for key in SELECTOR_KEYS if self.option(key)}

    def listing_rows(self, response) -> list[dict[str, Any]]:
        return listing_rows(response, self.selectors(), get_base_url(response))

    def follows(self, fields: dict[str, Any]) -> bool:
        return bool(fields.pop("linked", False)) and bool(self.option("follow", True))

    def next_page(self, response) -> str | None:
        expression = self.option("next")
        return link_of(response, expression, response.url) if expression else None

    def posting_fields(self, response, listed: dict[str, Any]) -> dict[str, Any]:
        structured = self.structured_postings(response, page_url=listed["url"])
        page = selected_fields(response, self.selectors(), listed["url"])
        fields = merged(page, listed)
        if structured:
            fields = merged(fields, structured[0])
        fields["external_id"] = listed["external_id"]
        return fields

    @classmethod
    def entry_problems(cls, entry: dict[str, Any]) -> list[tuple[str, str]]:
        problems = super().entry_problems(entry)
        for key in SELECTOR_KEYS:
            error = selector_error(entry[key]) if key in entry else None
            if error:
                problems.append((key, error))
        if not entry.get("list_item") and not entry.get("link"):
            problems.append(("list_item", "give `list_item` (one element per job) or `link` (job links)"))
        if not isinstance(entry.get("follow", True), bool):
            problems.append(("follow", "expected true or false"))
        return problems
