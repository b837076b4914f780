"""One job, however many sources list it: each sighting upserts the posting it belongs to."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any, Literal, Mapping

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session

from indexer import lifecycle
from indexer.parsers import identity
from indexer.store.labels import apply_override, overridden, override_of
from indexer.store.models import Posting, PostingSource, Source, utcnow

#: Posting columns a crawl sets; identity, timestamps and status are the store's own.
POSTING_FIELDS = (
    "url", "apply_url", "title", "display_title", "employer", "description_html", "description_text",
    "city", "state", "postal_code", "latitude", "longitude", "remote", "remote_area", "employment_type",
    "pay_min", "pay_max", "pay_unit", "pay_text", "pay_hourly_min", "pay_hourly_max",
    "pay_annual_min", "pay_annual_max", "locations", "date_posted", "valid_through", "category", "is_peer", "classification", "facets",
    "country",
)

#: new: a job not stored before; matched: another source's or URL's view of a stored job;
#: reopened: a closed posting seen open again.
UpsertOutcome = Literal["new", "updated", "unchanged", "matched", "reopened"]


# Built once: these run for every crawled item, and building a statement costs more than running it.
_SIGHTING = select(PostingSource).where(PostingSource.source_id == bindparam("source_id"),
                                        PostingSource.external_id == bindparam("external_id"))
_OPEN_WITH_FINGERPRINT = select(Posting).where(
    Posting.fingerprint == bindparam("fingerprint"), Posting.status == "open").order_by(Posting.id)
_LINKED = (select(Posting).join(PostingSource, PostingSource.posting_id == Posting.id)
           .where(Posting.status == "open", PostingSource.source_id != bindparam("source_id"),
                  or_(PostingSource.url_key == bindparam("apply"), PostingSource.apply_key == bindparam("page")))
           .order_by(Posting.id).limit(1))
_APPLY_LINKS = (select(PostingSource.apply_url, Source.platform, Source.employer)
                .join(Source, Source.id == PostingSource.source_id)
                .where(PostingSource.posting_id == bindparam("posting_id"))
                .order_by(PostingSource.first_seen, PostingSource.id))
_SIGHTINGS_OF_POSTING_BY_SOURCE = select(func.count()).select_from(PostingSource).where(
    PostingSource.posting_id == bindparam("posting_id"), PostingSource.source_id == bindparam("source_id"))


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
    sighting = session.scalar(_SIGHTING, {"source_id": source_id, "external_id": external_id})
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
    if outcome != "new":  # a new posting's one sighting already gave it its apply link
        _prefer_apply_url(session, posting, now)
    if _settle_status(posting, now) == "reopened":
        outcome = "reopened"
    apply_override(posting, override_of(posting))
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
    candidates = session.scalars(_OPEN_WITH_FINGERPRINT, {"fingerprint": job_print})
    for candidate in candidates:
        if (not _listed_by(session, candidate.id, source_id)
                or identity.same_text(candidate.description_text, fields.get("description_text"))):
            return candidate
    return None


def _linked_posting(session: Session, source_id: str, fields: Mapping[str, Any]) -> Posting | None:
    """Another source's posting whose page is this apply link, or whose apply link is this page."""
    page, apply = identity.url_key(fields.get("url")), identity.url_key(fields.get("apply_url"))
    if not (page or apply):
        return None
    # A missing key is bound as NULL, which equals nothing.
    return session.scalar(_LINKED, {"source_id": source_id, "page": page or None, "apply": apply or None})


def _listed_by(session: Session, posting_id: int, source_id: str) -> bool:
    return session.scalar(_SIGHTINGS_OF_POSTING_BY_SOURCE, {"posting_id": posting_id, "source_id": source_id}) > 0


def _refresh(session: Session, posting: Posting, source_id: str, external_id: str,
             fields: Mapping[str, Any], now: datetime) -> UpsertOutcome:
    """Fields come from the primary sighting; a better-ranked source (the agency's ATS) takes over."""
    posting.last_seen = now
    if (posting.source_id, posting.external_id) != (source_id, external_id):
        if _content_rank(session, source_id, posting) <= _content_rank(session, posting.source_id, posting):
            return "matched"
        posting.source_id, posting.external_id = source_id, external_id
    digest = content_hash(fields)
    if posting.content_hash == digest:
        return "unchanged"
    _assign(posting, fields, now, digest)
    return "updated"


def _content_rank(session: Session, source_id: str, posting: Posting) -> tuple[int, int]:
    source = session.get(Source, source_id)
    if source is None:  # the sighting's foreign key refuses it on flush
        return (-1, -1)
    return identity.content_rank(source.platform, source.employer, posting.employer)


def _assign(posting: Posting, fields: Mapping[str, Any], now: datetime, digest: str | None = None) -> None:
    for name in POSTING_FIELDS:
        setattr(posting, name, fields.get(name))
    posting.remote = bool(fields.get("remote"))
    posting.is_peer = bool(fields.get("is_peer"))
    posting.description_html = fields.get("description_html") or ""
    posting.description_text = fields.get("description_text") or ""
    posting.content_hash = digest or content_hash(fields)
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
    rows = session.execute(_APPLY_LINKS, {"posting_id": posting.id})
    best = identity.preferred_apply_url([identity.Sighting(*row) for row in rows], posting.employer)
    if best and best != posting.apply_url:
        posting.apply_url, posting.changed_at = best, now


def _settle_status(posting: Posting, now: datetime) -> str | None:
    """A past validThrough closes; otherwise a sighting verifies it open, reopening a closed one."""
    if lifecycle.is_expired(posting.valid_through, now):
        if posting.status == "open":
            mark_closed(posting, lifecycle.EXPIRED, now)
        return None
    posting.last_verified_open = now
    if posting.status == "open":
        return None
    posting.status, posting.closed_at, posting.closed_reason, posting.changed_at = "open", None, None, now
    return "reopened"


def mark_closed(posting: Posting, reason: str, now: datetime) -> None:
    """Closed postings keep every field and their page; only the status says they are closed."""
    posting.status, posting.closed_at, posting.closed_reason, posting.changed_at = "closed", now, reason, now


def set_peer_fields(posting: Posting, values: Mapping[str, Any], now: datetime | None = None) -> bool:
    """Write a new classification (category, is_peer, classification, facets) when it differs.

    The content hash follows, so the next crawl of an unchanged page writes nothing; changed_at
    moves, so the index sync picks the posting up. An operator's override stays on top (store.labels).
    True when something changed."""
    values = overridden(values, override_of(posting))
    if all(getattr(posting, name) == value for name, value in values.items()):
        return False
    for name, value in values.items():
        setattr(posting, name, value)
    posting.content_hash = content_hash({name: getattr(posting, name) for name in POSTING_FIELDS})
    posting.changed_at = now or utcnow()
    return True
