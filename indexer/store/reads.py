"""Reads for the pages, feeds, exports, index sync and renormalize."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Iterator

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from indexer.store.models import Posting, PostingSource


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


def open_peer_pay_by_state(session: Session, states: Iterable[str]) -> dict[str, tuple[int, int]]:
    """State -> (open peer postings, how many of them state no pay at all), for `states`: no hourly
    figures, no figures with a unit, no words (what the posting page shows as "Pay not posted")."""
    no_posted = (Posting.pay_min.is_(None) & Posting.pay_max.is_(None)) | Posting.pay_unit.is_(None)
    no_pay = (Posting.pay_hourly_min.is_(None) & Posting.pay_hourly_max.is_(None) & no_posted
              & (Posting.pay_text.is_(None) | (Posting.pay_text == "")))
    query = (select(Posting.state, func.count(), func.sum(case((no_pay, 1), else_=0)))
             .where(Posting.status == "open", Posting.is_peer.is_(True), Posting.state.in_(list(states)))
             .group_by(Posting.state))
    return {state: (int(total), int(without or 0)) for state, total, without in session.execute(query)}


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
