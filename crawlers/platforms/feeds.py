"""Job feeds: RSS 2.0, RSS 1.0, Atom, and Indeed-style XML (<source><job>...</job></source>).

`feed_items` and `item_fields` are pure; relative links resolve against the feed's URL and any
`xml:base`. `FeedSpider` is the base of the `rss` and `neogov` platforms. Vendor namespaces (NEOGOV `joblisting:`, WP Job Manager `job_listing:`) are read by
their local names.
"""
from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urljoin

from parsel import Selector

from crawlers.platforms.fields import location_fields
from crawlers.platforms.pages import ListingSpider
from crawlers.structured_data import raw_fields
from indexer.parsers.locations import mentions_remote, parse_locations
from indexer.parsers.sanitize import absolute_web_url

FEED_ROOTS = ("rss", "RDF", "feed", "source")
ITEMS = "//item | /feed/entry | /source/job"


def xml_document(body: bytes) -> Selector | None:
    """The body as XML with namespaces dropped (entities are never resolved), None when empty."""
    if not body.strip():
        return None
    document = Selector(body=body, type="xml")
    document.remove_namespaces()
    return document


def feed_items(body: bytes) -> tuple[str | None, list[Selector]]:
    """The feed's root element name and its items, or (None, []) when the body is no feed."""
    document = xml_document(body)
    kind = document.xpath("name(/*)").get() if document is not None else None
    if kind not in FEED_ROOTS:
        return None, []
    return kind, list(document.xpath(ITEMS))


def child_text(node: Selector, *names: str) -> str | None:
    """The first non-empty child element among `names` (its markup when it holds elements)."""
    for name in names:
        for child in node.xpath(f"./*[local-name()='{name}']"):
            if child.xpath("./*"):
                text = "".join(child.xpath("./node()").getall())
            else:
                text = child.xpath("string()").get() or ""
            if text.strip():
                return text.strip()
    return None


def item_base(node: Selector, feed_url: str) -> str:
    """The URL an item's relative links resolve against: the feed's, then each `xml:base` down
    to the item's (Atom feeds often give relative links and one xml:base)."""
    base = feed_url
    for declared in node.xpath("ancestor-or-self::*/@base").getall():
        base = urljoin(base, declared.strip())
    return base


def item_link(node: Selector, base_url: str) -> str | None:
    """RSS <link>text</link>, Atom <link rel="alternate" href>, or Indeed <url>."""
    href = (node.xpath("./link[not(@rel) or @rel='alternate']/@href").get()
            or child_text(node, "link", "url"))
    return absolute_web_url(href.strip(), item_base(node, base_url)) if href else None


def item_place_text(node: Selector) -> str | None:
    """A location element, or one built from city / state / postal code elements."""
    text = child_text(node, "location", "joblocation", "job_location")
    if text:
        return text
    city, state = child_text(node, "city"), child_text(node, "state", "region")
    postal = child_text(node, "postalcode", "postal_code", "zip")
    place = ", ".join(part for part in (city, state) if part)
    return " ".join(part for part in (place, postal) if part) or None


def item_fields(node: Selector, base_url: str) -> dict[str, Any]:
    """One feed item as raw posting fields (see structured_data.raw_fields)."""
    link = item_link(node, base_url) or base_url
    title = child_text(node, "title")
    place = location_fields(item_place_text(node))
    place["remote"] = place["remote"] or mentions_remote(title)
    return raw_fields(
        link,
        external_id=child_text(node, "guid", "id", "referencenumber") or link,
        title=title,
        description_html=child_text(node, "encoded", "content", "description", "summary"),
        employer=child_text(node, "company", "hiringOrganization"),
        date_posted=child_text(node, "pubDate", "published", "date", "issued", "updated"),
        valid_through=child_text(node, "expirationDate", "validThrough", "expires"),
        employment_type=child_text(node, "job_type", "jobtype", "jobType", "employmentType"),
        pay_text=child_text(node, "salary", "pay"),
        **place,
    )


class FeedSpider(ListingSpider):
    """A feed is a listing whose items are the postings; `follow_links` also reads each item's page."""

    listing_is_html: ClassVar[bool] = False

    def follows(self, fields: dict[str, Any]) -> bool:
        return bool(self.option("follow_links", False)) and bool(fields.get("url"))

    def listing_rows(self, response) -> list[dict[str, Any]]:
        kind, items = feed_items(response.body)
        if kind is None:
            message = f"{response.url}: not an RSS or Atom feed"
            if response.meta["listing_page"] == 1:
                self.entry_unreadable(message)
            else:
                self.note_problem(message)
            return []
        return [self.item_fields(node, response.url) for node in items]

    def next_page(self, response) -> str | None:
        """RFC 5005 paging: an Atom <link rel="next">."""
        document = xml_document(response.body)
        if document is None:
            return None
        return document.xpath("/*/link[@rel='next']/@href | /rss/channel/link[@rel='next']/@href").get()

    def item_fields(self, node: Selector, feed_url: str) -> dict[str, Any]:
        """Hook: one item's fields; the `location` key fills in items that name no place."""
        fields = item_fields(node, feed_url)
        named = any(map(parse_locations, fields["locations"]))
        if not named and not fields["remote"] and self.option("location"):
            fields.update(location_fields(self.option("location")))
        return fields

    @classmethod
    def entry_problems(cls, entry: dict[str, Any]) -> list[tuple[str, str]]:
        problems = super().entry_problems(entry)
        if not isinstance(entry.get("follow_links", False), bool):
            problems.append(("follow_links", "expected true or false"))
        if "location" in entry and not isinstance(entry["location"], str):
            problems.append(("location", "expected a place such as 'Dayton, OH'"))
        return problems
