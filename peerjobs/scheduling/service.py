"""The scheduler: which crawls, alerts and index syncs are due, and running them.

`Scheduler.tick(now)` does one round and takes the time as an argument, so tests drive it
with a clock of their own. In a round it:

1. re-reads the sources file (when it changed), mirrors it into the store, adds the sources
   accepted from the discovery queue (crawlers.sources.merge_sources: the file wins an id), and
   works out every job's schedule, admin-area overrides included (`refresh`);
2. looks at the crawls it started: ended ones free their lock, ones past the time limit are
   stopped and recorded as timeouts;
3. ends other schedulers' crawls whose locks expired (their holder died);
4. starts crawls, "run now" requests first, then due schedules, while fewer than
   max_parallel_crawls run: each under its source's lock, so no source is crawled twice at once;
5. runs due alerts, index syncs and the figures' snapshot, and an index sync and a snapshot
   after crawls ended.

`SchedulerService` is the long-lived process: APScheduler wakes the round at each job's cron
time and every poll_seconds (for "run now" and schedule edits from the admin area).
"""
from __future__ import annotations

import logging
import signal
import socket
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from crawlers.sources import SourceConfig, SourceList, SourcesFileError, load_sources, merge_sources
from indexer import store
from indexer.store import db
from indexer.store.models import SourceControl, utcnow
from foundation.settings import Settings
from peerjobs.scheduling import jobs, locks, rechecks, runs, state
from peerjobs.scheduling.dispatch import Dispatcher, dispatcher_for, pid_alive
from foundation.schedules import (
    ALERT_FREQUENCIES, Schedules, cron_trigger, describe_duration, effective_cron, effective_enabled,
    load_schedules, next_fire, validate_cron,
)

logger = logging.getLogger(__name__)

RUN_NOW, SCHEDULED = "run now", "schedule"
STOP_WAIT = 15.0
TaskRunner = Callable[[str, Callable[[], object]], None]


@dataclass
class Running:
    """A crawl this scheduler started (or adopted) and watches."""

    source_id: str
    job: dict
    started_at: datetime
    reason: str


@dataclass
class TickReport:
    started: list[str] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)
    timed_out: list[str] = field(default_factory=list)
    #: Alerts and index-sync jobs run (or handed to the task runner).
    ran: list[str] = field(default_factory=list)
    #: (source or job id, why it was not started).
    skipped: list[tuple[str, str]] = field(default_factory=list)


def run_inline(job_id: str, task: Callable[[], object]) -> None:
    task()


