"""Upsert and re-crawl semantics, on SQLite and on PostgreSQL."""
from datetime import date, datetime, timedelta

from alembic import command
from sqlalchemy import inspect, select, text

from indexer import store
from indexer.store import db
from indexer.parsers import identity
from indexer.store.models import CrawlRun, Posting

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
    assert {"sources", "postings", "posting_sources", "crawl_runs", "alembic_version"} <= set(
        inspect(engine).get_table_names())


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
    store.upsert_posting(session, "other", "1", fields(title="Recovery Coach", url="http://x/1/", apply_url=None))
    session.commit()
    assert store.count_postings(session) == 2


def test_changed_since_lists_only_later_changes(session):
    store.upsert_source(session, SOURCE)
    t0 = datetime(2026, 11, 1)
    store.upsert_posting(session, "agency", "old", fields(), now=t0)
    store.upsert_posting(session, "agency", "new", fields(title="Peer Mentor", url="http://127.0.0.1/careers/2/"),
                         now=t0 + timedelta(hours=1))
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


def test_migration_0004_gives_each_stored_posting_its_source_and_fingerprint(database_url):
    engine = db.make_engine(database_url)
    config = db.alembic_config(engine)
    command.upgrade(config, "0003")
    seen = datetime(2026, 10, 1, 8)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO sources (id, platform, url, employer, enabled, options, created_at, updated_at) "
                          "VALUES ('agency', 'jsonld', 'http://a/', 'Agency', :yes, '{}', :t, :t)"), {"yes": True, "t": seen})
        conn.execute(text(
            "INSERT INTO postings (source_id, external_id, url, apply_url, title, employer, city, state, "
            "description_html, description_text, remote, is_peer, status, content_hash, first_seen, last_seen, changed_at) "
            "VALUES ('agency', '1', 'http://a/careers/1/', 'http://a/apply/1', 'Peer Mentor', 'Agency', 'Dayton', 'OH', "
            "'', '', :no, :yes, 'open', 'x', :t, :t, :t)"), {"yes": True, "no": False, "t": seen})
    command.upgrade(config, "head")
    with db.session_factory(engine)() as session:
        posting = session.scalars(select(Posting)).one()
        assert posting.fingerprint == identity.fingerprint(
            {"employer": "Agency", "title": "Peer Mentor", "city": "Dayton", "state": "OH"})
        assert posting.last_verified_open == seen
        [sighting] = store.sources_of(session, posting.id)
        assert (sighting.source_id, sighting.external_id, sighting.url, sighting.apply_key, sighting.missing_runs) == (
            "agency", "1", "http://a/careers/1/", "https://a/apply/1", 0)
    command.downgrade(config, "0003")
    assert "posting_sources" not in inspect(engine).get_table_names()
    engine.dispose()


def test_bulk_inserted_postings_each_have_their_source(session):
    store.upsert_source(session, SOURCE)
    store.bulk_insert_postings(session, "agency", [(str(n), fields(title=f"Peer {n}")) for n in range(3)])
    store.upsert_posting(session, "agency", "1", fields(title="Peer 1"))
    session.commit()
    assert store.count_postings(session) == 3
    assert all(len(store.sources_of(session, p.id)) == 1 for p in session.scalars(select(Posting)))
