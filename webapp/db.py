"""One engine per app, one session per request, the schema migrated on start."""
from __future__ import annotations

import fcntl
import weakref
from pathlib import Path

from flask import Flask, current_app, g
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from indexer.store import db as store_db


def init_app(app: Flask) -> None:
    settings = app.config["PEERJOBS_SETTINGS"]
    engine = store_db.make_engine(settings.database_url)
    if app.config["PEERJOBS_MIGRATE"]:
        migrate_once(engine, settings.data_dir)
    app.extensions["peerjobs_engine"] = engine
    app.extensions["peerjobs_sessions"] = store_db.session_factory(engine)
    app.teardown_appcontext(close_session)
    weakref.finalize(app, engine.dispose)


def migrate_once(engine: Engine, data_dir: Path) -> None:
    """Workers start together; a lock file keeps two of them from migrating at once."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / ".migrate.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        store_db.migrate(engine)


def get_engine() -> Engine:
    return current_app.extensions["peerjobs_engine"]


def get_session() -> Session:
    """The request's session, opened on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["peerjobs_sessions"]()
    return g.db_session


def close_session(_error: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
