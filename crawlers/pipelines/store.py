"""Upsert each posting into the store; new and updated counts go to the crawl stats."""
from __future__ import annotations

from indexer import store
from crawlers.storage import database_url, sessions_for


class StorePipeline:
    def __init__(self, url: str, stats):
        self.sessions = sessions_for(url)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(database_url(crawler.settings), crawler.stats)

    def process_item(self, item, spider=None):
        with self.sessions.begin() as session:
            _, outcome = store.upsert_posting(
                session, item["source_id"], item["external_id"], item["normalized"]
            )
        self.stats.inc_value(f"peerjobs/postings/{outcome}")
        return item
