"""Crawls on real Scrapyd nodes: the egg built and deployed as docs/operations.md says, crawls
dispatched by ScrapydDispatcher, runs and postings found in PostgreSQL."""
from __future__ import annotations

import json
import logging
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit
from urllib.request import urlopen

import pytest
import yaml
from scrapy.crawler import Crawler
from sqlalchemy import select

from crawlers.sources import SourceConfig, parse_entries
from crawlers.platforms import spider_for
from crawlers.spiders.source import SourceEntry, source_from_json, source_to_json
from indexer.store import db
from indexer.store.models import CrawlRun, Posting
from foundation.settings import Settings
from foundation.shipped import CACHE_ENV, ShippedFileError, shipped_path
from peerjobs.demo import SampleSites
from peerjobs.scheduling.scrapyd import (
    Node, ScrapydDispatcher, ScrapydError, job_settings, least_busy, parse_nodes, shared_database_problem,
)
from tests.support import postgres
from tests.support.scrapyd import project_copy, scrapyd_deploy, scrapyd_node
from tests.support.smtp import free_port

WAIT = 120


# --- rules -------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, urls, auth", [
    ("http://a:6800", ["http://a:6800"], [None]),
    (" http://a:6800/ , http://b:6800,http://a:6800", ["http://a:6800", "http://b:6800"], [None, None]),
    ("http://ops:s3cret@a:6800", ["http://a:6800"], ["Basic b3BzOnMzY3JldA=="]),
    ("http://ops:s3%40cret@a:6800", ["http://a:6800"], ["Basic b3BzOnMzQGNyZXQ="]),
    ("https://[::1]:6800/scrapyd/", ["https://[::1]:6800/scrapyd"], [None]),
    ("", [], []),
])
def test_node_urls_keep_credentials_out_of_the_url(value, urls, auth):
    nodes = parse_nodes(value)
    assert [node.url for node in nodes] == urls
    assert [node.authorization for node in nodes] == auth


@pytest.mark.parametrize("value", ["ftp://a:6800", "a:6800", "http://", "ftp://ops:s3cret@a:6800"])
def test_a_node_url_that_is_not_http_is_refused_without_its_password(value):
    with pytest.raises(ValueError, match="not a Scrapyd URL") as raised:
        Node.parse(value)
    assert "s3cret" not in str(raised.value)


@pytest.mark.parametrize("loads, order, expected", [
    ({"a": 3, "b": 1, "c": 2}, ["a", "b", "c"], ["b", "c", "a"]),
    ({"a": 0, "b": 0}, ["b", "a"], ["b", "a"]),
    ({"b": 5}, ["a", "b"], ["b"]),
    ({}, ["a", "b"], []),
])
def test_least_busy_first_ties_in_configured_order(loads, order, expected):
    assert least_busy(loads, order) == expected


def test_job_settings_are_strings_and_carry_the_database_and_mail_settings(tmp_path):
    settings = Settings(data_dir=tmp_path, database_url="postgresql+psycopg://u@db/peerjobs", index_dir=tmp_path,
                        smtp_url="smtp://mail.internal:25", operator_email="")
    plain = job_settings(settings, loopback=False, overrides={})
    assert plain == {"PEERJOBS_DATABASE_URL": "postgresql+psycopg://u@db/peerjobs",
                     "PEERJOBS_SMTP_URL": "smtp://mail.internal:25", "PEERJOBS_MAIL_FROM": settings.mail_from,
                     "PEERJOBS_PUBLIC_URL": settings.public_url}
    loop = job_settings(settings, loopback=True,
                        overrides={"CLOSESPIDER_TIMEOUT": 600, "PEERJOBS_DATABASE_URL": "ignored"})
    assert loop["DOWNLOAD_DELAY"] == "0" and loop["CLOSESPIDER_TIMEOUT"] == "600"
    assert loop["PEERJOBS_DATABASE_URL"] == "postgresql+psycopg://u@db/peerjobs"


@pytest.mark.parametrize("url, nodes, refused", [
    ("postgresql+psycopg://u@db/peerjobs", ["http://crawl1:6800"], False),
    ("sqlite:////srv/peerjobs.db", ["http://127.0.0.1:6800", "http://localhost:6801"], False),
    ("sqlite:////srv/peerjobs.db", ["http://127.0.0.1:6800", "http://crawl1:6800"], True),
])
def test_sqlite_only_with_nodes_on_the_same_machine(url, nodes, refused):
    problem = shared_database_problem(url, parse_nodes(",".join(nodes)))
    assert (problem is not None) == refused
    if refused:
        assert "http://crawl1:6800" in problem and "PostgreSQL" in problem


