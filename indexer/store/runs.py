"""Crawl runs: their figures and health (indexer.health), which decide whether a run may close anything."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer import health as run_health
from indexer.store.models import CrawlRun, utcnow


def start_run(session: Session, source_id: str, now: datetime | None = None) -> CrawlRun:
    run = CrawlRun(source_id=source_id, started_at=now or utcnow(), status="running", stats={})
    session.add(run)
    session.flush()
    return run


def finish_run(session: Session, run_id: int, status: str, figures: Mapping[str, Any],
               message: str | None = None, stats: Mapping[str, Any] | None = None,
               health: run_health.Verdict | None = None, coverage: Mapping[str, Any] | None = None) -> CrawlRun:
    run = session.get(CrawlRun, run_id)
    run.finished_at = utcnow()
    run.status = status
    for name in ("pages", "items", "new", "updated", "errors"):
        setattr(run, name, int(figures.get(name) or 0))
    run.message = message
    run.stats = dict(stats or {})
    if health is not None:
        run.health, run.health_reason = health.state, health.reason
    run.coverage = dict(coverage) if coverage is not None else None
    session.flush()
    return run


def latest_runs(session: Session, source_ids: Iterable[str] | None = None, limit: int = 50) -> list[CrawlRun]:
    query = select(CrawlRun).order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(limit)
    if source_ids is not None:
        query = query.where(CrawlRun.source_id.in_(list(source_ids)))
    return list(session.scalars(query))


def latest_run_start(session: Session, source_id: str) -> datetime | None:
    """When the source's newest run began; None when it never ran."""
    return session.scalar(select(CrawlRun.started_at).where(CrawlRun.source_id == source_id)
                          .order_by(CrawlRun.started_at.desc()).limit(1))


def runs_since(session: Session, source_id: str, since: datetime, statuses: Sequence[str]) -> list[CrawlRun]:
    """The source's runs begun at or after `since` in one of `statuses`, oldest first."""
    return list(session.scalars(select(CrawlRun).where(
        CrawlRun.source_id == source_id, CrawlRun.status.in_(list(statuses)), CrawlRun.started_at >= since,
    ).order_by(CrawlRun.id)))
