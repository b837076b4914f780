"""Breezy HR career portals ({company}.breezy.hr): the portal's JSON list, then each position page.

`url` is the portal, https://{company}.breezy.hr/ (a position link, /p/{id}-{slug}, will do; so
will a custom careers domain Breezy hosts). GET {origin}/json answers a bare list of positions,
the whole board, with no descriptions: `id`, `friendly_id`, `name`, `url` (the position page),
`published_date`, `type` {id, name}, `location` {city, state {id, name}, country {id, name},
name, is_remote} (newer portals add a `locations` list), `department` and `salary` (free
text, "$18 - $22 / hr", often ""). Each position page carries JobPosting JSON-LD (the
description); a page without it gives its `.description` markup. There is no paging and no
extra key.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from crawlers.platforms import hosted
from crawlers.platforms.ats_fields import listing, mapping, place, text_of
from crawlers.platforms.fields import node_html
from crawlers.structured_data import raw_fields
from indexer.parsers.json_reader import read_json
from indexer.parsers.sanitize import is_web_url



def company_of(url: str) -> str | None:
    return hosted.company_of(url, "breezy.hr")


def list_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/json", "", ""))


def places_of(position: dict[str, Any]) -> list[dict[str, Any]]:
    """Each of `locations`, else `location`; a remote-only entry with no city or state is left out."""
    entries = [mapping(entry) for entry in listing(position.get("locations"))] or [mapping(position.get("location"))]
    found = []
    for entry in entries:
        state, country = mapping(entry.get("state")), mapping(entry.get("country"))
        candidate = place(entry.get("city"), state.get("id") or state.get("name") or text_of(entry.get("state")),
                          entry.get("zip"), country.get("id") or country.get("name"))
        if candidate["city"] or candidate["region"]:
            found.append(candidate)
    return found


def is_remote(position: dict[str, Any]) -> bool:
    entries = [mapping(entry) for entry in listing(position.get("locations"))] + [mapping(position.get("location"))]
    return any(entry.get("is_remote") is True for entry in entries)


def position_row(position: Any) -> dict[str, Any] | None:
    """One position of the list as raw fields, or None when it has no http(s) page."""
    page = text_of(mapping(position).get("url"))
    if not page or not is_web_url(page):
        return None
    return raw_fields(
        page, external_id=text_of(position.get("id")) or text_of(position.get("friendly_id")),
        title=text_of(position.get("name")),
        date_posted=text_of(position.get("published_date")) or text_of(position.get("creation_date")),
        employment_type=text_of(mapping(position.get("type")).get("name")) or text_of(position.get("type")),
        locations=places_of(position), remote=is_remote(position),
        pay_text=text_of(position.get("salary")),
    )


class BreezySpider(hosted.HostedListingSpider):
    name = "breezy"
    vendor_domain = "breezy.hr"
    vendor_name = "Breezy"
    listing_is_html = False

    def entry_url(self) -> str:
        return list_url(self.source.url)

    def listing_rows(self, response) -> list[dict[str, Any]]:
        try:
            positions = read_json(response.body)
        except (ValueError, UnicodeDecodeError) as error:
            self.entry_unreadable(f"{response.url} did not answer JSON: {error}; is the portal's URL right?")
            return []
        if not isinstance(positions, list):
            self.entry_unreadable(f"{response.url}: expected a list of positions, got {type(positions).__name__}")
            return []
        rows = []
        for position in positions:
            row = position_row(position) if isinstance(position, dict) else None
            if row is None:
                self.note_problem(f"{response.url}: a position with no page link: {str(position)[:80]}")
            else:
                rows.append(row)
        return rows

    def next_page(self, response) -> str | None:
        return None

    def page_fields(self, response, listed: dict[str, Any]) -> dict[str, Any]:
        content = response.css(".description")
        return {"description_html": node_html(content[0])} if content else {}
