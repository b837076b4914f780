"""Crawl runs the scheduler itself has to write: a crawl it stopped, or one that never began
or ended without saying how. The crawl records every other run (crawlers.extensions)."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Sequence

from sqlalchemy.orm import Session

from indexer import store
from indexer.store.models import CrawlRun, utcnow

#: Runs that began this long before their lock was taken still count as the lock's (clocks of
#: Scrapyd nodes and the scheduler may differ a little).
CLOCK_SKEW = timedelta(minutes=5)

TIMEOUT, FAILED, CANCELLED = "timeout", "failed", "cancelled"
FAILING, DEGRADED = "failing", "degraded"


def runs_of_lock(session: Session, source_id: str, since: datetime,
                 statuses: Sequence[str] = ("running",)) -> list[CrawlRun]:
    """The source's runs begun since its lock was taken, in the given statuses."""
    return store.runs_since(session, source_id, since - CLOCK_SKEW, statuses)


def end_runs(session: Session, source_id: str, since: datetime, status: str, health: str, reason: str,
             statuses: Sequence[str] = ("running",), now: datetime | None = None,
             record_if_none: bool = False) -> list[CrawlRun]:
    """Finish the lock's runs still in `statuses` as `status`, with `reason` as message and
    health reason; with `record_if_none`, write a run when the crawl left none."""
    now = now or utcnow()
    runs = runs_of_lock(session, source_id, since, statuses)
    if not runs and record_if_none:
        runs = [store.start_run(session, source_id, now=since)]
    for run in runs:
        run.status, run.finished_at = status, now
        run.message = reason
        run.health, run.health_reason = health, reason
    session.flush()
    return runs


def record_failed_start(session: Session, source_id: str, reason: str, now: datetime | None = None) -> CrawlRun:
    """A crawl that could not be started (no Scrapyd node took it, a process failed to spawn)."""
    now = now or utcnow()
    run = store.start_run(session, source_id, now=now)
    run.status, run.finished_at, run.message = FAILED, now, reason
    run.health, run.health_reason = FAILING, reason
    session.flush()
    return run
