"""Shared fixtures: a store per test on SQLite and on PostgreSQL, settings, sample sites."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from indexer.store import db
from foundation.settings import Settings
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


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium under Playwright, one per test module (tests/browser_support.py)."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import launch_chromium
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's script, to run inside pages."""
    from tests.browser_support import ensure_axe
    return ensure_axe().read_text(encoding="utf-8")
