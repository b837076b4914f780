"""Many sources at once: `peerjobs crawl --all` over loopback sites, into SQLite and PostgreSQL.

    python -m benchmarks.scale [--sources 200] [--postings 50] [--processes 2] [--postgres URL]

Each source is a site of its own (a listing page and its posting pages with JSON-LD). The
command runs as an operator runs it, in a fresh process, with `--loopback` (no politeness
delays: the sites are ours). The table gives the wall time, pages a second, the postings
stored (one per source and posting) against those served, the jobs they are (the sites share
their synthetic postings, so one job is listed by several sources), the runs that were not ok,
and how often "database is locked" appeared in what the command printed.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from sqlalchemy import func, select

from benchmarks.crawl import fresh_store, postgres_store
from benchmarks.crawl_site import BenchSites
from indexer.store import db
from indexer.store.models import CrawlRun, Posting, PostingSource


def sources_file(folder: Path, urls: list[str]) -> Path:
    entries = [{"id": f"scale-{number:04d}", "platform": "jsonld", "url": url, "employer": f"Agency {number}",
                "max_pages": 100} for number, url in enumerate(urls)]
    path = folder / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": entries}), encoding="utf-8")
    return path


def crawl_all(database_url: str, sources: Path, folder: Path, processes: int) -> tuple[float, str, int]:
    env = {**os.environ, "PEERJOBS_DATABASE_URL": database_url, "PEERJOBS_DATA_DIR": str(folder),
           "PEERJOBS_INDEX_DIR": str(folder / "index"), "PEERJOBS_ALLOW_PRIVATE_NETWORKS": "1"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "peerjobs.cli", "crawl", "--all", "--sources", str(sources),
                           "--loopback", "--processes", str(processes)],
                          env=env, capture_output=True, text=True, timeout=3600)
    return time.perf_counter() - started, done.stdout + done.stderr, done.returncode


def figures(database_url: str) -> dict[str, int]:
    engine = db.make_engine(database_url)
    try:
        with db.session_factory(engine)() as session:
            return {"stored": session.scalar(select(func.count()).select_from(PostingSource)),
                    "jobs": session.scalar(select(func.count()).select_from(Posting)),
                    "pages": session.scalar(select(func.coalesce(func.sum(CrawlRun.pages), 0))),
                    "runs": session.scalar(select(func.count()).select_from(CrawlRun)),
                    "not_ok": session.scalar(select(func.count()).select_from(CrawlRun)
                                             .where(CrawlRun.status != "ok"))}
    finally:
        engine.dispose()


def row(label: str, seconds: float, found: dict[str, int], served: int, locked: int, code: int) -> str:
    return (f"{label:<12} {seconds:8.1f} {found['pages']:7d} {found['pages'] / seconds:8.0f} "
            f"{found['stored']:>7}/{served:<7} {found['jobs']:6d} {found['runs']:5d} {found['not_ok']:7d} "
            f"{locked:7d} {code:5d}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--postings", type=int, default=50, help="postings per source")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args(argv)
    served = args.sources * args.postings
    print(f"{'store':<12} {'seconds':>8} {'pages':>7} {'pages/s':>8} {'stored/served':>15} {'jobs':>6} {'runs':>5} "
          f"{'not ok':>7} {'locked':>7} {'exit':>5}")
    with tempfile.TemporaryDirectory() as folder, BenchSites(served, args.sources, args.postings) as sites:
        folder = Path(folder)
        sources = sources_file(folder, sites.urls())
        stores = [("SQLite", fresh_store(folder, "scale"))]
        with postgres_store(args.postgres) as postgres_url:
            if postgres_url:
                stores.append(("PostgreSQL", postgres_url))
            for label, url in stores:
                seconds, output, code = crawl_all(url, sources, folder, args.processes)
                print(row(label, seconds, figures(url), served, output.count("database is locked"), code), flush=True)


if __name__ == "__main__":
    main()
