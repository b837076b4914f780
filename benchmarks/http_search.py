"""The search page over HTTP: gunicorn (sync workers) on loopback over a prepared index, driven by
a bounded load from a few client threads.

    python -m benchmarks.http_search [--size 10000] [--requests 2000] [--threads 2] [--workers 2]
                                     [--page html|api|widget]

`widget` drives a peer network's widget search, which also counts each first page in the store.
Each request is a new connection (sync workers do not keep connections alive), like a browser
behind a proxy that does not pool. The workers are warmed first: each opens the index once.
"""
from __future__ import annotations

import argparse
import functools
import http.client
import itertools
import json
import multiprocessing
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.index_build import load, percentile
from benchmarks.search import QUERIES
from indexer.store import db
from indexer import search
from foundation.settings import Settings
from indexer.search.params import query_args

WARM_UP = 60
PAGES = {"html": "/jobs", "api": "/api/v1/jobs", "widget": "/api/v1/networks/bench-network/jobs"}
#: The widget's search takes fewer parameters than the page: these, from each benchmark query.
WIDGET_PARAMETERS = ("q", "where", "radius", "category", "remote", "page")
NETWORK = {"id": "bench-network", "name": "Benchmark Network", "origins": ["http://127.0.0.1"]}


def prepare(folder: Path, size: int) -> Settings:
    networks_file = folder / "networks.yaml"
    networks_file.write_text(json.dumps({"networks": [NETWORK]}), encoding="utf-8")  # JSON is YAML
    settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'store.db'}", index_dir=folder / "index",
                        networks_file=networks_file)
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    load(engine, size)
    search.rebuild(engine, settings.index_dir)
    engine.dispose()
    return settings


def page_args(page: str, query) -> dict:
    arguments = query_args(query)
    if page != "widget":
        return arguments
    return {name: value for name, value in arguments.items() if name in WIDGET_PARAMETERS}


def run_server(settings: Settings, port: int, workers: int) -> None:
    from webapp import create_app
    from webapp.server import serve
    serve(functools.partial(create_app, settings), port=port, workers=workers, errorlog="/dev/null")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str) -> float:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
    finally:
        connection.close()
    return (time.perf_counter() - started) * 1000


def wait_until_up(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            get(port, "/")
            return
        except (OSError, RuntimeError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def drive(port: int, paths: list[str], count: int, threads: int) -> tuple[list[float], float]:
    """`count` requests over `threads` clients, each path in turn; (latencies ms, seconds)."""
    timings, queue, lock = [], itertools.islice(itertools.cycle(paths), count), threading.Lock()

    def client() -> None:
        while True:
            with lock:
                path = next(queue, None)
            if path is None:
                return
            elapsed = get(port, path)
            with lock:
                timings.append(elapsed)

    started = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return timings, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--page", choices=sorted(PAGES), default="html", help="the results page or the JSON API")
    args = parser.parse_args()
    paths = [PAGES[args.page] + "?" + urlencode(page_args(args.page, query), doseq=True) for query, _ in QUERIES.values()]
    with tempfile.TemporaryDirectory() as folder:
        settings, port = prepare(Path(folder), args.size), free_port()
        server = multiprocessing.get_context("spawn").Process(target=run_server, args=(settings, port, args.workers))
        server.start()
        try:
            wait_until_up(port)
            drive(port, paths, WARM_UP, args.threads)
            timings, seconds = drive(port, paths, args.requests, args.threads)
        finally:
            server.terminate()
            server.join(30)
    print(f"{'requests':>8} {'threads':>7} {'workers':>7} {'page':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    print(f"{len(timings):>8} {args.threads:>7} {args.workers:>7} {args.page:>6} {len(timings) / seconds:>7.0f} "
          f"{statistics.median(timings):>7.1f} {percentile(timings, 0.95):>7.1f} {percentile(timings, 0.99):>7.1f}")


if __name__ == "__main__":
    main()
