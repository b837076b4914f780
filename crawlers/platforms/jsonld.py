"""Careers pages that describe each job with schema.org JobPosting, in JSON-LD or microdata.

Postings are found by following links from a listing page (with its next pages), or, when the
source gives a `sitemap` (or its url is a sitemap.xml), from the sitemap's URLs that match
`sitemap_pattern`.
"""
from __future__ import annotations

import gzip
import io
import re
from typing import Any, Iterator
from urllib.parse import urldefrag, urlsplit

import scrapy
from crawlers.platforms.feeds import xml_document
from crawlers.platforms.fields import selector_error
from crawlers.platforms.pages import PageSpider
from indexer.parsers.sanitize import is_web_url

DEFAULT_LINK_PATTERN = r"job|career|position|opening|posting|employment|vacanc|hiring"
DEFAULT_NEXT_SELECTOR = "a[rel~=next]::attr(href)"
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
MAX_SITEMAP_DEPTH = 3


def is_sitemap_url(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(("sitemap.xml", "sitemap.xml.gz"))


def sitemap_entries(body: bytes) -> tuple[str | None, list[str]]:
    """("urlset" or "sitemapindex", its <loc> URLs), or (None, []) when the body is no sitemap."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.GzipFile(fileobj=io.BytesIO(body)).read(MAX_SITEMAP_BYTES)
        except (OSError, EOFError):
            return None, []
    page = xml_document(body)
    kind = page.xpath("name(/*)").get() if page is not None else None
    if kind not in ("urlset", "sitemapindex"):
        return None, []
    urls = [url.strip() for url in page.xpath("/*/*/loc/text()").getall()]
    return kind, [url for url in urls if url]


class JsonLdSpider(PageSpider):
    """Start at a listing or a sitemap, read every JobPosting found on the posting pages."""

    name = "jsonld"
    option_keys = frozenset({"link_selector", "link_pattern", "next_selector", "max_pages",
                             "sitemap", "sitemap_pattern"})

    async def start(self) -> Any:
        sitemap = self.sitemap_url()
        if sitemap:
            yield scrapy.Request(sitemap, callback=self.parse_sitemap, errback=self.start_failed,
                                 meta={"sitemap_depth": 1})
        else:
            yield scrapy.Request(self.source.url, callback=self.parse_listing, errback=self.start_failed,
                                 meta={"listing_page": 1})
        for url in self.urls_to_recheck():
            yield scrapy.Request(url, callback=self.parse_posting, errback=self.detail_failed)

    def sitemap_url(self) -> str | None:
        return self.option("sitemap") or (self.source.url if is_sitemap_url(self.source.url) else None)

    def parse_sitemap(self, response) -> Iterator[Any]:
        kind, urls = sitemap_entries(response.body)
        depth = response.meta["sitemap_depth"]
        if kind is None:
            message = f"{response.url}: not a sitemap (no <urlset> or <sitemapindex>)"
            if depth == 1:
                self.entry_unreadable(message)
            else:
                self.note_problem(message)
            return
        if kind == "sitemapindex":
            for url in urls[:1000] if depth < MAX_SITEMAP_DEPTH else []:
                yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.page_failed,
                                     meta={"sitemap_depth": depth + 1})
            return
        pattern = re.compile(self.option("sitemap_pattern", DEFAULT_LINK_PATTERN), re.I)
        for url in dict.fromkeys(urls):
            if pattern.search(url) and is_web_url(url):
                yield scrapy.Request(url, callback=self.parse_posting, errback=self.detail_failed)

    def parse_listing(self, response) -> Iterator[Any]:
        yield from self.postings_on(response)
        for url in self.posting_links(response):
            yield scrapy.Request(url, callback=self.parse_posting, errback=self.detail_failed)
        next_url = response.css(self.option("next_selector", DEFAULT_NEXT_SELECTOR)).get()
        page = response.meta["listing_page"]
        if next_url and page < self.max_pages():
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
        for fields in self.structured_postings(response):
            yield from self.finish(fields)

    @classmethod
    def entry_problems(cls, entry: dict[str, Any]) -> list[tuple[str, str]]:
        problems = super().entry_problems(entry)
        for key in ("link_pattern", "sitemap_pattern"):
            if key in entry:
                problems += [(key, error) for error in [_pattern_error(entry[key])] if error]
        for key in ("link_selector", "next_selector"):
            if key in entry:
                problems += [(key, error) for error in [_css_error(entry[key])] if error]
        if "sitemap" in entry and not (isinstance(entry["sitemap"], str) and is_web_url(entry["sitemap"])):
            problems.append(("sitemap", f"expected an absolute http(s) URL, got {entry['sitemap']!r}"))
        return problems


def _pattern_error(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"expected a regular expression, got {value!r}"
    try:
        re.compile(value)
    except re.error as error:
        return f"not a valid regular expression: {error}"
    return None


def _css_error(value: Any) -> str | None:
    error = selector_error(value)
    if error is None and isinstance(value, str) and value.lstrip().startswith(("/", "(")):
        return "expected a CSS selector (this key takes no XPath)"
    return error
