"""Discovery throughput and accuracy: `peerjobs discover` over the sample homepages and over
synthetic organizations on loopback, at the crawler's polite defaults and unthrottled.

    python -m benchmarks.discover [--count 2000] [--processes 2] [--skip-polite]

Each row is one `peerjobs discover --no-trial` run into a fresh SQLite store: organizations a
minute (from reading the CSV to the last proposal saved), peak memory of the finder processes,
and the share of labeled organizations whose platform and board (or dead-end kind) was found.
"Polite" keeps the crawler's delays (DOWNLOAD_DELAY 1 s, AutoThrottle from 2 s, one request at a
time per site); "unthrottled" drops them. The held-out homepages are only run, never looked at.
"""
from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from benchmarks.discover_sites import SyntheticOrganizations
from crawlers import settings as crawler_settings
from foundation.settings import Settings
from indexer.store import db
from peerjobs.discover_accuracy import judge
from peerjobs.discover_command import discover_command
from peerjobs.demo.homepages import HELDOUT_FILE, HOMEPAGES_FILE, HomepageWorld

POLITE = {name: getattr(crawler_settings, name) for name in (
    "DOWNLOAD_DELAY", "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_MAX_DELAY", "RETRY_TIMES", "DOWNLOAD_TIMEOUT")}
UNTHROTTLED = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 128}


def run(label: str, world, csv_path: Path, routes: dict, overrides: dict, processes: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        settings = Settings(folder, f"sqlite:///{folder / 'store.db'}", folder / "index")
        started = time.perf_counter()
        discover_command(settings, str(csv_path), True, routes, False, None, processes,
                         echo=lambda *a, **k: None, overrides=overrides)
        seconds = time.perf_counter() - started
        engine = db.make_engine(settings.database_url)
        with db.session_factory(engine)() as session:
            accuracy = judge(world.organizations, session)
        engine.dispose()
    return {"label": label, "orgs": len(world.organizations), "seconds": seconds,
            "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "boards": f"{accuracy.boards_right}/{accuracy.boards}", "board_rate": accuracy.board_rate,
            "dead": f"{accuracy.dead_ends_right}/{accuracy.dead_ends}", "wrong_sure": len(accuracy.wrong_and_sure)}


def row(figures: dict) -> str:
    per_minute = figures["orgs"] / figures["seconds"] * 60
    return (f"{figures['label']:<34} {figures['orgs']:>6} {figures['seconds']:8.1f} {per_minute:9.0f} "
            f"{figures['peak_mb']:8.0f} {figures['boards']:>9} {figures['board_rate']:6.0%} {figures['dead']:>7} "
            f"{figures['wrong_sure']:>6}")


def homepage_rows(catalog: Path, name: str, folder: Path, processes: int, polite: bool) -> list[dict]:
    rows = []
    with HomepageWorld(catalog) as world:
        csv_path = world.write_csv(folder / f"{name}.csv")
        for label, overrides in ((f"{name}, unthrottled", UNTHROTTLED), (f"{name}, polite", POLITE))[: 2 if polite else 1]:
            rows.append(run(label, world, csv_path, world.routes(), overrides, processes))
            print(row(rows[-1]), flush=True)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="synthetic organizations")
    parser.add_argument("--processes", type=int, default=2, help="finder processes")
    parser.add_argument("--skip-polite", action="store_true", help="only the unthrottled runs")
    args = parser.parse_args(argv)
    os.environ["PEERJOBS_ALLOW_PRIVATE_NETWORKS"] = "1"  # the benchmark's own sites, on loopback
    print(f"{'discover':<34} {'orgs':>6} {'seconds':>8} {'orgs/min':>9} {'peak MB':>8} {'boards':>9} "
          f"{'right':>6} {'dead':>7} {'sure&wrong':>6}")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        homepage_rows(HOMEPAGES_FILE, "sample homepages", folder, args.processes, not args.skip_polite)
        homepage_rows(HELDOUT_FILE, "held-out homepages", folder, args.processes, False)
        with SyntheticOrganizations(args.count) as synthetic:
            csv_path = synthetic.write_csv(folder / "synthetic.csv")
            modes = (("unthrottled", UNTHROTTLED), ("polite", POLITE))[: 1 if args.skip_polite else 2]
            for label, overrides in modes:
                print(row(run(f"{args.count} synthetic, {label}", synthetic, csv_path, {}, overrides,
                              args.processes)), flush=True)


if __name__ == "__main__":
    main()
