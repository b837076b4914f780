"""The admin sources page over a store of many sources, on SQLite and PostgreSQL.

    python -m benchmarks.admin_sources [--sources 2000] [--postings 5] [--runs 3] [--postgres URL]

Fills a store with `sources` sources (a third of them discovered, with a state in their
provenance; a tenth disabled), `runs` crawl runs each (healthy, degraded or failing) and about
`postings` open postings each (a third peer work, in one of a few states). Then renders the sources
page through the app as a signed-in operator: the first page, a filtered page, a sorted page and a
search, the median of --repeat renders each. Prints one row per store and page: milliseconds
server-side and the size of the HTML (goals: under 300 ms and 150 KB for 2,000 sources).
"""
from __future__ import annotations

import argparse
import contextlib
import random
import re
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert, text

from benchmarks.crawl import postgres_store
from indexer import store
from indexer.store import db
from indexer.store.models import CrawlRun, Posting, PostingSource, Source, SourceControl, utcnow
from foundation.settings import Settings

PLATFORMS = ("jsonld", "greenhouse", "lever", "workday", "icims", "paylocity")
STATES = ("OH", "PA", "TX", "CA", "NY", "MI", "KY", "WA")
HEALTH = ("healthy", "healthy", "healthy", "degraded", "failing")
PAGES = {"first page": "/admin/sources", "filtered (failing, OH)": "/admin/sources?health=failing&state=OH",
         "sorted (peer postings)": "/admin/sources?sort=peer&page=3", "search (employer)": "/admin/sources?q=agency+7"}
USERNAME, PASSWORD = "bench", "a long benchmark password"


def source_rows(count: int, rng: random.Random) -> list[dict]:
    rows = []
    for number in range(count):
        discovered = number % 3 == 0
        rows.append(dict(
            id=f"source-{number:05d}", platform=rng.choice(PLATFORMS), url=f"https://agency{number}.example/careers",
            employer=f"Agency {number} Behavioral Health", enabled=number % 10 != 0, options={},
            origin="discovered" if discovered else "curated",
            provenance={"state": rng.choice(STATES), "organization": f"Agency {number}"} if discovered else None))
    return rows


def run_rows(sources: list[dict], runs: int, rng: random.Random) -> list[dict]:
    start = utcnow() - timedelta(days=runs)
    return [dict(source_id=source["id"], started_at=start + timedelta(days=day, minutes=rng.randrange(600)),
                 finished_at=start + timedelta(days=day, minutes=700), status="ok", pages=5, items=5, new=1,
                 updated=0, errors=0, stats={}, health=rng.choice(HEALTH),
                 health_reason="found 2 postings; usually 6" if day == runs - 1 else None)
            for source in sources for day in range(runs)]


def posting_rows(sources: list[dict], per_source: int, rng: random.Random) -> list[dict]:
    now = utcnow()
    rows = []
    for source in sources:
        for number in range(rng.randrange(per_source * 2 + 1)):
            rows.append(dict(source_id=source["id"], external_id=str(number), url=f"{source['url']}/{number}",
                             title="Peer Support Specialist", description_html="", description_text="",
                             state=rng.choice(STATES), is_peer=rng.random() < 0.33, status="open",
                             content_hash="x", locations=[], facets={}, first_seen=now, last_seen=now, changed_at=now))
    return rows


def fill(session, sources: int = 2000, postings: int = 5, runs: int = 3, seed: int = 7) -> None:
    """A store of many sources with runs, postings (and their sightings) and a few controls."""
    rng = random.Random(seed)
    made = source_rows(sources, rng)
    session.execute(insert(Source), made)
    session.execute(insert(CrawlRun), run_rows(made, runs, rng))
    session.execute(insert(Posting), posting_rows(made, postings, rng))
    session.execute(insert(PostingSource).from_select(
        ["posting_id", "source_id", "external_id", "url", "first_seen", "last_seen", "missing_runs"],
        store_sightings()))
    session.execute(insert(SourceControl), [dict(source_id=row["id"], enabled=False, updated_by="bench")
                                            for row in made[5::50]])
    session.commit()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE"))  # what autovacuum does soon after a load this size
        session.commit()


def store_sightings():
    from sqlalchemy import literal, select
    return select(Posting.id, Posting.source_id, Posting.external_id, Posting.url, Posting.first_seen,
                  Posting.last_seen, literal(0))


def signed_in_client(app):
    client = app.test_client()
    page = client.get("/admin/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    client.post("/admin/login", data={"csrf_token": token, "username": USERNAME, "password": PASSWORD})
    return client


def measure(client, path: str, repeat: int) -> tuple[float, int]:
    """Median milliseconds of `repeat` renders, and the bytes of the page."""
    times, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        size = len(response.data)
    return statistics.median(times), size


def app_over(url: str, folder: Path, sources: int, postings: int, runs: int):
    from crawlers.sources import spider_rules
    from webapp import create_app
    from webapp.admin import passwords
    engine = db.make_engine(url)
    db.migrate(engine)
    with db.session_factory(engine)() as session:
        fill(session, sources, postings, runs)
        store.add_admin(session, USERNAME, passwords.hash_password(PASSWORD))
        session.commit()
    engine.dispose()
    (folder / "sources.yaml").write_text("sources: []\n")
    settings = Settings(data_dir=folder, database_url=url, index_dir=folder / "index",
                        secret_key_value="benchmark", sources_file=folder / "sources.yaml")
    return create_app(settings, SOURCE_RULES=spider_rules(), RATELIMIT_ENABLED=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--postings", type=int, default=5, help="open postings per source, on average")
    parser.add_argument("--runs", type=int, default=3, help="crawl runs per source")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args(argv)
    print(f"{'store':<11} {'page':<24} {'sources':>7} {'ms':>7} {'KB':>6}")
    with tempfile.TemporaryDirectory() as folder, postgres_store(args.postgres) as postgres_url:
        stores = [("SQLite", f"sqlite:///{Path(folder) / 'store.db'}")] + (
            [("PostgreSQL", postgres_url)] if postgres_url else [])
        for name, url in stores:
            app = app_over(url, Path(folder), args.sources, args.postings, args.runs)
            client = signed_in_client(app)
            for label, path in PAGES.items():
                milliseconds, size = measure(client, path, args.repeat)
                print(f"{name:<11} {label:<24} {args.sources:>7} {milliseconds:7.1f} {size / 1024:6.1f}", flush=True)
            with contextlib.suppress(Exception):
                app.extensions["peerjobs_sessions"].kw["bind"].dispose()


if __name__ == "__main__":
    main()
