"""When a posting closes and when a crawl can be trusted to close anything: pure rules.

The store applies them: at the end of a run that is not failing (indexer.health judges that),
sightings of the source not seen in that run count one more miss; a posting closes when every
source that listed it has missed it CLOSE_AFTER_MISSES times running, or its detail page answered
404/410. A past validThrough closes it at any run. A failing run (failed, cancelled, blocked,
error-ridden, or far fewer postings than usual) closes nothing, so an outage never empties a source.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Sequence

CLOSE_AFTER_MISSES = 2
GONE_STATUSES = frozenset({404, 410})
#: A sighting this old keeps no posting open, whatever its source's runs say.
STALE_SIGHTING = timedelta(days=14)

MISSING = "missing from {n} healthy crawls"
GONE = "detail page {status}"
EXPIRED = "validThrough passed"


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

#: Words on a posting's page that say it takes no more applications.
CLOSED_WORDS = (
    "no longer accepting applications", "no longer accepting", "this position has been filled",
    "position has been filled", "this job is closed", "this position is closed", "job posting has expired",
    "this job is no longer available", "posting is no longer available", "no longer available",
)
RECHECKED = "re-checked after a report: {why}"
ACCEPTED_CLOSED = "an operator accepted a report that it is closed"


def closed_words_in(text: str) -> str | None:
    """The first words of CLOSED_WORDS the page text holds, or None."""
    lowered = " ".join(text.lower().split())
    return next((words for words in CLOSED_WORDS if words in lowered), None)


def rechecked_reason(why: str) -> str:
    return RECHECKED.format(why=why)
