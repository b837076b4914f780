"""The crawl process's store writer: one process of its own (crawlers.writer_process), shared by
every spider of this crawl process that writes to the same database.

Normalizing and storing a posting cost about as much CPU as fetching and parsing its page; in
another process they run on another core while the spiders go on. Batches wait in a bounded
queue, so a writer that falls behind slows the spiders down instead of filling memory.
"""
from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import pickle
import queue
import threading
from typing import Any, Iterable

from twisted.internet import reactor
from twisted.internet.defer import Deferred

from crawlers import writer_process

logger = logging.getLogger(__name__)

#: Batches waiting for the writer at most (about 800 postings).
QUEUE_BATCHES = 16
#: A process stores its first postings itself: a writer costs a few seconds of CPU to start (the
#: taxonomy, the lexicon and the place tables), more than a small crawl's postings cost to store.
#: Past this many it starts one, and goes on storing itself until the writer says it is ready.
START_AFTER = 100
_postings_here = 0
_writers: dict[str, "StoreWriter"] = {}
_lock = threading.Lock()
_numbers = itertools.count(1)


class WriterGone(RuntimeError):
    """The writer process ended before it was told to."""


class StoreWriter:
    def __init__(self, database_url: str, log_level: str):
        self.database_url = database_url
        context = multiprocessing.get_context("spawn")
        self.inbox, self.outbox = context.Queue(QUEUE_BATCHES), context.Queue()
        # Every batch is answered for before this process ends; a writer that died must not
        # keep it waiting at exit for a pipe nobody reads.
        self.inbox.cancel_join_thread()
        self.process = context.Process(
            target=writer_process.run, name="peerjobs-store-writer", daemon=True,
            args=(os.getpid(), database_url, log_level, self.inbox, self.outbox))
        self.process.start()
        self.keys: set[str] = set()
        self.ready = False
        self.waiting: dict[str, Deferred] = {}
        # Messages go to the writer in the order they were sent, by one thread: a spider's
        # "close" never overtakes its last batch.
        self.outgoing: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._deliver, name="peerjobs-writer-sender", daemon=True).start()
        threading.Thread(target=self._read, name="peerjobs-writer-answers", daemon=True).start()

    def open(self, name: str, seen: Iterable[tuple[str, str]]) -> tuple[str, Deferred]:
        """A key for one spider's postings, whose `seen` (source, external id) pairs were stored
        already, so the writer drops their repeats; fires once the writer has been told."""
        key = f"{name}#{next(_numbers)}"
        self.keys.add(key)
        return key, self._send(("open", key, list(seen)))

    def send(self, key: str, items: bytes) -> Deferred:
        """Fires once the batch (from `pack`) is in the writer's queue, which waits while the
        queue is full: so a writer that falls behind slows the spider down."""
        return self._send(("items", key, items))

    def _send(self, message: tuple) -> Deferred:
        queued = Deferred()
        self.outgoing.put((message, queued))
        return queued

    def close(self, key: str) -> Deferred:
        """Fires with the key's counts once everything sent for it is stored."""
        answer = self.waiting[key] = Deferred()
        self._send(("close", key, None)).addErrback(self._lost, key)
        return answer.addBoth(self._release, key)

    def _deliver(self) -> None:
        while True:
            message, queued = self.outgoing.get()
            try:
                self._put(message)
            except WriterGone as gone:
                reactor.callFromThread(queued.errback, gone)
            else:
                reactor.callFromThread(queued.callback, None)
            if message is None:
                return

    def _put(self, message: tuple) -> None:
        while True:
            if not self.process.is_alive():
                raise WriterGone(f"the store writer ended (exit code {self.process.exitcode})")
            try:
                self.inbox.put(message, timeout=1)
                return
            except queue.Full:
                continue

    def _read(self) -> None:
        while True:
            try:
                kind, key, payload = self.outbox.get(timeout=1)
            except queue.Empty:
                if not self.process.is_alive():
                    reactor.callFromThread(self._all_lost)
                    return
                continue
            if kind == "log":
                logging.getLogger(payload.name).handle(payload)
            elif kind == "ready":
                self.ready = True
            else:
                reactor.callFromThread(self._answer, key, payload)

    def _answer(self, key: str, counts: dict[str, int]) -> None:
        if key in self.waiting:
            self.waiting.pop(key).callback(counts)

    def _lost(self, failure, key: str) -> None:
        if key in self.waiting:
            self.waiting.pop(key).errback(failure)

    def _all_lost(self) -> None:
        gone = WriterGone(f"the store writer ended (exit code {self.process.exitcode})")
        for key in list(self.waiting):
            self.waiting.pop(key).errback(gone)

    def _release(self, result: Any, key: str) -> Any:
        self.keys.discard(key)
        if not self.keys:
            self.stop()
        return result

    def stop(self) -> None:
        """No spider writes through this writer any more: it ends once its queue is done."""
        with _lock:
            if _writers.get(self.database_url) is self:
                del _writers[self.database_url]
        stopped = Deferred().addErrback(lambda _: None)  # a writer already gone needs no telling
        self.outgoing.put((None, stopped))  # after every batch and close sent before


def pack(items: list[dict[str, Any]]) -> tuple[bytes, int]:
    """The batch as the writer reads it, and how many postings could not be put in it (nested
    past what pickle follows, say): those are left out, not the whole batch."""
    try:
        return pickle.dumps(items, pickle.HIGHEST_PROTOCOL), 0
    except (RecursionError, pickle.PicklingError, TypeError, ValueError, AttributeError):
        kept = [item for item in items if _packs(item)]
        return pickle.dumps(kept, pickle.HIGHEST_PROTOCOL), len(items) - len(kept)


def _packs(item: dict[str, Any]) -> bool:
    try:
        pickle.dumps(item, pickle.HIGHEST_PROTOCOL)
        return True
    except (RecursionError, pickle.PicklingError, TypeError, ValueError, AttributeError):
        return False


def writer_for(database_url: str, log_level: str, postings: int,
               start_after: int = START_AFTER) -> StoreWriter | None:
    """Where the next `postings` go: this process's writer for `database_url` once it is ready;
    None (store them here) before, starting the writer once `start_after` postings came by
    (a negative `start_after`: never)."""
    global _postings_here
    with _lock:
        _postings_here += postings
        writer = _writers.get(database_url)
        if writer is not None and writer.ready and writer.process.is_alive():
            return writer
        if start_after < 0 or _postings_here <= start_after or writer is not None and writer.process.is_alive():
            return None
    shared(database_url, log_level)
    return None


def shared(database_url: str, log_level: str) -> StoreWriter:
    """This process's writer for `database_url`, started on first use (or after it stopped)."""
    with _lock:
        writer = _writers.get(database_url)
        if writer is None or not writer.process.is_alive():
            writer = _writers[database_url] = StoreWriter(database_url, log_level)
        return writer
