"""What `peerjobs crawl` and `peerjobs sources` do, as plain functions."""
from __future__ import annotations

import os
import socket
from datetime import timedelta
from typing import Any, Callable, Mapping, Sequence

from crawlers.runner import crawl_in_children
from crawlers.settings import LOOPBACK_OVERRIDES
from sqlalchemy.exc import SQLAlchemyError

from crawlers.sources import SourceConfig, SourceList, SourcesFileError, all_sources
from indexer import store
from indexer.store import db, figures
from indexer.store.models import utcnow
from foundation.lifeline import Stopped, stop_signals_raise
from foundation.settings import Settings
from peerjobs.scheduling import locks, runs as run_records
from peerjobs.scheduling.dispatch import pid_alive

Echo = Callable[..., None]
#: How long a `peerjobs crawl` holds its sources' locks if it dies without releasing them.
MANUAL_CRAWL_LOCK_MINUTES = 120


def select_sources(listed: Sequence[SourceConfig], ids: Sequence[str], crawl_all: bool,
                   echo: Echo) -> list[SourceConfig] | None:
    if crawl_all:
        return [source for source in listed if source.enabled]
    if not ids:
        echo("Name the sources to crawl, or use --all.", err=True)
        return None
    by_id = {source.id: source for source in listed}
    missing = [source_id for source_id in ids if source_id not in by_id]
    for source_id in missing:
        echo(f"unknown or invalid source: {source_id}", err=True)
    return [by_id[source_id] for source_id in ids if source_id in by_id]


def _load(engine, sources_file: str | None, echo: Echo) -> SourceList | None:
    """The sources file's sources and those accepted from the discovery queue."""
    try:
        with db.session_factory(engine)() as session:
            return all_sources(session, sources_file)
    except SourcesFileError as error:
        echo(f"cannot read sources: {error}", err=True)
        return None


def _store(settings: Settings):
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    return engine


def crawl_command(settings: Settings, ids: Sequence[str], crawl_all: bool, sources_file: str | None,
                  overrides: Mapping[str, Any], loopback: bool, echo: Echo,
                  processes: int = 1) -> int:
    engine = _store(settings)
    listed = _load(engine, sources_file, echo)
    if listed is None:
        return 2
    for problem in listed.problems:
        echo(f"skipped {problem}", err=True)
    chosen = select_sources(listed.sources, ids, crawl_all, echo)
    if not chosen:
        return 2
    holder = locks.holder_id()
    chosen = _lock(engine, chosen, holder, echo)
    if not chosen:
        return 1
    started = utcnow()
    try:
        with stop_signals_raise():  # SIGTERM or SIGINT: the children stopped, the locks released
            exit_code = crawl_in_children(chosen, settings, {**(LOOPBACK_OVERRIDES if loopback else {}),
                                                             **overrides}, processes=processes)
    except Stopped as signal_name:
        echo(f"stopped by {signal_name}; the crawls were ended and their sources unlocked", err=True)
        exit_code = 1
    finally:
        _end_unfinished(engine, chosen, started)
        _unlock(engine, chosen, holder)
    runs = _runs_since(engine, [source.id for source in chosen], started)
    _print_runs(runs, echo)
    _take_snapshot(engine, echo)
    missing = {source.id for source in chosen} - {run.source_id for run in runs}
    for source_id in sorted(missing):
        echo(f"{source_id}: no run recorded (the crawl process exited with {exit_code})", err=True)
    failed = missing or any(run.status in ("failed", "cancelled") for run in runs)
    return 1 if failed or exit_code != 0 else 0


def _take_snapshot(engine, echo: Echo) -> None:
    """Today's figures of sources by health and open postings by state, as this crawl left them."""
    try:
        with db.session_factory(engine)() as session:
            figures.take_snapshot(session)
    except SQLAlchemyError as error:
        echo(f"today's figures were not taken: {type(error).__name__}", err=True)


