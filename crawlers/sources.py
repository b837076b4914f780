"""The sources file read with the rules of the platforms that have spiders, and the one list of
sources to crawl: the file's and those accepted from the discovery queue (`all_sources`).

`foundation.sources_file` reads the file; this module hands it each spider's extra keys
and value checks, so a source the crawler cannot run is a problem, not an entry. A discovered
source is checked by the same rules; the file wins when both name one id.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from crawlers.platforms import platform_keys, spider_for
from foundation import sources_file
from indexer import store
from foundation.sources_file import (  # noqa: F401  (re-exported for the crawler's callers)
    DEFAULT_SOURCES_FILE, SourceConfig, SourceList, SourceProblem, SourcesFileError, auto_platform,
)


def platform_problems(platform: str, entry: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, reason) for values the platform's spider cannot use (a bad selector, a bad number)."""
    check = getattr(spider_for(platform), "entry_problems", None)
    return check(entry) if check else []


def spider_rules() -> sources_file.PlatformRules:
    return sources_file.PlatformRules(platform_keys(), platform_problems)


def load_sources(path: Path | str | None = None) -> SourceList:
    return sources_file.load_sources(path, spider_rules())


def parse_entries(entries: list[Any]) -> SourceList:
    return sources_file.parse_entries(entries, spider_rules())


def source_from_file(source_id: str | None, sources_file_path: str | None) -> SourceConfig:
    """Scrapy's command line and Scrapyd pass only strings: look the source up by id."""
    if not source_id:
        raise ValueError("a source or a source_id is required")
    found = load_sources(sources_file_path).get(source_id)
    if found is None:
        raise ValueError(f"no valid source {source_id!r} in {sources_file_path or 'config/sources.yaml'}")
    return found


def merge_sources(listed: SourceList, discovered: list) -> SourceList:
    """The file's sources, then the discovered ones the spiders' rules accept; the file wins an id."""
    return sources_file.merge_sources(listed, discovered, spider_rules())


def all_sources(session, path: Path | str | None = None) -> SourceList:
    """Every source to crawl: the sources file's and those accepted from the discovery queue."""
    return merge_sources(load_sources(path), store.discovered_sources(session))