def test_a_source_travels_as_json_and_is_checked_again_on_the_node():
    entry = {"id": "harbor", "platform": "html", "url": "https://harbor.example/jobs", "employer": "Harbor",
             "list_item": "li.job", "title": "h3", "follow": False}
    source = parse_entries([entry]).sources[0]
    assert source_from_json(source_to_json(source)) == source
    scheduled = parse_entries([dict(entry, schedule="0 3 * * *")]).sources[0]
    assert "schedule" not in json.loads(source_to_json(scheduled))  # the scheduler's business only
    with pytest.raises(ValueError, match="not JSON"):
        source_from_json("{")
    with pytest.raises(ValueError, match="platform"):
        source_from_json(json.dumps(dict(entry, platform="nope")))


def test_the_source_spider_hands_over_to_the_platform_spider(tmp_path):
    entry = {"id": "harbor", "platform": "jsonld", "url": "https://harbor.example/careers/", "employer": "Harbor"}
    source = parse_entries([entry]).sources[0]
    spider = SourceEntry.from_crawler(Crawler(SourceEntry, {}), source_json=source_to_json(source), _job="j1")
    assert type(spider) is spider_for("jsonld") and spider.source == source and spider._job == "j1"

    sources_file = tmp_path / "sources.yaml"
    sources_file.write_text(yaml.safe_dump({"sources": [entry]}), encoding="utf-8")
    spider = SourceEntry.from_crawler(Crawler(SourceEntry, {}), source_id="harbor", sources_file=str(sources_file))
    assert spider.source == source
    with pytest.raises(ValueError, match="no valid source 'other'"):
        SourceEntry.from_crawler(Crawler(SourceEntry, {}), source_id="other", sources_file=str(sources_file))
    with pytest.raises(ValueError, match="a source or a source_id is required"):
        SourceEntry.from_crawler(Crawler(SourceEntry, {}))


def test_without_any_node_answering_the_error_names_each_node(tmp_path, caplog):
    dead = [f"http://127.0.0.1:{free_port()}", f"http://127.0.0.1:{free_port()}"]
    dispatcher = ScrapydDispatcher(dead, timeout=2)
    source = parse_entries([{"id": "harbor", "platform": "jsonld", "url": "https://harbor.example/",
                             "employer": "Harbor"}]).sources[0]
    settings = Settings(data_dir=tmp_path, database_url="postgresql+psycopg://u@db/x", index_dir=tmp_path)
    with caplog.at_level(logging.WARNING), pytest.raises(ScrapydError) as raised:
        dispatcher.start(source, settings)
    assert all(url in str(raised.value) for url in dead)
    assert sum("skipped" in record.getMessage() for record in caplog.records) == 2
    job = {"kind": "scrapyd", "node": dead[0], "project": "peerjobs", "job": "harbor-1"}
    with pytest.raises(ScrapydError, match="cannot tell whether job harbor-1"):
        dispatcher.is_running(job)  # the scheduler then takes it as running, until its time limit
    dispatcher.stop(job)  # logged, not raised
    local = {"kind": "local", "host": "web1", "pid": 4242}  # a lock may hold another dispatcher's job
    assert dispatcher.is_running(local) is False
    dispatcher.stop(local)


def small_egg(folder: Path) -> Path:
    egg = folder / "project.egg"
    with zipfile.ZipFile(egg, "w") as archive:
        archive.writestr("config/taxonomy.yaml", "categories: []\n")
        archive.writestr("indexer/migrations/env.py", "# the environment\n")
        archive.writestr("indexer/migrations/versions/0001_first.py", "# the first\n")
    return egg


