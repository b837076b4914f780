"""Crawl throughput: the project's spider and pipelines into SQLite and PostgreSQL, against a
bare Scrapy spider.

    python -m benchmarks.crawl [--size 5000] [--per-page 50] [--postgres URL] [--memory 50000]

The same loopback site (listing pages linking to posting pages with JSON-LD) is crawled
by a bare Scrapy spider that only parses the JSON-LD and stores nothing (the limit), and by
the jsonld platform spider through every pipeline into a SQLite store, then into PostgreSQL
(the local server, in a schema of its own, when it answers). Then the postings, split over two
sources, are crawled in one process and in two. Each crawl runs in its own process; its
figures include its store writer's process (CPU and peak memory), and "items" counts the
postings stored. Politeness delays and AutoThrottle are off for both spiders, since the site
is our own, on loopback. `--memory N` also crawls N pages into SQLite, to compare peak memory.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Iterator

import scrapy
from scrapy.crawler import CrawlerProcess

from benchmarks.crawl_site import BenchSites
from crawlers.platforms import spider_for
from crawlers.runner import scrapy_settings, split_sources
from crawlers.sources import parse_entries
from indexer.store import db
from foundation.settings import Settings

LOOPBACK_BENCH = {
    "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "RETRY_TIMES": 0, "LOG_LEVEL": "ERROR",
    "CLOSESPIDER_PAGECOUNT": 0, "DEPTH_LIMIT": 0, "TELNETCONSOLE_ENABLED": False, "LOG_INSTALL_ROOT_HANDLER": False,
}


class BareJsonLdSpider(scrapy.Spider):
    """Follows the listing and parses each page's JSON-LD; no items, no pipelines."""

    name = "bare"

    def __init__(self, start_url: str, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [start_url]

    def parse(self, response):
        for href in response.css("a::attr(href)").getall():
            if "/job-" in href:
                yield response.follow(href, callback=self.parse_posting)
        next_page = response.css("a[rel~=next]::attr(href)").get()
        if next_page:
            yield response.follow(next_page, callback=self.parse)

    def parse_posting(self, response):
        for text in response.xpath('//script[@type="application/ld+json"]/text()').getall():
            json.loads(text)


def _crawl_child(kind: str, urls: list[str], database_url: str, results) -> None:
    settings = Settings(Path(tempfile.gettempdir()), database_url, Path(tempfile.gettempdir()))
    if kind == "bare":
        scrapy_config = {**LOOPBACK_BENCH, "ROBOTSTXT_OBEY": True, "USER_AGENT": "bench"}
        process = CrawlerProcess(scrapy_config)
        crawlers = [process.create_crawler(BareJsonLdSpider) for _ in urls]
        for crawler, url in zip(crawlers, urls):
            process.crawl(crawler, start_url=url)
    else:
        process = CrawlerProcess(scrapy_settings(settings, LOOPBACK_BENCH))
        entries = [{"id": f"bench-{i}", "platform": "jsonld", "url": url, "employer": "Bench Agency",
                    "max_pages": 10_000} for i, url in enumerate(urls)]
        sources = parse_entries(entries).sources
        crawlers = [process.create_crawler(spider_for("jsonld")) for _ in sources]
        for crawler, source in zip(crawlers, sources):
            process.crawl(crawler, source=source)
    started_cpu, started = time.process_time(), time.perf_counter()
    process.start()
    seconds = time.perf_counter() - started
    for child in multiprocessing.active_children():  # the store writer, ending once told to
        child.join(30)
    stats = [crawler.stats.get_stats() for crawler in crawlers]
    writers = resource.getrusage(resource.RUSAGE_CHILDREN)
    results.put({
        "pages": sum(s.get("response_received_count", 0) for s in stats),
        "items": sum(value for s in stats for key, value in s.items() if key.startswith("peerjobs/postings/")),
        "seconds": seconds,
        "cpu": time.process_time() - started_cpu + writers.ru_utime + writers.ru_stime,
        "peak_mb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, writers.ru_maxrss) / 1024,
    })


def run_crawl(kind: str, url_groups: list[list[str]], database_url: str) -> dict:
    """Crawl each group of sites in its own process, all at once; figures summed over processes.

    Seconds run from the start of crawling (imports and start-up excluded) to the last finish."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    children = [context.Process(target=_crawl_child, args=(kind, urls, database_url, results))
                for urls in url_groups]
    for child in children:
        child.start()
    figures = [results.get(timeout=1800) for _ in children]
    for child in children:
        child.join()
    return {
        "pages": sum(f["pages"] for f in figures), "items": sum(f["items"] for f in figures),
        "seconds": max(f["seconds"] for f in figures), "cpu": sum(f["cpu"] for f in figures),
        "peak_mb": max(f["peak_mb"] for f in figures), "processes": len(children),
    }


def fresh_store(folder: Path, name: str) -> str:
    url = f"sqlite:///{folder / name}.db"
    migrated(url)
    return url


def migrated(url: str) -> None:
    engine = db.make_engine(url)
    db.migrate(engine)
    engine.dispose()


@contextlib.contextmanager
def postgres_store(url: str) -> Iterator[str | None]:
    """A schema of its own in the PostgreSQL database at `url`, dropped afterwards; None when
    the server does not answer."""
    name = f"bench_{os.getpid()}"
    try:
        engine = db.make_engine(url)
        with engine.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    except Exception as error:  # no server here: the table says so
        print(f"(PostgreSQL at {url} did not answer: {type(error).__name__}; its row is left out)")
        yield None
        return
    separator = "&" if "?" in url else "?"
    try:
        schema_url = f"{url}{separator}options=-csearch_path%3D{name}"
        migrated(schema_url)
        yield schema_url
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        engine.dispose()


def row(label: str, figures: dict) -> str:
    seconds = figures["seconds"]
    items = f"{figures['items'] / seconds:8.0f}" if figures["items"] else f"{'-':>8}"
    return (f"{label:<34} {figures['processes']:>5} {figures['pages']:>6} {figures['items']:>6} "
            f"{seconds:8.1f} {figures['pages'] / seconds:8.0f} {items} "
            f"{figures['cpu']:7.1f} {figures['cpu'] / seconds:5.2f} {figures['peak_mb']:8.0f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000, help="posting pages on the site")
    parser.add_argument("--per-page", type=int, default=50, help="postings per listing page")
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test",
                        help="a PostgreSQL database to crawl into as well (a schema of its own)")
    parser.add_argument("--memory", type=int, default=0, help="also crawl this many pages, for peak memory")
    args = parser.parse_args(argv)
    os.environ["PEERJOBS_ALLOW_PRIVATE_NETWORKS"] = "1"  # the benchmark's own sites, on loopback
    print(f"{'crawl':<34} {'procs':>5} {'pages':>6} {'items':>6} {'seconds':>8} {'pages/s':>8} "
          f"{'items/s':>8} {'cpu s':>7} {'cores':>5} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as folder, BenchSites(args.size, 1, args.per_page) as one, \
            BenchSites(args.size, 2, args.per_page) as two:
        folder = Path(folder)
        bare = run_crawl("bare", [one.urls()], "")
        print(row("bare Scrapy, JSON-LD only", bare), flush=True)
        ours = run_crawl("peerjobs", [one.urls()], fresh_store(folder, "one"))
        print(row("peerjobs -> SQLite", ours), flush=True)
        with postgres_store(args.postgres) as postgres_url:
            on_postgres = run_crawl("peerjobs", [one.urls()], postgres_url) if postgres_url else None
        if on_postgres:
            print(row("peerjobs -> PostgreSQL", on_postgres), flush=True)
        both_one = run_crawl("peerjobs", [two.urls()], fresh_store(folder, "two_in_one"))
        print(row("peerjobs, 2 sources, 1 process", both_one), flush=True)
        groups = split_sources(two.urls(), 2)
        both_two = run_crawl("peerjobs", groups, fresh_store(folder, "two_in_two"))
        print(row("peerjobs, 2 sources, 2 processes", both_two), flush=True)
        if args.memory:
            with BenchSites(args.memory, 1, args.per_page) as big:
                large = run_crawl("peerjobs", [big.urls()], fresh_store(folder, "large"))
            print(row(f"peerjobs -> SQLite, {args.memory} pages", large), flush=True)
    ratio = (ours["pages"] / ours["seconds"]) / (bare["pages"] / bare["seconds"])
    speedup = both_one["seconds"] / both_two["seconds"]
    print(f"\npages/s of peerjobs / bare Scrapy: {ratio:.2f} into SQLite", end="")
    if on_postgres:
        print(f", {(on_postgres['pages'] / on_postgres['seconds']) / (bare['pages'] / bare['seconds']):.2f}"
              " into PostgreSQL", end="")
    print()
    if args.memory:
        print(f"peak memory: {ours['peak_mb']:.0f} MB at {args.size} pages, {large['peak_mb']:.0f} MB at {args.memory}")
    print(f"2 sources: 2 processes finish {speedup:.2f}x sooner than 1 "
          f"({both_two['cpu'] / both_two['seconds']:.2f} cores busy on average)")


if __name__ == "__main__":
    main()
