"""The careers-page finder: one spider visits many organizations politely, each within its budget.

For each organization it reads the homepage, follows the links that say careers or jobs (best
first, two hops at most), reads robots.txt's Sitemap lines and the sitemap when nothing is
linked, then tries the common careers paths. Every page is read for boards (crawlers.discovery
signals and pages). The crawler's own settings apply: robots.txt failing closed, its User-Agent,
the network guard, a download slot per site (one request at a time by default) and size caps.
"""
from __future__ import annotations

import json
import time
from typing import Any, Iterable
from urllib.parse import urljoin

import scrapy
from parsel import Selector
from scrapy import signals

from crawlers import settings as crawler_settings
from crawlers.discovery import links as careers
from crawlers.discovery.failures import failure_sign
from crawlers.discovery.organizations import Organization
from crawlers.discovery.pages import has_job_posting, html_candidate, job_links, not_hiring, page_candidates, sign_in_wall
from crawlers.discovery.signals import Candidate, where
from crawlers.discovery.visit import Visit, outcome
from crawlers.discovery.boards_more import page_key
from crawlers.discovery.follow import boards_to_check, embedded_pages, jsonld_keys, links_to_follow

MAX_REQUESTS = 16
MAX_SECONDS = 60
#: A candidate at least this sure ends the organization's visit.
SURE = 0.85
#: Politeness is per site (one request at a time, the crawler's delays and AutoThrottle); requests
#: waiting out a site's delay hold a place in CONCURRENT_REQUESTS, so many sites need more places.
FINDER_SETTINGS = {
    "CONCURRENT_REQUESTS": 64, "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "DOWNLOAD_MAXSIZE": 2 * 1024 * 1024, "DOWNLOAD_WARNSIZE": 1024 * 1024,
    "DOWNLOAD_TIMEOUT": 20, "REDIRECT_MAX_TIMES": 5, "ITEM_PIPELINES": {}, "CLOSESPIDER_PAGECOUNT": 0, "DEPTH_LIMIT": 0,
    "DOWNLOADER_MIDDLEWARES": {**crawler_settings.DOWNLOADER_MIDDLEWARES, "crawlers.discovery.slots.SiteSlotMiddleware": 40},
    "EXTENSIONS": {"crawlers.extensions.CrawlRunRecorder": None, "crawlers.watchdog.CrawlWatchdog": None,
                   "scrapy.extensions.telnet.TelnetConsole": None},
}


