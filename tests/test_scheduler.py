"""The scheduler: cron slots on a test clock, admin overrides, "run now", catch-up after a
restart, the parallel limit, time limits, and real crawls in child processes."""
from __future__ import annotations

import socket
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from sqlalchemy import select

from crawlers.sources import parse_entries
from indexer.store import db
from indexer.store.models import CrawlLock, CrawlRun, Posting, SchedulerState, Source, SourceControl, utcnow
from foundation.settings import Settings
from peerjobs.cli import main
from peerjobs.demo.boards import BoardServer
from peerjobs.scheduling.dispatch import LocalDispatcher, dispatcher_for
from foundation.schedules import (
    Schedules, SchedulesError, crontab, describe_duration, effective_cron, effective_enabled, next_fire,
    parse_schedules, validate_cron,
)
from peerjobs.scheduling.service import Scheduler
from tests.crawl_support import write_board

def at(hour: int, minute: int = 0, day: int = 7) -> datetime:
    """A time on Monday 7 January 2030."""
    return datetime(2030, 1, day, hour, minute)


# -- schedules -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("0 9 * * 0", "0 9 * * sun"),
    ("0 9 * * 7", "0 9 * * sun"),
    ("0 9 * * 1-5", "0 9 * * mon,tue,wed,thu,fri"),
    ("0 9 * * */2", "0 9 * * sun,tue,thu,sat"),
    ("0 9 * * 5-7", "0 9 * * fri,sat,sun"),
    ("0 9 * * mon,3", "0 9 * * mon,wed"),
    ("*/15 * * * *", "*/15 * * * *"),
    ("@daily", "0 0 * * *"),
    ("@weekly", "0 0 * * sun"),
])
def test_crontab_weekdays_count_from_sunday(text, expected):
    assert crontab(text) == expected


@pytest.mark.parametrize("cron, after, expected", [
    ("*/15 * * * *", at(10, 0), at(10, 15)),
    ("*/15 * * * *", at(10, 7), at(10, 15)),
    ("0 * * * *", at(10, 0), at(11, 0)),
    ("0 9 * * 1", at(10, 0), datetime(2030, 1, 14, 9, 0)),  # Monday the 7th, 10:00 -> next Monday
    ("0 9 * * 0", at(10, 0), datetime(2030, 1, 13, 9, 0)),  # a Sunday
])
def test_next_fire_reads_crontab_as_cron_does(cron, after, expected):
    assert next_fire(cron, after) == expected


def test_next_fire_in_a_time_zone():
    # 09:00 in New York on a January Monday is 14:00 UTC.
    assert next_fire("0 9 * * *", at(10, 0), "America/New_York") == at(14, 0)


@pytest.mark.parametrize("text, problem", [
    ("0 */6 * * *", None),
    ("@hourly", None),
    ("0 13 * * mon", None),
    ("", "expected a cron expression"),
    (None, "expected a cron expression"),
    (6, "expected a cron expression"),
    ("* * *", "expected 5 fields"),
    ("61 * * * *", "higher than the maximum"),
    ("0 9 * * 8", "weekday must be 0-7"),
    ("0 0 31 2 *", "never comes round"),
    ("0 " * 60, "longer than 100 characters"),
])
def test_validate_cron(text, problem):
    found = validate_cron(text)
    assert (found is None) if problem is None else (problem in found), found


def test_schedules_file_is_read_and_checked(tmp_path):
    from foundation.schedules import load_schedules
    shipped = load_schedules()
    assert shipped.alerts["instant"] == "0 * * * *" and shipped.max_parallel_crawls >= 1
    path = tmp_path / "schedules.yaml"
    path.write_text("default_crawl: '0 3 * * *'\nalerts: {weekly: null}\nmax_parallel_crawls: 2\n")
    loaded = load_schedules(path)
    assert loaded.default_crawl == "0 3 * * *" and loaded.max_parallel_crawls == 2
    assert loaded.alerts == {"instant": "0 * * * *", "daily": "0 13 * * *", "weekly": None}
    assert shipped.figures_snapshot == "20 * * * *" and loaded.figures_snapshot == Schedules().figures_snapshot
    assert parse_schedules({"figures_snapshot": None}).figures_snapshot is None  # the scheduler takes none
    with pytest.raises(SchedulesError, match="no such file"):
        load_schedules(tmp_path / "missing.yaml")


