"""Upsert each posting into the store; new and updated counts go to the crawl stats."""
from __future__ import annotations

import logging

from scrapy.exceptions import DropItem

from crawlers.storage import database_url, sessions_for
from indexer import store

logger = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, url: str, stats):
        self.sessions = sessions_for(url)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(database_url(crawler.settings), crawler.stats)

    def process_item(self, item, spider=None):
        try:
            with self.sessions.begin() as session:
                _, outcome = store.upsert_posting(
                    session, item["source_id"], item["external_id"], item["normalized"]
                )
        except Exception as error:  # rolled back (a database error, a value it will not take): the crawl goes on
            self.stats.inc_value("peerjobs/dropped/store_error")
            self.stats.inc_value("peerjobs/errors")
            logger.error("%s: could not store: %s", item.get("url"), error)
            raise DropItem(f"store_error: {error}") from error
        self.stats.inc_value(f"peerjobs/postings/{outcome}")
        return item
