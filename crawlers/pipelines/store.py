"""Each posting cleaned, validated, deduplicated, normalized, counted and stored, in batches;
the counts join the crawl stats when the spider closes.

The stages are crawlers.pipelines' (run by crawlers.writer_process.PostingChain) and run where
the batch is stored: in this process for its first postings, then in the store writer's own
process (crawlers.writer), on another core, while this one goes on fetching and parsing. A batch
goes at least every FLUSH_SECONDS; a spider closes only once all of its postings are stored, so
the crawl run's figures and the closing of postings not seen read a complete store.
"""
from __future__ import annotations

import logging
from typing import Any

from twisted.internet import task
from twisted.internet.defer import succeed

from crawlers import writer
from crawlers.storage import database_url
from crawlers.writer_process import BatchWriter, PostingChain

logger = logging.getLogger(__name__)

BATCH = 50
FLUSH_SECONDS = 1.0


class StorePipeline:
    def __init__(self, url: str, stats, log_level: str = "INFO", writer_after: int = writer.START_AFTER):
        self.url, self.stats, self.log_level, self.writer_after = url, stats, log_level, writer_after
        self.batch: list[dict[str, Any]] = []
        self.chain = PostingChain()
        self.writer: writer.StoreWriter | None = None
        self.key = ""
        self.crawler = None
        self.flusher: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        pipeline = cls(database_url(settings), crawler.stats, settings.get("LOG_LEVEL") or "INFO",
                       settings.getint("PEERJOBS_STORE_WRITER_AFTER", writer.START_AFTER))
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self, spider=None):
        self.flusher = task.LoopingCall(self.flush)
        self.flusher.start(FLUSH_SECONDS, now=False)

    def process_item(self, item, spider=None):
        self.batch.append(dict(item))
        if len(self.batch) < BATCH:
            return item
        return self.flush().addCallback(lambda _: item)

    def flush(self):
        batch, self.batch = self.batch, []
        if not batch:
            return succeed(None)
        if self.writer is None:
            self.writer = writer.writer_for(self.url, self.log_level, len(batch), self.writer_after)
            if self.writer is None:
                BatchWriter(self.url).write(batch, self.chain)
                return succeed(None)
            name = getattr(getattr(self._spider(), "source", None), "id", "crawl")
            self.key, opened = self.writer.open(name, self.chain.dedupe.seen)
            opened.addErrback(self._lost, 0)
        packed, unsent = writer.pack(batch)
        if unsent:
            self._unsent(unsent)
        return self.writer.send(self.key, packed).addErrback(self._lost, len(batch) - unsent)

    def close_spider(self, spider=None):
        if self.flusher is not None and self.flusher.running:
            self.flusher.stop()
        closed = self.flush().addCallback(lambda _: self.writer.close(self.key) if self.writer else {})
        return closed.addCallbacks(self._merge, self._lost, errbackArgs=(0,))

    def _merge(self, counts: dict[str, int]) -> None:
        tally = self.chain.tally
        tally.update(counts)
        for key, value in tally.items():
            self.stats.inc_value(key, value)
        # Scrapy counted these as scraped when they left this pipeline; the chain dropped them.
        self.stats.inc_value("item_scraped_count", -tally.get("item_dropped_count", 0))

    def _unsent(self, count: int) -> None:
        logger.error("%s: %d postings could not be handed to the store writer (nested too deep)", self.key, count)
        for key in ("peerjobs/dropped/unsendable", "peerjobs/errors", "item_dropped_count"):
            self.stats.inc_value(key, count)
        self.stats.inc_value("item_scraped_count", -count)

    def _lost(self, failure, count: int) -> None:
        """The writer ended early: what it had not answered for may not be stored."""
        message = f"postings may be missing from the store: {failure.getErrorMessage()}"
        logger.error("%s: %s", self.key, message)
        self.stats.inc_value("peerjobs/errors")
        self.stats.inc_value("peerjobs/dropped/store_error", count)
        spider = self._spider()
        if spider is not None and not getattr(spider, "fatal", None):
            spider.fatal = message

    def _spider(self):
        return getattr(self.crawler, "spider", None)
