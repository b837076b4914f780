"""The peerjobs command through click's runner: sources, crawl, index."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from sqlalchemy import select

from crawlers.sources import DEFAULT_SOURCES_FILE, load_sources
from indexer.store import db
from indexer.store.models import CrawlRun
from peerjobs.cli import main
from peerjobs.demo import SampleSites


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"PEERJOBS_DATA_DIR": str(tmp_path / "data"), "PEERJOBS_DATABASE_URL": "",
            "PEERJOBS_INDEX_DIR": ""}


def invoke(env, *args):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_sources_lists_the_shipped_file():
    result = CliRunner().invoke(main, ["sources"])
    assert result.exit_code == 0
    assert f"{len(load_sources().sources)} valid, 0 problems" in result.output


def test_bad_source_lines_are_named_and_skipped(tmp_path: Path, env):
    bad = tmp_path / "sources.yaml"
    bad.write_text(yaml.safe_dump({"sources": [
        {"id": "good", "platform": "jsonld", "url": "http://nowhere.invalid/", "employer": "Good"},
        {"id": "bad", "platform": "jsonld", "url": "file:///etc/passwd", "employer": "Bad"},
    ]}))
    result = invoke(env, "sources", "--sources", str(bad))
    assert result.exit_code == 1
    assert "source 'bad': url: expected an absolute http(s) URL" in result.output
    crawl = invoke(env, "crawl", "--all", "--sources", str(bad), "--loopback")
    assert "skipped source 'bad': url" in crawl.output
    rows = [line.split()[0] for line in crawl.output.splitlines() if line and not line.startswith((" ", "skipped", "source"))]
    assert rows == ["good"]


def test_crawl_then_index_from_the_command_line(tmp_path: Path, env):
    with SampleSites() as sites:
        sources = sites.write_sources(tmp_path / "demo.yaml")
        first = sites.agencies[0]["id"]
        result = invoke(env, "crawl", f"demo-{first}", "--sources", str(sources), "--loopback")
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if line.startswith(f"demo-{first}"))
    assert line.split()[1] == "ok"
    health, by_state, open_peer = todays_snapshot(tmp_path / "data" / "peerjobs.db")
    assert sum(health.values()) == 1 and open_peer > 0 and sum(by_state.values()) == open_peer
    index = invoke(env, "index")
    assert index.exit_code == 0 and "index synced" in index.output
    written = int(index.output.split(":")[1].split()[0])
    assert written == int(line.split()[4])
    again = invoke(env, "index")
    assert "0 written" in again.output
    rebuilt = invoke(env, "index", "--rebuild")
    assert f"{written} documents" in rebuilt.output


def todays_snapshot(database: Path) -> tuple[dict[str, int], dict[str, int], int]:
    """Today's sources by health and open peer postings by state, as `peerjobs crawl` left
    them, and the open peer postings the store holds."""
    from indexer import store
    from indexer.store import figures
    engine = db.make_engine(f"sqlite:///{database}")
    with db.session_factory(engine)() as session:
        taken = [{key: values[0] for key, values in figures.series(session, figure, 1).values.items()}
                 for figure in ("sources_health", "open_peer_by_state")]
        open_peer = store.count_postings(session, status="open", is_peer=True)
    engine.dispose()
    return taken[0], taken[1], open_peer


def test_a_source_being_crawled_elsewhere_is_skipped_and_its_lock_left_alone(tmp_path: Path, env):
    """A scheduler holds the lock of one source: `peerjobs crawl` crawls only the other, and
    frees its own lock when it is done."""
    from datetime import timedelta

    from indexer.store.models import CrawlLock
    from peerjobs.scheduling import locks
    engine = db.make_engine(f"sqlite:///{tmp_path / 'data' / 'peerjobs.db'}")
    db.migrate(engine)
    with SampleSites() as sites:
        sources = sites.write_sources(tmp_path / "demo.yaml")
        busy, free = (f"demo-{agency['id']}" for agency in sites.agencies[:2])
        with db.session_factory(engine)() as session:
            assert locks.acquire(session, busy, "scheduler-host:1:abc", timedelta(hours=1))
            session.commit()
        result = invoke(env, "crawl", busy, free, "--sources", str(sources), "--loopback")
    assert f"{busy}: being crawled already; skipped" in result.output
    with db.session_factory(engine)() as session:
        crawled = {run.source_id for run in session.scalars(select(CrawlRun))}
        held = {(lock.source_id, lock.holder) for lock in session.scalars(select(CrawlLock))}
    assert crawled == {free}
    assert held == {(busy, "scheduler-host:1:abc")}
    engine.dispose()


def test_unknown_source_and_no_arguments(env):
    assert invoke(env, "crawl").exit_code == 2
    result = invoke(env, "crawl", "no-such-source")
    assert result.exit_code == 2 and "unknown or invalid source: no-such-source" in result.output


def _reaches_the_internet() -> bool:
    try:
        socket.getaddrinfo("voicesofhopemaryland.org", 443)
        return True
    except OSError:
        return False


def test_crawl_all_without_internet_fails_per_source_and_records_runs(env):
    if _reaches_the_internet():
        pytest.skip("this machine reaches the internet; the real sources would be crawled")
    result = invoke({**env, "PEERJOBS_USAJOBS_API_KEY": "", "PEERJOBS_USAJOBS_EMAIL": ""}, "crawl", "--all")
    assert result.exit_code == 1
    enabled_sources = [s for s in load_sources(DEFAULT_SOURCES_FILE).sources if s.enabled]
    enabled = [s.id for s in enabled_sources]
    need_key = {s.id for s in enabled_sources if s.platform == "usajobs"}
    engine = db.make_engine(f"sqlite:///{Path(env['PEERJOBS_DATA_DIR']) / 'peerjobs.db'}")
    with db.session_factory(engine)() as session:
        runs = list(session.scalars(select(CrawlRun)))
    assert sorted(run.source_id for run in runs) == sorted(enabled)
    assert all(run.status == "failed" for run in runs)
    assert all("could not find the host" in run.message for run in runs if run.source_id not in need_key)
    assert all("needs an API key" in run.message for run in runs if run.source_id in need_key)
    assert result.output.count("could not find the host") == len(enabled) - len(need_key)
