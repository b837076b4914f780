"""The store writer's own process: normalize, count coverage and store the postings it is handed.

Its inbox carries ("open", key, [keys already seen]), ("items", key, [posting, ...]),
("close", key, None) and finally None; a key is one spider, whose postings go through their own
PostingChain. Each batch is one transaction; when the database refuses one of its postings, the
batch is stored again with each posting in a savepoint of its own, so that one costs only itself. Counts are kept per key and sent back on "close"; log
records go back too, to be logged by the crawl's own handlers.
"""
from __future__ import annotations

import logging
import logging.handlers
import pickle
import signal
from collections import Counter
from typing import Any, Iterable

from scrapy.exceptions import DropItem

from crawlers.pipelines.clean import CleanPipeline
from crawlers.pipelines.coverage import CoveragePipeline
from crawlers.pipelines.dedupe import DedupePipeline
from crawlers.pipelines.normalize import NormalizePipeline
from crawlers.pipelines.validate import ValidatePipeline
from crawlers.storage import sessions_for
from foundation.lifeline import die_with_parent
from indexer import store

logger = logging.getLogger(__name__)


class Tally(Counter):
    """The part of Scrapy's stats collector the pipeline stages use."""

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self[key] += count


class PostingChain:
    """One spider's postings through clean, validate, dedupe, normalize and coverage
    (crawlers.pipelines), counting into its tally."""

    def __init__(self, seen: Iterable[tuple[str, str]] = ()):
        self.tally = Tally()
        self.dedupe = DedupePipeline(self.tally)
        self.dedupe.seen.update(map(tuple, seen))
        self.stages = (CleanPipeline(self.tally), ValidatePipeline(self.tally), self.dedupe,
                       NormalizePipeline(self.tally), CoveragePipeline(self.tally))

    def ready(self, items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        return [item for item in (_through(self.stages, item, self.tally) for item in items) if item is not None]


class BatchWriter:
    """A batch of one spider's postings through its chain, then into the store."""

    def __init__(self, database_url: str):
        self.sessions = sessions_for(database_url)

    def write(self, items: Iterable[dict[str, Any]], chain: PostingChain) -> None:
        ready, tally = chain.ready(items), chain.tally
        if not ready:
            return
        try:
            stored = self._store_all(ready, savepoints=False)
        except Exception:  # one posting the database refused: again, each in a savepoint of its own
            try:
                stored = self._store_all(ready, savepoints=True)
            except Exception as error:  # the commit itself failed: none of the batch is stored
                logger.error("could not store a batch of %d postings: %s", len(ready), error)
                for key in ("peerjobs/dropped/store_error", "peerjobs/errors", "item_dropped_count"):
                    tally.inc_value(key, len(ready))
                return
        tally.update(stored)

    def _store_all(self, items: list[dict[str, Any]], savepoints: bool) -> Tally:
        """The batch in one transaction; counts that join the spider's once it is committed."""
        stored = Tally()
        with self.sessions.begin() as session:
            if savepoints:
                for item in items:
                    _store(session, item, stored)
            else:
                batch = [(item["source_id"], item["external_id"], item["normalized"]) for item in items]
                for outcome in store.record_sightings(session, batch):
                    stored.inc_value(f"peerjobs/postings/{outcome}")
        return stored


def _through(stages, item: dict[str, Any], tally: Tally) -> dict[str, Any] | None:
    try:
        for stage in stages:
            item = stage.process_item(item)
    except DropItem as dropped:
        _count_drop(tally, str(dropped))
        return None
    return item


def _sighting(session, item: dict[str, Any]) -> str:
    return store.record_sighting(session, item["source_id"], item["external_id"], item["normalized"])


def _store(session, item: dict[str, Any], tally: Tally) -> None:
    try:
        with session.begin_nested():
            outcome = _sighting(session, item)
    except Exception as error:  # rolled back to the savepoint: the rest of the batch goes on
        tally.inc_value("peerjobs/dropped/store_error")
        tally.inc_value("peerjobs/errors")
        logger.error("%s: could not store: %s", item.get("url"), error)
        _count_drop(tally, f"store_error: {error}")
        return
    tally.inc_value(f"peerjobs/postings/{outcome}")


def _count_drop(tally: Tally, reason: str) -> None:
    tally.inc_value("item_dropped_count")
    tally.inc_value("item_dropped_reasons_count/DropItem")
    logger.warning("Dropped: %s", reason[:300])


#: Read once before the crawl's postings come: it loads the taxonomy, the credential lexicon and
#: the place tables, which the first posting would otherwise wait for.
SAMPLE = {"source_id": "", "external_id": "", "url": "https://sample.invalid/1", "title": "Peer Support Specialist",
          "description_html": "<p>Certified peer specialist, Dayton, OH 45402; $18 an hour.</p>",
          "locations": [{"city": "Dayton", "region": "OH", "postal_code": "45402"}]}


def warm() -> None:
    try:
        NormalizePipeline(Tally()).process_item(dict(SAMPLE))
    except Exception as error:  # a broken taxonomy shows on the crawl's first posting, with its URL
        logger.warning("the store writer could not read a sample posting: %r", error)


class _Outbox(logging.handlers.QueueHandler):
    def enqueue(self, record: logging.LogRecord) -> None:
        self.queue.put(("log", None, record))


def run(parent_pid: int, database_url: str, log_level: str, inbox, outbox) -> None:
    """The process's main: until None arrives, write batches and answer closes."""
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the crawl process decides when this one stops
    root = logging.getLogger()
    root.handlers[:] = [_Outbox(outbox)]
    root.setLevel(log_level)
    writer, chains = BatchWriter(database_url), {}
    warm()
    outbox.put(("ready", None, None))
    while (message := inbox.get()) is not None:
        kind, key, payload = message
        try:
            _handle(kind, key, payload, writer, chains, outbox)
        except Exception as error:  # a bug costs that message's postings, not the writer
            logger.error("%s: the store writer could not handle a %s message: %r", key, kind, error)
            chains.setdefault(key, PostingChain()).tally.inc_value("peerjobs/errors")


def _handle(kind: str, key: str, payload: Any, writer: BatchWriter, chains: dict[str, PostingChain], outbox) -> None:
    if kind == "open":
        chains[key] = PostingChain(payload)
    elif kind == "items":
        items = pickle.loads(payload)
        chain = chains.setdefault(key, PostingChain())
        chain.tally.inc_value("peerjobs/store/in_writer_process", len(items))
        writer.write(items, chain)
    else:
        outbox.put(("closed", key, dict(chains.pop(key, PostingChain()).tally)))
