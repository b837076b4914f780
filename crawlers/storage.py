"""One store connection per database URL and crawl process, shared by pipeline and recorder."""
from __future__ import annotations

from functools import lru_cache

from sqlalchemy.orm import Session, sessionmaker

from indexer.store import db
from foundation.settings import Settings


def database_url(crawler_settings) -> str:
    return crawler_settings.get("PEERJOBS_DATABASE_URL") or Settings.from_env().database_url


@lru_cache(maxsize=4)
def sessions_for(url: str) -> sessionmaker[Session]:
    engine = db.make_engine(url, writer=True)
    db.migrate(engine)
    return db.session_factory(engine)
