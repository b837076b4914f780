"""Keeping the index in step with the store: `rebuild` writes a new generation and swaps it in,
`sync` applies what changed since the last one. The Whoosh calls are whoosh_backend's.
"""
from __future__ import annotations

import functools
import os
import shutil
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from indexer import store
from indexer.search import documents as search_documents
from indexer.search import index_files, parallel
from indexer.search import whoosh_backend as backend
from indexer.search.whoosh_backend import ANALYZER, SCHEMA_VERSION
from indexer.store import db
from indexer.store.models import Posting, utcnow

PARALLEL_FROM = 5000  # postings; a smaller rebuild is faster in one process
OVERLAP = timedelta(minutes=10)  # writers may commit an older changed_at late; re-read this much


@dataclass(frozen=True)
class SyncReport:
    upserted: int
    deleted: int
    total: int
    generation: str
    seconds: float


# ---------------------------------------------------------------- documents

def _stamp(posting: Posting) -> str:
    return search_documents.stamp(posting)


def _document(posting: Posting) -> dict:
    return search_documents.document(posting, ANALYZER)


def _latest(current: datetime | None, candidate: datetime) -> datetime:
    return candidate if current is None or candidate > current else current


# ---------------------------------------------------------------- rebuild

def rebuild(engine, index_dir: Path) -> SyncReport:
    """Build a fresh generation beside the live one and swap it in atomically."""
    index_dir, started = Path(index_dir), time.monotonic()
    with index_files.exclusive(index_dir):
        return _build(engine, index_dir, started)


def _build(engine, index_dir: Path, started: float) -> SyncReport:
    previous = index_files.live_generation(index_dir)
    (index_dir / "generations").mkdir(parents=True, exist_ok=True)
    index_files.remove_generations(index_dir, keep={previous}, unfinished_only=True)  # crashed builds' leftovers
    generation, read_started = index_files.new_generation(index_dir), utcnow()
    try:
        count, watermark = _fill(engine, generation)
        index_files.write_state(generation, watermark, SCHEMA_VERSION, read_started)
        index_files.swap(index_dir, generation)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    index_files.remove_generations(index_dir, keep={generation.resolve(), previous})  # previous: open readers
    return SyncReport(count, 0, count, generation.name, time.monotonic() - started)


def _fill(engine, generation: Path) -> tuple[int, datetime | None]:
    """Every posting of the store into a new index: one segment, or two written side by side
    by this process and a forked one when the store is large enough to repay it. The forked
    one takes four postings in five: this one also reads the store and analyzes all the text."""
    writer, watermark, helper = backend.create_writer(generation), None, None
    try:
        with db.session_factory(engine)() as session:
            if os.cpu_count() > 1 and store.count_postings(session) >= PARALLEL_FROM:
                helper = parallel.SecondProcess(functools.partial(_write_segment, generation))
            for number, posting in enumerate(store.postings_changed_since(session, None)):
                document = _document(posting)
                helper.put(document) if helper and number % 5 else writer.put(document, update=False)
                watermark = _latest(watermark, posting.changed_at)
        if helper is None:
            writer.get().commit()
            return writer.upserted, watermark
        own = backend.finish_segment(writer.get())  # while the other process finishes its own
        backend.commit_segments(writer.get(), own + helper.finish())
    except BaseException:
        if helper is not None:
            helper.stop()  # first: the parent's cancel deletes files the other process may be writing
        writer.cancel()
        raise
    return writer.upserted + helper.count, watermark


def _write_segment(generation: Path, documents) -> list:
    """In the forked process: its documents as one more segment of the index (no table of
    contents written: the parent adds the segment to its own commit)."""
    writer = backend.segment_writer(generation)
    for document in documents:
        writer.put(document, update=False)
    return backend.finish_segment(writer.writer)


# ---------------------------------------------------------------- sync

def sync(engine, index_dir: Path) -> SyncReport:
    """Apply what changed in the store since the last sync; build the index if there is none
    (or if it was built with another schema)."""
    index_dir, started = Path(index_dir), time.monotonic()
    with index_files.exclusive(index_dir):
        generation = index_files.live_generation(index_dir)
        if generation is None or index_files.read_schema(generation) != SCHEMA_VERSION:
            return _build(engine, index_dir, started)
        return _apply_changes(engine, generation, started)


def _apply_changes(engine, generation: Path, started: float) -> SyncReport:
    ix, read_started = backend.open_index(generation), utcnow()
    watermark, since = index_files.read_watermark(generation), _since(generation)
    try:
        with db.session_factory(engine)() as session, ix.searcher() as searcher:
            changes = backend.changes_writer(ix, searcher)
            newest = _upsert_changed(session, searcher, changes, watermark, since)
            _delete_missing(session, searcher, changes)
    except BaseException:
        if "changes" in locals():
            changes.cancel()
        raise
    if changes.writer is not None:
        changes.writer.commit()
        index_files.write_state(generation, newest, SCHEMA_VERSION, read_started)
    return SyncReport(changes.upserted, changes.deleted, ix.doc_count(), generation.name,
                      time.monotonic() - started)


def _since(generation: Path) -> datetime | None:
    """Where to start re-reading: after the watermark, and also OVERLAP before the last read
    began, since a row committed late but stamped within that window was not visible to it.
    (Measured from the watermark instead, a sync after a bulk load re-read the whole load.)"""
    watermark, read_started = index_files.read_watermark(generation), index_files.read_started(generation)
    if watermark is None:
        return None
    return min(watermark, read_started - OVERLAP) if read_started else watermark - OVERLAP


def _upsert_changed(session, searcher, changes, watermark: datetime | None,
                    since: datetime | None) -> datetime | None:
    newest = watermark
    for posting in store.postings_changed_since(session, since):
        newest = _latest(newest, posting.changed_at)
        if watermark and posting.changed_at <= watermark and _already_indexed(searcher, posting):
            continue
        changes.put(_document(posting), update=True)
    return newest


def _already_indexed(searcher, posting: Posting) -> bool:
    return backend.stored_stamp(searcher, posting.id) == _stamp(posting)


def _delete_missing(session, searcher, changes) -> None:
    """Drop index documents whose postings were deleted from the store."""
    candidates = backend.indexed_ids(searcher) - {str(i) for i in store.posting_ids(session)}
    for posting_id in sorted(candidates):
        changes.deleted += backend.delete_document(searcher, changes, posting_id)


