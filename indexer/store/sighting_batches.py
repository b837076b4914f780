"""A batch of one crawl's sightings in a handful of statements, whatever its size.

Each statement is a round trip to the database; on PostgreSQL, per-posting statements cost more
than the rest of storing. So a batch asks once which of its postings were seen before and which
of its links and fingerprints the store holds, inserts its plainly new jobs in one statement,
marks its unchanged ones seen in one more, and sends only the rest through upsert_posting one
by one. A sighting counts as plain only when no other sighting of the batch shares a link or a
fingerprint with it, so the order within the batch decides nothing.
"""
from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any, Mapping, Sequence

from sqlalchemy import bindparam, insert, select, union_all
from sqlalchemy.orm import Session

from indexer import lifecycle
from indexer.parsers import identity
from indexer.store.models import Posting, PostingSource, utcnow
from indexer.store.postings import UpsertOutcome, upsert_posting
from indexer.store.sightings import SEEN_AGAIN, SIGHTING_SEEN, new_posting_row, unchanged

Sighting = tuple[str, str, Mapping[str, Any]]  # (source id, external id, normalized fields)

_SEEN_MANY = (select(PostingSource.id, PostingSource.posting_id, PostingSource.url, PostingSource.apply_url,
                     PostingSource.external_id.label("seen_external_id"), Posting.source_id, Posting.external_id,
                     Posting.content_hash, Posting.status, Posting.valid_through)
              .join(Posting, Posting.id == PostingSource.posting_id)
              .where(PostingSource.source_id == bindparam("source_id"),
                     PostingSource.external_id.in_(bindparam("external_ids", expanding=True))))
_TAKEN = union_all(
    select(PostingSource.url_key).where(PostingSource.url_key.in_(bindparam("applies", expanding=True))),
    select(PostingSource.apply_key).where(PostingSource.apply_key.in_(bindparam("pages", expanding=True))),
    select(Posting.fingerprint).where(Posting.fingerprint.in_(bindparam("prints", expanding=True))))
_INSERT_POSTINGS = insert(Posting.__table__).returning(Posting.__table__.c.id, sort_by_parameter_order=True)
_INSERT_SIGHTINGS = insert(PostingSource.__table__)


def record_sighting(session: Session, source_id: str, external_id: str, fields: Mapping[str, Any],
                    now: datetime | None = None) -> UpsertOutcome:
    """What upsert_posting would do for one sighting, and its outcome."""
    return record_sightings(session, [(source_id, external_id, fields)], now)[0]


def record_sightings(session: Session, batch: Sequence[Sighting], now: datetime | None = None) -> list[UpsertOutcome]:
    """What upsert_posting would do for each sighting, in order, and their outcomes."""
    now = now or utcnow()
    keys = [_keys(fields) for _, _, fields in batch]
    seen, plain = _seen(session, batch), _plain(keys)
    unseen = [each for (source_id, external_id, _), each in zip(batch, keys) if (source_id, external_id) not in seen]
    taken = _taken(session, unseen)
    outcomes: list[UpsertOutcome | None] = [None] * len(batch)
    new, same = [], []
    for index, (source_id, external_id, fields) in enumerate(batch):
        row = seen.get((source_id, external_id))
        if index not in plain:
            continue
        if row is None and not (keys[index] & taken) and not lifecycle.is_expired(fields.get("valid_through"), now):
            new.append(index)
        elif row is not None and unchanged(row, source_id, external_id, fields, now):
            same.append((index, row))
    _insert_new(session, [batch[index] for index in new], now)
    _mark_seen(session, [row for _, row in same], now)
    for index in new:
        outcomes[index] = "new"
    for index, _ in same:
        outcomes[index] = "unchanged"
    for index, (source_id, external_id, fields) in enumerate(batch):
        if outcomes[index] is None:
            outcomes[index] = upsert_posting(session, source_id, external_id, fields, now)[1]
    return outcomes


def _keys(fields: Mapping[str, Any]) -> frozenset[tuple[str, str]]:
    """The links and fingerprint a sighting could share with another posting."""
    found = {("page", identity.url_key(fields.get("url"))), ("apply", identity.url_key(fields.get("apply_url"))),
             ("print", identity.fingerprint(dict(fields)))}
    return frozenset((kind, value) for kind, value in found if value)


def _plain(keys: list[frozenset[tuple[str, str]]]) -> set[int]:
    """Sightings that share no link or fingerprint value with another of the batch."""
    counts = Counter(value for each in keys for value in {value for _, value in each})
    return {index for index, each in enumerate(keys) if all(counts[value] == 1 for _, value in each)}


def _seen(session: Session, batch: Sequence[Sighting]) -> dict[tuple[str, str], Any]:
    by_source: dict[str, list[str]] = {}
    for source_id, external_id, _ in batch:
        by_source.setdefault(source_id, []).append(external_id)
    found = {}
    for source_id, external_ids in by_source.items():
        for row in session.connection().execute(_SEEN_MANY, {"source_id": source_id, "external_ids": external_ids}):
            found[(source_id, row.seen_external_id)] = row
    return found


def _taken(session: Session, keys: list[frozenset[tuple[str, str]]]) -> frozenset[tuple[str, str]]:
    """These keys the store holds: as another posting's page or apply link, or fingerprint."""
    if not keys:
        return frozenset()
    wanted = {kind: [value for each in keys for found_kind, value in each if found_kind == kind]
              for kind in ("page", "apply", "print")}
    values = set(session.connection().execute(
        _TAKEN, {"applies": wanted["apply"], "pages": wanted["page"], "prints": wanted["print"]}).scalars())
    return frozenset(key for each in keys for key in each if key[1] in values)


def _insert_new(session: Session, sightings: list[Sighting], now: datetime) -> None:
    if not sightings:
        return
    rows = [new_posting_row(source_id, external_id, fields, now) for source_id, external_id, fields in sightings]
    connection = session.connection()
    ids = connection.execute(_INSERT_POSTINGS, rows).scalars().all()
    connection.execute(_INSERT_SIGHTINGS, [
        {"posting_id": posting_id, "source_id": row["source_id"], "external_id": row["external_id"],
         "url": row["url"] or "", "apply_url": row["apply_url"], "url_key": identity.url_key(row["url"] or ""),
         "apply_key": identity.url_key(row["apply_url"]), "first_seen": now, "last_seen": now, "missing_runs": 0}
        for posting_id, row in zip(ids, rows)])


def _mark_seen(session: Session, rows: list[Any], now: datetime) -> None:
    if not rows:
        return
    connection = session.connection()
    connection.execute(SEEN_AGAIN, [{"posting_id": row.posting_id, "now": now} for row in rows])
    connection.execute(SIGHTING_SEEN, [{"sighting_id": row.id, "now": now} for row in rows])
