"""Running discovery in processes: the finder over many organizations, and trial crawls of
proposed sources into a throwaway store.

Each runs in fresh child processes (Twisted's reactor cannot restart), the organizations or
sources dealt out between them; findings come back as JSON lines in a temporary folder.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any, Mapping, Sequence

from scrapy.crawler import CrawlerProcess

from crawlers.discovery.finder import FINDER_SETTINGS, CareersFinder
from crawlers.discovery.organizations import Organization
from crawlers.runner import crawl_in_children, in_children, scrapy_settings
from crawlers.sources import SourceConfig
from foundation.settings import Settings

#: Trial crawls: a few pages and a minute per source, no store writer process.
TRIAL_SETTINGS = {"CLOSESPIDER_PAGECOUNT": 30, "CLOSESPIDER_TIMEOUT": 60, "PEERJOBS_STORE_WRITER_AFTER": -1,
                  "PEERJOBS_WATCHDOG_MINUTES": 2, "LOG_LEVEL": "CRITICAL"}
TRIAL_MAX_PAGES = 2


def find_in_process(organizations: Sequence[Organization], settings: Settings, overrides: Mapping[str, Any],
                    output: str) -> None:
    """Visit the organizations in this process; their findings go to `output`, one JSON a line."""
    values = {**FINDER_SETTINGS, "LOG_LEVEL": "CRITICAL", **overrides}
    process = CrawlerProcess(scrapy_settings(settings, values))
    process.crawl(CareersFinder, organizations=list(organizations), output=output)
    process.start()


def deal(items: Sequence[Any], processes: int) -> list[list[Any]]:
    count = max(1, min(processes, len(items)))
    return [list(items[start::count]) for start in range(count)]


def find_careers(organizations: Sequence[Organization], settings: Settings, overrides: Mapping[str, Any],
                 processes: int = 1, timeout: float | None = None) -> dict[str, dict[str, Any]]:
    """org_key -> finding, for every organization (one the finder did not report is a dead end)."""
    if not organizations:
        return {}
    with tempfile.TemporaryDirectory(prefix="peerjobs-discover-") as folder:
        outputs = [str(Path(folder) / f"findings-{n}.jsonl") for n in range(processes)]
        groups = deal(organizations, processes)
        calls = [(find_in_process, (group, settings, dict(overrides), outputs[n])) for n, group in enumerate(groups)]
        in_children(calls, timeout)
        findings = {}
        for output in outputs[: len(groups)]:
            findings.update(read_findings(Path(output)))
    return findings


def read_findings(path: Path) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    findings = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {finding["org_key"]: finding for finding in findings}


def trial_crawl(sources: Sequence[SourceConfig], settings: Settings, overrides: Mapping[str, Any],
                processes: int = 1, timeout: float | None = None) -> int:
    """Crawl the trial sources through the normal pipelines into `settings`' (throwaway) store."""
    return crawl_in_children(sources, settings, {**overrides, **TRIAL_SETTINGS}, timeout=timeout, processes=processes)
