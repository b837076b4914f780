"""Drop what cannot be a posting, counting each reason in the crawl stats."""
from __future__ import annotations

from scrapy.exceptions import DropItem

from crawlers.pipelines import CountingPipeline, isolated

MAX_TITLE = 300


class ValidatePipeline(CountingPipeline):
    @isolated("validate_error")
    def process_item(self, item, spider=None):
        reason = self.problem(item)
        if reason:
            self.stats.inc_value(f"peerjobs/dropped/{reason}")
            raise DropItem(f"{reason}: {item.get('url')}")
        return item

    @staticmethod
    def problem(item) -> str | None:
        if not item.get("title"):
            return "no_title"
        if len(item["title"]) > MAX_TITLE:
            return "title_too_long"
        if not item.get("url"):
            return "no_url"
        if not item.get("external_id"):
            return "no_external_id"
        return None
