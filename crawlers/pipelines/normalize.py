"""Parse, sanitize, geocode and classify each posting (indexer.normalize does the work)."""
from __future__ import annotations

import logging

from scrapy.exceptions import DropItem

from crawlers.pipelines import CountingPipeline
from indexer.normalize import normalize

logger = logging.getLogger(__name__)


class NormalizePipeline(CountingPipeline):
    def process_item(self, item, spider=None):
        try:
            result = normalize(dict(item))
        except Exception as error:  # one unreadable posting must not stop the crawl
            self.stats.inc_value("peerjobs/dropped/normalize_error")
            self.stats.inc_value("peerjobs/errors")
            logger.error("%s: could not normalize: %r", item.get("url"), error)
            raise DropItem(f"normalize_error: {error!r}") from error
        for problem in result.problems:
            field = problem.split(":", 1)[0]
            self.stats.inc_value(f"peerjobs/field_problems/{field}")
            logger.info("%s: %s", item.get("url"), problem)
        if not result.fields["is_peer"]:
            self.stats.inc_value("peerjobs/not_peer")
        item["normalized"] = result.fields
        return item
