"""The rows and statements the store's fast sighting path shares (sighting_batches.py) and the
corpus loader (bulk.py): a new job's postings row, and an unchanged one seen again."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping

from sqlalchemy import bindparam, update

from indexer import lifecycle
from indexer.parsers import identity
from indexer.store.models import Posting, PostingSource
from indexer.store.postings import POSTING_FIELDS, content_hash

SEEN_AGAIN = update(Posting).where(Posting.id == bindparam("posting_id")).values(
    last_seen=bindparam("now"), last_verified_open=bindparam("now"))
SIGHTING_SEEN = update(PostingSource).where(PostingSource.id == bindparam("sighting_id")).values(
    last_seen=bindparam("now"), missing_runs=0)


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
