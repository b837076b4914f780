"""Closing postings a crawl no longer finds, whose pages are gone, or whose validThrough has
passed. The rules are indexer.lifecycle's; this module applies them to the store."""
from __future__ import annotations

from datetime import datetime
from typing import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer import lifecycle
from indexer.parsers import identity
from indexer.store.models import Posting, PostingSource, utcnow
from indexer.store.postings import mark_closed


def close_missing(session: Session, source_id: str, run_started: datetime,
                  now: datetime | None = None) -> list[int]:
    """After a healthy run: the source's sightings it did not see miss once more; a posting
    that every source has missed long enough closes (indexer.lifecycle)."""
    now = now or utcnow()
    # Only open postings: closed ones stay closed until seen again, and a source's closed
    # history grows with every run.
    stale = list(session.scalars(select(PostingSource).join(Posting, Posting.id == PostingSource.posting_id).where(
        PostingSource.source_id == source_id, PostingSource.last_seen < run_started, Posting.status == "open")))
    for sighting in stale:
        sighting.missing_runs = lifecycle.after_miss(sighting.missing_runs)
    session.flush()
    missed = sorted({sighting.posting_id for sighting in stale})
    return [pid for pid in missed if _close_if_absent(session, pid, lifecycle.absence_reason(), now)]


def close_gone(session: Session, source_id: str, gone: Mapping[str, int], run_started: datetime,
               now: datetime | None = None) -> list[int]:
    """Detail pages that answered 404/410 (url -> status): the source no longer lists those
    postings (unless this run saw them after all); each closes unless another source has it."""
    now = now or utcnow()
    by_key = {identity.url_key(url): status for url, status in gone.items() if lifecycle.is_gone(status)}
    by_key.pop(None, None)
    if not by_key:
        return []
    sightings = list(session.scalars(select(PostingSource).where(
        PostingSource.source_id == source_id, PostingSource.url_key.in_(list(by_key)),
        PostingSource.last_seen < run_started)))
    closed = []
    for sighting in sightings:
        sighting.missing_runs = max(sighting.missing_runs, lifecycle.CLOSE_AFTER_MISSES)
        session.flush()
        if _close_if_absent(session, sighting.posting_id, lifecycle.gone_reason(by_key[sighting.url_key]), now):
            closed.append(sighting.posting_id)
    return closed


def _close_if_absent(session: Session, posting_id: int, reason: str, now: datetime) -> bool:
    posting = session.get(Posting, posting_id)
    if posting is None or posting.status != "open":
        return False
    sightings = session.execute(select(PostingSource.missing_runs, PostingSource.last_seen).where(
        PostingSource.posting_id == posting_id)).all()
    if not lifecycle.closes_by_absence([tuple(row) for row in sightings], now):
        return False
    mark_closed(posting, reason, now)
    session.flush()
    return True


def close_expired(session: Session, now: datetime | None = None, source_id: str | None = None) -> list[int]:
    """Open postings (of one source, or all) whose validThrough has passed."""
    now = now or utcnow()
    query = select(Posting).where(Posting.status == "open", Posting.valid_through < now)
    if source_id is not None:
        query = query.where(Posting.source_id == source_id)
    expired = list(session.scalars(query))
    for posting in expired:
        mark_closed(posting, lifecycle.EXPIRED, now)
    session.flush()
    return [posting.id for posting in expired]


def recheck_urls(session: Session, source_id: str) -> list[str]:
    """Pages of the source's open postings its last healthy run missed: worth one more look."""
    return list(session.scalars(
        select(PostingSource.url).join(Posting, Posting.id == PostingSource.posting_id)
        .where(PostingSource.source_id == source_id, PostingSource.missing_runs > 0, Posting.status == "open")
        .order_by(PostingSource.id)))


def close_reported(session: Session, posting_id: int, reason: str, now: datetime | None = None) -> bool:
    """A report's re-check found the posting's page closed, or an operator accepted a report
    that it is: the posting closes, whatever its sources' runs say. False when it was closed already."""
    posting = session.get(Posting, posting_id)
    if posting is None or posting.status != "open":
        return False
    mark_closed(posting, reason, now or utcnow())
    session.flush()
    return True
