"""Sync, rebuild and the generation swap, against real stores on SQLite and PostgreSQL."""
import os
import threading
from datetime import date, timedelta
from itertools import count

import pytest
from sqlalchemy import select

from indexer import store
from indexer.search import index_files
from indexer.search import parallel
from indexer import search
from indexer.search import indexing, whoosh_backend
from indexer.store.models import Posting, utcnow

SOURCE = store.SourceRecord(id="agency", platform="jsonld", url="http://127.0.0.1/careers/",
                            employer="Agency")
_numbers = count(1)


def fields(**overrides):
    base = dict(url="http://127.0.0.1/careers/1/", title="Peer Support Specialist", employer="Agency",
                description_text="Help people in recovery.", city="Dayton", state="OH",
                postal_code="45402", latitude=39.7589, longitude=-84.1916, remote=False,
                employment_type="FULL_TIME", date_posted=date(2026, 11, 1),
                category="peer_specialist", is_peer=True)
    base.update(overrides)
    return base


def add(session, external_id=None, now=None, **overrides) -> Posting:
    """Insert (or update) one posting and commit, as a crawl would."""
    store.upsert_source(session, SOURCE)
    external_id = external_id or f"job-{next(_numbers)}"
    overrides.setdefault("url", f"http://127.0.0.1/careers/{external_id}/")  # one job per page,
    overrides.setdefault("description_text", f"Help people in recovery. Reference {external_id}.")  # not a duplicate
    posting, _ = store.upsert_posting(session, "agency", external_id, fields(**overrides), now=now)
    session.commit()
    return posting


def ids(index_dir, **query) -> list[int]:
    reader = search.SearchIndex(index_dir)
    try:
        return [hit.id for hit in reader.search(search.SearchQuery(per_page=50, **query)).hits]
    finally:
        reader.close()


def live(index_dir):
    return (index_dir / os.readlink(index_dir / "current")).resolve()


def generations(index_dir):
    return sorted(path.name for path in (index_dir / "generations").iterdir())


def test_sync_indexes_updates_and_deletes(engine, session, tmp_path):
    index_dir = tmp_path / "index"
    first, second = add(session, title="Recovery Coach"), add(session, title="Peer Navigator")
    add(session, title="Peer Specialist")  # last, so SQLite cannot reuse the deleted id
    report = search.sync(engine, index_dir)
    assert (report.upserted, report.deleted, report.total) == (3, 0, 3)
    assert ids(index_dir, q="coach") == [first.id]

    add(session, first.external_id, title="Certified Peer Mentor")
    session.delete(session.get(Posting, second.id))
    session.commit()
    third = add(session, title="Family Peer Advocate")
    report = search.sync(engine, index_dir)
    assert (report.upserted, report.deleted, report.total) == (2, 1, 3)
    assert ids(index_dir, q="mentor") == [first.id]
    assert ids(index_dir, q="coach") == [] and ids(index_dir, q="navigator") == []
    assert ids(index_dir, q="advocate") == [third.id]
    report = search.sync(engine, index_dir)  # updated and deleted documents are not seen twice
    assert (report.upserted, report.deleted, report.total) == (0, 0, 3)


def test_second_sync_with_nothing_changed_upserts_nothing(engine, session, tmp_path):
    index_dir = tmp_path / "index"
    for _ in range(3):
        add(session)
    search.sync(engine, index_dir)
    report = search.sync(engine, index_dir)
    assert (report.upserted, report.deleted, report.total) == (0, 0, 3)


def test_sync_picks_up_a_late_commit_with_an_older_timestamp(engine, session, tmp_path):
    """A writer that stamped changed_at before the last sync but committed after it."""
    index_dir = tmp_path / "index"
    add(session, title="Peer Specialist")
    search.sync(engine, index_dir)
    late = add(session, title="Recovery Coach", now=utcnow() - timedelta(minutes=5))
    assert search.sync(engine, index_dir).upserted == 1
    assert ids(index_dir, q="coach") == [late.id]


