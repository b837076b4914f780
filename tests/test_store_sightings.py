"""record_sighting, and record_sightings over a batch, leave the store exactly as upsert_posting
does, case by case, with the same outcomes, on SQLite and on PostgreSQL."""
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import delete, event, select

from indexer import store
from indexer.store.models import Posting, PostingSource

T0 = datetime(2026, 11, 1, 12)


def fields(number=1, **overrides):
    base = dict(url=f"http://127.0.0.1/a/{number}/", apply_url=f"http://127.0.0.1/a/{number}/apply",
                title="Peer Support Specialist", employer="Agency", description_html=f"<p>Help {number}.</p>",
                description_text=f"Help {number}.", city="Dayton", state="OH", postal_code="45402",
                latitude=39.75, longitude=-84.19, remote=False, employment_type="FULL_TIME",
                date_posted=date(2026, 11, 1), category="peer_specialist", is_peer=True,
                locations=[{"city": "Dayton", "state": "OH"}], facets={"shift": ["day"]})
    base.update(overrides)
    return base


#: Each case: sightings in order, as (source, external id, fields, days after T0).
CASES = {
    "new, then unchanged": [("a", "1", fields(), 0), ("a", "1", fields(), 1)],
    "new, then changed": [("a", "1", fields(), 0), ("a", "1", fields(title="Peer Specialist II"), 1)],
    "links changed, content the same": [("a", "1", fields(), 0),
                                         ("a", "1", fields(apply_url="http://127.0.0.1/a/1/apply-now"), 1)],
    "another source, same job": [("a", "1", fields(), 0),
                                 ("b", "x9", fields(url="http://127.0.0.1/b/9/", apply_url=None), 1)],
    "another source links to the page": [("a", "1", fields(), 0),
                                         ("b", "x9", fields(url="http://127.0.0.1/b/9/", title="Peer Mentor",
                                                            apply_url="http://127.0.0.1/a/1/"), 1)],
    "two openings of one title at one source": [("a", "1", fields(1), 0), ("a", "2", fields(2), 0)],
    "one page under two ids at one source": [("a", "1", fields(1), 0), ("a", "2", fields(1), 0)],
    "past its closing date": [("a", "1", fields(valid_through=T0 - timedelta(days=3)), 0)],
    "closes by date, then seen open again": [
        ("a", "1", fields(valid_through=T0 + timedelta(days=1)), 0),
        ("a", "1", fields(valid_through=T0 + timedelta(days=1)), 2),
        ("a", "1", fields(valid_through=T0 + timedelta(days=30)), 3)],
    "many plain new ones": [("a", str(n), fields(n, title=f"Peer Specialist {n}"), 0) for n in range(6)],
    "new ones and repeats, the same day": [
        ("a", "1", fields(1, title="Peer Mentor"), 0), ("a", "2", fields(2, title="Peer Coach"), 0),
        ("b", "x1", fields(1, title="Peer Mentor", url="http://127.0.0.1/b/1/", apply_url=None), 0),
        ("b", "x3", fields(3, title="Recovery Coach", url="http://127.0.0.1/b/3/", apply_url="http://127.0.0.1/a/2/"), 0),
        ("a", "1", fields(1, title="Peer Mentor"), 1), ("a", "2", fields(2, title="Peer Coach II"), 1),
        ("a", "4", fields(4, title="Peer Navigator"), 1)],
}


def snapshot(session):
    """Every posting and sighting, without the ids the database gave them."""
    owners = {row.id: (row.source_id, row.external_id) for row in session.scalars(select(Posting))}
    postings = sorted(
        tuple((column, getattr(row, column)) for column in Posting.__table__.columns.keys() if column != "id")
        for row in session.scalars(select(Posting)))
    sightings = sorted(
        (owners[row.posting_id],) + tuple((column, getattr(row, column)) for column in
                                          PostingSource.__table__.columns.keys() if column not in ("id", "posting_id"))
        for row in session.scalars(select(PostingSource)))
    return postings, sightings


def play(session, sightings, record):
    outcomes = []
    for source_id, external_id, values, days in sightings:
        outcomes.append(record(session, source_id, external_id, values, T0 + timedelta(days=days)))
        session.flush()
    session.commit()
    return outcomes, snapshot(session)


def clear(session):
    session.execute(delete(PostingSource))
    session.execute(delete(Posting))
    session.commit()


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_same_store_and_outcomes_as_upsert_posting(session, case):
    for source_id in ("a", "b"):
        store.upsert_source(session, store.SourceRecord(source_id, "jsonld", f"http://127.0.0.1/{source_id}/",
                                                        "Agency"))
    session.commit()
    expected = play(session, CASES[case], lambda *args: store.upsert_posting(*args)[1])
    clear(session)
    assert play(session, CASES[case], store.record_sighting) == expected
    assert expected[1][0], "the case stored nothing"


def play_in_batches(session, sightings):
    """The sightings of each day as one batch."""
    outcomes, days = [], sorted({days for *_, days in sightings})
    for day in days:
        batch = [(source_id, external_id, values) for source_id, external_id, values, days in sightings if days == day]
        outcomes += store.record_sightings(session, batch, T0 + timedelta(days=day))
        session.flush()
    session.commit()
    return outcomes, snapshot(session)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_batch_leaves_the_same_store_and_outcomes_as_upsert_posting(session, case):
    for source_id in ("a", "b"):
        store.upsert_source(session, store.SourceRecord(source_id, "jsonld", f"http://127.0.0.1/{source_id}/",
                                                        "Agency"))
    session.commit()
    expected = play(session, CASES[case], lambda *args: store.upsert_posting(*args)[1])
    clear(session)
    assert play_in_batches(session, CASES[case]) == expected


def test_a_batch_takes_a_few_round_trips_whatever_its_size(session, engine):
    store.upsert_source(session, store.SourceRecord("a", "jsonld", "http://127.0.0.1/a/", "Agency"))
    session.commit()
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2].split()[0].upper()))
    batch = [("a", str(n), fields(n, title=f"Peer Specialist {n}")) for n in range(40)]
    assert store.record_sightings(session, batch, T0) == ["new"] * 40
    new = [s for s in statements if s != "BEGIN"]
    statements.clear()
    assert store.record_sightings(session, batch, T0 + timedelta(days=1)) == ["unchanged"] * 40
    assert new.count("SELECT") == 2 and statements == ["SELECT", "UPDATE", "UPDATE"]
    if engine.dialect.name == "postgresql":  # SQLite returns new ids row by row, with no round trip
        assert new == ["SELECT", "SELECT", "INSERT", "INSERT"]


def test_the_common_cases_take_few_statements(session, engine):
    store.upsert_source(session, store.SourceRecord("a", "jsonld", "http://127.0.0.1/a/", "Agency"))
    session.commit()
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2].split()[0].upper()))
    assert store.record_sighting(session, "a", "1", fields(), T0) == "new"
    new = [s for s in statements if s != "BEGIN"]
    statements.clear()
    assert store.record_sighting(session, "a", "1", fields(), T0 + timedelta(days=1)) == "unchanged"
    assert (new, statements) == (["SELECT", "SELECT", "INSERT", "INSERT"], ["SELECT", "UPDATE", "UPDATE"])
