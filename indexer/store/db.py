"""Engine and session set-up; schema changes go through Alembic migrations only."""
from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from foundation.shipped import shipped_path

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def make_engine(url: str, writer: bool = False, **kwargs) -> Engine:
    """An engine with SQLite tuned for one writer and many readers.

    Statement parameters are left out of SQL error messages: they may hold a subscriber's
    address, and error messages end up in logs.

    `writer=True` is for processes that write while others write too (parallel crawls): on
    SQLite each transaction then takes the write lock when it begins (BEGIN IMMEDIATE) and
    waits its turn, instead of failing when a read turns into a write after another
    process has committed."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            _private_file(Path(parsed.database))
        kwargs.setdefault("connect_args", {}).setdefault("timeout", 30)
        engine = create_engine(url, hide_parameters=True, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        if writer:
            event.listen(engine, "connect", _sqlite_manual_transactions)
            event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True, **kwargs)


def _private_file(path: Path) -> None:
    """The database file made before SQLite opens it: mode 0600 in a folder made 0700 (it holds
    subscribers' addresses and admins' password hashes). SQLite gives its WAL the same mode."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def _sqlite_manual_transactions(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # the driver starts no transactions of its own


def _begin_immediate(connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    _use_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted rows are overwritten with zeros: a removed alert address leaves no trace in the file.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _use_wal(cursor, patience: float = 30.0) -> None:
    """WAL mode is kept in the file, so only the first connection to a new file switches it.
    Switching needs the file to itself and SQLite does not wait for that (no busy handler):
    processes opening a new store at once (parallel crawls, web workers) try again briefly."""
    if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
        return
    deadline = time.monotonic() + patience
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(shipped_path(MIGRATIONS_DIR)))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest migration."""
    command.upgrade(alembic_config(engine), "head")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