class Scheduler:
    def __init__(self, settings: Settings, schedules: Schedules | None = None,
                 dispatcher: Dispatcher | None = None, engine=None, holder: str | None = None,
                 run_task: TaskRunner = run_inline, sources_file: Path | str | None = None,
                 notify: bool = True):
        self.settings = settings
        self.schedules = schedules or load_schedules()
        self.dispatcher = dispatcher or dispatcher_for(settings)
        self._own_engine = engine is None
        self.engine = engine if engine is not None else db.make_engine(settings.database_url, writer=True)
        if self._own_engine:
            db.migrate(self.engine)
        self.sessions = db.session_factory(self.engine)
        self.holder = holder or locks.holder_id()
        self.run_task = run_task
        self.sources_file = Path(sources_file or settings.sources_file)
        #: Tell operators about failing runs the scheduler records itself.
        self.notify = notify
        #: Seconds a stopped crawl is given to end before its timeout is written.
        self.stop_wait = STOP_WAIT
        self.running: dict[str, Running] = {}
        #: Job id -> cron expression, for every job that runs on a clock now.
        self.plan: dict[str, str] = {}
        self.sources: dict[str, SourceConfig] = {}
        #: The sources file as last read; self.sources adds the discovered sources to it.
        self._listed = SourceList([], [])
        self._told: set[str] = set()
        self._sources_stamp: tuple[float, int] | None = None
        self._mirrored: dict[str, SourceConfig] = {}
        self._bad_overrides: set[tuple[str, str]] = set()
        self._recovered = False
        #: An index sync is wanted after crawls ended (sync_index_after_crawls).
        self._sync_wanted = False
        self._lock = threading.RLock()
        #: Held while reported postings are re-checked: one re-check at a time.
        self._rechecking = threading.Lock()

    # -- one round -----------------------------------------------------------------------

    def tick(self, now: datetime | None = None) -> TickReport:
        with self._lock:
            now = now or utcnow()
            report = TickReport()
            if not self._recovered:
                self._recover(now)
                self._recovered = True
            self.refresh(now)
            self._check_running(now, report)
            self._reap_expired(now, report)
            self._start_crawls(now, report)
            self._run_jobs(now, report)
            self._run_rechecks(report)
            return report

    def refresh(self, now: datetime | None = None) -> dict[str, str]:
        """Re-read sources and overrides; store each job's next run when its schedule changed."""
        now = now or utcnow()
        with self._lock:
            self._load_sources()
            with self.sessions.begin() as session:
                self._mirror_sources(session)
                self._merge_discovered(session)
                controls = store.source_controls(session)
                plan = self._wanted_plan(controls)
                for job_id, cron in plan.items():
                    if self.plan.get(job_id) != cron:
                        state.plan(session, job_id, cron, now, self.schedules.tz)
            for job_id in sorted(set(self.plan) - set(plan)):
                logger.info("%s: off the schedule (disabled or removed)", job_id)
            self.plan = plan
            return plan

    def _wanted_plan(self, controls: dict[str, SourceControl]) -> dict[str, str]:
        plan: dict[str, str] = {}
        for source in self.sources.values():
            control = controls.get(source.id)
            if control is not None and control.schedule:
                self._check_override(source.id, control.schedule)
            if effective_enabled(source, control):
                plan[state.crawl_job_id(source.id)] = effective_cron(source, control, self.schedules)
        for frequency in ALERT_FREQUENCIES:
            cron = self.schedules.alerts.get(frequency)
            if cron:
                plan[f"{state.ALERTS_PREFIX}{frequency}"] = cron
        if self.schedules.index_sync:
            plan[state.INDEX_SYNC] = self.schedules.index_sync
        if self.schedules.figures_snapshot:
            plan[state.FIGURES_SNAPSHOT] = self.schedules.figures_snapshot
        return plan

    def _check_override(self, source_id: str, cron: str) -> None:
        problem = validate_cron(cron, self.schedules.tz)
        if problem and (source_id, cron) not in self._bad_overrides:
            self._bad_overrides.add((source_id, cron))
            logger.warning("%s: schedule override %r ignored: %s", source_id, cron, problem)

    def _load_sources(self) -> None:
        try:
            info = self.sources_file.stat()
        except OSError as error:
            if self._sources_stamp is not None or not self.sources:
                logger.error("cannot read the sources file %s: %s", self.sources_file, error)
            self._sources_stamp = None
            return
        stamp = (info.st_mtime, info.st_size)
        if stamp == self._sources_stamp:
            return
        try:
            listed = load_sources(self.sources_file)
        except SourcesFileError as error:
            logger.error("sources file unusable, keeping the sources read before: %s", error)
            return
        self._sources_stamp = stamp
        self._listed = listed
        logger.info("%d sources read from %s", len(listed.sources), self.sources_file)

    def _merge_discovered(self, session) -> None:
        """The file's sources and the discovered ones, read again each round: one accepted in
        the admin area is crawled on schedule (or at once, asked to) without a restart."""
        merged = merge_sources(self._listed, store.discovered_sources(session))
        for problem in merged.problems:
            if str(problem) not in self._told:
                self._told.add(str(problem))
                logger.warning("skipped %s", problem)
        if set(merged_ids := [source.id for source in merged.sources]) != set(self.sources):
            logger.info("%d sources to crawl, %d of them discovered", len(merged_ids),
                        len(merged_ids) - len(self._listed.sources))
        self.sources = {source.id: source for source in merged.sources}

    def _mirror_sources(self, session) -> None:
        """Every source of the file in the store, so the admin area lists it before its first crawl."""
        for source in self._listed.sources:
            if self._mirrored.get(source.id) == source:
                continue
            store.upsert_source(session, store.SourceRecord(
                id=source.id, platform=source.platform, url=source.url, employer=source.employer,
                enabled=source.enabled, options=source.options))
            self._mirrored[source.id] = source

    # -- crawls under way --------------------------------------------------------------

    def _check_running(self, now: datetime, report: TickReport) -> None:
        limit = self.schedules.crawl_time_limit
        for source_id, crawl in list(self.running.items()):
            if now - crawl.started_at >= limit:
                self._time_out(crawl, now)
                report.timed_out.append(source_id)
            elif not self._is_running(crawl.job):
                self._finished(crawl, now)
                report.finished.append(source_id)

    def _is_running(self, job: dict) -> bool:
        try:
            return self.dispatcher.is_running(job)
        except Exception:
            logger.exception("cannot tell whether crawl %s still runs; taking it as running", job)
            return True

    def _stop(self, job: dict) -> None:
        try:
            self.dispatcher.stop(job)
        except Exception:
            logger.exception("could not stop crawl %s", job)

    def _wait_until_ended(self, job: dict) -> None:
        """A stopped crawl records its run as cancelled on its way out; waiting for it lets the
        timeout written next stand (a Scrapyd job is cancelled, not waited for, by stop())."""
        deadline = time.monotonic() + self.stop_wait
        while time.monotonic() < deadline and self._is_running(job):
            time.sleep(0.2)

    def _time_out(self, crawl: Running, now: datetime) -> None:
        limit = self.schedules.crawl_time_limit
        logger.warning("%s: still crawling after %s; stopping it", crawl.source_id, describe_duration(limit))
        self._stop(crawl.job)
        self._wait_until_ended(crawl.job)
        reason = f"stopped after {describe_duration(limit)}, the time limit"
        self._close(crawl, runs.TIMEOUT, runs.FAILING, reason, now, statuses=("running", "cancelled"),
                    record_if_none=True)
        self._notify(crawl.source_id)
        self._sync_wanted = True

    def _finished(self, crawl: Running, now: datetime) -> None:
        exit_code = getattr(self.dispatcher, "exit_code", lambda job: None)(crawl.job)
        ended = f" (exit code {exit_code})" if exit_code not in (None, 0) else ""
        reason = f"the crawl ended without recording how it went{ended}"
        closed = self._close(crawl, runs.FAILED, runs.FAILING, reason, now)
        if closed:
            self._notify(crawl.source_id)
        logger.info("%s: crawl ended", crawl.source_id)
        self._sync_wanted = True

    def _close(self, crawl: Running, status: str, health: str, reason: str, now: datetime | None = None,
               statuses=("running",), record_if_none: bool = False) -> int:
        """Finish the crawl's open runs, free its lock, and forget it."""
        with self.sessions.begin() as session:
            ended = runs.end_runs(session, crawl.source_id, crawl.started_at, status, health, reason,
                                  statuses=statuses, now=now, record_if_none=record_if_none)
            locks.release(session, crawl.source_id, self.holder)
        self.running.pop(crawl.source_id, None)
        getattr(self.dispatcher, "forget", lambda job: None)(crawl.job)
        return len(ended)

    def _notify(self, source_id: str) -> None:
        if self.notify:
            jobs.notify_operators(self.sessions, self.settings, source_id)

    def _reap_expired(self, now: datetime, report: TickReport) -> None:
        """Locks past their expiry whose holder is another scheduler: it died or lost track;
        its crawl, if it still runs, is stopped and recorded as a timeout."""
        with self.sessions() as session:
            stale = [(lock.source_id, lock.holder, lock.acquired_at, lock.job)
                     for lock in locks.expired(session, now) if lock.holder != self.holder]
        for source_id, holder, acquired_at, job in stale:
            if job and job.get("kind") == getattr(self.dispatcher, "kind", None):
                self._stop(job)
            reason = (f"its scheduler ({holder}) stopped watching it; ended after "
                      f"{describe_duration(self.schedules.lock_ttl)}, the time limit and margin")
            with self.sessions.begin() as session:
                if not locks.release_expired(session, source_id, holder, now):
                    continue  # someone took it over meanwhile
                runs.end_runs(session, source_id, acquired_at, runs.TIMEOUT, runs.FAILING, reason,
                              statuses=("running", "cancelled"), now=now)
            logger.warning("%s: expired lock of %s removed", source_id, holder)
            report.timed_out.append(source_id)

    def _recover(self, now: datetime) -> None:
        """On start: crawls whose scheduler on this machine has gone (a restart). One still
        running is adopted and watched; a lock left by a crawl that ended is freed."""
        with self.sessions() as session:
            left = [(lock.source_id, lock.holder, lock.acquired_at, lock.job) for lock in locks.held(session)]
        host = socket.gethostname()
        for source_id, holder, acquired_at, job in left:
            holder_host, holder_pid = locks.holder_host_pid(holder)
            if holder == self.holder or holder_host != host or holder_pid is None or pid_alive(holder_pid):
                continue
            if job and self._is_running(job):
                with self.sessions.begin() as session:
                    if locks.take_over(session, source_id, holder, self.holder):
                        self.running[source_id] = Running(source_id, job, acquired_at, "adopted")
                        logger.info("%s: adopted its crawl from the stopped scheduler %s", source_id, holder)
                continue
            with self.sessions.begin() as session:
                runs.end_runs(session, source_id, acquired_at, runs.CANCELLED, runs.DEGRADED,
                              "stopped when its scheduler stopped")
                locks.release(session, source_id, holder)
            logger.info("%s: freed the lock of the stopped scheduler %s", source_id, holder)

    # -- starting crawls ---------------------------------------------------------------

    def _start_crawls(self, now: datetime, report: TickReport) -> None:
        with self.sessions() as session:
            requests = [(source_id, RUN_NOW, asked) for source_id, asked in store.run_requests(session)]
            crawl_jobs = [job_id for job_id in self.plan if job_id.startswith(state.CRAWL_PREFIX)]
            scheduled = [(state.source_of(row.job_id), SCHEDULED, row.next_run_at)
                         for row in state.due(session, crawl_jobs, now)]
        for source_id, reason, seen in requests + scheduled:
            source = self.sources.get(source_id)
            if source is None:
                self._drop_request(source_id, seen, report)
                continue
            if source_id in self.running:
                if reason == SCHEDULED:
                    self._skip_slot(source_id, now, report, "already being crawled")
                continue
            if len(self.running) >= self.schedules.max_parallel_crawls:
                report.skipped.append((source_id, "waiting: as many crawls as allowed are running"))
                continue
            self._start(source, reason, seen, now, report)

    def _start(self, source: SourceConfig, reason: str, seen: datetime, now: datetime,
               report: TickReport) -> None:
        with self.sessions() as session:
            acquired = locks.acquire(session, source.id, self.holder, self.schedules.lock_ttl, now=now)
            claimed = acquired and self._claim(session, source.id, reason, seen, now)
            (session.commit if claimed else session.rollback)()
        if acquired and not claimed:
            report.skipped.append((source.id, "taken by another scheduler"))
            return
        if not acquired:
            if reason == SCHEDULED:
                self._skip_slot(source.id, now, report, "being crawled by another scheduler")
            return
        try:
            job = self.dispatcher.start(source, self.settings)
        except Exception as error:
            logger.exception("%s: the crawl could not be started", source.id)
            with self.sessions.begin() as session:
                runs.record_failed_start(session, source.id, f"the crawl could not be started: {error}", now=now)
                locks.release(session, source.id, self.holder)
            self._notify(source.id)
            report.skipped.append((source.id, f"could not start: {error}"))
            return
        with self.sessions.begin() as session:
            locks.set_job(session, source.id, self.holder, job)
        self.running[source.id] = Running(source.id, job, now, reason)
        logger.info("%s: crawl started (%s) as %s", source.id, reason, job)
        report.started.append(source.id)

    def _claim(self, session, source_id: str, reason: str, seen: datetime, now: datetime) -> bool:
        """Take the "run now" request or the due slot; False when another scheduler did."""
        if reason == RUN_NOW:
            return store.clear_run_request(session, source_id, seen)
        return state.claim(session, state.crawl_job_id(source_id), now, self._next(source_id, now))

    def _next(self, source_id: str, now: datetime) -> datetime | None:
        cron = self.plan.get(state.crawl_job_id(source_id))
        return next_fire(cron, now, self.schedules.tz) if cron else None

    def _skip_slot(self, source_id: str, now: datetime, report: TickReport, why: str) -> None:
        with self.sessions.begin() as session:
            if state.claim(session, state.crawl_job_id(source_id), now, self._next(source_id, now)):
                logger.info("%s: scheduled crawl skipped: %s", source_id, why)
                report.skipped.append((source_id, why))

    def _drop_request(self, source_id: str, seen: datetime, report: TickReport) -> None:
        """"Run now" for a source no longer in the sources file (or no longer valid there)."""
        with self.sessions.begin() as session:
            store.clear_run_request(session, source_id, seen)
        logger.warning("%s: \"run now\" dropped: no valid entry in %s nor among the discovered sources",
                       source_id, self.sources_file)
        report.skipped.append((source_id, "not a valid source in the sources file or the discovered ones"))

    # -- alerts and the index -----------------------------------------------------------

    def _run_jobs(self, now: datetime, report: TickReport) -> None:
        other = [job_id for job_id in self.plan if not job_id.startswith(state.CRAWL_PREFIX)]
        with self.sessions.begin() as session:
            claimed = [row.job_id for row in state.due(session, other, now)
                       if state.claim(session, row.job_id, now,
                                      next_fire(self.plan[row.job_id], now, self.schedules.tz))]
        if self._sync_wanted and self.schedules.sync_index_after_crawls and state.INDEX_SYNC not in claimed:
            claimed.append(state.INDEX_SYNC)
        if self._sync_wanted and self.schedules.figures_snapshot and state.FIGURES_SNAPSHOT not in claimed:
            claimed.append(state.FIGURES_SNAPSHOT)
        self._sync_wanted = False
        for job_id in claimed:
            self.run_task(job_id, self._task(job_id, now))
            report.ran.append(job_id)

    def _task(self, job_id: str, now: datetime) -> Callable[[], object]:
        if job_id == state.INDEX_SYNC:
            return _logged(job_id, lambda: jobs.sync_index(self.settings, self.engine))
        if job_id == state.FIGURES_SNAPSHOT:
            return _logged(job_id, lambda: jobs.take_figures_snapshot(self.sessions))
        frequency = job_id[len(state.ALERTS_PREFIX):]
        return _logged(job_id, lambda: jobs.send_alerts(self.settings, frequency, now=now))

    def _run_rechecks(self, report: TickReport) -> None:
        """Reports of closed postings are re-checked at the next poll, one re-check at a time."""
        with self.sessions.begin() as session:
            if not store.rechecks_due(session, 1):
                return
        self.run_task(state.REPORT_RECHECK, _logged(state.REPORT_RECHECK, self._recheck))
        report.ran.append(state.REPORT_RECHECK)

    def _recheck(self) -> int:
        if not self._rechecking.acquire(blocking=False):
            return 0
        try:
            return rechecks.recheck_job(self.settings, self.engine, getattr(self.dispatcher, "overrides", {}))
        finally:
            self._rechecking.release()

    # -- ending ------------------------------------------------------------------------

    def wait(self, timeout: float, poll: float | None = None) -> TickReport:
        """Tick until no crawl of this scheduler runs (or `timeout` seconds); for --once and tests."""
        deadline = time.monotonic() + timeout
        report = TickReport()
        while self.running and time.monotonic() < deadline:
            time.sleep(poll if poll is not None else min(1.0, self.schedules.poll_seconds))
            _merge(report, self.tick())
        return report

    def close(self, stop_crawls: bool = True) -> None:
        """Stop this scheduler's crawls (recorded as cancelled) and free their locks; or, with
        `stop_crawls=False`, leave them running under their locks for the next scheduler here
        to adopt."""
        with self._lock:
            for crawl in list(self.running.values()):
                if not self._is_running(crawl.job):
                    self._finished(crawl, utcnow())
                elif stop_crawls:
                    logger.info("%s: stopping its crawl, the scheduler is shutting down", crawl.source_id)
                    self._stop(crawl.job)
                    self._close(crawl, runs.CANCELLED, runs.DEGRADED, "stopped when the scheduler shut down")
            self.running.clear()
            if self._own_engine:
                self.engine.dispose()


