"""Index build, incremental sync and query latency over synthetic postings in a SQLite store.

    python -m benchmarks.index_build [--size 5000] [--changed 1000] [--queries 50]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from benchmarks.synthetic import postings
from indexer import store
from indexer.store import db
from indexer import search
from indexer.store.models import utcnow

QUERIES = {
    "broad keyword": search.SearchQuery(q="peer"),
    "keyword + category + state": search.SearchQuery(q="recovery", category=("peer_recovery_coach",), state=("OH",)),
    "keyword + 25-mile radius": search.SearchQuery(q="peer support", where="Dayton, OH", radius=25),
    "newest first, page 3": search.SearchQuery(sort="date", page=3),
    "facet counts": search.SearchQuery(q="peer", category=("peer_specialist",)),
}


def load(engine, size: int) -> float:
    """The corpus as loaded an hour ago, so a sync now re-reads only what changed since (not the
    whole corpus inside its ten-minute overlap window)."""
    started = time.perf_counter()
    with db.session_factory(engine).begin() as session:
        store.upsert_source(session, store.SourceRecord("synthetic", "jsonld", "https://x.example/", "Synthetic"))
        store.bulk_insert_postings(session, "synthetic", postings(size), now=utcnow() - timedelta(hours=1))
    return time.perf_counter() - started


def change(engine, count: int) -> None:
    with db.session_factory(engine).begin() as session:
        for external_id, fields in postings(count, seed=99):
            fields["title"] = fields["title"] + " II"
            store.upsert_posting(session, "synthetic", external_id, fields, now=utcnow())


def latencies(index: search.SearchIndex, query: search.SearchQuery, runs: int) -> list[float]:
    index.search(query)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        index.search(query)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--changed", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = db.make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.migrate(engine)
        loaded = load(engine, args.size)
        built = search.rebuild(engine, Path(folder) / "index")
        change(engine, min(args.changed, args.size))
        synced = search.sync(engine, Path(folder) / "index")
        print(f"{'step':<30} {'postings':>9} {'seconds':>8} {'per second':>11}")
        for step, count, seconds in (("load store (bulk)", args.size, loaded),
                                     ("full rebuild", built.total, built.seconds),
                                     ("incremental sync", synced.upserted, synced.seconds)):
            print(f"{step:<30} {count:>9} {seconds:>8.2f} {count / seconds:>11.0f}")
        index = search.SearchIndex(Path(folder) / "index")
        print(f"\n{'query':<30} {'hits':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
        for name, query in QUERIES.items():
            timings = latencies(index, query, args.queries)
            hits = index.search(query).total
            print(f"{name:<30} {hits:>9} {statistics.median(timings):>8.1f} "
                  f"{percentile(timings, 0.95):>8.1f} {percentile(timings, 0.99):>8.1f}")
        index.close()


if __name__ == "__main__":
    main()
