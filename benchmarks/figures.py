"""Figures kept per day: events counted by concurrent writers, the daily snapshot over a large
store, and the admin overview's charts over a full history.

    python -m benchmarks.figures [--size 100000] [--sources 500] [--writers 4] [--events 500]
                                 [--postgres URL | --postgres '']

On a SQLite file, then in a schema of its own in PostgreSQL (left out when the server does not
answer, or with --postgres ''), the store holds `size` open peer postings
and `sources` sources with three judged runs each. `writers` threads each count `events` events
at once, one transaction each, as web workers and the alert sender do; the total is checked.
The snapshot is taken three times (the first writes today, the others overwrite it); the charts
are built and rendered over 400 days of figures. One row per step.
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert

from benchmarks.crawl import postgres_store
from benchmarks.synthetic import postings
from indexer import store
from indexer.store import db, figures
from indexer.store.models import CrawlRun, DailyFigure, Source, utcnow
from webapp.admin import charts, trends

HEALTHS = ("healthy", "healthy", "healthy", "degraded", "failing", None)


def build_store(engine, size: int, sources: int) -> None:
    rng, now = random.Random(5), utcnow()
    with db.session_factory(engine).begin() as session:
        session.execute(insert(Source), [dict(id=f"source-{n}", platform="jsonld", url=f"https://s{n}.example/",
                                              employer=f"Agency {n}", enabled=True, options={})
                                         for n in range(sources)])
        session.execute(insert(CrawlRun), [dict(source_id=f"source-{n}", started_at=now - timedelta(hours=run),
                                                finished_at=now - timedelta(hours=run), status="ok", pages=1,
                                                items=1, new=0, updated=0, errors=0, stats={},
                                                health=rng.choice(HEALTHS))
                                           for n in range(sources) for run in range(3)])
        store.bulk_insert_postings(session, "source-0", postings(size))


def count_events(engine, writers: int, events: int) -> tuple[float, int]:
    sessions, start = db.session_factory(engine), threading.Barrier(writers + 1)

    def write(number: int) -> None:
        start.wait()
        for _ in range(events):
            with sessions.begin() as session:
                figures.record_event(session, "sent", network=f"network-{number % 3}")

    threads = [threading.Thread(target=write, args=(number,)) for number in range(writers)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    with sessions() as session:
        return seconds, figures.series(session, "sent", 1).total()


def snapshot_seconds(engine, times: int = 3) -> list[float]:
    taken = []
    for _ in range(times):
        with db.session_factory(engine)() as session:
            began = time.perf_counter()
            figures.take_snapshot(session)
            taken.append(time.perf_counter() - began)
    return taken


def fill_history(engine, days: int = 400) -> int:
    today, rows = utcnow().date(), []
    for back in range(1, days):
        day = today - timedelta(days=back)
        rows += [dict(day=day, figure=name, key="all", value=back % 7) for name in figures.EVENTS]
        rows += [dict(day=day, figure="sources_health", key=key, value=back % 11) for key in figures.HEALTH_KEYS]
        rows += [dict(day=day, figure="open_peer_by_state", key=f"S{n:02d}", value=n * 10 + back % 5)
                 for n in range(50)]
    with db.session_factory(engine).begin() as session:
        session.execute(insert(DailyFigure), rows)
    return len(rows)


def chart_seconds(engine, days: int = 90, times: int = 5) -> tuple[float, int]:
    taken, size = [], 0
    for _ in range(times):
        with db.session_factory(engine)() as session:
            began = time.perf_counter()
            size = sum(len(charts.render(chart)) for chart in trends.overview_charts(session, days))
            taken.append(time.perf_counter() - began)
    return statistics.median(taken), size


def row(where: str, step: str, count: int, seconds: float) -> None:
    rate = f"{count / seconds:,.0f}" if seconds > 0 else ""
    print(f"{where:<10} {step:<46} {count:>9} {seconds:>9.3f} {rate:>12}", flush=True)


def run(where: str, url: str, args: argparse.Namespace) -> None:
    engine = db.make_engine(url)
    db.migrate(engine)
    try:
        began = time.perf_counter()
        build_store(engine, args.size, args.sources)
        row(where, f"setup: {args.sources} sources, postings", args.size, time.perf_counter() - began)
        seconds, total = count_events(engine, args.writers, args.events)
        counted = "all counted" if total == args.writers * args.events else "SOME LOST"
        row(where, f"events, {args.writers} writers at once ({counted})", total, seconds)
        taken = snapshot_seconds(engine)
        row(where, "snapshot, first of the day", args.size, taken[0])
        row(where, "snapshot, taken again (median)", args.size, statistics.median(taken[1:]))
        history = fill_history(engine)
        seconds, size = chart_seconds(engine)
        row(where, f"4 overview charts, 90 days ({history:,} rows, {size // 1024} KiB)", 4, seconds)
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    print(f"{'store':<10} {'step':<46} {'count':>9} {'seconds':>9} {'per second':>12}")
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", f"sqlite:///{Path(folder) / 'store.db'}", args)
    if args.postgres:
        with postgres_store(args.postgres) as url:
            if url:
                run("PostgreSQL", url, args)


if __name__ == "__main__":
    main()