def test_shipped_files_are_read_out_of_a_zipped_egg_once(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    egg = small_egg(tmp_path)
    taxonomy = shipped_path(egg / "config" / "taxonomy.yaml")
    assert taxonomy.read_text() == "categories: []\n" and not str(taxonomy).startswith(str(egg))
    migrations = shipped_path(egg / "indexer" / "migrations")
    assert sorted(path.name for path in (migrations / "versions").iterdir()) == ["0001_first.py"]
    assert shipped_path(egg / "config" / "taxonomy.yaml") == taxonomy
    assert len(list((tmp_path / "cache").iterdir())) == 1  # one extraction per egg
    plain = tmp_path / "plain.yaml"
    plain.write_text("x")
    assert shipped_path(plain) == plain
    assert shipped_path(tmp_path / "nowhere" / "x.yaml") == tmp_path / "nowhere" / "x.yaml"


def test_an_egg_cache_others_can_write_to_is_refused(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o777)
    monkeypatch.setenv(CACHE_ENV, str(cache))
    with pytest.raises(ShippedFileError, match=CACHE_ENV):
        shipped_path(small_egg(tmp_path) / "config" / "taxonomy.yaml")


# --- real nodes ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("scrapyd")


@pytest.fixture(scope="module")
def egg(workdir) -> Path:
    """Built the documented way: `scrapyd-deploy --build-egg FILE` in the project folder."""
    project = project_copy(workdir / "project", {})
    scrapyd_deploy(project, "--build-egg", str(workdir / "peerjobs.egg"))
    return workdir / "peerjobs.egg"


NODE_ENV = {"PEERJOBS_ALLOW_PRIVATE_NETWORKS": "1"}  # this node crawls loopback test sites


def node_env(workdir: Path) -> dict[str, str]:
    return {**NODE_ENV, "PEERJOBS_EGG_CACHE": str(workdir / "egg-cache")}


def deploy(workdir: Path, egg: Path, name: str, url: str) -> dict:
    """`scrapyd-deploy NAME -p peerjobs --egg FILE` with NAME a [deploy:NAME] target."""
    project = project_copy(workdir / f"deploy-{name}", {name: url})
    result = scrapyd_deploy(project, name, "-p", "peerjobs", "-v", "1", "--egg", str(egg))
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def node(workdir, egg):
    with scrapyd_node(workdir / "node-a", node_env(workdir)) as url:
        answer = deploy(workdir, egg, "a", url)
        assert answer["status"] == "ok" and answer["spiders"] > 1
        yield url


@pytest.fixture(scope="module")
def sites():
    with SampleSites() as running:
        yield running


@pytest.fixture
def pg_settings(tmp_path, postgres_server_url):
    """A PostgreSQL schema of its own, migrated as the scheduler does before it dispatches."""
    with postgres.private_schema(postgres_server_url) as url:
        engine = db.make_engine(url)
        db.migrate(engine)
        engine.dispose()
        yield Settings(data_dir=tmp_path, database_url=url, index_dir=tmp_path / "index")


def rows(settings: Settings, model, *where):
    engine = db.make_engine(settings.database_url)
    try:
        with db.session_factory(engine)() as session:
            return list(session.scalars(select(model).where(*where)))
    finally:
        engine.dispose()


def wait_until(condition, what: str, timeout: float = WAIT, step: float = 0.3):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting ({timeout} s) for {what}")
        time.sleep(step)


def test_the_egg_carries_config_migrations_and_the_settings_entry_point(egg):
    with zipfile.ZipFile(egg) as archive:
        names = set(archive.namelist())
        entry_points = archive.read("EGG-INFO/entry_points.txt").decode()
    assert {"config/taxonomy.yaml", "config/sources.yaml", "crawlers/spiders/source.py",
            "indexer/migrations/env.py", "indexer/migrations/script.py.mako"} <= names
    assert any(name.startswith("indexer/migrations/versions/0001_") for name in names)
    assert "[scrapy]" in entry_points and "settings = crawlers.settings" in entry_points


def test_demo_sites_crawled_on_scrapyd_land_in_postgresql(node, sites, pg_settings, workdir):
    entries = sites.sources()[:2]
    by_json, by_file = parse_entries(entries).sources
    dispatcher = ScrapydDispatcher([node], loopback=True)
    job = dispatcher.start(by_json, pg_settings)
    assert job == json.loads(json.dumps(job))
    assert job["kind"] == "scrapyd" and job["node"] == node and job["project"] == "peerjobs"

    # The fallback for nodes that keep a sources file: the entry looked up by id.
    sources_file = sites.write_sources(workdir / "sources.yaml")
    settings = job_settings(pg_settings, loopback=True, overrides={})
    form = [("project", "peerjobs"), ("spider", "source"), ("source_id", by_file.id),
            ("sources_file", str(sources_file))] + [("setting", f"{k}={v}") for k, v in settings.items()]
    with urlopen(f"{node}/schedule.json", data=urlencode(form).encode(), timeout=10) as response:
        answer = json.loads(response.read())
    assert answer["status"] == "ok", answer
    by_id_job = dict(job, job=answer["jobid"])

    assert dispatcher.is_running(job)
    wait_until(lambda: not dispatcher.is_running(job) and not dispatcher.is_running(by_id_job),
               "both Scrapyd jobs to finish")

    with urlopen(job["log"], timeout=10) as response:
        assert "Spider closed (finished)" in response.read().decode()

    runs = {run.source_id: run for run in rows(pg_settings, CrawlRun)}
    assert set(runs) == {by_json.id, by_file.id}, log_tail(workdir)
    assert all(run.status == "ok" and run.finished_at for run in runs.values()), \
        [(run.source_id, run.status, run.message) for run in runs.values()]
    agencies = {f"demo-{agency['id']}": agency for agency in sites.agencies}
    for source_id, run in runs.items():
        stored = rows(pg_settings, Posting, Posting.source_id == source_id)
        expected = {p["title"] for p in agencies[source_id]["postings"] if not p.get("private")}
        assert {posting.title for posting in stored} == expected
        assert run.new == len(stored) > 0
    assert any(posting.is_peer for posting in rows(pg_settings, Posting))  # the egg's taxonomy was read
    assert list((workdir / "egg-cache").glob("*/config/taxonomy.yaml"))  # ... out of the egg


def log_tail(workdir: Path) -> str:
    logs = sorted((workdir / "node-a" / "logs").rglob("*.log"), key=lambda path: path.stat().st_mtime)
    return logs[-1].read_text()[-3000:] if logs else "no job log"


class SlowListing(BaseHTTPRequestHandler):
    """Listing pages that each take a moment and always have a next page: a crawl that lasts."""

    delay = 0.25

    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path == "/robots.txt":
            return self._send(b"User-agent: *\nAllow: /\n", "text/plain")
        page = int(parse_qs(parts.query).get("page", ["1"])[0])
        time.sleep(self.delay)
        body = (f'<html><body><ul><li class="job"><h3>Peer Support Specialist {page}</h3></li></ul>'
                f'<a rel="next" href="/jobs?page={page + 1}">next</a></body></html>').encode()
        self._send(body, "text/html; charset=utf-8")

    def _send(self, body: bytes, content_type: str):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def slow_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowListing)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_least_busy_node_gets_the_crawl_and_stop_cancels_it(node, egg, sites, slow_site, pg_settings,
                                                            workdir, caplog):
    slow = parse_entries([{"id": "slow", "platform": "html", "url": f"{slow_site}/jobs?page=1",
                           "employer": "Slow Agency", "list_item": "li.job", "title": "h3",
                           "next": "a[rel~=next]", "follow": False, "max_pages": 1000}]).sources[0]
    quick: SourceConfig = parse_entries(sites.sources()[:1]).sources[0]
    dead = f"http://127.0.0.1:{free_port()}"
    with scrapyd_node(workdir / "node-b", node_env(workdir)) as other:
        dispatcher = ScrapydDispatcher([dead, other, node], loopback=True, timeout=30)  # a node busy deploying may answer slowly
        with caplog.at_level(logging.WARNING):
            slow_job = dispatcher.start(slow, pg_settings)
        # The dead node is skipped; the idle node without the project refuses; the next takes it.
        assert slow_job["node"] == node
        messages = [record.getMessage() for record in caplog.records]
        assert any(dead in message and "skipped" in message for message in messages)
        assert any(other in message and "project 'peerjobs' not found" in message for message in messages)

        deploy(workdir, egg, "b", other)
        assert dispatcher.is_running(slow_job)
        quick_job = dispatcher.start(quick, pg_settings)
        assert quick_job["node"] == other  # node a is busy with the slow crawl

        wait_until(lambda: rows(pg_settings, CrawlRun, CrawlRun.source_id == "slow"), "the slow crawl to start")
        dispatcher.stop(slow_job)
        wait_until(lambda: not dispatcher.is_running(slow_job), "the slow crawl to stop", timeout=30)
        wait_until(lambda: not dispatcher.is_running(quick_job), "the quick crawl to finish")

    runs = {run.source_id: run for run in rows(pg_settings, CrawlRun)}
    assert runs["slow"].status == "cancelled", (runs["slow"].status, runs["slow"].message)
    assert runs["slow"].finished_at is not None
    assert runs[quick.id].status == "ok", runs[quick.id].message
    assert rows(pg_settings, Posting, Posting.source_id == quick.id)
