"""`scrapy crawl source -a source_json=...`: one source crawled by its platform's spider.

Scrapyd starts spiders by name with string arguments only. The scheduler sends the whole
source entry as JSON (`source_json`), so crawl nodes need no copy of the sources file; a
`source_id` (with an optional `sources_file`) looks the entry up in a file on the node instead.
Either way the entry is checked by the node's own code, as a sources file entry would be.
"""
from __future__ import annotations

import json
from typing import Any

import scrapy

from crawlers.platforms import spider_for
from crawlers.platforms.base import SourceSpider
from crawlers.sources import SourceConfig, parse_entries, source_from_file


class SourceEntry(scrapy.Spider):
    """Never crawls itself: `from_crawler` hands back the platform spider for the source."""

    name = "source"

    @classmethod
    def from_crawler(cls, crawler, *args: Any, source_json: str | None = None,
                     source_id: str | None = None, sources_file: str | None = None,
                     **kwargs: Any) -> SourceSpider:
        source = source_from_json(source_json) if source_json else source_from_file(source_id, sources_file)
        platform = spider_for(source.platform)
        platform.update_settings(crawler.settings)
        return platform.from_crawler(crawler, *args, source=source, **kwargs)


def source_entry(source: SourceConfig) -> dict[str, Any]:
    """A source as the sources file entry it came from, less its `schedule`: only the
    scheduler reads that, and a node need not understand it to crawl."""
    return {**source.options, "id": source.id, "platform": source.platform, "url": source.url,
            "employer": source.employer, "enabled": source.enabled}


def source_to_json(source: SourceConfig) -> str:
    try:
        return json.dumps(source_entry(source), sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError) as error:
        raise ValueError(f"source {source.id!r} cannot be sent as JSON: {error}") from error


def source_from_json(text: str) -> SourceConfig:
    """The source a `source_json` argument describes; a clear ValueError when it is unusable."""
    try:
        entry = json.loads(text)
    except ValueError as error:
        raise ValueError(f"source_json is not JSON: {error}") from error
    parsed = parse_entries([entry])
    if parsed.problems:
        raise ValueError("source_json: " + "; ".join(str(problem) for problem in parsed.problems))
    return parsed.sources[0]
