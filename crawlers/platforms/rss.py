"""RSS 2.0, RSS 1.0 and Atom job feeds, and Indeed-style XML feeds.

Keys: `location` (a place for items that name none, e.g. "Dayton, OH"), `follow_links` (true:
also read each item's page, whose JSON-LD or microdata wins over the feed), `max_pages`.
"""
from __future__ import annotations

from crawlers.platforms.feeds import FeedSpider


class RssSpider(FeedSpider):
    name = "rss"
    option_keys = frozenset({"location", "follow_links", "max_pages"})
