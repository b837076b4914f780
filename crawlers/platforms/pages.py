"""Bases for platforms that read HTML pages: a listing whose rows link to posting pages.

A platform subclasses `ListingSpider` and overrides small hooks: `entry_url`, `listing_rows`
(listing page -> raw field dicts, each with its posting `url`), `next_page`, `posting_request_url`
and `posting_fields` (posting page + its row -> fields). Structured data (JSON-LD or microdata)
on a posting page wins over what the platform reads from the markup around it.
"""
from __future__ import annotations

from typing import Any, ClassVar, Iterator
from urllib.parse import urldefrag

import scrapy
from scrapy.http import TextResponse

from crawlers.platforms.base import SourceSpider
from crawlers.platforms.fields import merged
from crawlers.microdata import microdata_items
from crawlers.structured_data import find_typed, parse_blocks, to_raw_posting
from indexer.parsers.json_reader import holds_too_deep

DEFAULT_MAX_PAGES = 50


class PageSpider(SourceSpider):
    """Shared by every page- or feed-based platform: structured data, finishing items, a bad entry."""

    def entry_unreadable(self, message: str) -> None:
        """The entry page came back but holds nothing this platform can read: the run fails."""
        self.fatal = message
        self.crawler.stats.inc_value("peerjobs/errors")
        self.logger.error("%s: %s", self.source.id, message)

    def structured_postings(self, response, page_url: str | None = None) -> list[dict[str, Any]]:
        """JobPostings on a page, JSON-LD first, else microdata, as raw field dicts."""
        page_url = page_url or response.url
        blocks = parse_blocks(response.xpath('//script[@type="application/ld+json"]/text()').getall())
        for error in blocks.errors:
            self.drop("unreadable_jsonld", f"{response.url}: {error}")
        postings = list(find_typed(blocks.objects)) or microdata_items(response)
        found = [fields for fields in (self.raw_of(posting, page_url) for posting in postings) if fields]
        for position, fields in enumerate(found):
            if not fields["external_id"]:
                suffix = f"#{position}" if len(found) > 1 else ""
                fields["external_id"] = urldefrag(fields["url"]).url + suffix
        return found

    def raw_of(self, posting: dict[str, Any], page_url: str) -> dict[str, Any] | None:
        """One JobPosting's raw fields; None, counted with its reason, when it cannot be read."""
        if holds_too_deep(posting):
            self.drop("json_too_deep", f"{page_url}: a JobPosting nested deeper than JSON-LD should be")
            return None
        try:
            return to_raw_posting(posting, page_url)
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            self.drop("unreadable_posting", f"{page_url}: unreadable JobPosting: {error!r}")
            return None

    def finish(self, fields: dict[str, Any]) -> Iterator[Any]:
        """One raw posting, or a counted problem when the fields cannot make one."""
        if not fields.get("title"):
            self.note_problem(f"{fields.get('url')}: no job title found")
            return
        fields["external_id"] = fields.get("external_id") or urldefrag(fields.get("url") or "").url
        fields["employer"] = fields.get("employer") or self.source.employer
        yield self.raw_posting(fields)

    def max_pages(self) -> int:
        return int(self.option("max_pages", DEFAULT_MAX_PAGES))

    @classmethod
    def entry_problems(cls, entry: dict[str, Any]) -> list[tuple[str, str]]:
        """(key, reason) for each value of a sources.yaml entry this platform cannot use."""
        value = entry.get("max_pages", DEFAULT_MAX_PAGES)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            return [("max_pages", f"expected a whole number of pages, at least 1, got {value!r}")]
        return []


class ListingSpider(PageSpider):
    """Listing pages (with a next page) -> rows -> one posting page per row (when followed)."""

    #: False: the listing rows are the whole postings; no posting page is read.
    follow_postings: ClassVar[bool] = True
    #: False for listings that are not HTML (feeds): `listing_rows` reads the body itself.
    listing_is_html: ClassVar[bool] = True

    def entry_url(self) -> str:
        return self.source.url

    async def start(self) -> Any:
        yield scrapy.Request(self.entry_url(), callback=self.parse_listing, errback=self.start_failed,
                             meta={"listing_page": 1})
        for url in self.urls_to_recheck():
            yield scrapy.Request(self.posting_request_url(url), callback=self.parse_recheck,
                                 errback=self.detail_failed, cb_kwargs={"url": url})

    def parse_listing(self, response) -> Iterator[Any]:
        if self.listing_is_html and not isinstance(response, TextResponse):
            self.note_problem(f"{response.url}: not an HTML page")
            return
        for fields in self.listing_rows(response):
            if self.follows(fields):
                yield scrapy.Request(self.posting_request_url(fields["url"]), callback=self.parse_posting,
                                     errback=self.posting_failed, cb_kwargs={"listed": fields})
            else:
                yield from self.finish(fields)
        page = response.meta["listing_page"]
        next_url = self.next_page(response)
        if next_url and page < self.max_pages():
            yield scrapy.Request(response.urljoin(next_url), callback=self.parse_listing,
                                 errback=self.page_failed, meta={"listing_page": page + 1})

    def parse_posting(self, response, listed: dict[str, Any]) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            self.note_problem(f"{response.url}: not an HTML page")
            return
        yield from self.finish(self.posting_fields(response, listed))

    def posting_failed(self, failure) -> Iterator[Any]:
        """A posting page that failed loses its details, not the job: the listing row still counts.

        A page that answers 404 or 410 is gone, and so is its posting."""
        self.detail_failed(failure)
        listed = failure.request.cb_kwargs["listed"]
        if not self.gone.keys() & {failure.request.url, listed["url"]}:
            yield from self.finish(dict(listed))

    def parse_recheck(self, response, url: str) -> Iterator[Any]:
        """A page the listing no longer links to: still a posting only if its structured data says so."""
        if isinstance(response, TextResponse):
            for fields in self.structured_postings(response, page_url=url)[:1]:
                yield from self.finish(fields)

    def follows(self, fields: dict[str, Any]) -> bool:
        return self.follow_postings and bool(fields.get("url"))

    # Hooks -----------------------------------------------------------------------------------

    def listing_rows(self, response) -> list[dict[str, Any]]:
        """Raw field dicts (in the shape of structured_data.raw_fields), one per posting listed."""
        raise NotImplementedError

    def next_page(self, response) -> str | None:
        return response.css("a[rel~=next]::attr(href)").get()

    def posting_request_url(self, url: str) -> str:
        return url

    def posting_fields(self, response, listed: dict[str, Any]) -> dict[str, Any]:
        structured = self.structured_postings(response, page_url=listed["url"])
        page_fields = structured[0] if structured else self.page_fields(response, listed)
        fields = merged(listed, page_fields)
        fields["external_id"] = listed.get("external_id") or fields.get("external_id")
        return fields

    def page_fields(self, response, listed: dict[str, Any]) -> dict[str, Any]:
        """Fields read from a posting page's markup when it carries no structured data."""
        return {}
