"""Drop a posting this run already stored from the same source, counting it.

One page can repeat a posting (a listing carrying the same JobPosting as its detail page, two
links to one page). Matching the same job across sources and URLs needs the stored postings in
the transaction that writes them, so it lives in indexer.store.upsert_posting, not here.
"""
from __future__ import annotations

from scrapy.exceptions import DropItem

from crawlers.pipelines import CountingPipeline, isolated


class DedupePipeline(CountingPipeline):
    def __init__(self, stats):
        super().__init__(stats)
        self.seen: set[tuple[str, str]] = set()

    @isolated("dedupe_error")
    def process_item(self, item, spider=None):
        key = (item.get("source_id"), item.get("external_id"))
        if key in self.seen:
            self.stats.inc_value("peerjobs/dropped/duplicate")
            raise DropItem(f"duplicate: {item.get('url')}")
        self.seen.add(key)
        return item
