"""Loading a corpus: many new postings in one statement, each its own job."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Mapping

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from indexer.parsers import identity
from indexer.store.models import Posting, PostingSource, utcnow
from indexer.store.sightings import new_posting_row


def bulk_insert_postings(session: Session, source_id: str, rows: Iterable[tuple[str, Mapping[str, Any]]],
                         now: datetime | None = None) -> int:
    """Insert new postings in bulk (loading a corpus), each its own job; upsert_posting is for crawls."""
    now = now or utcnow()
    values = [new_posting_row(source_id, external_id, fields, now) for external_id, fields in rows]
    if values:
        session.execute(insert(Posting), values)
        _add_own_sightings(session, source_id, now)
    return len(values)


def _add_own_sightings(session: Session, source_id: str, now: datetime) -> None:
    """The sighting of each posting of the source that has none yet."""
    query = select(Posting.id, Posting.external_id, Posting.url, Posting.apply_url).where(
        Posting.source_id == source_id,
        ~select(PostingSource.id).where(PostingSource.posting_id == Posting.id).exists())
    sightings = [dict(posting_id=posting_id, source_id=source_id, external_id=external_id, url=url,
                      apply_url=apply_url, url_key=identity.url_key(url), apply_key=identity.url_key(apply_url),
                      first_seen=now, last_seen=now, missing_runs=0)
                 for posting_id, external_id, url, apply_url in session.execute(query)]
    if sightings:
        session.execute(insert(PostingSource), sightings)