@pytest.mark.parametrize("document, problem", [
    ({"default_crawl": "every day"}, "default_crawl: not a cron expression"),
    ({"alerts": {"monthly": "0 0 1 * *"}}, "alerts.monthly: unknown"),
    ({"platform_crawl": {"lever": "99 * * * *"}}, "platform_crawl.lever"),
    ({"max_parallel_crawls": 0}, "max_parallel_crawls"),
    ({"crawl_time_limit_minutes": "an hour"}, "crawl_time_limit_minutes"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"crawl_every": "0 * * * *"}, "crawl_every: unknown key"),
    ({"sync_index_after_crawls": "yes"}, "sync_index_after_crawls"),
    ({"figures_snapshot": "hourly"}, "figures_snapshot: not a cron expression"),
])
def test_bad_schedules_are_named(document, problem):
    with pytest.raises(SchedulesError, match=problem):
        parse_schedules(document)


def source_entry(source_id: str, **extra) -> dict:
    return {"id": source_id, "platform": "jsonld", "url": f"http://127.0.0.1:9/{source_id}/",
            "employer": source_id.title(), **extra}


def test_schedule_precedence_override_then_entry_then_platform_then_default():
    schedules = Schedules(default_crawl="0 */6 * * *", platform_crawl={"jsonld": "0 2 * * *"})
    plain, own = parse_entries([source_entry("plain"), source_entry("own", schedule="*/30 * * * *")]).sources
    assert own.schedule == "*/30 * * * *"
    assert effective_cron(plain, None, schedules) == "0 2 * * *"
    assert effective_cron(plain, None, Schedules()) == "0 */6 * * *"
    assert effective_cron(own, None, schedules) == "*/30 * * * *"
    assert effective_cron(own, SourceControl(schedule="0 5 * * *"), schedules) == "0 5 * * *"
    assert effective_cron(own, SourceControl(schedule="not cron"), schedules) == "*/30 * * * *"
    assert effective_enabled(plain, SourceControl(enabled=False)) is False
    assert effective_enabled(plain, SourceControl(enabled=None)) is True


def test_a_bad_schedule_is_a_problem_of_its_entry():
    listed = parse_entries([source_entry("good"), source_entry("bad", schedule="every morning")])
    assert [source.id for source in listed.sources] == ["good"]
    assert [(p.source_id, p.field) for p in listed.problems] == [("bad", "schedule")]


@pytest.mark.parametrize("limit, words", [
    (timedelta(minutes=60), "1 hour"), (timedelta(minutes=90), "90 minutes"),
    (timedelta(seconds=2), "2 seconds"), (timedelta(seconds=1), "1 second"),
    (timedelta(hours=3), "3 hours"),
])
def test_time_limits_in_words(limit, words):
    assert describe_duration(limit) == words


def test_dispatcher_for_chooses_scrapyd_when_nodes_are_set(sqlite_settings):
    assert isinstance(dispatcher_for(sqlite_settings, environ={}), LocalDispatcher)
    scrapyd = dispatcher_for(sqlite_settings, environ={"PEERJOBS_SCRAPYD_URLS": "http://127.0.0.1:6800"})
    assert type(scrapyd).__name__ == "ScrapydDispatcher"


# -- the scheduler on a test clock ---------------------------------------------------------

class RecordingDispatcher:
    """Crawls that start, run until told and end: the dispatch boundary, without processes."""

    kind = "recording"

    def __init__(self, fail: str | None = None):
        self.started: list[str] = []
        self.stopped: list[str] = []
        self.live: set[int] = set()
        self.fail = fail
        self._lock = threading.Lock()

    def start(self, source, settings) -> dict:
        if self.fail:
            raise RuntimeError(self.fail)
        with self._lock:
            number = len(self.started)
            self.started.append(source.id)
            self.live.add(number)
        return {"kind": self.kind, "number": number, "source": source.id}

    def is_running(self, job: dict) -> bool:
        return job["number"] in self.live

    def stop(self, job: dict) -> None:
        self.stopped.append(job["source"])
        self.live.discard(job["number"])

    def end_all(self) -> None:
        self.live.clear()


