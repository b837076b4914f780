"""Store operations: the only module that builds SQL for sources, postings and runs."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Iterator, Literal, Mapping

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from indexer import identity, lifecycle
from indexer.models import CrawlRun, Posting, PostingSource, Source, utcnow

#: Posting columns a crawl sets; identity, timestamps and status are the store's own.
POSTING_FIELDS = (
    "url", "apply_url", "title", "employer", "description_html", "description_text",
    "city", "state", "postal_code", "latitude", "longitude", "remote", "remote_area", "employment_type",
    "pay_min", "pay_max", "pay_unit", "pay_text", "pay_hourly_min", "pay_hourly_max",
    "pay_annual_min", "pay_annual_max", "locations", "date_posted", "valid_through", "category", "is_peer", "classification", "facets",
)

#: new: a job not stored before; matched: another source's or URL's view of a stored job;
#: reopened: a closed posting seen open again.
UpsertOutcome = Literal["new", "updated", "unchanged", "matched", "reopened"]


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
    """Record one source's sighting of a job; never duplicates, keeps first_seen.

    Identity lives here, not in a pipeline, because matching must see the stored postings in
    the same transaction that inserts: a sighting is found by (source, external id), else an
    open posting is matched by links between sources or by fingerprint (_same_job)."""
    now = now or utcnow()
    sighting = session.scalar(select(PostingSource).where(
        PostingSource.source_id == source_id, PostingSource.external_id == external_id))
    posting = session.get(Posting, sighting.posting_id) if sighting else _same_job(session, source_id, fields)
    if posting is None:
        posting = Posting(source_id=source_id, external_id=external_id, first_seen=now)
        _assign(posting, fields, now)
        session.add(posting)
        outcome: UpsertOutcome = "new"
    else:
        outcome = _refresh(session, posting, source_id, external_id, fields, now)
    session.flush()
    _see(session, posting, sighting, source_id, external_id, fields, now)
    _prefer_apply_url(session, posting, now)
    if _settle_status(posting, now) == "reopened":
        outcome = "reopened"
    session.flush()
    return posting, outcome


def _same_job(session: Session, source_id: str, fields: Mapping[str, Any]) -> Posting | None:
    """An open posting this sighting repeats: linked from another source, or the same
    fingerprint; within one source a fingerprint needs the same text too (two openings of one
    title are two postings, one page under two URLs is one)."""
    linked = _linked_posting(session, source_id, fields)
    if linked is not None:
        return linked
    job_print = identity.fingerprint(dict(fields))
    if job_print is None:
        return None
    candidates = session.scalars(select(Posting).where(
        Posting.fingerprint == job_print, Posting.status == "open").order_by(Posting.id))
    for candidate in candidates:
        if (not _listed_by(session, candidate.id, source_id)
                or identity.same_text(candidate.description_text, fields.get("description_text"))):
            return candidate
    return None


def _linked_posting(session: Session, source_id: str, fields: Mapping[str, Any]) -> Posting | None:
    """Another source's posting whose page is this apply link, or whose apply link is this page."""
    page, apply = identity.url_key(fields.get("url")), identity.url_key(fields.get("apply_url"))
    links = [PostingSource.url_key == apply] if apply else []
    links += [PostingSource.apply_key == page] if page else []
    if not links:
        return None
    return session.scalar(select(Posting).join(PostingSource, PostingSource.posting_id == Posting.id).where(
        Posting.status == "open", PostingSource.source_id != source_id, or_(*links)).order_by(Posting.id).limit(1))


def _listed_by(session: Session, posting_id: int, source_id: str) -> bool:
    return session.scalar(select(func.count()).select_from(PostingSource).where(
        PostingSource.posting_id == posting_id, PostingSource.source_id == source_id)) > 0


def _refresh(session: Session, posting: Posting, source_id: str, external_id: str,
             fields: Mapping[str, Any], now: datetime) -> UpsertOutcome:
    """Fields come from the primary sighting; a better-ranked source (the agency's ATS) takes over."""
    posting.last_seen = now
    if (posting.source_id, posting.external_id) != (source_id, external_id):
        if _content_rank(session, source_id, posting) <= _content_rank(session, posting.source_id, posting):
            return "matched"
        posting.source_id, posting.external_id = source_id, external_id
    if posting.content_hash == content_hash(fields):
        return "unchanged"
    _assign(posting, fields, now)
    return "updated"


def _content_rank(session: Session, source_id: str, posting: Posting) -> tuple[int, int]:
    source = session.get(Source, source_id)
    if source is None:  # the sighting's foreign key refuses it on flush
        return (-1, -1)
    return identity.content_rank(source.platform, source.employer, posting.employer)


