"""Upsert and re-crawl semantics, on SQLite and on PostgreSQL."""
from datetime import date, datetime, timedelta

from sqlalchemy import inspect, select, text

from indexer import db, store
from indexer.models import CrawlRun, Posting

SOURCE = store.SourceRecord(id="agency", platform="jsonld", url="http://127.0.0.1/careers/",
                            employer="Agency")


def fields(**overrides):
    base = dict(url="http://127.0.0.1/careers/1/", apply_url="http://127.0.0.1/careers/1/",
                title="Peer Support Specialist", employer="Agency", description_html="<p>Help.</p>",
                description_text="Help.", city="Dayton", state="OH", postal_code="45402",
                latitude=39.75, longitude=-84.19, remote=False, employment_type="FULL_TIME",
                date_posted=date(2026, 11, 1), category="peer_specialist", is_peer=True)
    base.update(overrides)
    return base


def test_migrations_create_every_table(engine):
    assert {"sources", "postings", "crawl_runs", "alembic_version"} <= set(inspect(engine).get_table_names())


def test_recrawl_updates_and_never_duplicates(session):
    store.upsert_source(session, SOURCE)
    t0 = datetime(2026, 11, 1, 12)
    posting, outcome = store.upsert_posting(session, "agency", "1", fields(), now=t0)
    assert outcome == "new"
    _, outcome = store.upsert_posting(session, "agency", "1", fields(), now=t0 + timedelta(days=1))
    assert outcome == "unchanged"
    _, outcome = store.upsert_posting(session, "agency", "1", fields(title="Peer Specialist II"),
                                      now=t0 + timedelta(days=2))
    assert outcome == "updated"
    session.commit()
    rows = session.scalars(select(Posting)).all()
    assert len(rows) == 1
    assert rows[0].title == "Peer Specialist II"
    assert rows[0].first_seen == t0
    assert rows[0].last_seen == t0 + timedelta(days=2)
    assert rows[0].changed_at == t0 + timedelta(days=2)


def test_unchanged_recrawl_moves_last_seen_but_not_changed_at(session):
    store.upsert_source(session, SOURCE)
    t0 = datetime(2026, 11, 1, 12)
    store.upsert_posting(session, "agency", "1", fields(), now=t0)
    posting, _ = store.upsert_posting(session, "agency", "1", fields(), now=t0 + timedelta(hours=5))
    session.commit()
    assert posting.changed_at == t0 and posting.last_seen == t0 + timedelta(hours=5)


def test_same_external_id_in_two_sources_is_two_postings(session):
    store.upsert_source(session, SOURCE)
    store.upsert_source(session, store.SourceRecord(id="other", platform="jsonld", url="http://x/", employer="X"))
    store.upsert_posting(session, "agency", "1", fields())
    store.upsert_posting(session, "other", "1", fields())
    session.commit()
    assert store.count_postings(session) == 2


def test_changed_since_lists_only_later_changes(session):
    store.upsert_source(session, SOURCE)
    t0 = datetime(2026, 11, 1)
    store.upsert_posting(session, "agency", "old", fields(), now=t0)
    store.upsert_posting(session, "agency", "new", fields(), now=t0 + timedelta(hours=1))
    session.commit()
    changed = [p.external_id for p in store.postings_changed_since(session, t0)]
    assert changed == ["new"]
    assert len(list(store.postings_changed_since(session, None))) == 2


def test_crawl_run_records_figures(session):
    store.upsert_source(session, SOURCE)
    run = store.start_run(session, "agency")
    store.finish_run(session, run.id, "failed", {"pages": 1, "errors": 2}, message="DNS lookup failed")
    session.commit()
    saved = session.scalars(select(CrawlRun)).one()
    assert (saved.status, saved.pages, saved.errors, saved.message) == ("failed", 1, 2, "DNS lookup failed")
    assert saved.finished_at >= saved.started_at


def test_sqlite_pragmas(sqlite_settings):
    engine = db.make_engine(sqlite_settings.database_url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000
