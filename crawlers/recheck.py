"""Re-check the pages of reported postings, politely: the crawl's own settings (robots.txt that
fails closed, throttling, the network guard refusing internal addresses), one request a page.

A closed page closes its posting through the store (indexer.lifecycle's reason); every report
gets the result in words. Runs in a fresh child process, like crawls (crawlers.runner)."""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse

from crawlers import recheck_verdict
from crawlers.network_guard import RequestRefused
from crawlers.platforms.base import describe_failure
from crawlers.robots import RobotsDeferred
from crawlers.runner import in_children, scrapy_settings
from crawlers.storage import database_url, sessions_for
from foundation.settings import Settings
from indexer import store
from indexer.lifecycle import GONE_STATUSES, rechecked_reason
from indexer.store.models import utcnow

#: No items, no crawl runs: a re-check writes only its reports' results.
RECHECK_SETTINGS = {
    "ITEM_PIPELINES": {},
    "EXTENSIONS": {"crawlers.extensions.CrawlRunRecorder": None, "crawlers.watchdog.CrawlWatchdog": None,
                   "scrapy.extensions.telnet.TelnetConsole": None},
    "LOG_LEVEL": "WARNING",
}


class RecheckSpider(scrapy.Spider):
    name = "recheck"

    def __init__(self, checks: Sequence[store.Recheck] = (), **kwargs: Any):
        super().__init__(name=self.name, **kwargs)
        self.checks = list(checks)

    async def start(self) -> Any:
        for check in self.checks:
            yield scrapy.Request(check.url, callback=self.page, errback=self.failed, dont_filter=True,
                                 cb_kwargs={"check": check}, meta={"handle_httpstatus_list": sorted(GONE_STATUSES)})

    def page(self, response, check: store.Recheck) -> None:
        text = " ".join(response.xpath("//body//text()").getall()) if isinstance(response, TextResponse) else ""
        blocks = response.xpath('//script[@type="application/ld+json"]/text()').getall() \
            if isinstance(response, TextResponse) else []
        self.record(check, recheck_verdict.verdict_of_page(response.status, text, blocks, utcnow()))

    def failed(self, failure) -> None:
        self.record(failure.request.cb_kwargs["check"], recheck_verdict.not_fetched(failure_words(failure)))

    def record(self, check: store.Recheck, verdict: recheck_verdict.Verdict) -> None:
        with sessions_for(database_url(self.crawler.settings)).begin() as session:
            apply_verdict(session, check, verdict)
        self.logger.warning("report %d (posting %d): %s", check.report_id, check.posting_id, verdict.words())


def failure_words(failure) -> str:
    """The crawl's words for a failed fetch; a page robots.txt disallows is said so."""
    disallowed = failure.check(IgnoreRequest) and not failure.check(RequestRefused, RobotsDeferred)
    if disallowed and "robots.txt" in failure.getErrorMessage():
        return "robots.txt does not allow fetching the page"
    return describe_failure(failure)


def apply_verdict(session, check: store.Recheck, verdict: recheck_verdict.Verdict) -> None:
    """The result on the report; a closed page closes its posting."""
    words = verdict.words()
    if verdict.closed and not store.close_reported(session, check.posting_id, rechecked_reason(verdict.why)):
        words += " (the posting was closed already)"
    store.record_recheck(session, check.report_id, words)


def recheck(checks: Sequence[store.Recheck], settings: Settings, overrides: Mapping[str, Any] | None = None) -> None:
    """Fetch every page once in this process; blocks until done."""
    process = CrawlerProcess(scrapy_settings(settings, {"LOG_INSTALL_ROOT_HANDLER": True, **RECHECK_SETTINGS,
                                                        **(overrides or {})}))
    process.crawl(RecheckSpider, checks=list(checks))
    process.start()


def recheck_in_child(checks: Sequence[store.Recheck], settings: Settings,
                     overrides: Mapping[str, Any] | None = None, timeout: float | None = 300) -> int:
    """Re-check in a fresh process, like a crawl; its exit code."""
    return in_children([(recheck, (list(checks), settings, dict(overrides or {})))], timeout)