class CareersFinder(scrapy.Spider):
    name = "careers-finder"

    def __init__(self, organizations: Iterable[Organization] = (), output: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.visits = {org.org_key: Visit(org) for org in organizations}
        self.output = output

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any) -> "CareersFinder":
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.write_findings, signal=signals.spider_closed)
        return spider

    async def start(self):
        for key, visit in self.visits.items():
            visit.started = time.monotonic()
            request = self.visit_request(visit, visit.organization.website, "home", 0)
            if request is not None:
                yield request

    def visit_request(self, visit: Visit, url: str, role: str, hop: int, **meta: Any) -> scrapy.Request | None:
        """A request within the visit's budget (pages, seconds), each URL once; None past it."""
        url = url.split("#")[0]
        if url in visit.seen or visit.requests >= MAX_REQUESTS or time.monotonic() - visit.started > MAX_SECONDS:
            return None
        visit.seen.add(url)
        visit.requests += 1
        visit.pending += 1
        return scrapy.Request(url, callback=self.read_page, errback=self.page_failed, dont_filter=True,
                              meta={"org": visit.organization.org_key, "role": role, "hop": hop, **meta})

    def read_page(self, response):
        visit = self.visits[response.meta["org"]]
        visit.pending -= 1
        role = response.meta["role"]
        if role == "home":  # the visit's time runs from the homepage's answer, not from the queue
            visit.home_read, visit.started = True, time.monotonic()
        if role in ("robots", "sitemap"):
            yield from self.read_sitemaps(visit, response)
            yield from self.when_idle(visit)
            return
        if not isinstance(response, scrapy.http.TextResponse):
            if careers.is_pdf(response.url) or b"pdf" in response.headers.get("Content-Type", b""):
                visit.sign("pdf_only", f"PDF at {where(response.url)}")
            yield from self.when_idle(visit)
            return
        yield from self.read_html(visit, response, role, response.meta["hop"])
        yield from self.when_idle(visit)

    def when_idle(self, visit: Visit):
        """A visit with nothing left to fetch and nothing found tries the sitemap and common paths."""
        if visit.pending == 0 and not visit.fell_back and visit.home_read and not visit.candidates:
            yield from self.fall_back(visit, visit.organization.website)

    def read_html(self, visit: Visit, response, role: str, hop: int):
        selector = Selector(text=response.text)
        url = response.url
        hosted = role not in ("home", "hub") and not careers.same_site(url, visit.organization.website)
        found = page_candidates(url, response.text, hosted)
        if role == "posting" and has_job_posting(selector):
            listing = response.meta["listing"]
            found.append(Candidate("jsonld", listing, page_key(listing), 0.8,
                                   (f"JobPosting JSON-LD on {where(url)} (linked from {where(listing)})",),
                                   jsonld_keys(listing, url)))
        if role == "careers":
            visit.careers_pages.append(url)
            found += self.careers_page_signs(visit, url, selector)
        visit.candidates += found
        if any(c.confidence >= SURE for c in visit.candidates) or role == "posting":
            return
        yield from self.follow(visit, url, selector, role, hop)

    def careers_page_signs(self, visit: Visit, url: str, selector: Selector) -> list[Candidate]:
        if sign_in_wall(selector):
            visit.sign("login_wall", f"sign-in form on {where(url)}")
        page_links = careers.page_links(url, selector.get())
        if any(careers.is_aggregator(link.url) for link in page_links):
            visit.sign("aggregator_only", f"links to job aggregators on {where(url)}")
        if any(careers.is_pdf(link.url) and link.score for link in page_links):
            visit.sign("pdf_only", f"job PDF linked on {where(url)}")
        found = [Candidate("jsonld", url, page_key(url), 0.8, (f"JobPosting JSON-LD on {where(url)}",))
                 ] if has_job_posting(selector) else []
        openings = job_links(url, selector)
        if openings and not found:
            found.append(html_candidate(url, [anchor for anchor, _ in openings]))
        elif not_hiring(selector):
            visit.sign("not_hiring", f"no openings on {where(url)}")
        return found

    def follow(self, visit: Visit, url: str, selector: Selector, role: str, hop: int):
        for frame in embedded_pages(url, selector) if hop < 3 else []:
            request = self.visit_request(visit, frame, "frame", hop + 1)
            if request is not None:
                yield request
        if role == "frame":
            return
        openings = job_links(url, selector) if role == "careers" else []
        if openings:
            request = self.visit_request(visit, openings[0][1], "posting", hop + 1, listing=url)
            if request is not None:
                yield request
            return
        every_link = careers.page_links(url, selector.get())
        for link in every_link:
            if link.score >= 4 and careers.is_pdf(link.url):
                visit.sign("pdf_only", f"{link.text or 'careers'} link to a PDF ({where(link.url)}) on {where(url)}")
        page_links = [link for link in every_link if not careers.is_aggregator(link.url) and not careers.is_pdf(link.url)]
        for link in links_to_follow(page_links, hop):
            request = self.visit_request(visit, link.url, "careers" if link.score >= 4 else "hub", hop + 1)
            if request is not None:
                yield request
        for link in boards_to_check(page_links, visit.organization.website) if hop >= 2 else []:
            request = self.visit_request(visit, link.url, "frame", hop + 1)
            if request is not None:
                yield request

    def fall_back(self, visit: Visit, home: str):
        """Nothing linked: robots.txt's Sitemap lines (and /sitemap.xml), then the common paths."""
        visit.fell_back = True
        for path, role in (("/robots.txt", "robots"), ("/sitemap.xml", "sitemap")):
            request = self.visit_request(visit, urljoin(home, path), role, 1)
            if request is not None:
                yield request
        for path in careers.COMMON_PATHS:
            request = self.visit_request(visit, urljoin(home, path), "careers", 1, fallback=True)
            if request is not None:
                yield request

    def read_sitemaps(self, visit: Visit, response):
        text = response.text if isinstance(response, scrapy.http.TextResponse) else ""
        if response.meta["role"] == "robots":
            urls = [line.split(":", 1)[1].strip() for line in text.splitlines() if line.lower().startswith("sitemap:")]
            roles = ["sitemap"] * len(urls)
        else:
            urls = Selector(text=text, type="xml").xpath("//*[local-name()='loc']/text()").getall()[:5000]
            scored = [careers.Link(u.strip(), "", careers.careers_score("", u.strip())) for u in urls]
            urls = [link.url for link in careers.careers_links([link for link in scored if link.score >= 4], limit=2)]
            roles = ["careers"] * len(urls)
        for url, role in zip(urls[:3], roles):
            request = self.visit_request(visit, url, role, 1)
            if request is not None:
                yield request

    def page_failed(self, failure):
        request = failure.request
        visit = self.visits[request.meta["org"]]
        visit.pending -= 1
        if request.meta["role"] == "home":
            visit.started = time.monotonic()
        sign = failure_sign(failure)
        if sign is not None and request.meta["role"] in ("home", "careers") and not (
                request.meta.get("fallback") and sign[0] not in ("robots_disallow", "login_wall")):
            visit.sign(sign[0], f"{sign[1]} at {where(request.url)}")
        yield from self.when_idle(visit)

    def write_findings(self, spider, reason):
        with open(self.output, "w", encoding="utf-8") as handle:
            for visit in self.visits.values():
                handle.write(json.dumps(outcome(visit), sort_keys=True) + "\n")
