"""Readers' reports in the store, on SQLite and PostgreSQL: adding, counting independent
reports, the queue's order, handling, re-check requests, labels and classification overrides."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import inspect

from indexer import store
from indexer.store.models import utcnow
from tests.browser_support import SOURCE, posting
from tests.web_support import seed_postings


@pytest.fixture
def ids(session):
    return seed_postings(session, SOURCE, {"a": posting(), "b": posting(title="Peer Mentor", url="https://x.example/b")})


def test_a_report_keeps_its_reason_capped_text_and_no_address(session, ids):
    report = store.add_report(session, ids["a"], "other", "x" * 900, "key-1")
    session.commit()
    assert (report.status, report.reason, len(report.text), report.recheck_requested_at) == ("open", "other", 500, None)
    columns = {column["name"] for column in inspect(session.get_bind()).get_columns("posting_reports")}
    assert not columns & {"ip", "address", "remote_addr", "user_agent", "email"}


def test_a_closed_report_asks_for_a_re_check_at_once(session, ids):
    report = store.add_report(session, ids["a"], "closed", None, "key-1")
    session.commit()
    assert store.rechecks_due(session) == [store.Recheck(report.id, ids["a"], "https://careers.miamivalley.example/jobs/1")]
    store.record_recheck(session, report.id, "closed: the page answered HTTP 404")
    session.commit()
    assert store.rechecks_due(session) == []
    assert store.get_report(session, report.id).recheck_result == "closed: the page answered HTTP 404"


def test_an_unknown_reason_is_refused(session, ids):
    with pytest.raises(ValueError):
        store.add_report(session, ids["a"], "rude", None, "key-1")


def test_being_checked_needs_three_different_connections_with_open_reports(session, ids):
    for key in ("k1", "k1", "k1", "k2"):
        store.add_report(session, ids["a"], "closed", None, key)
    session.commit()
    assert (store.independent_open_reports(session, ids["a"]), store.being_checked(session, ids["a"])) == (2, False)
    third = store.add_report(session, ids["a"], "other", None, "k3")
    session.commit()
    assert store.being_checked(session, ids["a"]) and not store.being_checked(session, ids["b"])
    store.handle_report(session, third, "dismissed", "ops")
    session.commit()
    assert not store.being_checked(session, ids["a"])


def test_the_queue_shows_open_reports_first_oldest_first(session, ids):
    start = utcnow() - timedelta(hours=5)
    first = store.add_report(session, ids["a"], "other", None, "k1", now=start)
    handled = store.add_report(session, ids["b"], "other", None, "k2", now=start + timedelta(hours=1))
    second = store.add_report(session, ids["b"], "closed", None, "k3", now=start + timedelta(hours=2))
    store.handle_report(session, handled, "accepted", "ops")
    session.commit()
    assert [report.id for report, _posting in store.report_queue(session)] == [first.id, second.id, handled.id]
    assert store.count_open_reports(session) == 2
    with pytest.raises(ValueError):
        store.handle_report(session, first, "open", "ops")


def test_an_override_keeps_a_posting_out_of_peer_work_through_re_crawls(session, ids):
    job = store.get_posting(session, ids["a"])
    label = store.add_label(session, job, None, "ops")
    store.override_not_peer(session, job, "ops", now=datetime(2026, 12, 1))
    session.commit()
    assert (job.is_peer, job.category, job.classification) == (False, None, "operator: not peer work")
    assert (label.title, label.category, len(label.text_hash)) == ("Peer Support Specialist", None, 64)
    changed = posting(description_text="New text: walk alongside adults in recovery.", is_peer=True)
    again, outcome = store.upsert_posting(session, SOURCE.id, "a", changed)
    session.commit()
    assert (outcome, again.is_peer, again.category) == ("updated", False, None)
    assert not store.set_peer_fields(again, {"is_peer": True, "category": "peer_specialist", "classification": "rule"})
    assert [example.title for example in store.labeled_examples(session)] == ["Peer Support Specialist"]


def test_labeling_the_same_text_again_relabels_it(session, ids):
    job = store.get_posting(session, ids["a"])
    store.add_label(session, job, None, "ops")
    store.add_label(session, job, "peer_specialist", "ops")
    session.commit()
    assert [example.category for example in store.labeled_examples(session)] == ["peer_specialist"]


def test_close_reported_closes_an_open_posting_once(session, ids):
    assert store.close_reported(session, ids["a"], "re-checked after a report: the page answered HTTP 404")
    assert not store.close_reported(session, ids["a"], "again")
    session.commit()
    job = store.get_posting(session, ids["a"])
    assert (job.status, job.closed_reason) == ("closed", "re-checked after a report: the page answered HTTP 404")
