"""When postings close: the pure rules, the store applying them, real crawls (whether a run may close
anything is indexer.health's, tested in test_health.py)."""
import json
import threading
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from crawlers.pipelines.coverage import READ_FROM, coverage_from_stats, field_states
from crawlers.pipelines.dedupe import DedupePipeline
from crawlers.runner import crawl_in_child
from crawlers.settings import LOOPBACK_OVERRIDES
from crawlers.sources import parse_entries
from indexer import health, lifecycle, store
from indexer.store import db
from indexer.store.models import CrawlRun, Posting, PostingSource

T0 = datetime(2026, 11, 1, 12)
NOW = T0


@pytest.mark.parametrize("sightings, closes", [
    ([], False),
    ([(1, NOW)], False),
    ([(2, NOW)], True),
    ([(3, NOW)], True),
    ([(2, NOW), (0, NOW)], False),                       # another source still lists it
    ([(2, NOW), (0, NOW - timedelta(days=30))], True),   # ... a source no longer crawled does not count
    ([(2, NOW), (2, NOW)], True),
])
def test_closes_by_absence(sightings, closes):
    assert lifecycle.closes_by_absence(sightings, NOW) is closes


@pytest.mark.parametrize("valid_through, expired", [
    (None, False), (NOW + timedelta(seconds=1), False), (NOW, False), (NOW - timedelta(seconds=1), True),
])
def test_is_expired(valid_through, expired):
    assert lifecycle.is_expired(valid_through, NOW) is expired


@pytest.mark.parametrize("status, gone", [(404, True), (410, True), (200, False), (500, False),
                                          (503, False), (None, False)])
def test_is_gone(status, gone):
    assert lifecycle.is_gone(status) is gone


# --------------------------------------------------------------------------- field coverage


@pytest.mark.parametrize("raw, normalized, expected", [
    ({"date_posted": "2026-10-30"}, {"date_posted": date(2026, 10, 30)}, {"date_posted": "present"}),
    ({"date_posted": "last Tuesdayish"}, {"date_posted": None}, {"date_posted": "invalid"}),
    ({}, {"date_posted": None}, {"date_posted": "missing"}),
    ({"salary": {"value": "DOE"}}, {"pay_min": None}, {"pay_min": "invalid"}),
    ({"pay_text": "$18/hr"}, {"pay_min": 18.0}, {"pay_min": "present"}),
    ({}, {"pay_min": 18.0}, {"pay_min": "present"}),                     # found in the description
    ({"locations": [{"city": "Atlantis"}]}, {"latitude": None}, {"latitude": "invalid"}),
    ({"locations": []}, {"city": None}, {"city": "missing"}),
    ({"employment_type": "whenever"}, {"employment_type": None}, {"employment_type": "invalid"}),
    ({"title": "Peer Mentor"}, {"category": None}, {"category": "missing"}),
])
def test_field_states(raw, normalized, expected):
    states = field_states(raw, normalized)
    assert set(states) == set(READ_FROM)
    assert {field: states[field] for field in expected} == expected


def test_coverage_gathers_fields_reasons_and_drops():
    stats = {"peerjobs/coverage/date_posted/present": 4, "peerjobs/coverage/date_posted/invalid": 1,
             "peerjobs/coverage/date_posted/reason/unreadable date": 1, "peerjobs/coverage/title/present": 5,
             "peerjobs/dropped/no_title": 2, "peerjobs/dropped/duplicate": 1,
             "peerjobs/field_problems/date_posted": 1, "response_received_count": 7}
    assert coverage_from_stats(stats) == {
        "fields": {"date_posted": {"present": 4, "missing": 0, "invalid": 1, "reasons": {"unreadable date": 1}},
                   "title": {"present": 5, "missing": 0, "invalid": 0, "reasons": {}}},
        "dropped": {"duplicate": 1, "no_title": 2}, "problems": {"date_posted": 1}}


def test_a_repeated_posting_in_one_run_is_dropped_and_counted():
    stats = MemoryStatsCollector(get_crawler())
    dedupe = DedupePipeline(stats)
    dedupe.process_item({"source_id": "a", "external_id": "1"})
    dedupe.process_item({"source_id": "b", "external_id": "1"})
    with pytest.raises(DropItem, match="duplicate"):
        dedupe.process_item({"source_id": "a", "external_id": "1", "url": "https://a.example/1/"})
    assert stats.get_value("peerjobs/dropped/duplicate") == 1


# --------------------------------------------------------------------------- the store


def fields(**overrides):
    base = dict(url="http://127.0.0.1/careers/1/", apply_url="http://127.0.0.1/careers/1/",
                title="Peer Support Specialist", employer="Agency", description_html="<p>Help.</p>",
                description_text="Help.", city="Dayton", state="OH", postal_code="45402",
                date_posted=date(2026, 10, 30), category="peer_specialist", is_peer=True)
    base.update(overrides)
    return base


