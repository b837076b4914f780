"""Sources' health as their latest judged runs say, and the history a new run is judged against."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indexer import health
from indexer.store.models import CrawlRun


@dataclass(frozen=True)
class LastRun:
    """The latest judged run of a source, detached from the session."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    status: str
    pages: int
    items: int
    errors: int
    message: str | None


@dataclass(frozen=True)
class SourceHealth:
    state: str
    reason: str | None
    #: Consecutive failing runs up to the latest (0 unless state is "failing").
    failing_runs: int
    last_run: LastRun


def run_figures(run: CrawlRun) -> health.RunFigures:
    return health.figures(run.status, run.finished_at is not None and run.status != "cancelled",
                          {"pages": run.pages, "items": run.items, "errors": run.errors},
                          run.stats or {}, run.coverage or {}, run.message)


def recent_good_runs(session: Session, source_id: str, before_run_id: int,
                     limit: int = health.RECENT_RUNS) -> list[health.RunFigures]:
    """The figures of the source's last healthy or degraded runs before this one, newest first."""
    runs = session.scalars(
        select(CrawlRun).where(CrawlRun.source_id == source_id, CrawlRun.health.in_(health.GOOD_STATES),
                               CrawlRun.id < before_run_id)
        .order_by(CrawlRun.id.desc()).limit(limit))
    return [run_figures(run) for run in runs]


def source_health(session: Session, source_ids: Iterable[str] | None = None) -> dict[str, SourceHealth]:
    """source id -> its health, from its latest judged run. Sources never judged are left out."""
    ids = list(source_ids) if source_ids is not None else None

    def only(query):
        return query.where(CrawlRun.source_id.in_(ids)) if ids is not None else query

    latest = only(select(func.max(CrawlRun.id)).where(CrawlRun.health.is_not(None))
                  .group_by(CrawlRun.source_id))
    good = only(select(CrawlRun.source_id, func.max(CrawlRun.id).label("good_id"))
                .where(CrawlRun.health.in_(health.GOOD_STATES)).group_by(CrawlRun.source_id)).subquery()
    failing = dict(session.execute(only(
        select(CrawlRun.source_id, func.count())
        .outerjoin(good, good.c.source_id == CrawlRun.source_id)
        .where(CrawlRun.health == health.FAILING, CrawlRun.id > func.coalesce(good.c.good_id, 0))
        .group_by(CrawlRun.source_id))).all())
    result = {}
    for run in session.scalars(select(CrawlRun).where(CrawlRun.id.in_(latest))):
        result[run.source_id] = SourceHealth(
            state=run.health, reason=run.health_reason,
            failing_runs=failing.get(run.source_id, 0) if run.health == health.FAILING else 0,
            last_run=LastRun(id=run.id, started_at=run.started_at, finished_at=run.finished_at, status=run.status,
                             pages=run.pages, items=run.items, errors=run.errors, message=run.message))
    return result
