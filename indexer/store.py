"""Store operations: the only module that builds SQL for sources, postings and runs."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Iterator, Literal, Mapping

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from indexer.models import CrawlRun, Posting, Source, utcnow

#: Posting columns a crawl sets; identity, timestamps and status are the store's own.
POSTING_FIELDS = (
    "url", "apply_url", "title", "employer", "description_html", "description_text",
    "city", "state", "postal_code", "latitude", "longitude", "remote", "remote_area", "employment_type",
    "pay_min", "pay_max", "pay_unit", "pay_text", "pay_hourly_min", "pay_hourly_max",
    "pay_annual_min", "pay_annual_max", "locations", "date_posted", "valid_through", "category", "is_peer", "classification", "facets",
)

UpsertOutcome = Literal["new", "updated", "unchanged"]


@dataclass(frozen=True)
class SourceRecord:
    id: str
    platform: str
    url: str
    employer: str
    enabled: bool = True
    options: Mapping[str, Any] | None = None


def upsert_source(session: Session, record: SourceRecord) -> Source:
    source = session.get(Source, record.id)
    if source is None:
        source = Source(id=record.id)
        session.add(source)
    source.platform = record.platform
    source.url = record.url
    source.employer = record.employer
    source.enabled = record.enabled
    source.options = dict(record.options or {})
    session.flush()
    return source


def content_hash(fields: Mapping[str, Any]) -> str:
    """A digest of what a reader sees, so an unchanged re-crawl writes nothing."""
    payload = {name: fields.get(name) for name in POSTING_FIELDS}
    encoded = json.dumps(payload, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


def upsert_posting(
    session: Session, source_id: str, external_id: str, fields: Mapping[str, Any],
    now: datetime | None = None,
) -> tuple[Posting, UpsertOutcome]:
    """Insert or update by (source, external id); never duplicates, keeps first_seen."""
    now = now or utcnow()
    digest = content_hash(fields)
    posting = session.scalar(
        select(Posting).where(Posting.source_id == source_id, Posting.external_id == external_id)
    )
    if posting is None:
        posting = Posting(source_id=source_id, external_id=external_id, first_seen=now)
        _assign(posting, fields, digest, now)
        session.add(posting)
        session.flush()
        return posting, "new"
    posting.last_seen = now
    if posting.content_hash == digest and posting.status == "open":
        return posting, "unchanged"
    _assign(posting, fields, digest, now)
    session.flush()
    return posting, "updated"


def _assign(posting: Posting, fields: Mapping[str, Any], digest: str, now: datetime) -> None:
    for name in POSTING_FIELDS:
        setattr(posting, name, fields.get(name))
    posting.remote = bool(fields.get("remote"))
    posting.is_peer = bool(fields.get("is_peer"))
    posting.description_html = fields.get("description_html") or ""
    posting.description_text = fields.get("description_text") or ""
    posting.content_hash = digest
    posting.status = "open"
    posting.last_seen = now
    posting.changed_at = now


def get_posting(session: Session, posting_id: int) -> Posting | None:
    return session.get(Posting, posting_id)


def postings_changed_since(session: Session, since: datetime | None, batch: int = 1000) -> Iterator[Posting]:
    """Postings changed after `since` (all when None), oldest change first."""
    query = select(Posting).order_by(Posting.changed_at, Posting.id)
    if since is not None:
        query = query.where(Posting.changed_at > since)
    yield from session.scalars(query.execution_options(yield_per=batch))


def posting_ids(session: Session) -> set[int]:
    return set(session.scalars(select(Posting.id)))


def count_postings(session: Session, **filters: Any) -> int:
    query = select(func.count()).select_from(Posting).filter_by(**filters)
    return session.scalar(query) or 0


def start_run(session: Session, source_id: str, now: datetime | None = None) -> CrawlRun:
    run = CrawlRun(source_id=source_id, started_at=now or utcnow(), status="running", stats={})
    session.add(run)
    session.flush()
    return run


def finish_run(session: Session, run_id: int, status: str, figures: Mapping[str, Any],
               message: str | None = None, stats: Mapping[str, Any] | None = None) -> CrawlRun:
    run = session.get(CrawlRun, run_id)
    run.finished_at = utcnow()
    run.status = status
    for name in ("pages", "items", "new", "updated", "errors"):
        setattr(run, name, int(figures.get(name) or 0))
    run.message = message
    run.stats = dict(stats or {})
    session.flush()
    return run


def latest_runs(session: Session, source_ids: Iterable[str] | None = None, limit: int = 50) -> list[CrawlRun]:
    query = select(CrawlRun).order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(limit)
    if source_ids is not None:
        query = query.where(CrawlRun.source_id.in_(list(source_ids)))
    return list(session.scalars(query))


def bulk_insert_postings(session: Session, source_id: str, rows: Iterable[tuple[str, Mapping[str, Any]]],
                         now: datetime | None = None) -> int:
    """Insert new postings in bulk (loading a corpus); upsert_posting is for crawls."""
    now = now or utcnow()
    values = []
    for external_id, fields in rows:
        value = {name: fields.get(name) for name in POSTING_FIELDS}
        value.update(source_id=source_id, external_id=external_id, status="open",
                     content_hash=content_hash(fields), first_seen=now, last_seen=now, changed_at=now,
                     remote=bool(fields.get("remote")), is_peer=bool(fields.get("is_peer")),
                     description_html=fields.get("description_html") or "",
                     description_text=fields.get("description_text") or "")
        values.append(value)
    if values:
        session.execute(insert(Posting), values)
    return len(values)