def write_sources(path: Path, *entries: dict) -> Path:
    path.write_text(yaml.safe_dump({"sources": list(entries)}), encoding="utf-8")
    return path


class Harness:
    """A scheduler over a sources file, with its dispatcher, its ran jobs and the store."""

    def __init__(self, settings: Settings, sources_file: Path, schedules: Schedules | None = None,
                 dispatcher=None, engine=None):
        self.dispatcher = dispatcher or RecordingDispatcher()
        self.ran: list[str] = []
        self.engine = engine or make_engine(settings)
        self.scheduler = Scheduler(settings, schedules or Schedules(alerts={}, index_sync=None, figures_snapshot=None),
                                   self.dispatcher, engine=self.engine, sources_file=sources_file,
                                   run_task=lambda job_id, task: self.ran.append(job_id), notify=False)

    def tick(self, when: datetime):
        return self.scheduler.tick(when)

    def rows(self, model, *where):
        with db.session_factory(self.engine)() as session:
            return list(session.scalars(select(model).where(*where)))

    def control(self, source_id: str, **values) -> None:
        with db.session_factory(self.engine).begin() as session:
            control = session.get(SourceControl, source_id) or SourceControl(source_id=source_id)
            for name, value in values.items():
                setattr(control, name, value)
            session.add(control)

    def state(self, job_id: str) -> SchedulerState:
        return self.rows(SchedulerState, SchedulerState.job_id == job_id)[0]


def make_engine(settings: Settings):
    engine = db.make_engine(settings.database_url, writer=True)
    db.migrate(engine)
    return engine


@pytest.fixture
def harness_for(settings, tmp_path):
    made = []

    def build(*entries, **kwargs) -> Harness:
        sources_file = write_sources(tmp_path / "sources.yaml", *entries)
        made.append(Harness(settings, sources_file, **kwargs))
        return made[-1]

    yield build
    for harness in made:
        harness.engine.dispose()


def test_a_quarter_hourly_source_fires_on_its_slots_only(harness_for):
    h = harness_for(source_entry("harbor", schedule="*/15 * * * *"))
    assert h.tick(at(9, 50)).started == ["harbor"]  # never crawled: at once
    h.dispatcher.end_all()
    assert h.tick(at(9, 51)).finished == ["harbor"]
    assert h.tick(at(10, 0)).started == ["harbor"]
    h.dispatcher.end_all()
    assert h.tick(at(10, 7)).started == []
    assert h.tick(at(10, 15)).started == ["harbor"]
    assert h.dispatcher.started == ["harbor"] * 3
    assert h.state("crawl:harbor").next_run_at == at(10, 30)
    assert [s.id for s in h.rows(Source)] == ["harbor"]  # mirrored for the admin area


def test_a_source_crawled_before_waits_for_its_next_slot(harness_for, settings):
    h = harness_for(source_entry("harbor", schedule="0 * * * *"))
    with db.session_factory(h.engine).begin() as session:
        session.add(Source(id="harbor", platform="jsonld", url="http://127.0.0.1:9/", employer="Harbor"))
        session.flush()
        session.add(CrawlRun(source_id="harbor", started_at=at(9, 30), status="ok"))
    assert h.tick(at(9, 40)).started == []
    assert h.state("crawl:harbor").next_run_at == at(10, 0)
    assert h.tick(at(10, 0)).started == ["harbor"]


