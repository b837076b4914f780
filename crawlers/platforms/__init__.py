"""One spider class per platform; `spider_for(platform)` finds it by name."""
from __future__ import annotations

from crawlers.platforms.base import SourceSpider
from crawlers.platforms.jsonld import JsonLdSpider

SPIDERS: dict[str, type[SourceSpider]] = {spider.name: spider for spider in (JsonLdSpider,)}


def spider_for(platform: str) -> type[SourceSpider]:
    return SPIDERS[platform]
