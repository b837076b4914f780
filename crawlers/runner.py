"""Run crawls of several sources in one Scrapy process, or in a child process.

Twisted's reactor cannot be restarted, so anything that crawls more than once in its life
(the CLI under a test runner, the scheduler) crawls in a fresh child process.
"""
from __future__ import annotations

import multiprocessing
import os
import time
from typing import Any, Callable, Mapping, Sequence

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings as ScrapySettings

from crawlers.platforms import spider_for
from crawlers.sources import SourceConfig
from foundation.lifeline import die_with_parent
from foundation.settings import Settings

#: How long a crawl child told to stop may take to record its runs before it is killed.
STOP_GRACE_SECONDS = 10


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
    process = CrawlerProcess(scrapy_settings(settings, {"LOG_INSTALL_ROOT_HANDLER": True, **(overrides or {})}))
    for source in sources:
        process.crawl(spider_for(source.platform), source=source)
    process.start()


def crawl_in_child(sources: Sequence[SourceConfig], settings: Settings,
                   overrides: Mapping[str, Any] | None = None, timeout: float | None = None) -> int:
    """Crawl in a fresh process; returns its exit code (a stuck child is ended at `timeout`)."""
    return crawl_in_children(sources, settings, overrides, timeout, processes=1)


def crawl_in_children(sources: Sequence[SourceConfig], settings: Settings,
                      overrides: Mapping[str, Any] | None = None, timeout: float | None = None,
                      processes: int = 1) -> int:
    """Crawl with the sources dealt out over several fresh processes, one core each.

    One Scrapy process parses on one core; a crawl of many sources is CPU-bound on loopback
    and on fast sites, so several processes use several cores. Returns the worst exit code.
    """
    calls = [(crawl, (group, settings, dict(overrides or {}))) for group in split_sources(sources, processes)]
    return in_children(calls, timeout)


def in_children(calls: Sequence[tuple[Callable[..., None], tuple]], timeout: float | None = None) -> int:
    """Run each (function, args) in a fresh process (Twisted's reactor cannot restart), each
    ending with this one; the worst exit code (a stuck child is ended at `timeout`)."""
    context = multiprocessing.get_context("spawn")
    children = [context.Process(target=_child, args=(os.getpid(), function, args)) for function, args in calls]
    try:
        for child in children:
            child.start()
        deadline = None if timeout is None else time.monotonic() + timeout
        codes = [_wait(child, deadline) for child in children]
    finally:  # also when this process is told to stop (foundation.lifeline.Stopped)
        stop_children(children)
    return next((code for code in codes if code != 0), 0)


def _child(parent_pid: int, function: Callable[..., None], args: tuple) -> None:
    die_with_parent(parent_pid)
    function(*args)


def stop_children(children: Sequence, grace: float = STOP_GRACE_SECONDS) -> None:
    """SIGTERM to each child still running (Scrapy then closes its spiders and records the runs
    cancelled), SIGKILL to any still running after `grace` seconds."""
    running = [child for child in children if child.is_alive()]
    for child in running:
        child.terminate()
    deadline = time.monotonic() + grace
    for child in running:
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            child.kill()
            child.join(5)


def split_sources(sources: Sequence[SourceConfig], processes: int) -> list[list[SourceConfig]]:
    """Deal sources round-robin into at most `processes` non-empty groups."""
    count = max(1, min(processes, len(sources)))
    return [list(sources[start::count]) for start in range(count)] if sources else [[]]


def _wait(child, deadline: float | None) -> int:
    child.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
    if child.is_alive():
        stop_children([child], grace=10)
    return child.exitcode if child.exitcode is not None else -1