def test_an_admin_override_moves_the_next_crawl(harness_for):
    h = harness_for(source_entry("harbor"))  # the default: every 6 hours
    assert h.tick(at(10, 0)).started == ["harbor"]
    h.dispatcher.end_all()
    assert h.state("crawl:harbor").next_run_at == at(12, 0)
    assert h.tick(at(10, 20)).started == []
    h.control("harbor", schedule="*/15 * * * *")
    h.tick(at(10, 21))  # a slot (10:15) of the new schedule passed since the last crawl: once
    assert h.dispatcher.started == ["harbor", "harbor"]
    assert h.state("crawl:harbor").next_run_at == at(10, 30)
    h.dispatcher.end_all()
    h.control("harbor", schedule=None)
    assert h.tick(at(10, 30)).started == []
    assert h.state("crawl:harbor").next_run_at == at(12, 0)


def test_disabled_sources_do_not_fire(harness_for):
    h = harness_for(source_entry("off", enabled=False), source_entry("on"), source_entry("paused"))
    h.control("paused", enabled=False)
    h.control("off", enabled=True)  # the admin area switched it on
    assert sorted(h.tick(at(10, 0)).started) == ["off", "on"]
    h.dispatcher.end_all()
    h.control("on", enabled=False)
    assert h.tick(at(18, 0)).started == ["off"]
    assert "crawl:on" not in h.scheduler.plan and "crawl:paused" not in h.scheduler.plan


def test_run_now_is_crawled_once_and_cleared(harness_for):
    h = harness_for(source_entry("harbor", enabled=False), source_entry("ghost-free"))
    h.tick(at(10, 0))
    h.dispatcher.end_all()
    h.control("harbor", run_requested_at=at(10, 1), updated_by="ops")
    edited = h.rows(SourceControl, SourceControl.source_id == "harbor")[0].updated_at
    report = h.tick(at(10, 2))
    assert report.finished == ["ghost-free"] and report.started == ["harbor"]
    control = h.rows(SourceControl, SourceControl.source_id == "harbor")[0]
    assert control.run_requested_at is None and control.updated_at == edited
    assert h.tick(at(10, 3)).started == []
    h.control("gone", run_requested_at=at(10, 4))  # no longer in the sources file
    assert ("gone", "not a valid source in the sources file or the discovered ones") in h.tick(at(10, 5)).skipped
    assert h.rows(SourceControl, SourceControl.source_id == "gone")[0].run_requested_at is None


def test_run_now_waits_while_the_source_is_being_crawled(harness_for):
    h = harness_for(source_entry("harbor"))
    h.tick(at(10, 0))
    h.control("harbor", run_requested_at=at(10, 1))
    assert h.tick(at(10, 2)).started == []
    h.dispatcher.end_all()
    report = h.tick(at(10, 3))
    assert report.finished == ["harbor"] and report.started == ["harbor"]


def test_a_restart_catches_up_once_not_per_missed_slot(harness_for, settings, tmp_path):
    h = harness_for(source_entry("harbor", schedule="0 * * * *"))
    with db.session_factory(h.engine).begin() as session:
        session.add(SchedulerState(job_id="crawl:harbor", last_run_at=at(10, 0), next_run_at=at(11, 0)))
    assert h.tick(at(15, 30)).started == ["harbor"]
    h.dispatcher.end_all()
    assert h.tick(at(15, 31)).started == []
    assert h.dispatcher.started == ["harbor"]
    assert h.state("crawl:harbor").next_run_at == at(16, 0)
    # And a second scheduler started later, from the state alone:
    again = Harness(settings, tmp_path / "sources.yaml")
    try:
        assert again.tick(at(15, 45)).started == []
        assert again.tick(at(16, 0)).started == ["harbor"]
    finally:
        again.engine.dispose()


def test_no_more_crawls_at_once_than_allowed(harness_for):
    h = harness_for(*(source_entry(name) for name in ("a", "b", "c")),
                    schedules=Schedules(alerts={}, index_sync=None, max_parallel_crawls=2))
    report = h.tick(at(10, 0))
    assert report.started == ["a", "b"] and report.skipped[0][0] == "c"
    assert h.tick(at(10, 1)).started == []
    h.dispatcher.live.discard(0)
    report = h.tick(at(10, 2))
    assert report.finished == ["a"] and report.started == ["c"]


