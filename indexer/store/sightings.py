"""A crawl's sightings in as few statements as their case needs.

Most sightings are one of two cases: a job never seen anywhere (nothing links to it, nothing
shares its fingerprint), or a source's own posting seen again unchanged. Each is a handful of
Core statements here; every other case (a match across sources, a change, a reopening, an
expiry) goes to postings.upsert_posting, which settles it with the whole posting in hand.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping

from sqlalchemy import bindparam, exists, insert, or_, select, update
from sqlalchemy.orm import Session

from indexer import lifecycle
from indexer.parsers import identity
from indexer.store.models import Posting, PostingSource, utcnow
from indexer.store.postings import POSTING_FIELDS, UpsertOutcome, content_hash, upsert_posting

_SEEN = (select(PostingSource.id, PostingSource.posting_id, PostingSource.url, PostingSource.apply_url,
                Posting.source_id, Posting.external_id, Posting.content_hash, Posting.status,
                Posting.valid_through)
         .join(Posting, Posting.id == PostingSource.posting_id)
         .where(PostingSource.source_id == bindparam("source_id"),
                PostingSource.external_id == bindparam("external_id")))
#: Could this be a posting already stored: linked to one, or sharing its fingerprint? (A NULL
#: key equals nothing.)
_ANOTHER = select(or_(
    exists().where(or_(PostingSource.url_key == bindparam("apply"), PostingSource.apply_key == bindparam("page"))),
    exists().where(Posting.fingerprint == bindparam("fingerprint"))))
SEEN_AGAIN = update(Posting).where(Posting.id == bindparam("posting_id")).values(
    last_seen=bindparam("now"), last_verified_open=bindparam("now"))
_INSERT_POSTING = insert(Posting.__table__)
_INSERT_SIGHTING = insert(PostingSource.__table__)
SIGHTING_SEEN = update(PostingSource).where(PostingSource.id == bindparam("sighting_id")).values(
    last_seen=bindparam("now"), missing_runs=0)


def record_sighting(session: Session, source_id: str, external_id: str, fields: Mapping[str, Any],
                    now: datetime | None = None) -> UpsertOutcome:
    """What upsert_posting would do, and its outcome; the two common cases without the ORM."""
    now = now or utcnow()
    connection = session.connection()
    seen = connection.execute(_SEEN, {"source_id": source_id, "external_id": external_id}).first()
    if seen is None and _plainly_new(session, fields, now):
        _insert_new(session, source_id, external_id, fields, now)
        return "new"
    if seen is not None and unchanged(seen, source_id, external_id, fields, now):
        connection.execute(SEEN_AGAIN, {"posting_id": seen.posting_id, "now": now})
        connection.execute(SIGHTING_SEEN, {"sighting_id": seen.id, "now": now})
        return "unchanged"
    return upsert_posting(session, source_id, external_id, fields, now)[1]


def _plainly_new(session: Session, fields: Mapping[str, Any], now: datetime) -> bool:
    """No posting, open or closed, that this one could be: no link between them, no shared
    fingerprint; and not already past its closing date."""
    if lifecycle.is_expired(fields.get("valid_through"), now):
        return False
    page, apply = identity.url_key(fields.get("url")), identity.url_key(fields.get("apply_url"))
    keys = {"page": page or None, "apply": apply or None, "fingerprint": identity.fingerprint(dict(fields))}
    return not session.connection().execute(_ANOTHER, keys).scalar()


def unchanged(seen, source_id: str, external_id: str, fields: Mapping[str, Any], now: datetime) -> bool:
    """The source's own posting, open, not expired, same content and same links."""
    return ((seen.source_id, seen.external_id) == (source_id, external_id) and seen.status == "open"
            and not lifecycle.is_expired(seen.valid_through, now)
            and seen.url == (fields.get("url") or "") and seen.apply_url == fields.get("apply_url")
            and seen.content_hash == content_hash(fields))


def new_posting_row(source_id: str, external_id: str, fields: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """The postings row of a job seen for the first time."""
    row = {name: fields.get(name) for name in POSTING_FIELDS}
    row.update(source_id=source_id, external_id=external_id, status="open", content_hash=content_hash(fields),
               first_seen=now, last_seen=now, changed_at=now, last_verified_open=now,
               fingerprint=identity.fingerprint(dict(fields)), remote=bool(fields.get("remote")),
               is_peer=bool(fields.get("is_peer")), description_html=fields.get("description_html") or "",
               description_text=fields.get("description_text") or "")
    return row


def _insert_new(session: Session, source_id: str, external_id: str, fields: Mapping[str, Any],
                now: datetime) -> None:
    row = new_posting_row(source_id, external_id, fields, now)
    connection = session.connection()
    posting_id = connection.execute(_INSERT_POSTING, row).inserted_primary_key[0]
    url, apply_url = row["url"] or "", row["apply_url"]
    connection.execute(_INSERT_SIGHTING, {
        "posting_id": posting_id, "source_id": source_id, "external_id": external_id, "url": url,
        "apply_url": apply_url, "url_key": identity.url_key(url), "apply_key": identity.url_key(apply_url),
        "first_seen": now, "last_seen": now, "missing_runs": 0})