@pytest.fixture
def agency(session):
    store.upsert_source(session, store.SourceRecord("agency", "jsonld", "http://127.0.0.1/careers/", "Agency"))
    return session


def job(n: int, **overrides):
    return fields(title=f"Peer Specialist {n}", url=f"http://127.0.0.1/careers/{n}/",
                  apply_url=f"http://127.0.0.1/careers/{n}/", **overrides)


def crawl(session, jobs: dict[int, dict], at: datetime) -> datetime:
    """One healthy run seeing `jobs`; returns its start."""
    for n, values in jobs.items():
        store.upsert_posting(session, "agency", str(n), values, now=at + timedelta(seconds=1))
    store.close_missing(session, "agency", at, now=at + timedelta(minutes=1))
    return at


def by_external_id(session) -> dict[str, Posting]:
    session.expire_all()
    return {p.external_id: p for p in session.scalars(select(Posting))}


def test_missing_from_two_healthy_runs_closes_and_seeing_it_again_reopens(agency):
    session = agency
    crawl(session, {1: job(1), 2: job(2)}, T0)
    crawl(session, {1: job(1)}, T0 + timedelta(days=1))
    assert by_external_id(session)["2"].status == "open"
    crawl(session, {1: job(1)}, T0 + timedelta(days=2))
    closed = by_external_id(session)["2"]
    assert (closed.status, closed.closed_reason) == ("closed", "missing from 2 healthy crawls")
    assert closed.closed_at == T0 + timedelta(days=2, minutes=1)
    assert closed.last_verified_open == T0 + timedelta(seconds=1)
    assert closed.title == "Peer Specialist 2" and closed.description_html == "<p>Help.</p>"
    assert by_external_id(session)["1"].status == "open"

    posting, outcome = store.upsert_posting(session, "agency", "2", job(2), now=T0 + timedelta(days=3))
    assert outcome == "reopened"
    assert (posting.status, posting.closed_reason, posting.closed_at) == ("open", None, None)
    assert posting.last_verified_open == T0 + timedelta(days=3)
    sighting = session.scalars(select(PostingSource).where(PostingSource.posting_id == posting.id)).one()
    assert sighting.missing_runs == 0


def test_later_runs_leave_a_closed_posting_alone(agency):
    session = agency
    for day in range(3):
        crawl(session, {1: job(1), **({2: job(2)} if day == 0 else {})}, T0 + timedelta(days=day))
    closed = by_external_id(session)["2"]
    closed_at, misses = closed.closed_at, _sighting(session, closed.id).missing_runs
    crawl(session, {1: job(1)}, T0 + timedelta(days=3))
    again = by_external_id(session)["2"]
    assert (again.status, again.closed_at) == ("closed", closed_at)
    assert _sighting(session, again.id).missing_runs == misses == 2


def _sighting(session, posting_id: int) -> PostingSource:
    return session.scalars(select(PostingSource).where(PostingSource.posting_id == posting_id)).one()


def test_a_miss_between_sightings_starts_the_count_again(agency):
    session = agency
    crawl(session, {1: job(1), 2: job(2)}, T0)
    crawl(session, {1: job(1)}, T0 + timedelta(days=1))
    crawl(session, {1: job(1), 2: job(2)}, T0 + timedelta(days=2))
    crawl(session, {1: job(1)}, T0 + timedelta(days=3))
    assert by_external_id(session)["2"].status == "open"


def test_gone_detail_page_closes_at_once_unless_seen_in_the_run(agency):
    session = agency
    crawl(session, {1: job(1), 2: job(2), 3: job(3)}, T0)
    started = T0 + timedelta(days=1)
    store.upsert_posting(session, "agency", "3", job(3), now=started + timedelta(seconds=1))
    gone = {"http://127.0.0.1/careers/2/": 410, "http://127.0.0.1/careers/3/": 404,
            "http://127.0.0.1/careers/1/": 503}
    closed = store.close_gone(session, "agency", gone, started, now=started + timedelta(minutes=1))
    postings = by_external_id(session)
    assert closed == [postings["2"].id]
    assert postings["2"].closed_reason == "detail page 410"
    assert postings["1"].status == postings["3"].status == "open"


def test_past_valid_through_closes_on_sight_and_in_any_run(agency):
    session = agency
    expired, _ = store.upsert_posting(session, "agency", "1", job(1, valid_through=T0 - timedelta(days=1)), now=T0)
    assert (expired.status, expired.closed_reason, expired.last_verified_open) == ("closed", "validThrough passed", None)
    later, _ = store.upsert_posting(session, "agency", "2", job(2, valid_through=T0 + timedelta(days=1)), now=T0)
    assert store.close_expired(session, T0 + timedelta(hours=1)) == []
    assert store.close_expired(session, T0 + timedelta(days=2), source_id="agency") == [later.id]
    assert later.closed_reason == "validThrough passed"
    again, _ = store.upsert_posting(session, "agency", "1", job(1, valid_through=T0 - timedelta(days=1)),
                                    now=T0 + timedelta(days=3))
    assert again.status == "closed"  # still expired: seeing it again does not reopen it
    moved, outcome = store.upsert_posting(session, "agency", "1", job(1, valid_through=T0 + timedelta(days=30)),
                                          now=T0 + timedelta(days=3))
    assert (moved.status, outcome) == ("open", "reopened")