def _logged(job_id: str, task: Callable[[], object]) -> Callable[[], object]:
    def run():
        try:
            return task()
        except Exception:
            logger.exception("%s failed", job_id)
            return None
    return run


def _merge(into: TickReport, other: TickReport) -> None:
    for name in ("started", "finished", "timed_out", "ran", "skipped"):
        getattr(into, name).extend(getattr(other, name))


class SchedulerService:
    """The long-lived `peerjobs scheduler`: APScheduler wakes a round at each job's cron
    time and every poll_seconds; alerts and index syncs run on worker threads, one at a time
    per job."""

    def __init__(self, scheduler: Scheduler, workers: int = 2):
        self.scheduler = scheduler
        self.tasks = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="peerjobs-task")
        self._in_flight: dict[str, Future] = {}
        self._cron_jobs: dict[str, str] = {}
        self._cron_lock = threading.Lock()
        scheduler.run_task = self._submit
        self.aps = BackgroundScheduler(timezone=scheduler.schedules.tz, job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": None})
        self.stopped = threading.Event()

    def _submit(self, job_id: str, task: Callable[[], object]) -> None:
        running = self._in_flight.get(job_id)
        if running is not None and not running.done():
            logger.info("%s: still running from before; this turn is skipped", job_id)
            return
        self._in_flight[job_id] = self.tasks.submit(task)

    def poll(self) -> None:
        try:
            report = self.scheduler.tick()
        except Exception:
            logger.exception("scheduler round failed; trying again at the next one")
            return
        for name in ("started", "finished", "timed_out", "ran"):
            if getattr(report, name):
                logger.info("%s: %s", name.replace("_", " "), ", ".join(getattr(report, name)))
        self._sync_cron_jobs()

    def _sync_cron_jobs(self) -> None:
        """One APScheduler cron job per planned job, kept in step with schedule edits."""
        plan = dict(self.scheduler.plan)
        with self._cron_lock:
            for job_id, cron in plan.items():
                if self._cron_jobs.get(job_id) != cron:
                    self.aps.add_job(self.poll, cron_trigger(cron, self.scheduler.schedules.tz), id=job_id,
                                     name=job_id, replace_existing=True)
                    self._cron_jobs[job_id] = cron
            for job_id in set(self._cron_jobs) - set(plan):
                self.aps.remove_job(job_id)
                del self._cron_jobs[job_id]

    def start(self) -> None:
        self.aps.add_job(self.poll, IntervalTrigger(seconds=self.scheduler.schedules.poll_seconds),
                         id="poll", name="poll", next_run_time=datetime.now(self.scheduler.schedules.tz))
        self.aps.start()

    def stop(self, stop_crawls: bool = True) -> None:
        if self.aps.running:
            self.aps.shutdown(wait=True)
        self.tasks.shutdown(wait=True)
        self.scheduler.close(stop_crawls=stop_crawls)
        self.stopped.set()

    def run_forever(self, install_signals: bool = True) -> None:
        """Run until SIGTERM or SIGINT (Ctrl-C), then stop this scheduler's crawls."""
        finish = threading.Event()
        if install_signals:
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, lambda *_: finish.set())
        self.start()
        logger.info("scheduler %s running: sources from %s, at most %d crawls at once", self.scheduler.holder,
                    self.scheduler.sources_file, self.scheduler.schedules.max_parallel_crawls)
        try:
            while not finish.wait(1.0):
                pass
        finally:
            logger.info("scheduler shutting down")
            self.stop()


def run_once(scheduler: Scheduler, timeout: float | None = None) -> TickReport:
    """One round, then rounds until the crawls it started have ended; its syncs run inline."""
    report = scheduler.tick()
    limit = timeout if timeout is not None else scheduler.schedules.crawl_time_limit.total_seconds() + 60
    _merge(report, scheduler.wait(limit))
    return report
