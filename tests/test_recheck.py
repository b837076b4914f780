"""Re-checking reported postings against a real loopback site: a page answering 404, expired
or saying it is filled closes its posting; an open page stays open; a page robots.txt
disallows is not fetched and the result says so. Run by `peerjobs recheck` and the scheduler."""
from __future__ import annotations

from datetime import datetime
from http.server import BaseHTTPRequestHandler

import pytest
import yaml
from click.testing import CliRunner

from crawlers.recheck_verdict import verdict_of_page
from foundation.schedules import Schedules
from indexer import store
from indexer.store import db
from peerjobs.cli import main
from peerjobs.scheduling.dispatch import LocalDispatcher
from crawlers.settings import LOOPBACK_OVERRIDES
from peerjobs.scheduling.rechecks import recheck_command, run_rechecks
from peerjobs.scheduling.service import Scheduler
from tests.support.loopback import serving_handler
from tests.browser_support import SOURCE, posting
from tests.web_support import seed_postings

NOW = datetime(2026, 12, 7, 12, 0)
JSONLD = '{"@type": "JobPosting", "title": "Peer Specialist", "validThrough": "%s"}'
PAGES = {
    "/robots.txt": (200, "User-agent: *\nDisallow: /private/\n"),
    "/jobs/open": (200, "<html><body><h1>Peer Specialist</h1><p>Apply today.</p></body></html>"),
    "/jobs/filled": (200, "<html><body><p>This position has   been filled. Thank you.</p></body></html>"),
    "/jobs/expired": (200, '<html><head><script type="application/ld+json">' + JSONLD % "2020-01-31"
                      + "</script></head><body>Peer Specialist</body></html>"),
    "/private/job": (200, "<html><body>Peer Specialist</body></html>"),
    "/jobs/broken": (500, "oops"),
}


@pytest.mark.parametrize("status, text, blocks, expected", [
    (404, "", [], "closed: the page answered HTTP 404"),
    (410, "", [], "closed: the page answered HTTP 410"),
    (200, "We are no longer accepting applications for this role", [], "closed: the page says “no longer accepting applications”"),
    (200, "Apply", [JSONLD % "2026-12-01"], "closed: its validThrough (2026-12-01) has passed"),
    (200, "Apply", [JSONLD % "2027-01-31"], "open: the page answered HTTP 200 and does not say it is closed"),
    (200, "Apply", ["{not json"], "open: the page answered HTTP 200 and does not say it is closed"),
    (403, "", [], "not fetched: the page answered HTTP 403; the posting is left as it was"),
])
def test_the_verdict_of_a_page(status, text, blocks, expected):
    assert verdict_of_page(status, text, blocks, NOW).words() == expected


class Site(BaseHTTPRequestHandler):
    asked: list[str] = []

    def do_GET(self):
        Site.asked.append(self.path)
        status, body = PAGES.get(self.path, (404, "<html><body>Not found</body></html>"))
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    with serving_handler(Site) as origin:
        yield origin


