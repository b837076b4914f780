"""Run crawls of several sources in one Scrapy process, or in a child process.

Twisted's reactor cannot be restarted, so anything that crawls more than once in its life
(the CLI under a test runner, the scheduler) crawls in a fresh child process.
"""
from __future__ import annotations

import multiprocessing
from typing import Any, Mapping, Sequence

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings as ScrapySettings

from crawlers.platforms import spider_for
from crawlers.sources import SourceConfig
from indexer.settings import Settings


def scrapy_settings(settings: Settings, overrides: Mapping[str, Any] | None = None) -> ScrapySettings:
    result = ScrapySettings()
    result.setmodule("crawlers.settings", priority="project")
    result.set("PEERJOBS_DATABASE_URL", settings.database_url, priority="project")
    for key, value in (overrides or {}).items():
        result.set(key, value, priority="cmdline")
    return result


def crawl(sources: Sequence[SourceConfig], settings: Settings,
          overrides: Mapping[str, Any] | None = None) -> None:
    """Crawl every source at once in this process; blocks until all are done."""
    process = CrawlerProcess(scrapy_settings(settings, overrides), install_root_handler=True)
    for source in sources:
        process.crawl(spider_for(source.platform), source=source)
    process.start()


def crawl_in_child(sources: Sequence[SourceConfig], settings: Settings,
                   overrides: Mapping[str, Any] | None = None, timeout: float | None = None) -> int:
    """Crawl in a fresh process; returns its exit code (a stuck child is ended at `timeout`)."""
    context = multiprocessing.get_context("spawn")
    child = context.Process(target=crawl, args=(list(sources), settings, dict(overrides or {})))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.terminate()
        child.join(10)
    return child.exitcode if child.exitcode is not None else -1
