"""Careers pages that describe each job with schema.org JobPosting in JSON-LD."""
from __future__ import annotations

import re
from typing import Any, Iterator
from urllib.parse import urldefrag, urlsplit

import scrapy

from crawlers.platforms.base import SourceSpider
from crawlers.structured_data import find_typed, parse_blocks, to_raw_posting

DEFAULT_LINK_PATTERN = r"job|career|position|opening|posting|employment|vacanc|hiring"
DEFAULT_NEXT_SELECTOR = "a[rel~=next]::attr(href)"


class JsonLdSpider(SourceSpider):
    """Start at a listing, follow links to posting pages, read every JobPosting found."""

    name = "jsonld"
    option_keys = frozenset({"link_selector", "link_pattern", "next_selector", "max_pages"})

    async def start(self) -> Any:
        yield scrapy.Request(self.source.url, callback=self.parse_listing, errback=self.start_failed,
                             meta={"listing_page": 1})

    def parse_listing(self, response) -> Iterator[Any]:
        yield from self.postings_on(response)
        for url in self.posting_links(response):
            yield scrapy.Request(url, callback=self.parse_posting, errback=self.page_failed)
        next_url = response.css(self.option("next_selector", DEFAULT_NEXT_SELECTOR)).get()
        page = response.meta["listing_page"]
        if next_url and page < int(self.option("max_pages", 50)):
            yield response.follow(next_url, callback=self.parse_listing, errback=self.page_failed,
                                  meta={"listing_page": page + 1})

    def parse_posting(self, response) -> Iterator[Any]:
        yield from self.postings_on(response)

    def posting_links(self, response) -> list[str]:
        selector = self.option("link_selector")
        hrefs = response.css(selector).getall() if selector else response.css("a::attr(href)").getall()
        pattern = re.compile(self.option("link_pattern", DEFAULT_LINK_PATTERN), re.I)
        here = urlsplit(response.url)
        links = []
        for href in hrefs:
            url = urldefrag(response.urljoin(href.strip())).url
            parts = urlsplit(url)
            same_site = parts.netloc == here.netloc and parts.scheme in ("http", "https")
            # The listing's own path with another query string is a listing page, not a posting.
            if same_site and parts.path != here.path and (selector or pattern.search(parts.path)):
                links.append(url)
        return list(dict.fromkeys(links))

    def postings_on(self, response) -> Iterator[Any]:
        if not hasattr(response, "xpath"):
            return
        blocks = parse_blocks(response.xpath('//script[@type="application/ld+json"]/text()').getall())
        for error in blocks.errors:
            self.note_problem(f"{response.url}: {error}")
        postings = list(find_typed(blocks.objects))
        for position, posting in enumerate(postings):
            fields = to_raw_posting(posting, response.url)
            if not fields["external_id"]:
                suffix = f"#{position}" if len(postings) > 1 else ""
                fields["external_id"] = urldefrag(fields["url"]).url + suffix
            yield self.raw_posting(fields)
