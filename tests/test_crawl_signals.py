"""`peerjobs crawl` told to stop (SIGTERM, SIGINT) or killed ends its crawl children and, when it
can, releases its sources' locks, so the next crawl is not told they are being crawled already."""
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from indexer.store import db
from indexer.store.models import CrawlLock, CrawlRun
from tests.process_support import ROOT, StallingServer, children_of, gone_within, running

PEERJOBS = str(Path(sys.executable).parent / "peerjobs")


def start_crawl(tmp_path: Path, site: StallingServer) -> subprocess.Popen:
    sources = tmp_path / "sources.yaml"
    sources.write_text(yaml.safe_dump({"sources": [
        {"id": "hangs", "platform": "jsonld", "url": f"{site.url}/careers/", "employer": "Hanging Agency"}]}))
    env = {**os.environ, "PEERJOBS_DATA_DIR": str(tmp_path / "data"), "PEERJOBS_DATABASE_URL": "",
           "PEERJOBS_INDEX_DIR": "", "PEERJOBS_ALLOW_PRIVATE_NETWORKS": "1"}
    return subprocess.Popen([PEERJOBS, "crawl", "hangs", "--sources", str(sources), "--loopback",
                             "--processes", "1", "--set", "DOWNLOAD_TIMEOUT=600"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def crawling_child(crawl: subprocess.Popen, site: StallingServer) -> int:
    assert site.requests.wait(60), "the crawl never reached the site"
    children = [pid for pid in children_of(crawl.pid)
                if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]  # not the resource tracker
    assert len(children) == 1
    return children[0]


def locks_and_runs(tmp_path: Path) -> tuple[list, list]:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'data' / 'peerjobs.db'}")
    with db.session_factory(engine)() as session:
        found = [lock.source_id for lock in session.scalars(select(CrawlLock))], \
            [run.status for run in session.scalars(select(CrawlRun))]
    engine.dispose()
    return found


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_crawl_ends_its_child_and_releases_its_locks(tmp_path, stop):
    with StallingServer() as site:
        crawl = start_crawl(tmp_path, site)
        child = crawling_child(crawl, site)
        try:
            crawl.send_signal(stop)
            output, _ = crawl.communicate(timeout=60)
            assert gone_within(child, 5), "the crawl child outlived the command"
        finally:
            for pid in (crawl.pid, child):
                if running(pid):
                    os.kill(pid, signal.SIGKILL)
    assert crawl.returncode == 1
    assert f"stopped by {stop.name}" in output
    held, statuses = locks_and_runs(tmp_path)
    assert held == [] and statuses == ["cancelled"]


def test_a_killed_crawl_command_takes_its_child_with_it_and_the_next_one_takes_its_locks(tmp_path):
    with StallingServer() as site:
        crawl = start_crawl(tmp_path, site)
        child = crawling_child(crawl, site)
        try:
            crawl.kill()
            crawl.wait(10)
            assert gone_within(child, 5), "the crawl child outlived the killed command"
        finally:
            if running(child):
                os.kill(child, signal.SIGKILL)
        assert locks_and_runs(tmp_path) == (["hangs"], ["running"])
    following = start_crawl(tmp_path, site)  # the site is gone now: this crawl fails fast
    output, _ = following.communicate(timeout=90)
    assert "being crawled already" not in output
    held, statuses = locks_and_runs(tmp_path)
    assert held == [] and statuses == ["cancelled", "failed"]
