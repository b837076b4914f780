"""Alert digests: confirmed subscriptions over synthetic postings, sent to aiosmtpd on loopback.

    python -m benchmarks.alerts [--size 100000] [--subscriptions 10000] [--new 5000]

The store holds `size` postings, of which `new` were first seen in the past hour and the rest
two days ago; every subscription is daily, last checked a day ago, with a search drawn from a
realistic mix (words, roles, states, towns with a radius, pay, everything), many shared. The
SMTP server runs in its own process and counts messages and connections. Prints the setup
steps, then one row for the timed `send_alerts` run (goal: 10,000 subscriptions over 100,000
postings in under two minutes).
"""
from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import random
import socket
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert

from benchmarks.synthetic import LANDMARKS, TITLES, cities, postings
from indexer import store
from indexer.store import db
from indexer import search
from indexer.store.models import Subscription, utcnow
from foundation.settings import Settings
from alerts.sending import send_alerts

WORDS = ("peer", "recovery", "peer support", "coach", "specialist", "family", "youth", "bridger", "navigator",
         "warmline", "forensic", "mentor", "certified peer specialist", "recovery coach")
STATES = ("OH", "CA", "TX", "NY", "PA", "FL", "IL", "MI", "NC", "GA", "WA", "AZ", "MA", "VA", "NJ")


def searches(count: int, rng: random.Random, places: list[dict]) -> list[dict]:
    """`count` saved searches; a quarter of them repeat earlier ones, as popular searches do."""
    made: list[dict] = []
    categories = sorted({category for _, category in TITLES})
    towns = [f"{city}, {state}" for city, state in LANDMARKS] + [
        f"{place['city'].title()}, {place['state']}" for place in places[:120]]
    for _ in range(count):
        if made and rng.random() < 0.25:
            made.append(dict(rng.choice(made)))
            continue
        kind, found = rng.random(), {}
        if kind < 0.35:
            found["q"] = rng.choice(WORDS)
        elif kind < 0.55:
            found["category"] = [rng.choice(categories)]
        if rng.random() < 0.35:
            found["state"] = [rng.choice(STATES)]
        elif rng.random() < 0.35:
            found["where"], found["radius"] = rng.choice(towns), rng.choice((25, 50, 100))
        if rng.random() < 0.15:
            found["min_hourly"] = rng.choice((16, 18, 20))
        if rng.random() < 0.1:
            found["employment_type"] = ["FULL_TIME"]
        made.append(found)
    return made


def build(folder: Path, size: int, new: int, subscriptions: int) -> tuple[Settings, list[tuple[str, float]], int]:
    settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'store.db'}", index_dir=folder / "index",
                        public_url="https://jobs.example.org", secret_key_value="benchmark")
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    steps, now, started = [], utcnow(), time.perf_counter()
    sessions = db.session_factory(engine)
    with sessions.begin() as session:
        for source in ("older", "newer"):
            store.upsert_source(session, store.SourceRecord(source, "jsonld", f"https://{source}.example/", source))
        store.bulk_insert_postings(session, "older", postings(size - new, seed=11), now=now - timedelta(days=2))
        store.bulk_insert_postings(session, "newer", postings(new, seed=7), now=now - timedelta(hours=1))
    steps.append(("load store (bulk)", time.perf_counter() - started))
    started = time.perf_counter()
    search.rebuild(engine, settings.index_dir)
    steps.append(("build index", time.perf_counter() - started))
    started = time.perf_counter()
    rng = random.Random(5)
    saved = searches(subscriptions, rng, cities(500, random.Random(7)))
    with sessions.begin() as session:
        session.execute(insert(Subscription), [
            dict(email=f"reader{number}@example.org", search=found, frequency="daily", status="active",
                 created_at=now - timedelta(days=3), confirmed_at=now - timedelta(days=3),
                 seen_through=now - timedelta(days=1), bounces=0)
            for number, found in enumerate(saved)])
    steps.append(("add subscriptions", time.perf_counter() - started))
    engine.dispose()
    distinct = len({str(sorted(found.items())) for found in saved})
    return settings, steps, distinct


# ---------------------------------------------------------------- the SMTP server, in its own process

class _Counter:
    def __init__(self, messages, connections):
        self.messages, self.connections, self.sessions = messages, connections, set()

    async def handle_DATA(self, server, session, envelope):
        if id(session) not in self.sessions:
            self.sessions.add(id(session))
            with self.connections.get_lock():
                self.connections.value += 1
        with self.messages.get_lock():
            self.messages.value += 1
        return "250 OK"


def _serve(port: int, messages, connections, ready, stop) -> None:
    from aiosmtpd.controller import Controller
    controller = Controller(_Counter(messages, connections), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


class SmtpProcess:
    def __init__(self):
        context = multiprocessing.get_context("spawn")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.messages, self.connections = context.Value("i", 0), context.Value("i", 0)
        self._ready, self._stop = context.Event(), context.Event()
        self._process = context.Process(target=_serve, daemon=True,
                                        args=(self.port, self.messages, self.connections, self._ready, self._stop))

    def __enter__(self) -> "SmtpProcess":
        self._process.start()
        if not self._ready.wait(60):
            raise RuntimeError("the SMTP server did not start")
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._process.join(30)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="postings in the store")
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--new", type=int, default=5_000, help="postings first seen since the last check")
    args = parser.parse_args()
    new = min(args.new, args.size)
    with tempfile.TemporaryDirectory() as folder, SmtpProcess() as server:
        settings, steps, distinct = build(Path(folder), args.size, new, args.subscriptions)
        settings = dataclasses.replace(settings, smtp_url=server.url)
        started = time.perf_counter()
        report = send_alerts(settings, frequency="daily")
        seconds = time.perf_counter() - started
        received, connections = server.messages.value, server.connections.value
    print(f"{'step':<24} {'seconds':>8}")
    for step, step_seconds in steps:
        print(f"{step:<24} {step_seconds:>8.1f}")
    print(f"\n{'subscriptions':>13} {'searches':>8} {'postings':>8} {'new':>6} {'emails':>7} {'received':>8} "
          f"{'nothing new':>11} {'connections':>11} {'seconds':>8} {'emails/s':>8}")
    print(f"{report.checked:>13} {distinct:>8} {args.size:>8} {new:>6} {report.sent:>7} {received:>8} "
          f"{report.skipped_empty:>11} {connections:>11} {seconds:>8.1f} {report.sent / seconds:>8.0f}")


if __name__ == "__main__":
    main()
