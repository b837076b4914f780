"""The sample homepages (peerjobs/demo/homepages.py): how fast the world starts and stops, how
many threads it takes, and how fast its homepages answer, one client and several at once.

    python -m benchmarks.homepage_world [--rounds 5] [--clients 8]
"""
from __future__ import annotations

import argparse
import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from peerjobs.demo.homepages import HELDOUT_FILE, HOMEPAGES_FILE, HomepageWorld


def get(url: str) -> int:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path or "/")
        response = connection.getresponse()
        response.read()
        return response.status
    except ConnectionRefusedError:
        return 0
    finally:
        connection.close()


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def start_stop(catalog, rounds: int) -> tuple[float, float, int, int]:
    """Slowest start, slowest stop, threads added while running, organizations."""
    starts, stops, threads, count = [], [], 0, 0
    for _ in range(rounds):
        before = threading.active_count()
        world = HomepageWorld(catalog)
        starts.append(timed(world.start))
        threads, count = threading.active_count() - before, len(world.organizations)
        stops.append(timed(world.stop))
    return max(starts), max(stops), threads, count


def fetch_all(catalog, clients: int) -> tuple[int, float]:
    """Every homepage fetched by `clients` threads at once: requests, seconds."""
    with HomepageWorld(catalog) as world:
        urls = [org.website + "/" for org in world.organizations] * 5
        with ThreadPoolExecutor(clients) as pool:
            seconds = timed(lambda: list(pool.map(get, urls)))
    return len(urls), seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args(argv)
    print(f"{'catalog':10} {'orgs':>5} {'start s':>8} {'stop s':>8} {'threads':>8} {'requests':>9} {'req/s':>8}")
    for name, catalog in (("homepages", HOMEPAGES_FILE), ("heldout", HELDOUT_FILE)):
        start, stop, threads, count = start_stop(catalog, args.rounds)
        requests, seconds = fetch_all(catalog, args.clients)
        print(f"{name:10} {count:>5} {start:>8.3f} {stop:>8.3f} {threads:>8} {requests:>9} {requests / seconds:>8.0f}")


if __name__ == "__main__":
    main()
