"""Crawl locks (CrawlLock rows): taking, handing over and dropping them.

Every change is one conditional statement on the source's row, so of two schedulers only one
succeeds: the insert of a new lock relies on the primary key, the takeover of an expired one
matches only while it is still expired. The rules around them are peerjobs.scheduling.locks.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from indexer.store.models import CrawlLock


def acquire_lock(session: Session, source_id: str, holder: str, ttl: timedelta, now: datetime,
                 job: dict | None = None) -> bool:
    """Take over the source's expired lock, or insert a new one under a savepoint; False when
    another holder's lock has not expired. Runs in the caller's transaction."""
    values = {"holder": holder, "acquired_at": now, "expires_at": now + ttl, "run_id": None, "job": job}
    taken = session.execute(
        update(CrawlLock).where(CrawlLock.source_id == source_id, CrawlLock.expires_at < now)
        .values(**values).execution_options(synchronize_session=False))
    if taken.rowcount == 1:
        return True
    try:
        with session.begin_nested():
            session.add(CrawlLock(source_id=source_id, **values))
    except IntegrityError:
        return False
    return True


def release_lock(session: Session, source_id: str, holder: str) -> bool:
    """Drop the lock if `holder` still holds it; False when it did not."""
    result = session.execute(delete(CrawlLock).where(CrawlLock.source_id == source_id, CrawlLock.holder == holder)
                             .execution_options(synchronize_session=False))
    return result.rowcount == 1


def release_expired_lock(session: Session, source_id: str, holder: str, now: datetime) -> bool:
    """Drop `holder`'s lock only if it is still expired at `now`."""
    result = session.execute(delete(CrawlLock).where(CrawlLock.source_id == source_id, CrawlLock.holder == holder,
                                                     CrawlLock.expires_at < now)
                             .execution_options(synchronize_session=False))
    return result.rowcount == 1


def set_lock_job(session: Session, source_id: str, holder: str, job: dict | None) -> bool:
    """Record on `holder`'s lock where its crawl runs; False when it does not hold the lock."""
    result = session.execute(update(CrawlLock).where(CrawlLock.source_id == source_id, CrawlLock.holder == holder)
                             .values(job=job).execution_options(synchronize_session=False))
    return result.rowcount == 1


def take_over_lock(session: Session, source_id: str, old_holder: str, new_holder: str) -> bool:
    """Give `old_holder`'s lock to `new_holder`, its crawl and expiry unchanged."""
    result = session.execute(update(CrawlLock).where(CrawlLock.source_id == source_id,
                                                     CrawlLock.holder == old_holder)
                             .values(holder=new_holder).execution_options(synchronize_session=False))
    return result.rowcount == 1


def locks_held(session: Session, holder: str | None = None) -> list[CrawlLock]:
    """Every lock, or those of one holder, by source id."""
    query = select(CrawlLock).order_by(CrawlLock.source_id)
    if holder is not None:
        query = query.where(CrawlLock.holder == holder)
    return list(session.scalars(query))


def expired_locks(session: Session, now: datetime) -> list[CrawlLock]:
    """The locks whose expiry has passed at `now`, by source id."""
    return list(session.scalars(select(CrawlLock).where(CrawlLock.expires_at < now)
                                .order_by(CrawlLock.source_id)))
