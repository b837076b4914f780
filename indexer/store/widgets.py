"""Per-network widget counts: one row per network and day, incremented in place. No visitor data."""
from __future__ import annotations

from datetime import date

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from indexer.store.models import WidgetCount, utcnow

DIALECT_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def count_widget_use(session: Session, network: str, searches: int = 0, clicks: int = 0,
                     day: date | None = None) -> None:
    """Add to today's counts of `network` in one statement, safe when many requests count at once."""
    day = day or utcnow().date()
    table = WidgetCount.__table__
    make_insert = DIALECT_INSERTS[session.get_bind().dialect.name]  # the store runs on these two
    statement = make_insert(table).values(network=network, day=day, searches=searches, clicks=clicks)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.network, table.c.day],
        set_={"searches": table.c.searches + searches, "clicks": table.c.clicks + clicks})
    session.execute(statement)
    session.commit()
