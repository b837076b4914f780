"""The stages of a posting: clean -> validate -> dedupe -> normalize -> coverage -> the upsert.

Scrapy runs one item pipeline, the store stage (store.py); it batches postings and runs the
other stages, in order, where the batch is stored (crawlers.writer_process.PostingChain)."""
from __future__ import annotations

import functools
import logging

from scrapy.exceptions import DropItem

logger = logging.getLogger(__name__)


class CountingPipeline:
    """A pipeline that counts what it sees in the crawl stats, so nothing is dropped in silence."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)


def isolated(reason: str):
    """A stage's process_item that fails on one item (a bug, hostile data) drops only that item,
    counted as `peerjobs/dropped/<reason>` and as an error of the run; the crawl goes on."""
    def wrap(method):
        @functools.wraps(method)
        def process_item(self, item, spider=None):
            try:
                return method(self, item, spider)
            except DropItem:
                raise
            except Exception as error:
                self.stats.inc_value(f"peerjobs/dropped/{reason}")
                self.stats.inc_value("peerjobs/errors")
                logger.error("%s: %s: %r", str(item.get("url"))[:200], reason, error)
                raise DropItem(f"{reason}: {error!r}") from error
        return process_item
    return wrap
