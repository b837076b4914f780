"""Small loopback boards written per test, and a crawl of them in a child process."""
from __future__ import annotations

from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterator, Mapping

import yaml
from sqlalchemy import select

from crawlers.runner import crawl_in_child
from crawlers.settings import LOOPBACK_OVERRIDES
from crawlers.sources import parse_entries
from indexer.store import db
from indexer.store.models import CrawlRun, Posting
from peerjobs.demo.boards import BoardServer

POSTING_PAGE = """<html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@type": "JobPosting", "title": "Peer Support Specialist",
 "identifier": "ps-1", "datePosted": "{{date:-2}}", "description": "<p>Walk alongside people in recovery.</p>",
 "hiringOrganization": {"@type": "Organization", "name": "Harbor Peer Center"},
 "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Dayton",
   "addressRegion": "OH", "postalCode": "45402"}}}
</script></head><body><h1>Peer Support Specialist</h1></body></html>"""


def write_board(folder: Path, routes: list[dict]) -> Path:
    """A one-posting jsonld board; `routes` come first, so they can override robots.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "posting.html").write_text(POSTING_PAGE, encoding="utf-8")
    spec = {
        "source": {"id": "harbor", "platform": "jsonld", "url": "{base}/careers/posting-1/",
                   "employer": "Harbor Peer Center"},
        "routes": routes + [{"path": "/careers/posting-1/", "file": "posting.html",
                             "content_type": "text/html; charset=utf-8"}],
    }
    (folder / "board.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    return folder


@contextmanager
def serving(servers: Mapping[str, BoardServer]) -> Iterator[Mapping[str, BoardServer]]:
    """The board servers started, and stopped however the block ends."""
    with ExitStack() as stack:
        for server in servers.values():
            stack.enter_context(server)
        yield servers


def crawl_entries(entries: list[dict], settings, **overrides) -> int:
    sources = parse_entries(entries).sources
    assert len(sources) == len(entries)
    return crawl_in_child(sources, settings, {**LOOPBACK_OVERRIDES, **overrides}, timeout=120)


def runs_and_postings(settings) -> tuple[list[CrawlRun], list[Posting]]:
    engine = db.make_engine(settings.database_url)
    try:
        with db.session_factory(engine)() as session:
            return list(session.scalars(select(CrawlRun))), list(session.scalars(select(Posting)))
    finally:
        engine.dispose()
