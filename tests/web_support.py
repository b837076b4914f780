"""A sample board for the tests that read through the app: one source's postings in a store,
some closed, with the search index built."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

from sqlalchemy.orm import Session

from indexer import store
from indexer.store import db
from indexer.search import rebuild
from foundation.settings import Settings


def seed_postings(session: Session, source: store.SourceRecord, postings: Mapping[str, dict[str, Any]],
                  closed: Iterable[str] = ()) -> dict[str, int]:
    """`postings` (external id -> fields) stored for `source`, those named in `closed` closed;
    the posting ids by external id."""
    store.upsert_source(session, source)
    saved = {key: store.upsert_posting(session, source.id, key, fields)[0] for key, fields in postings.items()}
    for key in closed:
        saved[key].status = "closed"
    session.commit()
    return {key: posting.id for key, posting in saved.items()}


def indexed_board(settings: Settings, seed: Callable[[Session], dict[str, int]]) -> dict[str, int]:
    """A migrated store filled by `seed`, and its search index built; what `seed` returns."""
    engine = db.make_engine(settings.database_url)
    try:
        db.migrate(engine)
        with db.session_factory(engine)() as session:
            ids = seed(session)
        rebuild(engine, settings.index_dir)
    finally:
        engine.dispose()
    return ids