def test_rebuild_matches_sync(engine, session, tmp_path):
    for n in range(6):
        add(session, title=["Recovery Coach", "Peer Specialist", "Nurse"][n % 3],
            is_peer=n % 3 != 2, category=["recovery_coach", "peer_specialist", None][n % 3])
    synced, rebuilt = tmp_path / "synced", tmp_path / "rebuilt"
    search.sync(engine, synced)
    changed = session.scalars(select(Posting).order_by(Posting.id)).first()
    add(session, changed.external_id, title="Peer Recovery Mentor")
    search.sync(engine, synced)
    assert search.rebuild(engine, rebuilt).total == 6
    for query in [{}, {"q": "peer"}, {"q": "mentor"}, {"category": ("recovery_coach",)},
                  {"include_non_peer": True}, {"where": "Dayton, OH", "q": "coach"}]:
        assert sorted(ids(synced, **query)) == sorted(ids(rebuilt, **query)), query


def test_rebuild_swaps_current_and_keeps_one_previous_generation(engine, session, tmp_path):
    index_dir = tmp_path / "index"
    add(session, title="Recovery Coach")
    first = search.rebuild(engine, index_dir)
    assert (index_dir / "current").is_symlink() and live(index_dir).name == first.generation
    second = search.rebuild(engine, index_dir)
    assert live(index_dir).name == second.generation
    assert generations(index_dir) == sorted([first.generation, second.generation])
    third = search.rebuild(engine, index_dir)
    assert generations(index_dir) == sorted([second.generation, third.generation])
    assert [p.name for p in index_dir.iterdir() if p.name.startswith(".current")] == []


