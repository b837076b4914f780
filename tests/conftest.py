"""Shared fixtures: a store per test on SQLite and on PostgreSQL, settings, sample sites."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from indexer import db
from indexer.settings import Settings
from tests.support import postgres

os.environ["PEERJOBS_ALLOW_PRIVATE_NETWORKS"] = "1"


@pytest.fixture(scope="session")
def postgres_server_url():
    with postgres.postgres_url() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path: Path):
    """Each store test runs twice: on a SQLite file and in a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    server = request.getfixturevalue("postgres_server_url")
    with postgres.private_schema(server) as url:
        yield url


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(data_dir=tmp_path, database_url=database_url, index_dir=tmp_path / "index")


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    """For tests whose subject is not the database."""
    return Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'store.db'}",
                    index_dir=tmp_path / "index")


@pytest.fixture
def engine(settings: Settings):
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine):
    factory = db.session_factory(engine)
    with factory() as session:
        yield session
