"""End a crawl that has stopped moving: no page answered, no request failed, no posting kept or
dropped for PEERJOBS_WATCHDOG_MINUTES (0 turns the watchdog off).

The spider is closed with the reason `stalled`, which the CrawlRunRecorder records as a failed
run (crawlers.extensions.run_outcome), so its source's locks and postings are settled as after
any failure instead of the run staying `running` for hours. Closing waits for requests in flight,
each bounded by DOWNLOAD_TIMEOUT.
"""
from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call
from scrapy.utils.defer import deferred_from_coro

logger = logging.getLogger(__name__)

STALLED = "stalled"
#: Stats whose change is progress.
PROGRESS = ("response_received_count", "downloader/exception_count", "item_scraped_count", "item_dropped_count")


class CrawlWatchdog:
    def __init__(self, crawler, seconds: float):
        self.crawler, self.seconds = crawler, seconds
        self.last: tuple = ()
        self.moved_at = time.monotonic()
        self.call = create_looping_call(self.check)

    @classmethod
    def from_crawler(cls, crawler):
        minutes = crawler.settings.getfloat("PEERJOBS_WATCHDOG_MINUTES")
        if minutes <= 0:
            raise NotConfigured
        watchdog = cls(crawler, minutes * 60)
        crawler.signals.connect(watchdog.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(watchdog.spider_closed, signal=signals.spider_closed)
        return watchdog

    def spider_opened(self, spider):
        self.moved_at = time.monotonic()
        self.call.start(min(30.0, self.seconds / 4), now=False)

    def spider_closed(self, spider):
        if self.call.running:
            self.call.stop()

    def check(self) -> None:
        stats = self.crawler.stats
        now, figures = time.monotonic(), tuple(stats.get_value(key, 0) for key in PROGRESS)
        if figures != self.last:
            self.last, self.moved_at = figures, now
        elif now - self.moved_at >= self.seconds:
            logger.error("no progress for %.1f minutes: closing the crawl", self.seconds / 60)
            stats.set_value("peerjobs/stalled_after_seconds", round(self.seconds))
            self.call.stop()
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=STALLED))