def _assign(posting: Posting, fields: Mapping[str, Any], now: datetime) -> None:
    for name in POSTING_FIELDS:
        setattr(posting, name, fields.get(name))
    posting.remote = bool(fields.get("remote"))
    posting.is_peer = bool(fields.get("is_peer"))
    posting.description_html = fields.get("description_html") or ""
    posting.description_text = fields.get("description_text") or ""
    posting.content_hash = content_hash(fields)
    posting.fingerprint = identity.fingerprint(dict(fields))
    posting.last_seen = now
    posting.changed_at = now


def _see(session: Session, posting: Posting, sighting: PostingSource | None, source_id: str,
         external_id: str, fields: Mapping[str, Any], now: datetime) -> None:
    if sighting is None:
        sighting = PostingSource(posting_id=posting.id, source_id=source_id, external_id=external_id,
                                 first_seen=now)
        session.add(sighting)
    sighting.url = fields.get("url") or ""
    sighting.apply_url = fields.get("apply_url")
    sighting.url_key, sighting.apply_key = identity.url_key(sighting.url), identity.url_key(sighting.apply_url)
    sighting.last_seen, sighting.missing_runs = now, 0
    session.flush()


def _prefer_apply_url(session: Session, posting: Posting, now: datetime) -> None:
    rows = session.execute(
        select(PostingSource.apply_url, Source.platform, Source.employer)
        .join(Source, Source.id == PostingSource.source_id)
        .where(PostingSource.posting_id == posting.id).order_by(PostingSource.first_seen, PostingSource.id))
    best = identity.preferred_apply_url([identity.Sighting(*row) for row in rows], posting.employer)
    if best and best != posting.apply_url:
        posting.apply_url, posting.changed_at = best, now


def _settle_status(posting: Posting, now: datetime) -> str | None:
    """A past validThrough closes; otherwise a sighting verifies it open, reopening a closed one."""
    if lifecycle.is_expired(posting.valid_through, now):
        if posting.status == "open":
            _close(posting, lifecycle.EXPIRED, now)
        return None
    posting.last_verified_open = now
    if posting.status == "open":
        return None
    posting.status, posting.closed_at, posting.closed_reason, posting.changed_at = "open", None, None, now
    return "reopened"


def _close(posting: Posting, reason: str, now: datetime) -> None:
    """Closed postings keep every field and their page; only the status says they are closed."""
    posting.status, posting.closed_at, posting.closed_reason, posting.changed_at = "closed", now, reason, now


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
               message: str | None = None, stats: Mapping[str, Any] | None = None,
               health: lifecycle.Health | None = None, coverage: Mapping[str, Any] | None = None) -> CrawlRun:
    run = session.get(CrawlRun, run_id)
    run.finished_at = utcnow()
    run.status = status
    for name in ("pages", "items", "new", "updated", "errors"):
        setattr(run, name, int(figures.get(name) or 0))
    run.message = message
    run.stats = dict(stats or {})
    if health is not None:
        run.health, run.health_reason = ("healthy" if health.healthy else "unhealthy"), health.reason
    run.coverage = dict(coverage) if coverage is not None else None
    session.flush()
    return run


def recent_healthy_items(session: Session, source_id: str, before_run_id: int,
                         limit: int = lifecycle.RECENT_RUNS) -> list[int]:
    """Postings found by the source's last healthy runs, newest first: what is usual for it."""
    return list(session.scalars(
        select(CrawlRun.items).where(CrawlRun.source_id == source_id, CrawlRun.health == "healthy",
                                     CrawlRun.id < before_run_id)
        .order_by(CrawlRun.id.desc()).limit(limit)))


def latest_runs(session: Session, source_ids: Iterable[str] | None = None, limit: int = 50) -> list[CrawlRun]:
    query = select(CrawlRun).order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(limit)
    if source_ids is not None:
        query = query.where(CrawlRun.source_id.in_(list(source_ids)))
    return list(session.scalars(query))


def bulk_insert_postings(session: Session, source_id: str, rows: Iterable[tuple[str, Mapping[str, Any]]],
                         now: datetime | None = None) -> int:
    """Insert new postings in bulk (loading a corpus), each its own job; upsert_posting is for crawls."""
    now = now or utcnow()
    values = []
    for external_id, fields in rows:
        value = {name: fields.get(name) for name in POSTING_FIELDS}
        value.update(source_id=source_id, external_id=external_id, status="open",
                     content_hash=content_hash(fields), first_seen=now, last_seen=now, changed_at=now,
                     last_verified_open=now, fingerprint=identity.fingerprint(dict(fields)),
                     remote=bool(fields.get("remote")), is_peer=bool(fields.get("is_peer")),
                     description_html=fields.get("description_html") or "",
                     description_text=fields.get("description_text") or "")
        values.append(value)
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


