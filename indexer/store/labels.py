"""Operators' labels: labeled examples for scoring the classifier, and classification
overrides that keep a posting out of (or in) peer search whatever a re-crawl classifies."""
from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from indexer.store.models import ClassificationOverride, Posting, PostingLabel, utcnow

NOT_PEER_NOTE = "operator: not peer work"
MAX_LABEL_TEXT = 20000


def text_hash(title: str, description_text: str) -> str:
    return hashlib.sha256(f"{title}\n{description_text}".encode()).hexdigest()


def add_label(session: Session, posting: Posting, category: str | None, by: str,
              now: datetime | None = None) -> PostingLabel:
    """The posting's title and text with their label; the same text labeled again is relabeled."""
    digest = text_hash(posting.title, posting.description_text or "")
    label = session.scalar(select(PostingLabel).where(PostingLabel.text_hash == digest))
    if label is None:
        label = PostingLabel(text_hash=digest, title=posting.title[:500], employer=posting.employer,
                             description_text=(posting.description_text or "")[:MAX_LABEL_TEXT])
        session.add(label)
    label.posting_id, label.category, label.created_at, label.created_by = posting.id, category, now or utcnow(), by
    session.flush()
    return label


def labeled_examples(session: Session) -> list[PostingLabel]:
    return list(session.scalars(select(PostingLabel).order_by(PostingLabel.id)))


def override_not_peer(session: Session, posting: Posting, by: str, now: datetime | None = None) -> None:
    """From now on the posting is not peer work; it leaves peer search at the next index sync."""
    now = now or utcnow()
    override = session.get(ClassificationOverride, posting.id)
    if override is None:
        override = ClassificationOverride(posting_id=posting.id)
        session.add(override)
    override.is_peer, override.note, override.created_at, override.created_by = False, NOT_PEER_NOTE, now, by
    session.flush()
    if apply_override(posting, override):
        posting.changed_at = now
    session.flush()


def override_of(posting: Posting) -> ClassificationOverride | None:
    session = object_session(posting)
    if session is None or posting.id is None:
        return None
    return session.get(ClassificationOverride, posting.id)


def overridden(values: Mapping[str, Any], override: ClassificationOverride | None) -> dict[str, Any]:
    """Classification values with the override's word on top (no category for not peer work)."""
    if override is None:
        return dict(values)
    ruled = {"is_peer": override.is_peer, "classification": override.note}
    return {**values, **ruled, **({} if override.is_peer else {"category": None})}


def apply_override(posting: Posting, override: ClassificationOverride | None) -> bool:
    """The override's classification on the posting; True when that changed it."""
    current = {name: getattr(posting, name) for name in ("is_peer", "classification", "category")}
    wanted = overridden(current, override)
    for name, value in wanted.items():
        setattr(posting, name, value)
    return wanted != current
