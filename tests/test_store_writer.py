"""A crawl whose postings go through the store writer's own process (crawlers.writer): every
posting stored once, the run's figures whole, a re-crawl unchanged, and a writer that dies
turns into a failed run that closes nothing."""
from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

from sqlalchemy import func, select

from benchmarks.crawl_site import BenchSites
from indexer.store import db
from indexer.store.models import CrawlRun, Posting, PostingSource
from tests.crawl_support import crawl_entries
from tests.support import folder_settings

#: The writer starts with the first batch; pages come slowly enough that it is ready long
#: before the crawl ends.
THROUGH_THE_WRITER = {"PEERJOBS_STORE_WRITER_AFTER": 0, "DOWNLOAD_DELAY": 0.08,
                      "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "RANDOMIZE_DOWNLOAD_DELAY": False}


def entry(url: str) -> dict:
    return {"id": "bench-0", "platform": "jsonld", "url": url, "employer": "Bench Agency", "max_pages": 100}


def runs(settings) -> list[CrawlRun]:
    engine = db.make_engine(settings.database_url)
    try:
        with db.session_factory(engine)() as session:
            found = list(session.scalars(select(CrawlRun).order_by(CrawlRun.id)))
            stored = session.scalar(select(func.count()).select_from(Posting).where(Posting.status == "open"))
        return found, stored
    finally:
        engine.dispose()


def test_postings_through_the_writer_process_are_all_stored_and_counted(tmp_path: Path):
    settings = folder_settings(tmp_path)
    with BenchSites(150, 1, 25) as site:
        assert crawl_entries([entry(site.urls()[0])], settings, **THROUGH_THE_WRITER) == 0
        assert crawl_entries([entry(site.urls()[0])], settings, **THROUGH_THE_WRITER) == 0
    (first, again), stored = runs(settings)
    assert (first.status, first.items, first.new, stored) == ("ok", 150, 150, 150)
    assert first.stats["peerjobs/store/in_writer_process"] > 0
    assert first.coverage["fields"]["title"]["present"] == 150
    assert (again.status, again.items, again.new, again.updated) == ("ok", 150, 0, 0)
    assert again.stats["peerjobs/postings/unchanged"] == 150


def test_many_sources_in_one_process_share_the_writer_and_lose_nothing(tmp_path: Path):
    settings = folder_settings(tmp_path)
    with BenchSites(300, 30, 10) as sites:
        entries = [dict(entry(url), id=f"bench-{number}") for number, url in enumerate(sites.urls())]
        assert crawl_entries(entries, settings, PEERJOBS_STORE_WRITER_AFTER=0, DOWNLOAD_DELAY=1.0) == 0
    engine = db.make_engine(settings.database_url)
    try:
        with db.session_factory(engine)() as session:
            found = list(session.scalars(select(CrawlRun)))
            sightings = session.scalar(select(func.count()).select_from(PostingSource))
    finally:
        engine.dispose()
    assert sorted({run.status for run in found}) == ["ok"] and len(found) == 30
    assert sightings == 300 == sum(run.items for run in found)
    assert sum(run.stats.get("peerjobs/store/in_writer_process", 0) for run in found) > 0


def writer_of(parent: int) -> int | None:
    """The store writer's pid: a spawned grandchild of this process."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command and _parent_of(int(stat[1])) == parent:
            return int(entry.name)
    return None


def _parent_of(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError):
        return None


def test_a_writer_that_dies_fails_the_run_and_closes_nothing(tmp_path: Path):
    settings = folder_settings(tmp_path)
    killed = []

    def kill_the_writer():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            pid = writer_of(os.getpid())
            if pid:
                time.sleep(10.0)  # ready (a few seconds, more on a busy machine), more postings to come
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            time.sleep(0.05)

    with BenchSites(150, 1, 25) as site:
        assert crawl_entries([entry(site.urls()[0])], settings, PEERJOBS_STORE_WRITER_AFTER=-1) == 0
        killer = threading.Thread(target=kill_the_writer)
        killer.start()
        crawl_entries([entry(site.urls()[0])], settings, **{**THROUGH_THE_WRITER, "DOWNLOAD_DELAY": 0.15})
        killer.join()
    assert killed, "the writer process was never found"
    (first, second), stored = runs(settings)
    assert first.status == "ok" and first.stats.get("peerjobs/store/in_writer_process") is None
    assert second.status == "failed"
    assert "store writer ended" in second.message
    assert stored == 150  # a failed run closes no posting it did not see
