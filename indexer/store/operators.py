"""What the admin area reads and changes: sources with their controls and runs, widget and
subscription counts. Aggregates only: nothing here returns a subscriber's address."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Iterable

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from indexer.store.models import (
    AlertDelivery, CrawlLock, CrawlRun, Posting, PostingSource, SchedulerState, Source, SourceControl,
    Subscription, WidgetCount, utcnow,
)

#: SchedulerState.job_id of a source's scheduled crawl (peerjobs.scheduling.state).
CRAWL_JOB_PREFIX = "crawl:"


@dataclass(frozen=True)
class SourceStatus:
    """One source as the sources page shows it, before health and schedules are worked out."""

    source: Source
    control: SourceControl | None
    #: The newest run, finished or not.
    last_run: CrawlRun | None
    open_postings: int
    #: A scheduler holds the source's lock (and it has not expired): a crawl is under way.
    running: bool
    #: Where that crawl runs, as the scheduler recorded it (CrawlLock.job), when it did.
    job: dict | None
    #: When the scheduler will next crawl it on its clock, if it has planned that.
    next_run_at: datetime | None


def source_statuses(session: Session, now: datetime | None = None,
                    only: list[str] | None = None) -> list[SourceStatus]:
    """Every source in the store (or those of `only`) with its control row, newest run, open
    postings and lock."""
    now = now or utcnow()
    chosen = select(Source).order_by(Source.id)
    sources = list(session.scalars(chosen.where(Source.id.in_(only)) if only is not None else chosen))
    controls = {c.source_id: c for c in session.scalars(select(SourceControl))}
    newest = select(func.max(CrawlRun.id)).group_by(CrawlRun.source_id)
    last_runs = {run.source_id: run for run in session.scalars(select(CrawlRun).where(CrawlRun.id.in_(newest)))}
    open_counts = open_postings_by_source(session)
    locks = {lock.source_id: lock for lock in session.scalars(select(CrawlLock).where(CrawlLock.expires_at > now))}
    planned = dict(session.execute(
        select(SchedulerState.job_id, SchedulerState.next_run_at)
        .where(SchedulerState.job_id.like(f"{CRAWL_JOB_PREFIX}%"))).all())
    statuses = []
    for source in sources:
        lock, last_run = locks.get(source.id), last_runs.get(source.id)
        running = lock is not None and not _ended_under(lock, last_run)
        statuses.append(SourceStatus(
            source=source, control=controls.get(source.id), last_run=last_run,
            open_postings=open_counts.get(source.id, 0), running=running,
            job=lock.job if running and isinstance(lock.job, dict) else None,
            next_run_at=planned.get(CRAWL_JOB_PREFIX + source.id)))
    return statuses


def _ended_under(lock: CrawlLock, run: CrawlRun | None) -> bool:
    """The crawl the lock was taken for has recorded its end; the scheduler frees the lock
    at its next poll, and until then the source is not shown as running."""
    return run is not None and run.finished_at is not None and run.started_at >= lock.acquired_at


def open_postings_by_source(session: Session) -> dict[str, int]:
    """Source id -> open postings it lists (a posting listed by two sources counts for both)."""
    return dict(session.execute(
        select(PostingSource.source_id, func.count(distinct(PostingSource.posting_id)))
        .join(Posting, Posting.id == PostingSource.posting_id)
        .where(Posting.status == "open")
        .group_by(PostingSource.source_id)).all())


def runs_of_source(session: Session, source_id: str, limit: int = 100) -> list[CrawlRun]:
    """The source's runs, newest first."""
    return list(session.scalars(select(CrawlRun).where(CrawlRun.source_id == source_id)
                                .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(limit)))


def recent_runs(session: Session, limit: int = 100) -> list[CrawlRun]:
    """The newest runs of every source, newest first."""
    return list(session.scalars(select(CrawlRun).order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
                                .limit(limit)))


def _control(session: Session, source_id: str) -> SourceControl:
    control = session.get(SourceControl, source_id)
    if control is None:
        control = SourceControl(source_id=source_id)
        session.add(control)
    return control


def set_schedule(session: Session, source_id: str, cron: str | None, by: str) -> SourceControl:
    """The source's cron override; None or "" goes back to the sources file and the defaults."""
    control = _control(session, source_id)
    control.schedule = (cron or "").strip() or None
    control.updated_by = by
    control.updated_at = utcnow()
    session.flush()
    return control


def set_enabled(session: Session, source_id: str, enabled: bool, by: str) -> SourceControl:
    control = _control(session, source_id)
    control.enabled = enabled
    control.updated_by = by
    control.updated_at = utcnow()
    session.flush()
    return control


def request_run(session: Session, source_id: str, by: str, now: datetime | None = None) -> SourceControl:
    """Ask the scheduler to crawl the source soon; a request already waiting keeps its place."""
    control = _control(session, source_id)
    if control.run_requested_at is None:
        control.run_requested_at = now or utcnow()
    control.updated_by = by
    control.updated_at = utcnow()
    session.flush()
    return control


def widget_counts(session: Session, since: date) -> list[WidgetCount]:
    """Each network's daily counts from `since` on, newest day first."""
    return list(session.scalars(select(WidgetCount).where(WidgetCount.day >= since)
                                .order_by(WidgetCount.day.desc(), WidgetCount.network)))


@dataclass(frozen=True)
class SubscriptionFigures:
    """Counts of alerts and their emails; never an address."""

    #: (status, frequency) -> subscriptions.
    by_status_frequency: dict[tuple[str, str], int] = field(default_factory=dict)
    #: days -> subscriptions confirmed within that many days.
    confirmed_within: dict[int, int] = field(default_factory=dict)
    #: days -> digests sent within that many days.
    sent_within: dict[int, int] = field(default_factory=dict)
    #: days -> deliveries given up within that many days (by when they were written).
    failed_within: dict[int, int] = field(default_factory=dict)
    failed_total: int = 0
    #: Digests written and not yet sent (retries included).
    waiting: int = 0


def subscription_figures(session: Session, now: datetime | None = None,
                         windows: Iterable[int] = (7, 30)) -> SubscriptionFigures:
    now = now or utcnow()
    windows = tuple(windows)
    grouped = session.execute(select(Subscription.status, Subscription.frequency, func.count())
                              .group_by(Subscription.status, Subscription.frequency)).all()

    def count(query) -> int:
        return session.scalar(query) or 0

    def within(column, *conditions) -> dict[int, int]:
        return {days: count(select(func.count()).where(column >= now - timedelta(days=days), *conditions))
                for days in windows}

    return SubscriptionFigures(
        by_status_frequency={(status, frequency): n for status, frequency, n in grouped},
        confirmed_within=within(Subscription.confirmed_at),
        sent_within=within(AlertDelivery.sent_at, AlertDelivery.status == "sent"),
        failed_within=within(AlertDelivery.created_at, AlertDelivery.status == "failed"),
        failed_total=count(select(func.count()).where(AlertDelivery.status == "failed")),
        waiting=count(select(func.count()).where(AlertDelivery.status == "pending")),
    )