def _lock(engine, sources: list[SourceConfig], holder: str, echo: Echo) -> list[SourceConfig]:
    """The sources this command may crawl: a source the scheduler (or another command) is
    crawling right now is skipped, so no source is ever crawled twice at once."""
    ttl = timedelta(minutes=MANUAL_CRAWL_LOCK_MINUTES)
    free = []
    with db.session_factory(engine)() as session:
        for source in sources:
            job = {"kind": "command", "host": socket.gethostname(), "pid": os.getpid()}
            if locks.acquire(session, source.id, holder, ttl, job=job) or _take_over_dead(session, source.id, holder):
                free.append(source)
            else:
                echo(f"{source.id}: being crawled already; skipped", err=True)
            session.commit()
    return free


def _take_over_dead(session, source_id: str, holder: str) -> bool:
    """Adopt a lock left by a `peerjobs crawl` on this machine that was killed (its crawl
    processes died with it), recording its unfinished runs cancelled, instead of waiting for the
    lock to expire. A scheduler's lock is never taken: its crawl may outlive it, and the
    scheduler adopts those itself."""
    lock = locks.lock_of(session, source_id)
    job = (lock.job or {}) if lock is not None else {}
    if job.get("kind") != "command" or job.get("host") != socket.gethostname():
        return False
    if not isinstance(job.get("pid"), int) or pid_alive(job["pid"]):
        return False
    run_records.end_runs(session, source_id, lock.acquired_at, run_records.CANCELLED, run_records.DEGRADED,
                         "the crawl command was killed before it finished")
    return locks.take_over(session, source_id, lock.holder, holder)


def _end_unfinished(engine, sources: list[SourceConfig], started) -> None:
    """Runs a crawl child left `running` (it was stopped, or died) are recorded cancelled."""
    with db.session_factory(engine)() as session:
        for source in sources:
            run_records.end_runs(session, source.id, started, run_records.CANCELLED, run_records.DEGRADED,
                                 "the crawl process was ended before it finished")
        session.commit()


def _unlock(engine, sources: list[SourceConfig], holder: str) -> None:
    with db.session_factory(engine)() as session:
        for source in sources:
            locks.release(session, source.id, holder)
        session.commit()


def _runs_since(engine, source_ids: list[str], started) -> list:
    with db.session_factory(engine)() as session:
        runs = store.latest_runs(session, source_ids, limit=len(source_ids) * 4)
        return [run for run in runs if run.started_at >= started]


def _print_runs(runs: list, echo: Echo) -> None:
    echo(f"{'source':<32} {'status':<9} {'pages':>5} {'items':>5} {'new':>4} {'upd':>4} {'errors':>6}")
    for run in sorted(runs, key=lambda run: run.source_id):
        echo(f"{run.source_id:<32} {run.status:<9} {run.pages:>5} {run.items:>5} {run.new:>4} "
             f"{run.updated:>4} {run.errors:>6}")
        if run.message:
            echo(f"    {run.message}")
        if run.health == "failing":
            echo(f"    failing: {run.health_reason}; postings it missed stay open")
        elif run.health == "degraded":
            echo(f"    degraded: {run.health_reason}")
        closed = sum(value for key, value in (run.stats or {}).items() if key.startswith("peerjobs/closed/"))
        if closed:
            echo(f"    {closed} postings closed")


def sources_command(settings: Settings, sources_file: str | None, echo: Echo) -> int:
    """The sources file's sources, then the discovered ones (marked so), and every problem."""
    engine = _store(settings)
    listed = _load(engine, sources_file, echo)
    with db.session_factory(engine)() as session:
        discovered = {source.id for source in store.discovered_sources(session)}
    engine.dispose()
    if listed is None:
        return 2
    for source in listed.sources:
        state = "enabled " if source.enabled else "disabled"
        origin = " (discovered)" if source.id in discovered else ""
        echo(f"{source.id:<36} {source.platform:<10} {state} {source.url}{origin}")
    for problem in listed.problems:
        echo(f"invalid {problem}", err=True)
    found = sum(source.id in discovered for source in listed.sources)
    echo(f"{len(listed.sources)} valid, {len(listed.problems)} problems ({found} from the discovery queue)")
    return 1 if listed.problems else 0
