"""Crawl health: the pure rules on crafted run histories, figures read from stats and coverage,
and the store's view of each source (latest state, failing runs in a row, good history)."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import text

from peerjobs.crawl_command import _print_runs
from indexer import health, store
from indexer.store import db
from indexer.health import RunFigures, Share, Verdict
from indexer.store.models import CrawlRun

HEALTHY, DEGRADED, FAILING = "healthy", "degraded", "failing"


def run(items=10, pages=None, errors=0, status="ok", finished=True, responses=None, coverage=None, **extra):
    """A run of `items` postings over items + 1 pages, every page answering 200 unless told."""
    pages = items + 1 if pages is None else pages
    return RunFigures(status=status, finished=finished, pages=pages, items=items, errors=errors,
                      responses={200: pages} if responses is None else responses,
                      coverage=coverage or {}, **extra)


def usual(*counts, **kwargs):
    return [run(items=count, **kwargs) for count in counts]


def fields(title=(20, 20), location=(20, 20), pay=(18, 20), date=(20, 20)):
    return {name: Share(*value) for name, value in
            (("title", title), ("location", location), ("pay", pay), ("date", date)) if value}


# --------------------------------------------------------------------------- the rules


@pytest.mark.parametrize("case, figures, history, state, reasons", [
    # Fixed limits: judged with or without history.
    ("a clean first run", run(items=5), [], HEALTHY, []),
    ("a clean run like the last ones", run(items=5), usual(5, 5, 6), HEALTHY, []),
    ("no history and no postings: the listing may have changed shape", run(items=0, pages=1), [], DEGRADED,
     ["the listing page held no jobs on the source's first run"]),
    ("no postings now or in the last runs", run(items=0, pages=1), usual(0, 0), DEGRADED,
     ["the listing page held no jobs, nor did it on the last 2 runs"]),
    ("no postings after one run that found 12", run(items=0, pages=1), usual(12), FAILING,
     ["the listing page held no jobs; the last run found 12"]),
    ("start page 500 on every try",
     run(items=0, pages=1, errors=1, status="failed", responses={200: 1, 500: 3},
         message="HTTP 500 from http://a.example/careers/"), [],
     FAILING, ["the start page (http://a.example/careers/) answered HTTP 500 on all 3 tries; no postings were read"]),
    ("start page 503 once, with history",
     run(items=0, pages=1, errors=1, status="failed", responses={200: 1, 503: 1},
         message="HTTP 503 from http://a.example/jobs"), usual(5),
     FAILING, ["the start page (http://a.example/jobs) answered HTTP 503; no postings were read"]),
    ("host not found", run(items=0, pages=0, errors=1, status="failed", responses={},
                           message="could not find the host of http://x.invalid/ (DNS lookup failed)"), [],
     FAILING, ["the run failed: could not find the host of http://x.invalid/ (DNS lookup failed)"]),
    ("failed with no message", run(items=0, status="failed"), [], FAILING, ["the run failed"]),
    ("cancelled", run(items=2, status="cancelled", finished=False), usual(5), FAILING,
     ["the run was stopped before it finished"]),
    ("timed out", run(items=2, status="timeout", finished=False), [], FAILING,
     ["the run took longer than its time limit and was stopped"]),
    ("still running", run(items=0, status="running", finished=False), [], FAILING,
     ["the run ended as 'running'"]),
    ("robots.txt 503", run(items=0, pages=1, status="failed", responses={503: 1}, robots_problem="HTTP 503"),
     usual(5), FAILING, ["robots.txt could not be read (HTTP 503); nothing was fetched"]),
    ("robots.txt timed out", run(items=0, pages=0, status="failed", responses={}, robots_problem="timed out"),
     [], FAILING, ["robots.txt could not be read (timed out); nothing was fetched"]),
    ("page cap hit: listing incomplete", run(items=900, pages=5000, status="partial", finished=False),
     usual(950), FAILING,
     ["the run stopped before reading every page, so postings it did not reach may still be open"]),
    ("half the pages failed", run(items=4, pages=10, errors=5, status="partial"), usual(9),
     FAILING, ["5 of 10 pages failed", "found 4 postings; usually 9"]),
    ("more errors than pages read", run(items=3, pages=2, errors=4, status="partial"), [],
     FAILING, ["4 errors in 2 pages read"]),
    ("one bad page in twelve", run(items=10, pages=12, errors=1, status="partial"), usual(10),
     DEGRADED, ["1 of 12 pages failed"]),
    ("one bad page in fifty is normal", run(items=48, pages=50, errors=1, status="partial"), usual(48),
     HEALTHY, []),
    ("41% of responses 5xx", run(items=10, pages=17, responses={200: 10, 503: 7}), usual(10),
     FAILING, ["41% of pages answered HTTP 5xx"]),
    ("a few 5xx retried", run(items=20, responses={200: 21, 502: 2}), usual(20),
     DEGRADED, ["9% of pages answered HTTP 5xx"]),
    ("a single 5xx retried is nothing", run(items=20, responses={200: 21, 502: 1}), usual(20), HEALTHY, []),
    ("most pages 4xx, no history", run(items=2, pages=8, responses={200: 3, 404: 5}), [],
     DEGRADED, ["62% of pages answered HTTP 4xx"]),
    ("4xx far above usual", run(items=10, pages=16, responses={200: 10, 403: 6}),
     usual(10, responses={200: 10, 404: 1}), DEGRADED, ["38% of pages answered HTTP 4xx (usually 9%)"]),
    ("4xx as usual", run(items=10, pages=16, responses={200: 10, 404: 6}),
     usual(10, responses={200: 10, 404: 5}), HEALTHY, []),
    # Postings against the source's usual number.
    ("far fewer postings", run(items=1, pages=3), usual(5, 6, 5, 5, 7), FAILING, ["found 1 posting; usually 5"]),
    ("2 of 14", run(items=2), usual(14, 14, 15), FAILING, ["found 2 postings; usually 14"]),
    ("none where there were dozens", run(items=0, pages=3), usual(40, 38), FAILING,
     ["the listing page held no jobs; the last runs found 39"]),
    ("a tiny source lost its only two jobs", run(items=0, pages=2), usual(2, 2), DEGRADED,
     ["the listing page held no jobs; the last runs found 2"]),
    ("a drop of two is not alarming", run(items=1, pages=2), usual(3), HEALTHY, []),
    ("at least half of usual, a small drop", run(items=3, pages=4), usual(5, 6), HEALTHY, []),
    ("70% of usual", run(items=14), usual(20, 20, 21), DEGRADED, ["found 14 postings; usually 20"]),
    ("85% of usual", run(items=17), usual(20, 20, 21), HEALTHY, []),
    ("more than usual", run(items=40), usual(20), HEALTHY, []),
    ("usual is the median, not one odd run", run(items=9), usual(10, 40, 9), HEALTHY, []),
    # Field coverage.
    ("titles gone: selectors broke", run(items=2, coverage=fields(title=(2, 20))), [], FAILING,
     ["title missing on 18 of 20 postings found"]),
    ("titles gone, and far fewer postings", run(items=2, coverage=fields(title=(2, 20), pay=(2, 2))),
     usual(20, coverage=fields()), FAILING,
     ["found 2 postings; usually 20", "title missing on 18 of 20 postings found"]),
    ("pay went missing", run(items=20, coverage=fields(pay=(4, 20))), usual(20, coverage=fields(pay=(19, 20))),
     DEGRADED, ["pay missing on 16 of 20 postings (usually missing on 1 of 20)"]),
    ("location and date went missing", run(items=20, coverage=fields(location=(5, 20), date=(0, 20))),
     usual(20, coverage=fields()), DEGRADED,
     ["location missing on 15 of 20 postings (usually missing on 0 of 20)",
      "date missing on 20 of 20 postings (usually missing on 0 of 20)"]),
    ("pay never given: nothing changed", run(items=20, coverage=fields(pay=(0, 20))),
     usual(20, coverage=fields(pay=(0, 20))), HEALTHY, []),
    ("pay a little lower", run(items=20, coverage=fields(pay=(14, 20))), usual(20, coverage=fields(pay=(19, 20))),
     HEALTHY, []),
    ("too few postings to compare coverage", run(items=4, coverage=fields(pay=(0, 4))),
     usual(4, coverage=fields(pay=(4, 4))), HEALTHY, []),
    ("no coverage history", run(items=20, coverage=fields(pay=(0, 20))), usual(20), HEALTHY, []),
    ("no history: coverage not judged", run(items=20, coverage=fields(pay=(0, 20))), [], HEALTHY, []),
    # Several findings: failing ones first, then what is degraded.
    ("failing and degraded together", run(items=4, pages=20, errors=5, status="partial",
                                          coverage=fields(pay=(0, 5), title=(5, 5), location=(5, 5), date=(5, 5))),
     usual(20, coverage=fields(pay=(20, 20))), FAILING,
     ["5 of 20 pages failed", "found 4 postings; usually 20",
      "pay missing on 5 of 5 postings (usually missing on 0 of 5)"]),
])
def test_judge(case, figures, history, state, reasons):
    verdict = health.judge(figures, history)
    assert (verdict.state, verdict.reasons) == (state, reasons), case
    assert verdict.may_close is (state != FAILING)


def test_robots_deferral_is_failing_whatever_the_figures():
    verdict = health.judge(run(items=5, robots_problem="HTTP 429"), usual(5), deferred=True)
    assert verdict == Verdict(FAILING, ["robots.txt could not be read (HTTP 429); nothing was fetched"])
    assert health.judge(run(items=0), [], deferred=True).reason == \
        "robots.txt could not be read; nothing was fetched"


def test_reason_joins_the_findings_and_is_none_when_healthy():
    assert Verdict(HEALTHY).reason is None
    assert Verdict(DEGRADED, ["a", "b"]).reason == "a; b"


# --------------------------------------------------------------------------- figures


def test_figures_from_stats_and_coverage():
    stats = {"downloader/response_status_count/200": 9, "downloader/response_status_count/301": 1,
             "downloader/response_status_count/404": 2, "downloader/response_status_count/503": 3,
             "robotstxt/response_status_count/200": 1, "peerjobs/errors": 1}
    coverage = {"fields": {
        "title": {"present": 8, "missing": 0, "invalid": 0, "reasons": {}},
        "city": {"present": 5, "missing": 3, "invalid": 0, "reasons": {}},
        "state": {"present": 7, "missing": 1, "invalid": 0, "reasons": {}},
        "pay_min": {"present": 2, "missing": 4, "invalid": 2, "reasons": {"no figures in the pay given": 2}},
        "date_posted": {"present": 8, "missing": 0, "invalid": 0, "reasons": {}}},
        "dropped": {"no_title": 2, "duplicate": 1}, "problems": {}}
    figures = health.figures("partial", True, {"pages": 15, "items": 8, "errors": 1}, stats, coverage, "1 errors")
    assert (figures.status, figures.finished, figures.pages, figures.items, figures.errors) == \
        ("partial", True, 15, 8, 1)
    assert figures.responses == {200: 9, 301: 1, 404: 2, 503: 3}
    assert figures.status_mix == {"2xx": 9, "3xx": 1, "4xx": 2, "5xx": 3}
    assert figures.share_of("5xx") == 0.2
    # Postings dropped for having no title count as missing it; location is city or state.
    assert figures.coverage == {"title": Share(8, 10), "location": Share(7, 8), "pay": Share(2, 8),
                                "date": Share(8, 8)}
    assert figures.coverage_shares["title"] == 0.8
    assert figures.robots_problem is None


@pytest.mark.parametrize("stats, problem", [
    ({"robotstxt/response_status_count/503": 1}, "HTTP 503"),
    ({"robotstxt/response_status_count/429": 1}, "HTTP 429"),
    ({"robotstxt/response_status_count/404": 1}, None),   # no robots.txt: no rules, not a problem
    ({"robotstxt/exception_count/<class 'twisted.internet.error.TimeoutError'>": 1}, "timed out"),
    ({"robotstxt/exception_count/<class 'twisted.internet.error.ConnectionRefusedError'>": 1},
     "connection refused"),
    ({"robotstxt/exception_count/<class 'scrapy.exceptions.CannotResolveHostError'>": 1}, "host not found"),
    ({"robotstxt/exception_count/<class 'crawlers.network_guard.RequestRefused'>": 1},
     "its address is not allowed"),
    ({"robotstxt/exception_count/<class 'OSError'>": 1}, "OSError"),
])
def test_robots_problem_from_stats(stats, problem):
    assert health.figures("failed", True, {}, stats).robots_problem == problem


def test_empty_coverage_gives_no_shares():
    assert health.figures("ok", True, {}, {}, {}).coverage == {}
    assert health.figures("ok", True, {}, {}, {"fields": {}, "dropped": {"no_title": 3}}).coverage == \
        {"title": Share(0, 3)}


# --------------------------------------------------------------------------- the store

T0 = datetime(2026, 11, 1, 12)


@pytest.fixture
def sources(session):
    for source_id in ("steady", "broken", "recovered", "never", "other"):
        store.upsert_source(session, store.SourceRecord(source_id, "jsonld", f"http://{source_id}.example/", "A"))
    return session


def record(session, source_id: str, state: str | None, items: int = 10, at: int = 0, **counts):
    run = store.start_run(session, source_id, now=T0 + timedelta(hours=at))
    if state is None:  # still running
        return run
    verdict = Verdict(state, [] if state == HEALTHY else [f"{state} at {at}"])
    stats = {"downloader/response_status_count/200": items + 1}
    coverage = {"fields": {"pay_min": {"present": items // 2, "missing": items - items // 2, "invalid": 0}}}
    store.finish_run(session, run.id, "ok" if state != FAILING else "failed", {"items": items, "pages": items + 1,
                     **counts}, stats=stats, health=verdict, coverage=coverage)
    return run


def test_source_health_latest_state_and_failing_runs_in_a_row(sources):
    session = sources
    for hour, state in enumerate([HEALTHY, HEALTHY, DEGRADED]):
        record(session, "steady", state, at=hour)
    for hour, state in enumerate([HEALTHY, FAILING, DEGRADED, FAILING, FAILING, FAILING]):
        record(session, "broken", state, at=hour)
    record(session, "broken", None, at=9)  # a run in progress does not hide the latest verdict
    for hour, state in enumerate([FAILING, FAILING, HEALTHY]):
        record(session, "recovered", state, at=hour)
    record(session, "other", FAILING, at=0)
    record(session, "other", FAILING, at=1)
    session.commit()

    found = store.source_health(session)
    assert {source: (h.state, h.reason, h.failing_runs) for source, h in found.items()} == {
        "steady": (DEGRADED, "degraded at 2", 0),
        "broken": (FAILING, "failing at 5", 3),
        "recovered": (HEALTHY, None, 0),
        "other": (FAILING, "failing at 1", 2),    # never good: every run counts
    }
    last = found["broken"].last_run
    assert (last.status, last.items, last.started_at) == ("failed", 10, T0 + timedelta(hours=5))
    assert set(store.source_health(session, ["broken", "never"])) == {"broken"}
    assert store.source_health(session, []) == {}


def test_recent_good_runs_are_healthy_or_degraded_newest_first(sources):
    session = sources
    for hour, (state, items) in enumerate([(HEALTHY, 8), (DEGRADED, 6), (FAILING, 1), (HEALTHY, 9),
                                           (HEALTHY, 10), (HEALTHY, 11), (HEALTHY, 12)]):
        record(session, "steady", state, items=items, at=hour)
    record(session, "other", HEALTHY, items=99, at=9)
    current = record(session, "steady", None, at=10)
    session.commit()
    history = store.recent_good_runs(session, "steady", current.id)
    assert [figures.items for figures in history] == [12, 11, 10, 9, 6]
    assert history[0].responses == {200: 13} and history[0].coverage == {"pay": Share(6, 12)}
    assert [figures.items for figures in store.recent_good_runs(session, "steady", current.id, limit=2)] == [12, 11]
    # What the recorder does with them: this run has a quarter of the usual postings.
    verdict = health.judge(run(items=2), history)
    assert verdict == Verdict(FAILING, ["found 2 postings; usually 10"])


def test_migration_0005_renames_unhealthy_runs_failing(database_url):
    engine = db.make_engine(database_url)
    config = db.alembic_config(engine)
    command.upgrade(config, "0004")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO sources (id, platform, url, employer, enabled, options, created_at, updated_at) "
                          "VALUES ('agency', 'jsonld', 'http://a/', 'Agency', :yes, '{}', :t, :t)"),
                     {"yes": True, "t": T0})
        for health_value in ("healthy", "unhealthy", None):
            conn.execute(text("INSERT INTO crawl_runs (source_id, started_at, status, pages, items, new, updated, "
                              "errors, stats, health) VALUES ('agency', :t, 'ok', 1, 1, 0, 0, 0, '{}', :health)"),
                         {"t": T0, "health": health_value})
    command.upgrade(config, "head")

    def states():
        with engine.connect() as conn:
            return list(conn.execute(text("SELECT health FROM crawl_runs ORDER BY id")).scalars())

    assert states() == ["healthy", "failing", None]
    command.downgrade(config, "0004")
    assert states() == ["healthy", "unhealthy", None]
    engine.dispose()


def test_the_crawl_command_prints_failing_and_degraded_runs_with_their_reasons():
    def crawl_run(source_id, state, reason):
        return CrawlRun(source_id=source_id, status="ok", pages=3, items=2, new=0, updated=0, errors=0,
                        stats={}, health=state, health_reason=reason)

    lines = []
    _print_runs([crawl_run("b", FAILING, "found 2 postings; usually 14"), crawl_run("a", HEALTHY, None),
                 crawl_run("c", DEGRADED, "pay missing on 16 of 20 postings (usually missing on 1 of 20)")],
                lambda text, **_: lines.append(text))
    assert lines[1].startswith("a ") and len(lines) == 6
    assert lines[3] == "    failing: found 2 postings; usually 14; postings it missed stay open"
    assert lines[5] == "    degraded: pay missing on 16 of 20 postings (usually missing on 1 of 20)"
