"""SchedulerState rows: when each job last ran and when it runs next.

A job is due when its next_run_at has passed. next_run_at is worked out from last_run_at and
the job's cron expression, so a scheduler started after a pause finds the slots it missed
folded into one due run (catch-up once, not once per slot). Claiming a due run is one
conditional UPDATE: of two schedulers, only the one whose UPDATE matched runs it.
"""
from __future__ import annotations

from datetime import datetime, tzinfo

from sqlalchemy.orm import Session

from indexer import store
from indexer.store.models import SchedulerState
from foundation.schedules import next_fire

CRAWL_PREFIX = "crawl:"
ALERTS_PREFIX = "alerts:"
INDEX_SYNC = "index:sync"
#: Today's snapshot of sources by health and open peer postings by state (indexer.store.figures).
FIGURES_SNAPSHOT = "figures:snapshot"
#: Re-checks of postings readers reported closed: at the first poll after a report.
REPORT_RECHECK = "reports:recheck"


def crawl_job_id(source_id: str) -> str:
    return f"{CRAWL_PREFIX}{source_id}"


def source_of(job_id: str) -> str | None:
    return job_id[len(CRAWL_PREFIX):] if job_id.startswith(CRAWL_PREFIX) else None


def states(session: Session) -> dict[str, SchedulerState]:
    return store.scheduler_states(session)


def first_anchor(session: Session, job_id: str) -> datetime | None:
    """When a job's work was last done before the scheduler knew it: a source's latest crawl."""
    source_id = source_of(job_id)
    if source_id is None:
        return None
    return store.latest_run_start(session, source_id)


def first_run(job_id: str, cron: str, anchor: datetime | None, now: datetime, tz: tzinfo) -> datetime | None:
    """A new job's first due time: the slot after its last known run; a source never
    crawled, the index sync and the figures' snapshot are due at once, alerts wait for their
    first slot."""
    if anchor is not None:
        return next_fire(cron, anchor, tz)
    if job_id.startswith(CRAWL_PREFIX) or job_id in (INDEX_SYNC, FIGURES_SNAPSHOT):
        return now
    return next_fire(cron, now, tz, inclusive=True)


def plan(session: Session, job_id: str, cron: str, now: datetime, tz: tzinfo) -> datetime | None:
    """Work out the job's next run under `cron` (new job, new cron, or a restart) and store it."""
    state = store.scheduler_state(session, job_id)
    if state is None:
        due = first_run(job_id, cron, first_anchor(session, job_id), now, tz)
        if not store.add_scheduler_state(session, job_id, due):  # another scheduler stored it first
            state = store.scheduler_state(session, job_id, reread=True)
            return state.next_run_at if state is not None else due
        return due
    last = state.last_run_at
    if last is not None:
        due = next_fire(cron, last, tz)
    elif state.next_run_at is not None and state.next_run_at <= now:
        due = state.next_run_at  # due before this scheduler started: it runs once
    else:
        due = next_fire(cron, now, tz, inclusive=True)
    if due != state.next_run_at:
        store.set_next_run(session, job_id, last, due)
    return due


def claim(session: Session, job_id: str, now: datetime, next_run: datetime | None) -> bool:
    """Mark a due run as taken (last_run_at = now, next_run_at = the slot after now);
    False when it is not due any more: another scheduler took it."""
    return store.claim_job(session, job_id, now, next_run)


def due(session: Session, job_ids, now: datetime) -> list[SchedulerState]:
    """The jobs among `job_ids` whose next run has come, longest waiting first."""
    return store.due_jobs(session, job_ids, now)
