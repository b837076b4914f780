"""When a posting closes and when a crawl can be trusted to close anything: pure rules.

The store applies them: at the end of a healthy run, sightings of the source not seen in that
run count one more miss; a posting closes when every source that listed it has missed it
CLOSE_AFTER_MISSES times running, or its detail page answered 404/410. A past validThrough closes
it at any run. An unhealthy run (failed, cancelled, blocked, error-ridden, or far fewer postings
than usual) closes nothing, so an outage never empties a source.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from statistics import median
from typing import NamedTuple, Sequence

CLOSE_AFTER_MISSES = 2
GONE_STATUSES = frozenset({404, 410})
#: Above this share of failed pages, a run may have missed postings that still exist.
MAX_ERROR_RATE = 0.2
#: A run below this share of the median of recent healthy runs looks broken...
MIN_SHARE_OF_USUAL = 0.5
#: ... when it also lost at least this many postings (a source of two may lose one).
MIN_DROP = 3
RECENT_RUNS = 5
#: A sighting this old keeps no posting open, whatever its source's runs say.
STALE_SIGHTING = timedelta(days=14)

MISSING = "missing from {n} healthy crawls"
GONE = "detail page {status}"
EXPIRED = "validThrough passed"


class Health(NamedTuple):
    healthy: bool
    reason: str | None = None


def judge_run(status: str, finished: bool, pages: int, items: int, errors: int,
              recent_items: Sequence[int], deferred: bool = False) -> Health:
    """Healthy when the run finished, read its pages and found about as many postings as usual."""
    if status not in ("ok", "partial"):
        return Health(False, f"run {status}")
    if deferred:
        return Health(False, "robots.txt deferred the source")
    if not finished:
        return Health(False, "run closed early")
    if errors and errors > MAX_ERROR_RATE * max(pages, 1):
        return Health(False, f"{errors} errors in {pages} pages")
    if recent_items:
        usual = median(recent_items)
        if items < MIN_SHARE_OF_USUAL * usual and usual - items >= MIN_DROP:
            return Health(False, f"{items} postings, usually {usual:g}")
    return Health(True)


def after_miss(missing_runs: int) -> int:
    return missing_runs + 1


def closes_by_absence(sightings: Sequence[tuple[int, datetime]], now: datetime) -> bool:
    """Every source that listed the posting, as (missing_runs, last_seen), has missed it long
    enough, or has not listed it for STALE_SIGHTING (a source no longer crawled)."""
    return bool(sightings) and all(
        misses >= CLOSE_AFTER_MISSES or last_seen < now - STALE_SIGHTING for misses, last_seen in sightings)


def is_gone(status: int | None) -> bool:
    return status in GONE_STATUSES


def is_expired(valid_through: datetime | None, now: datetime) -> bool:
    return valid_through is not None and valid_through < now


def absence_reason(misses: int = CLOSE_AFTER_MISSES) -> str:
    return MISSING.format(n=misses)


def gone_reason(status: int) -> str:
    return GONE.format(status=status)
