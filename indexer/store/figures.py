"""Figures that keep their history: one number per day, figure and key (DailyFigure).

Events (a subscription made, confirmed, deleted, paused by bounces; a digest sent or given up)
are counted when they happen, in the transaction that makes them happen, by one statement that
adds to the day's row (INSERT ... ON CONFLICT DO UPDATE): safe when several processes count at
once, on SQLite and PostgreSQL. Deleting what was counted lowers no past day.

Snapshots (sources by health, open peer postings by state) are what the store holds when one is
taken; taking today's again overwrites today. Rows older than KEPT_DAYS go when one is taken.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Mapping

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from indexer.store.health import source_health
from indexer.store.models import DailyFigure, Posting, Source, utcnow
from indexer.store.widgets import DIALECT_INSERTS

#: What is counted as it happens.
EVENTS = ("subscribed", "confirmed", "unsubscribed", "paused_by_bounces", "sent", "failed")
#: What is taken as a daily snapshot.
SNAPSHOTS = ("sources_health", "open_peer_by_state")
#: The key of an event's count over every network (and none).
ALL = "all"
#: Sources' health as the snapshot keys it ("unhealthy" is the older word for failing).
HEALTH_KEYS = ("failing", "degraded", "healthy", "unknown")
#: The key of open peer postings that name no state.
NO_STATE = "none"
#: Days of history kept.
KEPT_DAYS = 400


def network_key(network: str) -> str:
    return f"network:{network}"


def _set(session: Session, day: date, figure: str, key: str, value: int, add: bool) -> None:
    """One row of the day, made or changed in one statement: added to, or overwritten."""
    table = DailyFigure.__table__
    make_insert = DIALECT_INSERTS[session.get_bind().dialect.name]
    statement = make_insert(table).values(day=day, figure=figure, key=key, value=value)
    new_value = table.c.value + value if add else statement.excluded.value
    session.execute(statement.on_conflict_do_update(
        index_elements=[table.c.day, table.c.figure, table.c.key], set_={"value": new_value}))


def record_event(session: Session, figure: str, amount: int = 1, network: str | None = None,
                 day: date | None = None) -> None:
    """Add `amount` to the day's `figure`, over all and for the network when one is named. Not
    committed: it counts with the transaction of the event, or not at all."""
    if figure not in EVENTS:
        raise ValueError(f"unknown event figure {figure!r}")
    if amount <= 0:
        return
    day = day or utcnow().date()
    keys = sorted({ALL} | ({network_key(network)} if network else set()))  # one order: writers never deadlock
    for key in keys:
        _set(session, day, figure, key, amount, add=True)


def health_key(word: str | None) -> str:
    if word in ("failing", "unhealthy"):
        return "failing"
    return word if word in ("degraded", "healthy") else "unknown"


def sources_by_health(session: Session) -> dict[str, int]:
    """Every source in the store by its latest judged run's health; never judged: unknown."""
    ids = list(session.scalars(select(Source.id)))
    verdicts = source_health(session, ids)
    counts = dict.fromkeys(HEALTH_KEYS, 0)
    for source_id in ids:
        verdict = verdicts.get(source_id)
        counts[health_key(verdict.state if verdict else None)] += 1
    return counts


def open_peer_by_state(session: Session) -> dict[str, int]:
    query = (select(Posting.state, func.count()).where(Posting.status == "open", Posting.is_peer.is_(True))
             .group_by(Posting.state))
    return {state or NO_STATE: int(count) for state, count in session.execute(query)}


def take_snapshot(session: Session, today: date | None = None) -> dict[str, dict[str, int]]:
    """Today's snapshot of every snapshot figure, written over today's, and old rows pruned;
    committed. Counted in one transaction and written in the next, so that on SQLite the
    write waits its turn behind other writers instead of failing."""
    today = today or utcnow().date()
    taken = {"sources_health": sources_by_health(session), "open_peer_by_state": open_peer_by_state(session)}
    session.commit()
    for figure, counts in taken.items():
        _replace_day(session, today, figure, counts)
    session.execute(delete(DailyFigure).where(DailyFigure.day < today - timedelta(days=KEPT_DAYS)))
    session.commit()
    return taken


def _replace_day(session: Session, day: date, figure: str, counts: Mapping[str, int]) -> None:
    session.execute(delete(DailyFigure).where(DailyFigure.day == day, DailyFigure.figure == figure,
                                              DailyFigure.key.not_in(list(counts))))
    for key in sorted(counts):
        _set(session, day, figure, key, counts[key], add=False)


@dataclass(frozen=True)
class FigureSeries:
    """One figure over the last days: the days, oldest first, and each key's value on each day
    (None on a day with no row: nothing counted, or no snapshot taken)."""

    figure: str
    days: tuple[date, ...]
    values: dict[str, tuple[int | None, ...]]

    def total(self, key: str = ALL) -> int:
        return sum(value or 0 for value in self.values.get(key, ()))


def series(session: Session, figure: str, days: int, today: date | None = None) -> FigureSeries:
    """`figure` over the `days` days up to and including today, every key that has a row."""
    today = today or utcnow().date()
    span = tuple(today - timedelta(days=back) for back in range(days - 1, -1, -1))
    rows = session.execute(select(DailyFigure.day, DailyFigure.key, DailyFigure.value)
                           .where(DailyFigure.figure == figure, DailyFigure.day >= span[0],
                                  DailyFigure.day <= today))
    found: dict[str, dict[date, int]] = {}
    for day, key, value in rows:
        found.setdefault(key, {})[day] = value
    return FigureSeries(figure, span, {key: tuple(by_day.get(day) for day in span)
                                       for key, by_day in sorted(found.items())})
