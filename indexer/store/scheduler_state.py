"""SchedulerState rows: when each scheduled job last ran and runs next.

Changes are conditional UPDATEs, so of two schedulers only the one whose statement matched
acts; when to run is worked out in peerjobs.scheduling.state.
"""
from __future__ import annotations

from datetime import datetime
from typing import Iterable

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from indexer.store.models import SchedulerState


def scheduler_states(session: Session) -> dict[str, SchedulerState]:
    """Every job's row, by job id."""
    return {state.job_id: state for state in session.scalars(select(SchedulerState))}


def scheduler_state(session: Session, job_id: str, reread: bool = False) -> SchedulerState | None:
    """The job's row; `reread` loads it again from the database over what the session holds."""
    return session.get(SchedulerState, job_id, populate_existing=reread)


def add_scheduler_state(session: Session, job_id: str, next_run_at: datetime | None) -> bool:
    """A row for a job never planned before, under a savepoint; False when another scheduler stored it first."""
    try:
        with session.begin_nested():
            session.add(SchedulerState(job_id=job_id, last_run_at=None, next_run_at=next_run_at))
    except IntegrityError:
        return False
    return True


def set_next_run(session: Session, job_id: str, last_run_at: datetime | None, next_run_at: datetime | None) -> bool:
    """Store the job's next run, only while its last run is still `last_run_at`."""
    last = SchedulerState.last_run_at
    result = session.execute(update(SchedulerState).where(
        SchedulerState.job_id == job_id, last.is_(None) if last_run_at is None else last == last_run_at,
    ).values(next_run_at=next_run_at).execution_options(synchronize_session=False))
    return result.rowcount == 1


def claim_job(session: Session, job_id: str, now: datetime, next_run_at: datetime | None) -> bool:
    """last_run_at = now and the next run stored, only if the job is due at `now`; False when it was not."""
    result = session.execute(update(SchedulerState).where(
        SchedulerState.job_id == job_id, SchedulerState.next_run_at <= now,
    ).values(last_run_at=now, next_run_at=next_run_at).execution_options(synchronize_session=False))
    return result.rowcount == 1


def due_jobs(session: Session, job_ids: Iterable[str], now: datetime) -> list[SchedulerState]:
    """The rows among `job_ids` whose next run has come by `now`, longest waiting first."""
    wanted = list(job_ids)
    if not wanted:
        return []
    return list(session.scalars(select(SchedulerState).where(
        SchedulerState.job_id.in_(wanted), SchedulerState.next_run_at <= now,
    ).order_by(SchedulerState.next_run_at, SchedulerState.job_id)))
