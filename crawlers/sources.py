"""The sources file read with the rules of the platforms that have spiders.

`foundation.sources_file` reads the file; this module hands it each spider's extra keys
and value checks, so a source the crawler cannot run is a problem, not an entry.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from crawlers.platforms import platform_keys, spider_for
from foundation import sources_file
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