def test_a_stuck_crawl_is_stopped_and_recorded(harness_for):
    h = harness_for(source_entry("harbor"), schedules=Schedules(alerts={}, index_sync=None,
                                                                crawl_time_limit_minutes=60))
    h.tick(at(10, 0))
    with db.session_factory(h.engine).begin() as session:  # what the crawl itself records
        session.add(CrawlRun(source_id="harbor", started_at=at(10, 0), status="running"))
    assert h.tick(at(10, 59)).timed_out == []
    report = h.tick(at(11, 0))
    assert report.timed_out == ["harbor"] and h.dispatcher.stopped == ["harbor"]
    run, = h.rows(CrawlRun)
    assert (run.status, run.health) == ("timeout", "failing")
    assert run.health_reason == "stopped after 1 hour, the time limit" and run.finished_at == at(11, 0)
    assert h.rows(CrawlLock) == []


def test_a_crawl_that_ends_without_its_run_is_recorded_as_failed(harness_for):
    h = harness_for(source_entry("harbor"))
    h.tick(at(10, 0))
    with db.session_factory(h.engine).begin() as session:
        session.add(CrawlRun(source_id="harbor", started_at=at(10, 0), status="running"))
    h.dispatcher.end_all()
    assert h.tick(at(10, 1)).finished == ["harbor"]
    run, = h.rows(CrawlRun)
    assert run.status == "failed" and run.health == "failing"
    assert "ended without recording how it went" in run.health_reason


def test_a_crawl_that_cannot_start_says_why(harness_for):
    h = harness_for(source_entry("harbor"), dispatcher=RecordingDispatcher(fail="no Scrapyd node answered"))
    report = h.tick(at(10, 0))
    assert report.started == [] and "no Scrapyd node answered" in report.skipped[0][1]
    run, = h.rows(CrawlRun)
    assert run.status == "failed" and run.health == "failing"
    assert run.message == "the crawl could not be started: no Scrapyd node answered"
    assert h.rows(CrawlLock) == []


def test_an_expired_lock_of_a_dead_scheduler_is_ended(harness_for):
    h = harness_for(source_entry("harbor"))
    with db.session_factory(h.engine).begin() as session:
        session.add(Source(id="harbor", platform="jsonld", url="http://127.0.0.1:9/", employer="Harbor"))
        session.flush()
        session.add(CrawlRun(source_id="harbor", started_at=at(8, 0), status="running"))
        session.add(CrawlLock(source_id="harbor", holder="elsewhere:1:abc", acquired_at=at(8, 0),
                              expires_at=at(9, 10), job={"kind": "recording", "number": 99, "source": "harbor"}))
    report = h.tick(at(10, 0))
    assert report.timed_out == ["harbor"] and h.dispatcher.stopped == ["harbor"]
    run = h.rows(CrawlRun, CrawlRun.started_at == at(8, 0))[0]
    assert run.status == "timeout" and "elsewhere:1:abc" in run.health_reason
    assert h.rows(CrawlLock) == [] and h.tick(at(12, 0)).started == ["harbor"]  # free again


def test_a_restarted_scheduler_adopts_or_frees_what_the_last_one_left(harness_for):
    dead = dead_pid()
    h = harness_for(source_entry("alive"), source_entry("ended"))
    h.dispatcher.live.add(7)
    with db.session_factory(h.engine).begin() as session:
        for source_id, number in (("alive", 7), ("ended", 8)):
            session.add(CrawlLock(source_id=source_id, holder=f"{socket.gethostname()}:{dead}:old",
                                  acquired_at=at(9, 55), expires_at=at(11, 5),
                                  job={"kind": "recording", "number": number, "source": source_id}))
    report = h.tick(at(10, 0))
    assert report.started == ["ended"]  # its lock was freed; "alive" is still being crawled
    assert set(h.scheduler.running) == {"alive", "ended"}
    assert {lock.holder for lock in h.rows(CrawlLock)} == {h.scheduler.holder}


