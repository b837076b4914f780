"""Figures kept per day (indexer.store.figures), on SQLite and PostgreSQL: events added to in one
statement, safe under concurrent writers; snapshots that overwrite today; history pruned."""
from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from indexer import store
from indexer.store import db, figures
from indexer.store.models import DailyFigure, utcnow
from tests.admin_support import seed
from tests.test_webapp import AGENCY, fields

DAY = date(2026, 12, 7)


def rows(session) -> dict[tuple[date, str, str], int]:
    return {(row.day, row.figure, row.key): row.value for row in session.scalars(select(DailyFigure))}


def test_an_event_counts_over_all_and_for_its_network(session):
    figures.record_event(session, "confirmed", day=DAY)
    figures.record_event(session, "confirmed", network="ohio-peers", day=DAY)
    figures.record_event(session, "paused_by_bounces", 3, day=DAY)
    figures.record_event(session, "paused_by_bounces", 0, day=DAY - timedelta(days=1))  # nothing: no row
    session.commit()
    assert rows(session) == {(DAY, "confirmed", "all"): 2, (DAY, "confirmed", "network:ohio-peers"): 1,
                             (DAY, "paused_by_bounces", "all"): 3}


def test_an_unknown_event_is_refused(session):
    with pytest.raises(ValueError):
        figures.record_event(session, "confirmd", day=DAY)


def test_an_event_rolled_back_with_its_transaction_is_not_counted(session):
    figures.record_event(session, "sent", day=DAY)
    session.rollback()
    assert rows(session) == {}


def test_concurrent_writers_lose_no_count(engine):
    """Threads with connections of their own add to the same rows at once."""
    writers, each = 6, 25
    sessions = db.session_factory(engine)
    start, failures = threading.Barrier(writers), []

    def write(number: int) -> None:
        try:
            start.wait()
            for _ in range(each):
                with sessions.begin() as session:
                    figures.record_event(session, "sent", network=f"net-{number % 2}", day=DAY)
        except Exception as error:  # noqa: BLE001  (reported below, with the test's own assertion)
            failures.append(repr(error))

    threads = [threading.Thread(target=write, args=(number,)) for number in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with sessions() as session:
        assert rows(session) == {(DAY, "sent", "all"): writers * each, (DAY, "sent", "network:net-0"): 3 * each,
                                 (DAY, "sent", "network:net-1"): 3 * each}


def add_postings(session) -> None:
    """Open peer postings: 3 in OH, 1 in TX, 1 without a state; and some that do not count."""
    store.upsert_source(session, AGENCY)
    wanted = [("OH", True, "open")] * 3 + [("TX", True, "open"), (None, True, "open"),
                                           ("TX", True, "closed"), ("OH", False, "open")]
    for number, (state, is_peer, status) in enumerate(wanted):
        posting, _ = store.upsert_posting(session, AGENCY.id, f"p-{number}", fields(
            title=f"Peer Support Specialist {number}", city=f"Town {number}", state=state, is_peer=is_peer,
            category="peer_specialist" if is_peer else None, url=f"https://agency.example/careers/{number}/"))
        posting.status = status
    session.commit()


def test_a_snapshot_counts_what_the_store_holds(session):
    seed(session)  # sources healthy, degraded, failing, failing in the old word, never crawled
    add_postings(session)
    taken = figures.take_snapshot(session, DAY)
    expected_health = {"failing": 2, "degraded": 1, "healthy": 1, "unknown": 2}  # the agency was never crawled
    assert taken == {"sources_health": expected_health, "open_peer_by_state": {"OH": 3, "TX": 1, "none": 1}}
    stored = rows(session)
    assert {key: value for (day, figure, key), value in stored.items() if figure == "sources_health"} == expected_health
    assert {key: value for (_d, figure, key), value in stored.items() if figure == "open_peer_by_state"} == \
        {"OH": 3, "TX": 1, "none": 1}


def test_taking_todays_snapshot_again_overwrites_today_and_keeps_yesterday(session):
    add_postings(session)
    figures.take_snapshot(session, DAY - timedelta(days=1))
    for posting in store.postings_page(session):
        if posting.state == "TX":
            posting.status = "closed"
    session.commit()
    figures.take_snapshot(session, DAY)
    figures.take_snapshot(session, DAY)
    found = figures.series(session, "open_peer_by_state", 3, DAY)
    assert found.days == (DAY - timedelta(days=2), DAY - timedelta(days=1), DAY)
    assert found.values == {"OH": (None, 3, 3), "TX": (None, 1, None), "none": (None, 1, 1)}  # TX gone today


def test_a_snapshot_prunes_history_older_than_kept_days(session):
    old, kept = DAY - timedelta(days=figures.KEPT_DAYS + 1), DAY - timedelta(days=figures.KEPT_DAYS)
    figures.record_event(session, "sent", day=old)
    figures.record_event(session, "sent", day=kept)
    session.commit()
    figures.take_snapshot(session, DAY)
    days = set(session.scalars(select(DailyFigure.day).where(DailyFigure.figure == "sent")))
    assert days == {kept}


def test_a_series_covers_the_days_asked_for_with_none_where_nothing_was_counted(session):
    figures.record_event(session, "subscribed", day=DAY)
    figures.record_event(session, "subscribed", 2, network="texas", day=DAY - timedelta(days=2))
    figures.record_event(session, "subscribed", day=DAY - timedelta(days=40))  # outside the window
    session.commit()
    found = figures.series(session, "subscribed", 30, DAY)
    assert len(found.days) == 30 and found.days[-1] == DAY and found.days[0] == DAY - timedelta(days=29)
    assert found.values["all"][-3:] == (2, None, 1)
    assert found.values["network:texas"][-3:] == (2, None, None)
    assert (found.total(), found.total("network:texas")) == (3, 2)


def test_today_is_the_utc_day_by_default(session):
    figures.record_event(session, "failed")
    session.commit()
    assert session.scalar(select(func.max(DailyFigure.day))) == utcnow().date()
