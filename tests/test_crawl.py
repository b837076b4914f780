"""The JSON-LD spider against the sample agency sites on loopback, through every pipeline."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from crawlers.runner import crawl_in_child
from crawlers.settings import LOOPBACK_OVERRIDES
from crawlers.sources import SourceConfig, parse_entries
from indexer.store import db
from indexer.store.models import CrawlRun, Posting
from peerjobs.demo import SampleSites


@pytest.fixture(scope="module")
def sites():
    with SampleSites() as running:
        yield running


def demo_sources(sites, *agency_ids) -> list[SourceConfig]:
    entries = [s for s in sites.sources() if not agency_ids or s["id"] in {f"demo-{a}" for a in agency_ids}]
    return parse_entries(entries).sources


def crawl(sources, settings) -> None:
    assert crawl_in_child(sources, settings, LOOPBACK_OVERRIDES, timeout=120) == 0


def rows(engine, model, *where):
    with db.session_factory(engine)() as session:
        return list(session.scalars(select(model).where(*where)))


def expected_postings(agency) -> set[str]:
    """Titles a polite crawler can read: everything but pages under /private/."""
    return {p["title"] for p in agency["postings"] if not p.get("private")}


def test_crawl_stores_every_posting_once_and_recrawl_updates(sites, settings, engine):
    sources = demo_sources(sites)
    crawl(sources, settings)
    runs = rows(engine, CrawlRun)
    assert {run.source_id for run in runs} == {source.id for source in sources}
    assert all(run.status in ("ok", "partial") and run.finished_at for run in runs), \
        [(run.source_id, run.status, run.message) for run in runs]
    stored = rows(engine, Posting)
    assert len(stored) == sum(run.new for run in runs) == sum(run.items for run in runs)
    total_expected = sum(len(expected_postings(a)) for a in sites.agencies)
    assert len(stored) == total_expected
    first_seen = {p.id: p.first_seen for p in stored}

    crawl(sources, settings)
    again = rows(engine, Posting)
    assert len(again) == len(stored)
    second_runs = [run for run in rows(engine, CrawlRun) if run.id not in {r.id for r in runs}]
    assert sum(run.new for run in second_runs) == 0
    assert sum(run.updated for run in second_runs) == 0
    for posting in again:
        assert posting.first_seen == first_seen[posting.id]
        assert posting.last_seen > posting.first_seen


def test_robots_txt_keeps_private_pages_out(sites, sqlite_settings):
    engine = db.make_engine(sqlite_settings.database_url)
    crawl(demo_sources(sites), sqlite_settings)
    urls = [p.url for p in rows(engine, Posting)]
    assert urls and not any("/private/" in url for url in urls)


def test_pages_are_parsed_into_clean_fields(sites, sqlite_settings):
    engine = db.make_engine(sqlite_settings.database_url)
    crawl(demo_sources(sites), sqlite_settings)
    stored = rows(engine, Posting)
    for posting in stored:
        html = posting.description_html
        assert "<script" not in html and "onclick" not in html and "<img" not in html
        assert "<iframe" not in html and "javascript:" not in html
        assert posting.apply_url.startswith("http://127.")
    located = [p for p in stored if not p.remote]
    assert sum(p.latitude is not None for p in located) >= 0.95 * len(located)
    assert sum(p.date_posted is not None for p in stored) == len(stored)
    assert any(p.pay_hourly_min for p in stored)
    dayton = [p for p in stored if p.city == "Dayton" and p.state == "OH"]
    assert any("coach" in p.title.lower() and p.employment_type == "PART_TIME" for p in dayton)


def test_malformed_json_ld_costs_only_itself(sites, sqlite_settings):
    engine = db.make_engine(sqlite_settings.database_url)
    crawl(demo_sources(sites), sqlite_settings)
    problems = sum(run.stats.get("peerjobs/page_problems", 0) for run in rows(engine, CrawlRun))
    assert problems >= 1
    stored_titles = {p.title for p in rows(engine, Posting)}
    assert all(expected_postings(a) <= stored_titles for a in sites.agencies)


def test_failing_source_is_recorded_and_others_still_crawl(sites, sqlite_settings):
    engine = db.make_engine(sqlite_settings.database_url)
    broken, healthy = sites.agencies[0]["id"], sites.agencies[1]["id"]
    unreachable = parse_entries([{"id": "nowhere", "platform": "jsonld", "url": "http://nowhere.invalid/careers/",
                                  "employer": "Nowhere"}]).sources
    sites.set_failure(broken, 503)
    try:
        crawl(demo_sources(sites, broken, healthy) + unreachable, sqlite_settings)
    finally:
        sites.set_failure(broken, None)
    by_source = {run.source_id: run for run in rows(engine, CrawlRun)}
    assert by_source[f"demo-{broken}"].status == "failed"
    assert "503" in by_source[f"demo-{broken}"].message
    assert by_source["nowhere"].status == "failed"
    assert "could not find the host" in by_source["nowhere"].message
    assert by_source[f"demo-{healthy}"].status == "ok"
    assert by_source[f"demo-{healthy}"].new == len(expected_postings(sites.agencies[1]))


def test_removed_posting_closes_after_two_crawls_and_failing_runs_close_nothing(sites, sqlite_settings):
    """Crawl; remove one posting, make one source answer 503 and another lose most postings;
    crawl twice more: exactly the removed posting is closed, and keeps its page."""
    engine = db.make_engine(sqlite_settings.database_url)
    steady, failing, shrinking = sites.agencies[0], sites.agencies[1], sites.agencies[2]
    sources = demo_sources(sites, steady["id"], failing["id"], shrinking["id"])
    crawl(sources, sqlite_settings)
    first_runs = rows(engine, CrawlRun)
    assert [run.health for run in first_runs] == ["healthy"] * 3, [(r.source_id, r.health_reason) for r in first_runs]
    removed = steady["postings"][0]
    shrunk = [posting["id"] for posting in shrinking["postings"][1:]]
    sites.hide_posting(steady["id"], removed["id"])
    sites.set_failure(failing["id"], 503)
    for posting_id in shrunk:
        sites.hide_posting(shrinking["id"], posting_id)
    try:
        crawl(sources, sqlite_settings)
        assert not rows(engine, Posting, Posting.status == "closed")  # one miss closes nothing
        crawl(sources, sqlite_settings)
    finally:
        sites.set_failure(failing["id"], None)
        for agency, posting_id in [(steady["id"], removed["id"])] + [(shrinking["id"], p) for p in shrunk]:
            sites.show_posting(agency, posting_id)

    [closed] = rows(engine, Posting, Posting.status == "closed")
    assert closed.title == removed["title"] and closed.closed_reason == "detail page 404"
    assert closed.description_text and closed.apply_url and closed.closed_at > closed.last_verified_open
    later_runs = [run for run in rows(engine, CrawlRun) if run.id not in {r.id for r in first_runs}]
    health = {(run.source_id, run.health, run.health_reason) for run in later_runs}
    usual = len(expected_postings(shrinking))
    blocked = "robots.txt could not be read (HTTP 503); nothing was fetched"
    assert health == {(f"demo-{steady['id']}", "healthy", None), (f"demo-{failing['id']}", "failing", blocked),
                      (f"demo-{shrinking['id']}", "failing", f"found 1 posting; usually {usual}")}
    steady_run = max((run for run in later_runs if run.source_id == f"demo-{steady['id']}"), key=lambda r: r.id)
    assert steady_run.coverage["fields"]["title"]["present"] == steady_run.items == len(steady["postings"]) - 1
