"""A second worker process fed batches through a queue: how a rebuild uses the second core.

The worker is forked, so it inherits the code and configuration of the caller and needs nothing
pickled but the batches. It answers once, when the caller says it is done: its result, or the
error that stopped it. A worker that dies without answering is noticed, never waited for forever;
a caller that dies (even by SIGKILL) takes the worker with it (foundation.lifeline).
"""
from __future__ import annotations

import multiprocessing
import os
import queue
from typing import Any, Callable, Iterable, Iterator

from foundation.lifeline import die_with_parent, parent_gone

BATCH = 250  # items per message: large enough that pickling, not messaging, is the cost
POLL_SECONDS = 1.0


class WorkerFailed(RuntimeError):
    pass


class SecondProcess:
    """`work(items)` runs in a forked process over everything passed to put()."""

    def __init__(self, work: Callable[[Iterable[Any]], Any]):
        context = multiprocessing.get_context("fork")
        self._inbox, self._outbox = context.Queue(maxsize=8), context.Queue()
        self._process = context.Process(target=_serve, args=(work, self._inbox, self._outbox, os.getpid()),
                                        daemon=True)
        self._process.start()
        self._batch: list = []
        self.count = 0

    def put(self, item: Any) -> None:
        self._batch.append(item)
        self.count += 1
        if len(self._batch) >= BATCH:
            self._send(self._batch)
            self._batch = []

    def finish(self) -> Any:
        """Wait for the worker's result; raise WorkerFailed with its error if it failed."""
        if self._batch:
            self._send(self._batch)
        self._send(None)
        failed, result = self._receive()
        self._process.join()
        if failed:
            raise WorkerFailed(result)
        return result

    def stop(self) -> None:
        """End the worker at once (the caller failed); what it wrote is the caller's to delete."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()

    def _send(self, message) -> None:
        while True:
            try:
                return self._inbox.put(message, timeout=POLL_SECONDS)
            except queue.Full:
                self._check_alive()

    def _receive(self) -> tuple[bool, Any]:
        while True:
            try:
                return self._outbox.get(timeout=POLL_SECONDS)
            except queue.Empty:
                self._check_alive()

    def _check_alive(self) -> None:
        if not self._process.is_alive():
            raise WorkerFailed(f"the second process ended without an answer (exit code {self._process.exitcode})")


def _serve(work, inbox, outbox, parent_pid: int) -> None:
    die_with_parent(parent_pid)
    try:
        outbox.put((False, work(_item for batch in _batches(inbox, parent_pid) for _item in batch)))
    except BaseException as error:  # reported to the caller, which decides
        outbox.put((True, f"{type(error).__name__}: {error}"))


def _batches(inbox, parent_pid: int) -> Iterator[list]:
    """The batches the caller sends, until it says it is done or is found gone."""
    while True:
        try:
            batch = inbox.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if parent_gone(parent_pid):
                raise WorkerFailed("the caller ended") from None
            continue
        if batch is None:
            return
        yield batch