def dead_pid() -> int:
    import subprocess
    import sys
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_alerts_and_index_sync_run_on_their_clocks(harness_for):
    h = harness_for(source_entry("harbor"), schedules=Schedules(
        alerts={"instant": "0 * * * *", "daily": "0 13 * * *", "weekly": None}, index_sync="*/30 * * * *",
        figures_snapshot=None))
    assert h.tick(at(10, 5)).ran == ["index:sync"]  # never synced: at once; alerts wait for their slot
    h.dispatcher.end_all()
    assert h.tick(at(10, 6)).ran == ["index:sync"]  # after the crawl ended
    assert h.tick(at(10, 10)).ran == []
    assert sorted(h.tick(at(11, 0)).ran) == ["alerts:instant", "index:sync"]
    assert h.tick(at(11, 1)).ran == []
    assert sorted(h.tick(at(13, 0)).ran) == ["alerts:daily", "alerts:instant", "index:sync"]
    assert "alerts:weekly" not in h.scheduler.plan


def test_the_figures_snapshot_is_taken_at_once_on_its_clock_and_after_crawls(harness_for):
    h = harness_for(source_entry("harbor", schedule="0 3 * * *"), schedules=Schedules(
        alerts={}, index_sync=None, sync_index_after_crawls=False, figures_snapshot="20 * * * *"))
    assert h.tick(at(10, 5)).ran == ["figures:snapshot"]  # never taken: at once
    assert h.tick(at(10, 6)).ran == []
    h.dispatcher.end_all()
    assert h.tick(at(10, 7)).ran == ["figures:snapshot"]  # the crawl ended: again
    assert h.tick(at(10, 19)).ran == []
    assert h.tick(at(10, 20)).ran == ["figures:snapshot"]
    assert h.state("figures:snapshot").next_run_at == at(11, 20)


def test_the_figures_snapshot_job_writes_todays_figures(settings, tmp_path):
    from indexer.store import figures
    sources_file = write_sources(tmp_path / "sources.yaml", source_entry("harbor", schedule="0 3 * * *"),
                                 source_entry("lantern", schedule="0 3 * * *"))
    engine = make_engine(settings)
    scheduler = Scheduler(settings, Schedules(alerts={}, index_sync=None), RecordingDispatcher(), engine=engine,
                          sources_file=sources_file, notify=False)
    try:
        assert "figures:snapshot" in scheduler.tick(at(10, 5)).ran  # run inline, as the service runs it
        with db.session_factory(engine)() as session:
            found = figures.series(session, "sources_health", 1)
    finally:
        scheduler.close()
        engine.dispose()
    assert found.values == {"failing": (0,), "degraded": (0,), "healthy": (0,), "unknown": (2,)}


def test_two_schedulers_at_the_same_moment_crawl_a_source_once(settings, tmp_path):
    sources_file = write_sources(tmp_path / "sources.yaml", source_entry("harbor"), source_entry("lantern"))
    dispatcher = RecordingDispatcher()
    first, second = (Harness(settings, sources_file, dispatcher=dispatcher) for _ in range(2))
    try:
        for harness in (first, second):
            harness.scheduler.refresh(at(9, 0))
        for round_, when in enumerate((at(10, 0), at(16, 0))):
            both_ready = threading.Barrier(2)
            reports = {}

            def run(harness, name):
                both_ready.wait()
                reports[name] = harness.tick(when)

            threads = [threading.Thread(target=run, args=(h, n)) for n, h in (("a", first), ("b", second))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            assert sorted(reports["a"].started + reports["b"].started) == ["harbor", "lantern"], reports
            dispatcher.end_all()
            for harness in (first, second):
                harness.tick(when + timedelta(minutes=1))
        # "Run now" pressed once: one of the two takes it.
        first.control("harbor", run_requested_at=at(16, 5))
        started = first.tick(at(16, 6)).started + second.tick(at(16, 6)).started
        assert started == ["harbor"]
        assert dispatcher.started.count("harbor") == 3
    finally:
        first.engine.dispose()
        second.engine.dispose()


# -- real crawls in child processes ----------------------------------------------------------

def real_settings(tmp_path: Path, sources_file: Path) -> Settings:
    return Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'peerjobs.db'}",
                    index_dir=tmp_path / "index", sources_file=sources_file)


