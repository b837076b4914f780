"""Trial crawls of proposals: each proposal as a disabled source of its own, crawled through the
normal pipelines into a temporary SQLite store that is thrown away afterwards."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit

from crawlers.discovery.run import TRIAL_MAX_PAGES, trial_crawl
from crawlers.platforms import platform_keys
from crawlers.sources import parse_entries
from foundation.settings import Settings
from indexer.store import db
from indexer.store.discovery import ProposalRecord, trial_figures


def trial_entry(number: int, record: ProposalRecord, routes: Mapping[str, str]) -> dict[str, Any]:
    """The proposal as a sources file entry; its board's API sent where `routes` says."""
    keys = platform_keys().get(record.platform or "", frozenset())
    entry = {**dict(record.options or {}), "id": f"trial-{number}", "platform": record.platform, "url": record.url,
             "employer": record.org_name, "enabled": False}
    host = (urlsplit(record.url or "").hostname or "").lower()
    if host in routes and "api_url" in keys:
        entry["api_url"] = routes[host].rstrip("/")
    if "max_pages" in keys:
        entry["max_pages"] = TRIAL_MAX_PAGES
    return entry


def run_trials(records: Sequence[ProposalRecord], settings: Settings, overrides: Mapping[str, Any],
               routes: Mapping[str, str], processes: int = 1) -> dict[str, dict[str, Any]]:
    """org_key -> {"postings", "peer_postings", "error"} for each proposal."""
    entries = {f"trial-{n}": (record, trial_entry(n, record, routes)) for n, record in enumerate(records)}
    results: dict[str, dict[str, Any]] = {}
    parsed = parse_entries([entry for _, entry in entries.values()])
    for problem in parsed.problems:
        record = entries[problem.source_id][0] if problem.source_id in entries else None
        if record is not None:
            results[record.org_key] = {"postings": 0, "peer_postings": 0, "error": f"not a valid source: {problem}"}
    if not parsed.sources:
        return results
    with tempfile.TemporaryDirectory(prefix="peerjobs-trial-") as folder:
        url = f"sqlite:///{Path(folder) / 'trial.sqlite'}"
        engine = db.make_engine(url)
        db.migrate(engine)
        trial_settings = Settings(Path(folder), url, Path(folder) / "index")
        trial_crawl(parsed.sources, trial_settings, overrides, processes=processes, timeout=300)
        with db.session_factory(engine)() as session:
            figures = trial_figures(session, [source.id for source in parsed.sources])
        engine.dispose()
    for source_id, found in figures.items():
        results[entries[source_id][0].org_key] = found
    return results