def test_recheck_lists_pages_of_open_postings_missed_once(agency):
    session = agency
    crawl(session, {1: job(1), 2: job(2)}, T0)
    assert store.recheck_urls(session, "agency") == []
    crawl(session, {1: job(1)}, T0 + timedelta(days=1))
    assert store.recheck_urls(session, "agency") == ["http://127.0.0.1/careers/2/"]
    crawl(session, {1: job(1)}, T0 + timedelta(days=2))
    assert store.recheck_urls(session, "agency") == []  # closed now


def test_run_records_health_and_coverage(agency):
    session = agency
    first = store.start_run(session, "agency")
    store.finish_run(session, first.id, "ok", {"items": 7}, health=health.Verdict("healthy"),
                     coverage={"fields": {"title": {"present": 7}}})
    failed = store.start_run(session, "agency")
    store.finish_run(session, failed.id, "failed", {"items": 0}, health=health.Verdict("failing", ["the run failed"]))
    third = store.start_run(session, "agency")
    session.commit()
    assert [figures.items for figures in store.recent_good_runs(session, "agency", third.id)] == [7]
    rows = {run.id: run for run in session.scalars(select(CrawlRun))}
    assert (rows[failed.id].health, rows[failed.id].health_reason) == ("failing", "the run failed")
    assert rows[first.id].health == "healthy" and rows[first.id].coverage["fields"]["title"]["present"] == 7


# --------------------------------------------------------------------------- real crawls


class TinySite:
    """A careers site on loopback whose pages a test rewrites: path -> (status, html)."""

    def __init__(self):
        pages = self.pages = {"/robots.txt": (200, "User-agent: *\nAllow: /\n")}

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                status, body = pages.get(self.path, (404, "<h1>Not found</h1>"))
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/plain" if self.path.endswith(".txt") else "text/html")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def post(self, slug: str, title: str, valid_days: int) -> None:
        job = {"@context": "https://schema.org", "@type": "JobPosting", "title": title,
               "description": f"<p>{title}: walk alongside people in recovery.</p>",
               "datePosted": date.today().isoformat(),
               "validThrough": f"{date.today() + timedelta(days=valid_days)}T23:59:59",
               "hiringOrganization": {"@type": "Organization", "name": "Tiny Recovery Center"},
               "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Dayton",
                                                             "addressRegion": "OH", "postalCode": "45402"}},
               "url": f"{self.base}/careers/{slug}/"}
        self.pages[f"/careers/{slug}/"] = (200, f'<script type="application/ld+json">{json.dumps(job)}</script>')

    def list_postings(self) -> None:
        links = "".join(f'<a href="{path}">job</a>' for path in self.pages if path.startswith("/careers/"))
        self.pages["/careers/"] = (200, f"<h1>Careers</h1>{links}")

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_a_410_detail_page_and_a_past_valid_through_close_postings(settings, engine):
    with TinySite() as site:
        for slug, valid_days in (("coach", 30), ("mentor", 30), ("navigator", -2)):
            site.post(slug, f"Peer {slug.title()}", valid_days)
        site.list_postings()
        source = parse_entries([{"id": "tiny", "platform": "jsonld", "url": f"{site.base}/careers/",
                                 "employer": "Tiny Recovery Center"}]).sources
        assert crawl_in_child(source, settings, LOOPBACK_OVERRIDES, timeout=120) == 0
        assert statuses(engine) == {"Peer Coach": ("open", None), "Peer Mentor": ("open", None),
                                    "Peer Navigator": ("closed", "validThrough passed")}
        site.pages["/careers/mentor/"] = (410, "<h1>This job has been filled</h1>")  # still on the listing
        assert crawl_in_child(source, settings, LOOPBACK_OVERRIDES, timeout=120) == 0
    assert statuses(engine)["Peer Mentor"] == ("closed", "detail page 410")
    assert statuses(engine)["Peer Coach"] == ("open", None)
    with db.session_factory(engine)() as session:
        runs = session.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
    assert [(run.health, run.errors) for run in runs] == [("healthy", 0), ("healthy", 0)]
    assert runs[1].stats["peerjobs/closed/gone"] == 1


def statuses(engine) -> dict[str, tuple[str, str | None]]:
    with db.session_factory(engine)() as session:
        return {p.title: (p.status, p.closed_reason) for p in session.scalars(select(Posting))}