def test_scheduler_once_crawls_due_sources_records_and_indexes_them(tmp_path):
    with BoardServer(write_board(tmp_path / "board", [])) as board:
        sources_file = write_sources(tmp_path / "sources.yaml", board.source())
        env = {"PEERJOBS_DATA_DIR": str(tmp_path), "PEERJOBS_DATABASE_URL": "",
               "PEERJOBS_INDEX_DIR": "", "PEERJOBS_SOURCES_FILE": str(sources_file),
               "PEERJOBS_SCRAPYD_URLS": ""}
        result = CliRunner().invoke(main, ["scheduler", "--once", "--loopback"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "started 1 crawls (harbor)" in result.output and "index:sync" in result.output
    settings = real_settings(tmp_path, sources_file)
    engine = make_engine(settings)
    try:
        with db.session_factory(engine)() as session:
            run, = session.scalars(select(CrawlRun))
            assert run.status == "ok" and run.items == 1, run.message
            assert [p.title for p in session.scalars(select(Posting))] == ["Peer Support Specialist"]
            assert session.scalars(select(CrawlLock)).all() == []
            assert session.get(SchedulerState, "crawl:harbor").next_run_at > run.started_at
    finally:
        engine.dispose()
    from indexer.search import SearchIndex, SearchQuery
    index = SearchIndex(settings.index_dir)
    try:
        assert index.search(SearchQuery(q="peer")).total == 1
    finally:
        index.close()
    assert "Spider closed (finished)" in (tmp_path / "logs" / "crawl-harbor.log").read_text()


class SilentServer:
    """Accepts connections and never answers: a site that hangs."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.held: list[socket.socket] = []
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.socket.getsockname()[1]}/careers/"

    def _accept(self):
        self.socket.settimeout(0.2)
        while self.running:
            try:
                self.held.append(self.socket.accept()[0])
            except OSError:
                continue

    def close(self):
        self.running = False
        self.thread.join(5)
        for connection in self.held:
            connection.close()
        self.socket.close()


def test_a_hanging_crawl_is_ended_at_its_time_limit(tmp_path):
    server = SilentServer()
    try:
        sources_file = write_sources(tmp_path / "sources.yaml", dict(source_entry("hangs"), url=server.url))
        settings = real_settings(tmp_path, sources_file)
        engine = make_engine(settings)
        schedules = Schedules(alerts={}, index_sync=None, crawl_time_limit_minutes=2 / 60)
        dispatcher = LocalDispatcher(loopback=True, stop_grace=1)
        scheduler = Scheduler(settings, schedules, dispatcher, engine=engine, notify=False)
        try:
            assert scheduler.tick().started == ["hangs"]
            job = scheduler.running["hangs"].job
            timed_out = []
            deadline = time.monotonic() + 30
            while not timed_out and time.monotonic() < deadline:
                time.sleep(0.25)
                timed_out = scheduler.tick().timed_out
            assert timed_out == ["hangs"]
            assert not dispatcher.is_running(job)
            with db.session_factory(engine)() as session:
                run, = session.scalars(select(CrawlRun))
                assert (run.status, run.health) == ("timeout", "failing")
                assert run.health_reason == "stopped after 2 seconds, the time limit"
                assert session.scalars(select(CrawlLock)).all() == []
        finally:
            scheduler.close()
            engine.dispose()
    finally:
        server.close()



def test_the_service_picks_up_run_now_and_schedule_edits_without_a_restart(settings, tmp_path):
    from peerjobs.scheduling.service import SchedulerService
    sources_file = write_sources(tmp_path / "sources.yaml", source_entry("harbor", schedule="0 3 * * *"))
    harness = Harness(settings, sources_file, schedules=Schedules(alerts={"daily": "0 13 * * *"},
                                                                  index_sync=None, poll_seconds=0.1))
    service = SchedulerService(harness.scheduler)
    service.start()
    try:
        def wait_for(condition) -> bool:
            deadline = time.monotonic() + 20
            while not condition() and time.monotonic() < deadline:
                time.sleep(0.05)
            return condition()

        assert wait_for(lambda: harness.dispatcher.started == ["harbor"])  # never crawled: at once
        assert wait_for(lambda: service.aps.get_job("crawl:harbor") is not None)
        assert {job.id for job in service.aps.get_jobs()} == {"poll", "crawl:harbor", "alerts:daily",
                                                              "figures:snapshot"}
        harness.dispatcher.end_all()
        harness.control("harbor", run_requested_at=utcnow(), schedule="30 4 * * *")
        assert wait_for(lambda: harness.dispatcher.started == ["harbor", "harbor"])
        assert wait_for(lambda: "hour='4'" in str(service.aps.get_job("crawl:harbor").trigger))
        harness.control("harbor", enabled=False)
        assert wait_for(lambda: service.aps.get_job("crawl:harbor") is None)
    finally:
        service.stop()
        harness.engine.dispose()
    assert harness.dispatcher.stopped == ["harbor"]  # the crawl still running when it stopped


def test_a_background_scheduler_crawls_on_run_now_and_stops_cleanly(tmp_path):
    """As the demo runs it: a scheduler process beside the web app; "run now" from the admin area."""
    from peerjobs.scheduling import background
    with BoardServer(write_board(tmp_path / "board", [])) as board:
        sources_file = write_sources(tmp_path / "sources.yaml", board.source())
        settings = real_settings(tmp_path, sources_file)
        engine = make_engine(settings)
        with db.session_factory(engine).begin() as session:  # crawled a moment ago: not due
            session.add(Source(id="harbor", platform="jsonld", url=board.base_url, employer="Harbor"))
            session.flush()
            session.add(CrawlRun(source_id="harbor", started_at=utcnow(), status="ok"))
            session.add(SourceControl(source_id="harbor", run_requested_at=utcnow()))
        process = background.start(settings, sources_file, tmp_path / "scheduler.log", loopback=True,
                                   schedules={"poll_seconds": 0.5, "index_sync": None,
                                              "alerts": {"instant": None, "daily": None, "weekly": None}})
        try:
            statuses = []
            deadline = time.monotonic() + 90
            while len(statuses) < 2 and time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.5)
                with db.session_factory(engine)() as session:
                    statuses = [run.status for run in session.scalars(
                        select(CrawlRun).where(CrawlRun.status != "running").order_by(CrawlRun.id))]
            assert statuses == ["ok", "ok"], (tmp_path / "scheduler.log").read_text()
            with db.session_factory(engine)() as session:
                assert session.get(SourceControl, "harbor").run_requested_at is None
                assert session.scalars(select(Posting)).all() != []
        finally:
            code = background.stop(process)
            engine.dispose()
    log = (tmp_path / "scheduler.log").read_text()
    assert code == 0 and "harbor: crawl started (run now)" in log and "scheduler shutting down" in log, log


def test_the_command_refuses_a_bad_schedules_file(tmp_path):
    bad = tmp_path / "schedules.yaml"
    bad.write_text("default_crawl: every day\nmax_parallel_crawls: 0\n")
    result = CliRunner().invoke(main, ["scheduler", "--once", "--schedules", str(bad)],
                                env={"PEERJOBS_DATA_DIR": str(tmp_path), "PEERJOBS_DATABASE_URL": ""})
    assert result.exit_code == 1
    assert "default_crawl: not a cron expression" in result.output and "max_parallel_crawls" in result.output


def test_the_alerts_and_sync_jobs_reach_the_sender_and_the_index(sqlite_settings):
    from peerjobs.scheduling import jobs
    from tests.support.smtp import smtp_server
    engine = make_engine(sqlite_settings)
    try:
        with smtp_server() as (url, inbox):
            settings = Settings(data_dir=sqlite_settings.data_dir, database_url=sqlite_settings.database_url,
                                index_dir=sqlite_settings.index_dir, smtp_url=url)
            report = jobs.send_alerts(settings, "daily", now=at(13, 0))
            assert report is not None and report.sent == 0 and inbox.messages == []
        assert jobs.sync_index(settings, engine).total == 0
        assert settings.index_dir.is_dir()
    finally:
        engine.dispose()
