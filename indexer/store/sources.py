"""Sources as sources.yaml declares them; a crawl's sightings point at them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from sqlalchemy.orm import Session

from indexer.store.models import Source


@dataclass(frozen=True)
class SourceRecord:
    id: str
    platform: str
    url: str
    employer: str
    enabled: bool = True
    options: Mapping[str, Any] | None = None


def get_source(session: Session, source_id: str) -> Source | None:
    return session.get(Source, source_id)


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