# --------------------------------------------------------------------------- lifecycle


def close_missing(session: Session, source_id: str, run_started: datetime,
                  now: datetime | None = None) -> list[int]:
    """After a healthy run: the source's sightings it did not see miss once more; a posting
    that every source has missed long enough closes (indexer.lifecycle)."""
    now = now or utcnow()
    stale = list(session.scalars(select(PostingSource).where(
        PostingSource.source_id == source_id, PostingSource.last_seen < run_started)))
    for sighting in stale:
        sighting.missing_runs = lifecycle.after_miss(sighting.missing_runs)
    session.flush()
    posting_ids_ = sorted({sighting.posting_id for sighting in stale})
    return [pid for pid in posting_ids_ if _close_if_absent(session, pid, lifecycle.absence_reason(), now)]


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
    _close(posting, reason, now)
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
        _close(posting, lifecycle.EXPIRED, now)
    session.flush()
    return [posting.id for posting in expired]


def recheck_urls(session: Session, source_id: str) -> list[str]:
    """Pages of the source's open postings its last healthy run missed: worth one more look."""
    return list(session.scalars(
        select(PostingSource.url).join(Posting, Posting.id == PostingSource.posting_id)
        .where(PostingSource.source_id == source_id, PostingSource.missing_runs > 0, Posting.status == "open")
        .order_by(PostingSource.id)))


def sources_of(session: Session, posting_id: int) -> list[PostingSource]:
    """Every source's sighting of a posting, first seen first."""
    return list(session.scalars(select(PostingSource).where(PostingSource.posting_id == posting_id)
                                .order_by(PostingSource.first_seen, PostingSource.id)))


def postings_with_sources(session: Session, include_closed: bool = False,
                          batch: int = 500) -> Iterator[tuple[Posting, list[PostingSource]]]:
    """Every posting (open ones only unless asked) with its sightings, by id, in batches."""
    last_id = 0
    while True:
        query = select(Posting).where(Posting.id > last_id).order_by(Posting.id).limit(batch)
        if not include_closed:
            query = query.where(Posting.status == "open")
        postings = list(session.scalars(query))
        if not postings:
            return
        sightings: dict[int, list[PostingSource]] = {posting.id: [] for posting in postings}
        for sighting in session.scalars(select(PostingSource).where(PostingSource.posting_id.in_(list(sightings)))
                                        .order_by(PostingSource.first_seen, PostingSource.id)):
            sightings[sighting.posting_id].append(sighting)
        yield from ((posting, sightings[posting.id]) for posting in postings)
        last_id = postings[-1].id


def open_peer_hourly_pay(session: Session) -> list[tuple[str | None, str | None, float | None, float | None]]:
    """(category, state, hourly min, hourly max) of every open peer posting that states hourly pay."""
    query = select(Posting.category, Posting.state, Posting.pay_hourly_min, Posting.pay_hourly_max).where(
        Posting.status == "open", Posting.is_peer.is_(True),
        (Posting.pay_hourly_min.is_not(None)) | (Posting.pay_hourly_max.is_not(None)),
    )
    return [tuple(row) for row in session.execute(query)]


def open_peer_postings_for_sitemap(session: Session, limit: int = 50_000) -> list[tuple[int, datetime]]:
    """(id, changed_at) of open peer postings, newest change first; a sitemap holds 50,000 at most."""
    query = (select(Posting.id, Posting.changed_at)
             .where(Posting.status == "open", Posting.is_peer.is_(True))
             .order_by(Posting.changed_at.desc(), Posting.id.desc()).limit(limit))
    return [tuple(row) for row in session.execute(query)]


def postings_page(session: Session, after_id: int = 0, limit: int = 500) -> list[Posting]:
    """Postings in id order after `after_id`, open and closed: for jobs that walk the whole store."""
    query = select(Posting).where(Posting.id > after_id).order_by(Posting.id).limit(limit)
    return list(session.scalars(query))


def set_peer_fields(posting: Posting, values: Mapping[str, Any], now: datetime | None = None) -> bool:
    """Write a new classification (category, is_peer, classification, facets) when it differs.

    The content hash follows, so the next crawl of an unchanged page writes nothing; changed_at
    moves, so the index sync picks the posting up. True when something changed."""
    if all(getattr(posting, name) == value for name, value in values.items()):
        return False
    for name, value in values.items():
        setattr(posting, name, value)
    posting.content_hash = content_hash({name: getattr(posting, name) for name in POSTING_FIELDS})
    posting.changed_at = now or utcnow()
    return True