def test_readers_keep_the_old_generation_until_the_swap(engine, session, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    old = add(session, title="Recovery Coach")
    old_generation = search.sync(engine, index_dir).generation
    add(session, title="Recovery Coach Supervisor")
    seen_during_build, real_document = [], indexing._document

    def watching(posting):
        seen_during_build.append((live(index_dir).name, ids(index_dir, q="coach")))
        return real_document(posting)

    monkeypatch.setattr(indexing, "_document", watching)
    report = search.rebuild(engine, index_dir)
    assert seen_during_build == [(old_generation, [old.id])] * 2
    assert live(index_dir).name == report.generation and len(ids(index_dir, q="coach")) == 2


def test_failed_rebuild_leaves_the_old_generation_serving(engine, session, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    for _ in range(4):
        add(session, title="Recovery Coach")
    before = search.sync(engine, index_dir)
    add(session, title="Recovery Coach")
    real_document, calls = indexing._document, count()

    def failing(posting):
        if next(calls) == 2:
            raise RuntimeError("database went away")
        return real_document(posting)

    monkeypatch.setattr(indexing, "_document", failing)
    with pytest.raises(RuntimeError):
        search.rebuild(engine, index_dir)
    assert live(index_dir).name == before.generation
    assert generations(index_dir) == [before.generation]  # the failed build is gone
    assert len(ids(index_dir, q="coach")) == 4


def test_rebuild_removes_generations_left_unfinished_by_a_crash(engine, session, tmp_path):
    index_dir = tmp_path / "index"
    add(session)
    first = search.sync(engine, index_dir)
    stale = index_dir / "generations" / "19990101T000000000000-dead00"
    stale.mkdir()
    (stale / "MAIN_half_written.seg").write_bytes(b"\0" * 10)
    second = search.rebuild(engine, index_dir)
    assert generations(index_dir) == sorted([first.generation, second.generation])


def test_search_index_follows_syncs_and_rebuilds_without_being_recreated(engine, session, tmp_path):
    index_dir = tmp_path / "index"
    reader = search.SearchIndex(index_dir)
    empty = reader.search(search.SearchQuery(q="coach"))
    assert (empty.total, empty.notice) == (0, search.NOT_READY) and reader.doc_count() == 0
    first = add(session, title="Recovery Coach")
    search.sync(engine, index_dir)
    assert [h.id for h in reader.search(search.SearchQuery(q="coach")).hits] == [first.id]
    opened, searcher = reader.reopens, reader._searcher

    search.sync(engine, index_dir)  # nothing changed: the searcher stays
    reader.search(search.SearchQuery(q="coach"))
    assert (reader.reopens, reader._searcher) == (opened, searcher)

    second = add(session, title="Recovery Coach II")
    search.sync(engine, index_dir)
    assert {h.id for h in reader.search(search.SearchQuery(q="coach")).hits} == {first.id, second.id}
    assert reader.reopens == opened + 1
    search.rebuild(engine, index_dir)
    assert reader.doc_count() == 2 and reader.reopens == opened + 2
    reader.close()


def test_failed_sync_changes_nothing_and_the_next_sync_recovers(engine, session, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    add(session, title="Recovery Coach")
    search.sync(engine, index_dir)
    add(session, title="Peer Navigator")

    def failing(posting):
        raise RuntimeError("bad row")

    monkeypatch.setattr(indexing, "_document", failing)
    with pytest.raises(RuntimeError):
        search.sync(engine, index_dir)
    assert ids(index_dir, q="navigator") == []
    monkeypatch.undo()
    assert search.sync(engine, index_dir).upserted == 1  # the write lock was released
    assert len(ids(index_dir, q="navigator")) == 1


def test_one_search_index_serves_threads_during_a_sync(engine, session, tmp_path):
    index_dir = tmp_path / "index"
    for _ in range(5):
        add(session, title="Recovery Coach")
    search.sync(engine, index_dir)
    reader, totals = search.SearchIndex(index_dir), []

    def searching():
        for _ in range(15):
            totals.append(reader.search(search.SearchQuery(q="coach")).total)

    threads = [threading.Thread(target=searching) for _ in range(4)]
    for thread in threads:
        thread.start()
    add(session, title="Recovery Coach")
    search.sync(engine, index_dir)
    for thread in threads:
        thread.join()
    assert len(totals) == 60 and set(totals) <= {5, 6}
    assert reader.search(search.SearchQuery(q="coach")).total == 6
    reader.close()


def test_cached_arrays_follow_syncs_and_deletions(engine, session, tmp_path):
    index_dir = tmp_path / "index"
    first = add(session, title="Recovery Coach", category="peer_recovery_coach")
    add(session, title="Peer Specialist", category="peer_specialist")
    search.sync(engine, index_dir)
    reader = search.SearchIndex(index_dir)

    def categories():
        return dict(reader.search(search.SearchQuery(q="recovery")).facets["category"])
    assert categories() == {"peer_recovery_coach": 1, "peer_specialist": 1}
    session.delete(session.get(Posting, first.id))
    session.commit()
    second = add(session, title="Recovery Coach II", category="peer_mentor")
    search.sync(engine, index_dir)
    assert categories() == {"peer_mentor": 1, "peer_specialist": 1}
    assert [hit.id for hit in reader.search(search.SearchQuery(q="coach")).hits] == [second.id]
    reader.close()


def test_an_index_built_with_another_schema_is_rebuilt_by_the_next_sync(engine, session, tmp_path):
    index_dir = tmp_path / "index"
    posting = add(session, title="Recovery Coach")
    first = search.sync(engine, index_dir)
    index_files.write_state(live(index_dir), None, schema=search.SCHEMA_VERSION - 1)  # an older release's
    reader = search.SearchIndex(index_dir)
    assert reader.search(search.SearchQuery(q="coach")).notice == search.NOT_READY
    report = search.sync(engine, index_dir)
    assert report.generation != first.generation and report.upserted == 1
    assert [hit.id for hit in reader.search(search.SearchQuery(q="coach")).hits] == [posting.id]
    reader.close()


def test_sync_rereads_only_the_window_before_the_last_read(engine, session, tmp_path, monkeypatch):
    """Rows stamped long before the last sync began are not read again (a bulk load stays put)."""
    index_dir = tmp_path / "index"
    for _ in range(3):
        add(session, now=utcnow() - timedelta(hours=1))
    search.sync(engine, index_dir)
    fresh = add(session, title="Recovery Coach")
    checked, real_check = [], indexing._already_indexed
    monkeypatch.setattr(indexing, "_already_indexed", lambda s, p: checked.append(p.id) or real_check(s, p))
    assert search.sync(engine, index_dir).upserted == 1 and checked == []
    assert ids(index_dir, q="coach") == [fresh.id]


def test_a_large_rebuild_writes_two_segments_in_two_processes(engine, session, tmp_path, monkeypatch):
    monkeypatch.setattr(indexing, "PARALLEL_FROM", 2)
    for n in range(7):
        add(session, title=["Recovery Coach", "Peer Specialist"][n % 2], category=["peer_mentor", None][n % 2])
    synced, rebuilt = tmp_path / "synced", tmp_path / "rebuilt"
    monkeypatch.setattr(indexing, "PARALLEL_FROM", 10**9)
    search.sync(engine, synced)
    monkeypatch.setattr(indexing, "PARALLEL_FROM", 2)
    assert search.rebuild(engine, rebuilt).total == 7
    assert len([name for name in os.listdir(live(rebuilt)) if name.endswith(".trm")]) == 2  # two segments
    assert not [name for name in os.listdir(live(rebuilt)) if name.endswith(".tmp")]  # sorting files gone
    for query in [{}, {"q": "coach"}, {"q": "peer specialist"}, {"category": ("peer_mentor",)}]:
        assert sorted(ids(synced, **query)) == sorted(ids(rebuilt, **query)), query
    reader = search.SearchIndex(rebuilt)
    facets = reader.search(search.SearchQuery()).facets["category"]
    assert facets == [("peer_mentor", 4)] and reader.doc_count() == 7  # no category: no facet value
    reader.close()


def test_a_failed_two_process_rebuild_leaves_the_old_generation(engine, session, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    for _ in range(6):
        add(session, title="Recovery Coach")
    before = search.sync(engine, index_dir)
    monkeypatch.setattr(indexing, "PARALLEL_FROM", 2)
    real_document, calls = indexing._document, count()

    def failing(posting):
        if next(calls) == 4:
            raise RuntimeError("database went away")
        return real_document(posting)

    monkeypatch.setattr(indexing, "_document", failing)
    with pytest.raises(RuntimeError):
        search.rebuild(engine, index_dir)
    assert generations(index_dir) == [before.generation] and len(ids(index_dir, q="coach")) == 6


def test_a_failure_in_the_second_process_fails_the_rebuild_cleanly(engine, session, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    for _ in range(6):
        add(session, title="Recovery Coach")
    before = search.sync(engine, index_dir)

    def broken(generation, documents):
        next(iter(documents))
        raise OSError("disk full")

    monkeypatch.setattr(indexing, "PARALLEL_FROM", 2)
    monkeypatch.setattr(indexing, "_write_segment", broken)
    with pytest.raises(parallel.WorkerFailed, match="disk full"):
        search.rebuild(engine, index_dir)
    assert generations(index_dir) == [before.generation] and len(ids(index_dir, q="coach")) == 6


def test_postings_read_before_a_sync_are_reused_and_deletions_still_apply(engine, session, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    first, second = add(session, title="Recovery Coach"), add(session, title="Recovery Coach")
    search.sync(engine, index_dir)
    reader = search.SearchIndex(index_dir)
    assert {hit.id for hit in reader.search(search.SearchQuery(q="coach")).hits} == {first.id, second.id}
    session.delete(session.get(Posting, first.id))
    session.commit()
    assert search.sync(engine, index_dir).deleted == 1
    reads, real_read = [], whoosh_backend._leaf_postings
    monkeypatch.setattr(whoosh_backend, "_leaf_postings", lambda *args: reads.append(args[1:]) or real_read(*args))
    assert [hit.id for hit in reader.search(search.SearchQuery(q="coach")).hits] == [second.id]
    assert reads == [] and reader.reopens == 2
    reader.close()
