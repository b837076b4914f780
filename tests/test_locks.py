"""Crawl locks on SQLite and PostgreSQL: one holder at a time, in threads and in processes;
an expired lock is taken over by exactly one; only the holder releases it."""
from __future__ import annotations

import multiprocessing
import threading
from datetime import datetime, timedelta

from indexer.store import db
from indexer.store.models import CrawlLock
from peerjobs.scheduling import locks

NOW = datetime(2030, 1, 7, 10, 0)
TTL = timedelta(minutes=70)


def engine_for(url: str):
    engine = db.make_engine(url, writer=True)
    db.migrate(engine)
    return engine


def try_acquire(engine, holder: str, source_id: str = "harbor", now: datetime = NOW) -> bool:
    with db.session_factory(engine)() as session:
        taken = locks.acquire(session, source_id, holder, TTL, now=now)
        session.commit()
        return taken


def test_one_holder_at_a_time_and_only_it_releases(database_url):
    engine = engine_for(database_url)
    try:
        assert try_acquire(engine, "a:1:x")
        assert not try_acquire(engine, "b:2:y")
        assert try_acquire(engine, "b:2:y", source_id="lantern")  # other sources are free
        with db.session_factory(engine).begin() as session:
            assert not locks.release(session, "harbor", "b:2:y")
            assert locks.set_job(session, "harbor", "a:1:x", {"kind": "local", "pid": 42})
        with db.session_factory(engine)() as session:
            held = {lock.source_id: lock for lock in locks.held(session)}
            assert held["harbor"].holder == "a:1:x" and held["harbor"].job == {"kind": "local", "pid": 42}
            assert held["harbor"].expires_at == NOW + TTL
        with db.session_factory(engine).begin() as session:
            assert locks.release(session, "harbor", "a:1:x")
        assert try_acquire(engine, "b:2:y")
    finally:
        engine.dispose()


def test_an_expired_lock_is_taken_over(database_url):
    engine = engine_for(database_url)
    try:
        assert try_acquire(engine, "dead:1:x")
        assert not try_acquire(engine, "b:2:y", now=NOW + TTL)  # expires_at is not past yet
        later = NOW + TTL + timedelta(seconds=1)
        with db.session_factory(engine)() as session:
            assert [lock.source_id for lock in locks.expired(session, later)] == ["harbor"]
        assert try_acquire(engine, "b:2:y", now=later)
        with db.session_factory(engine)() as session:
            lock = session.get(CrawlLock, "harbor")
            assert lock.holder == "b:2:y" and lock.acquired_at == later and lock.job is None
            assert not locks.release_expired(session, "harbor", "b:2:y", later)  # fresh again
    finally:
        engine.dispose()


def race(url: str, contenders: int, now: datetime) -> list[str]:
    """Contenders on engines of their own try for the same lock at the same moment."""
    engines = [engine_for(url) for _ in range(contenders)]
    start = threading.Barrier(contenders)
    winners: list[str] = []

    def contend(index: int) -> None:
        start.wait()
        if try_acquire(engines[index], f"host:{index}:x", now=now):
            winners.append(f"host:{index}:x")

    threads = [threading.Thread(target=contend, args=(index,)) for index in range(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for engine in engines:
        engine.dispose()
    return winners


def test_of_many_at_once_exactly_one_wins(database_url):
    for round_ in range(3):
        assert len(race(database_url, 4, NOW + round_ * 2 * TTL)) == 1


def test_of_many_taking_over_an_expired_lock_exactly_one_wins(database_url):
    engine = engine_for(database_url)
    try:
        assert try_acquire(engine, "dead:1:x")
    finally:
        engine.dispose()
    winners = race(database_url, 4, NOW + TTL + timedelta(minutes=1))
    assert len(winners) == 1 and winners[0] != "dead:1:x"


def _acquire_in_process(url: str, holder: str, ready, go, results) -> None:
    engine = db.make_engine(url, writer=True)
    ready.wait()
    go.wait()
    results.put((holder, try_acquire(engine, holder)))
    engine.dispose()


def test_two_processes_one_lock(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine_for(url).dispose()
    context = multiprocessing.get_context("spawn")
    ready, go, results = context.Barrier(3), context.Event(), context.Queue()
    children = [context.Process(target=_acquire_in_process, args=(url, f"proc:{n}:x", ready, go, results))
                for n in range(2)]
    for child in children:
        child.start()
    ready.wait(60)
    go.set()
    outcomes = dict(results.get(timeout=60) for _ in children)
    for child in children:
        child.join(30)
    assert sorted(outcomes.values()) == [False, True], outcomes


def test_holder_ids_name_host_and_process():
    first, second = locks.holder_id(), locks.holder_id()
    assert first != second
    host, pid = locks.holder_host_pid(first)
    import os
    import socket
    assert (host, pid) == (socket.gethostname(), os.getpid())
    assert locks.holder_host_pid("scrapyd") == ("scrapyd", None)