def reported(settings, site: str, paths: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Postings at `paths` of the site, each reported closed: (posting id, report id) by name."""
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    with db.session_factory(engine)() as session:
        ids = seed_postings(session, SOURCE, {name: posting(url=site + path, title=f"Peer Specialist {name}")
                                              for name, path in paths.items()})
        reports = {name: store.add_report(session, ids[name], "closed", None, f"key-{name}").id for name in ids}
        session.commit()
    engine.dispose()
    return {name: (ids[name], reports[name]) for name in ids}


def outcome(settings, ids: dict[str, tuple[int, int]]) -> dict[str, tuple[str, str]]:
    engine = db.make_engine(settings.database_url)
    with db.session_factory(engine)() as session:
        found = {name: (store.get_posting(session, pid).status, store.get_report(session, rid).recheck_result or "")
                 for name, (pid, rid) in ids.items()}
    engine.dispose()
    return found


def test_a_recheck_closes_gone_filled_and_expired_pages_and_leaves_the_rest(sqlite_settings, site):
    ids = reported(sqlite_settings, site, {"gone": "/jobs/gone", "open": "/jobs/open", "filled": "/jobs/filled",
                                           "expired": "/jobs/expired", "private": "/private/job",
                                           "broken": "/jobs/broken"})
    Site.asked.clear()
    said = []
    assert recheck_command(sqlite_settings, {}, True, echo=said.append) == 0
    found = outcome(sqlite_settings, ids)
    assert found["gone"] == ("closed", "closed: the page answered HTTP 404")
    assert found["filled"] == ("closed", "closed: the page says “this position has been filled”")
    assert found["expired"] == ("closed", "closed: its validThrough (2020-01-31) has passed")
    assert found["open"] == ("open", "open: the page answered HTTP 200 and does not say it is closed")
    assert found["private"][0] == "open" and found["private"][1].startswith("not fetched: robots.txt")
    assert found["broken"][0] == "open" and found["broken"][1].startswith("not fetched: HTTP 500")
    assert "/private/job" not in Site.asked and Site.asked.count("/robots.txt") == 1
    assert len(said) == 6 and any(line.startswith(f"report {ids['gone'][1]}, posting") for line in said)
    with db.session_factory(db.make_engine(sqlite_settings.database_url))() as session:
        job = store.get_posting(session, ids["gone"][0])
        assert job.closed_reason == "re-checked after a report: the page answered HTTP 404"
        assert store.rechecks_due(session) == []


def test_peerjobs_recheck_with_nothing_waiting(sqlite_settings):
    env = {"PEERJOBS_DATA_DIR": str(sqlite_settings.data_dir), "PEERJOBS_DATABASE_URL": sqlite_settings.database_url}
    result = CliRunner().invoke(main, ["recheck", "--loopback"], env=env)
    assert (result.exit_code, result.output) == (0, "No reports are waiting for a re-check.\n")


def test_the_scheduler_rechecks_at_its_next_poll(sqlite_settings, site, tmp_path):
    ids = reported(sqlite_settings, site, {"gone": "/jobs/gone-too"})
    sources_file = tmp_path / "sources.yaml"
    sources_file.write_text(yaml.safe_dump({"sources": []}))
    scheduler = Scheduler(sqlite_settings, Schedules(), LocalDispatcher(loopback=True), sources_file=sources_file,
                          notify=False)
    try:
        assert "reports:recheck" in scheduler.tick().ran
        assert outcome(sqlite_settings, ids)["gone"] == ("closed", "closed: the page answered HTTP 404")
        assert "reports:recheck" not in scheduler.tick().ran
    finally:
        scheduler.close()


def test_every_request_waiting_for_robots_txt_obeys_it(sqlite_settings, site):
    """Several pages of one host asked for at once all wait for its robots.txt, and all obey it
    (Scrapy's own middleware handed the rules to the first waiter only; the others fetched)."""
    paths = {f"p{n}": f"/private/page-{n}" for n in range(4)}
    ids = reported(sqlite_settings, site, paths)
    Site.asked.clear()
    assert recheck_command(sqlite_settings, {}, True, echo=lambda *_: None) == 0
    assert not [path for path in Site.asked if path.startswith("/private/")]
    assert {result.split(";")[0] for _status, result in outcome(sqlite_settings, ids).values()} == \
        {"not fetched: robots.txt does not allow fetching the page"}


def test_a_recheck_that_does_not_finish_is_recorded_and_not_started_again(sqlite_settings, site):
    ids = reported(sqlite_settings, site, {"open": "/jobs/open"})
    engine = db.make_engine(sqlite_settings.database_url)
    results = run_rechecks(sqlite_settings, engine, LOOPBACK_OVERRIDES, timeout=0)
    assert [result for _check, result in results] == [results[0][1]]
    assert results[0][1].startswith("not re-checked: the re-check process ended with exit code")
    assert outcome(sqlite_settings, ids)["open"] == ("open", results[0][1])
    with db.session_factory(engine)() as session:
        assert store.rechecks_due(session) == []
    engine.dispose()
