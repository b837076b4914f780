"""Crawl locks: one CrawlLock row per source being crawled, held by one scheduler.

The row's primary key is the source id, so of two schedulers inserting it at once only one
succeeds, on SQLite and on PostgreSQL alike. A lock whose expires_at has passed (its holder
died, or the crawl outlived its time limit and margin) is taken over by an UPDATE that
matches only while it is still expired, so two schedulers cannot both take it over.
"""
from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from indexer import store
from indexer.store.models import CrawlLock, utcnow


def holder_id() -> str:
    """"host:pid:random", unique to one scheduler object in one process."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def holder_host_pid(holder: str) -> tuple[str, int | None]:
    host, _, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    return host, int(pid) if pid.isdigit() else None


def acquire(session: Session, source_id: str, holder: str, ttl: timedelta,
            now: datetime | None = None, job: dict | None = None) -> bool:
    """Take the source's lock for `ttl`; False when someone else holds it and it has not expired.

    Runs in the caller's transaction (the insert under a savepoint); commit to publish it."""
    return store.acquire_lock(session, source_id, holder, ttl, now or utcnow(), job=job)


def release(session: Session, source_id: str, holder: str) -> bool:
    """Drop the lock if `holder` still holds it; False when it did not."""
    return store.release_lock(session, source_id, holder)


def release_expired(session: Session, source_id: str, holder: str, now: datetime | None = None) -> bool:
    """Drop `holder`'s lock only if it is still expired (nobody took it over meanwhile)."""
    return store.release_expired_lock(session, source_id, holder, now or utcnow())


def set_job(session: Session, source_id: str, holder: str, job: dict | None) -> bool:
    """Record where the locked crawl runs, so any scheduler can check on it or stop it."""
    return store.set_lock_job(session, source_id, holder, job)


def take_over(session: Session, source_id: str, old_holder: str, new_holder: str) -> bool:
    """Adopt a lock whose holder is known to be gone (its process ended), keeping its crawl."""
    return store.take_over_lock(session, source_id, old_holder, new_holder)


def held(session: Session, holder: str | None = None) -> list[CrawlLock]:
    """Every lock, or those of one holder."""
    return store.locks_held(session, holder)


def expired(session: Session, now: datetime | None = None) -> list[CrawlLock]:
    return store.expired_locks(session, now or utcnow())
