"""PeerJobs search against a plain SQLite FTS5 baseline: same postings, same queries, one run.

    python -m benchmarks.search [--size 10000] [--changed 1000] [--runs 100]

Prints the build and sync times, then p50/p95/p99 per query type for both engines and the
ratio of the p95s (FTS5 / PeerJobs). "first" is the first run after opening the index: it pays
for reading the column arrays and the words' postings, which later runs find cached.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import fts5
from benchmarks.index_build import change, load, percentile
from indexer.store import db
from indexer.parsers import geo
from indexer import search
from indexer.search.query import SearchQuery

QUERIES = {
    "broad keyword": (SearchQuery(q="peer"), lambda c: fts5.keyword(c, "peer")),
    "keyword + category + state": (
        SearchQuery(q="recovery", category=("peer_recovery_coach",), state=("OH",)),
        lambda c: fts5.keyword(c, "recovery", {"category": "peer_recovery_coach", "state": "OH"})),
    "keyword + 25-mile radius": (SearchQuery(q="peer support", where="Dayton, OH", radius=25),
                                 lambda c: fts5.radius(c, "peer support", "Dayton, OH", 25)),
    "newest first, page 3": (SearchQuery(sort="date", page=3), lambda c: fts5.newest(c, 3)),
    "facet counts": (SearchQuery(q="peer", category=("peer_specialist",)),
                     lambda c: fts5.facets(c, "peer", "peer_specialist")),
    "typed: typo, filler, place": (SearchQuery(q="recovry coach jobs near Dayton, OH"),
                                   lambda c: fts5.radius(c, "recovery coach", "Dayton, OH", 25)),
    "typed: credential initials": (SearchQuery(q="cps hiring"), lambda c: fts5.keyword(c, "cps")),
}


def timed(run, runs: int) -> tuple[float, list[float], int]:
    """(first run ms, later runs ms, hits)."""
    timings, hits = [], 0
    for _ in range(runs + 1):
        started = time.perf_counter()
        found = run()
        timings.append((time.perf_counter() - started) * 1000)
        hits = found.total if hasattr(found, "total") else found[0]
    return timings[0], timings[1:], hits


def build(folder: Path, size: int, changed: int):
    """(step, postings, wall seconds, CPU seconds of this process) for each step, and FTS5."""
    engine = db.make_engine(f"sqlite:///{folder / 'store.db'}")
    db.migrate(engine)
    _, seconds, cpu = measured(lambda: load(engine, size))
    steps = [("load store (bulk)", size, seconds, cpu)]
    built, seconds, cpu = measured(lambda: search.rebuild(engine, folder / "index"))
    steps.append(("full rebuild (PeerJobs)", built.total, seconds, cpu))
    change(engine, min(changed, size))
    synced, seconds, cpu = measured(lambda: search.sync(engine, folder / "index"))
    steps.append(("incremental sync (PeerJobs)", synced.upserted, seconds, cpu))
    connection, seconds, cpu = measured(lambda: fts5.build(engine, folder / "fts5.db"))
    steps.append(("full build (FTS5)", size, seconds, cpu))
    return steps, connection


def measured(step):
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def compare(folder: Path, connection, runs: int) -> list[tuple]:
    index, rows = search.SearchIndex(folder / "index"), []
    started = time.perf_counter()
    geo.parse_where("Dayton, OH")
    rows.append(("place tables (per process)", None, (time.perf_counter() - started) * 1000))
    started = time.perf_counter()
    index.doc_count()
    rows.append(("open index + column arrays", None, (time.perf_counter() - started) * 1000))
    for name, (query, baseline) in QUERIES.items():
        ours = timed(lambda: index.search(query), runs)
        theirs = timed(lambda: baseline(connection), runs)
        rows.append((name, ours, theirs))
    index.close()
    return rows


def report(steps, rows) -> None:
    print(f"{'step':<30} {'postings':>9} {'seconds':>8} {'per second':>11} {'CPU s':>8}")
    for step, count, seconds, cpu in steps:
        print(f"{step:<30} {count:>9} {seconds:>8.2f} {count / seconds:>11.0f} {cpu:>8.2f}")
    print(f"\n{'query':<28} {'engine':<9} {'hits':>7} {'first':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'p95 ratio':>9}")
    for name, ours, theirs in rows:
        if ours is None:
            print(f"{name:<28} {'peerjobs':<9} {'':>7} {theirs:>7.1f}")
            continue
        ratio = percentile(theirs[1], 0.95) / max(percentile(ours[1], 0.95), 1e-6)
        for engine, (first, timings, hits), extra in (("peerjobs", ours, ""), ("fts5", theirs, f"{ratio:>9.1f}")):
            print(f"{name:<28} {engine:<9} {hits:>7} {first:>7.1f} {statistics.median(timings):>7.1f} "
                  f"{percentile(timings, 0.95):>7.1f} {percentile(timings, 0.99):>7.1f} {extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--changed", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        steps, connection = build(Path(folder), args.size, args.changed)
        rows = compare(Path(folder), connection, args.runs)
        connection.close()
    report(steps, rows)


if __name__ == "__main__":
    main()
