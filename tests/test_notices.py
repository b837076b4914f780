"""The operator email after N failing runs in a row: sent once, again only after a recovery,
retried when the SMTP server was not there; through a real SMTP server and real crawls."""
from __future__ import annotations

import dataclasses
import logging
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from crawlers import notices
from crawlers.runner import crawl_in_child
from crawlers.settings import LOOPBACK_OVERRIDES
from crawlers.sources import parse_entries
from indexer import store
from indexer.store import db
from indexer.health import Verdict
from indexer.store.models import CrawlRun, SourceControl
from peerjobs.demo.boards import BOARDS_DIR, BoardServer
from tests.support.smtp import free_port, smtp_server

OPERATOR = "ops@peerjobs.example"
T0 = datetime(2026, 11, 1, 12)


@pytest.fixture
def sessions(engine):
    factory = db.session_factory(engine)
    with factory.begin() as session:
        store.upsert_source(session, store.SourceRecord("harbor", "jsonld", "http://harbor.example/careers/",
                                                        "Harbor Light Peer Services"))
    return factory


def record(sessions, state: str, hour: int) -> None:
    with sessions.begin() as session:
        run = store.start_run(session, "harbor", now=T0 + timedelta(hours=hour))
        reasons = [] if state == "healthy" else ["the start page (http://harbor.example/careers/) answered HTTP 500"]
        store.finish_run(session, run.id, "failed" if state == "failing" else "ok", {"pages": 1},
                         message="HTTP 500 from http://harbor.example/careers/" if state == "failing" else None,
                         health=Verdict(state, reasons))


def notified_at(sessions) -> datetime | None:
    with sessions() as session:
        control = session.get(SourceControl, "harbor")
        return control.failing_notified_at if control else None


def test_told_once_after_n_failing_runs_and_again_only_after_recovering(settings, sessions):
    with smtp_server() as (url, inbox):
        mail = dataclasses.replace(settings, smtp_url=url, operator_email=OPERATOR,
                                   public_url="https://jobs.example.org")
        outcomes = []
        for hour, state in enumerate(["healthy", "failing", "failing", "failing", "failing"]):
            record(sessions, state, hour)
            outcomes.append(notices.notify_operators(sessions, mail, "harbor", failing_runs=3,
                                                     now=T0 + timedelta(hours=hour, minutes=5)))
        assert outcomes == ["not-failing", "not-yet", "not-yet", "sent", "already-sent"]
        [message] = inbox.wait_for(1)
        assert notified_at(sessions) == T0 + timedelta(hours=3, minutes=5)

        record(sessions, "degraded", 5)
        assert notices.notify_operators(sessions, mail, "harbor", failing_runs=3) == "recovered"
        assert notified_at(sessions) is None
        for hour in (6, 7, 8):
            record(sessions, "failing", hour)
            notices.notify_operators(sessions, mail, "harbor", failing_runs=3)
        assert len(inbox.wait_for(2)) == 2

    assert message["To"] == OPERATOR and message["Auto-Submitted"] == "auto-generated"
    assert message["Subject"] == "PeerJobs: harbor has failed 3 crawls in a row"
    body = message.get_content()
    assert "The source harbor (Harbor Light Peer Services, http://harbor.example/careers/) has failed its last 3" \
        in body
    assert "Why the latest crawl failed: the start page (http://harbor.example/careers/) answered HTTP 500." in body
    assert "closes none of its postings" in body and "https://jobs.example.org/admin/" in body


def test_no_operator_address_means_no_email_and_nothing_remembered(settings, sessions, caplog):
    for hour in range(3):
        record(sessions, "failing", hour)
    with caplog.at_level(logging.WARNING, logger="crawlers.notices"):
        assert notices.notify_operators(sessions, settings, "harbor", failing_runs=3) == "no-recipient"
    assert "harbor: failed 3 runs in a row; no operator notice, PEERJOBS_OPERATOR_EMAIL is not set" in caplog.text
    with sessions() as session:
        assert session.get(SourceControl, "harbor") is None


def test_a_notice_that_could_not_be_sent_is_tried_at_the_next_failing_run(settings, sessions, caplog):
    closed_port = dataclasses.replace(settings, smtp_url=f"smtp://127.0.0.1:{free_port()}", operator_email=OPERATOR)
    for hour in range(2):
        record(sessions, "failing", hour)
    with caplog.at_level(logging.INFO, logger="crawlers.notices"):
        assert notices.notify_operators(sessions, closed_port, "harbor", failing_runs=2) == "send-failed"
    assert "harbor: the operator notice could not be sent (Connection refused)" in caplog.text
    assert notified_at(sessions) is None
    record(sessions, "failing", 2)
    with smtp_server() as (url, inbox):
        working = dataclasses.replace(closed_port, smtp_url=url)
        assert notices.notify_operators(sessions, working, "harbor", failing_runs=2) == "sent"
        [message] = inbox.wait_for(1)
    assert message["Subject"] == "PeerJobs: harbor has failed 3 crawls in a row"
    assert notified_at(sessions) is not None
    assert OPERATOR not in caplog.text  # logs name sources, never addresses


def test_an_existing_source_control_row_is_kept_and_marked(settings, sessions):
    with sessions.begin() as session:
        session.add(SourceControl(source_id="harbor", schedule="0 3 * * *", updated_by="admin"))
    record(sessions, "failing", 0)
    with smtp_server() as (url, inbox):
        mail = dataclasses.replace(settings, smtp_url=url, operator_email=OPERATOR)
        assert notices.notify_operators(sessions, mail, "harbor", failing_runs=1) == "sent"
        inbox.wait_for(1)
    with sessions() as session:
        control = session.get(SourceControl, "harbor")
        assert (control.schedule, control.updated_by) == ("0 3 * * *", "admin")
        assert control.failing_notified_at is not None


@pytest.mark.parametrize("text, expected", [
    ("notify_after_failing_runs: 5\n", 5),
    ("default_crawl: '0 */6 * * *'\n", 3),            # not given: the default
    ("notify_after_failing_runs: 0\n", 3),            # unusable: the default, with a warning
    ("notify_after_failing_runs: [\n", 3),            # not YAML
])
def test_failing_runs_before_notice_from_the_schedules_file(tmp_path, monkeypatch, text, expected):
    path = tmp_path / "schedules.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PEERJOBS_SCHEDULES_FILE", str(path))
    assert notices.failing_runs_before_notice() == expected


def test_crawls_of_a_broken_source_send_one_notice(sqlite_settings, tmp_path, monkeypatch):
    """The demo's broken careers site, crawled three times with N = 2: one email, after the second."""
    schedules = tmp_path / "schedules.yaml"
    schedules.write_text("notify_after_failing_runs: 2\n", encoding="utf-8")
    monkeypatch.setenv("PEERJOBS_SCHEDULES_FILE", str(schedules))
    engine = db.make_engine(sqlite_settings.database_url)
    with smtp_server() as (url, inbox), BoardServer(BOARDS_DIR / "zz-broken-careers") as site:
        sources = parse_entries([site.source()]).sources
        careers = sources[0].url
        overrides = {**LOOPBACK_OVERRIDES, "PEERJOBS_SMTP_URL": url, "PEERJOBS_OPERATOR_EMAIL": OPERATOR}
        counts = []
        for _ in range(3):
            assert crawl_in_child(sources, sqlite_settings, overrides, timeout=120) == 0
            counts.append(len(inbox.messages))
    assert counts == [0, 1, 1]
    [message] = inbox.messages
    assert message["Subject"] == "PeerJobs: demo-harbor-light has failed 2 crawls in a row"
    assert f"Why the latest crawl failed: the start page ({careers}) answered HTTP 500; no postings were read." \
        in message.get_content()
    with db.session_factory(engine)() as session:
        runs = session.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
        assert [(run.status, run.health) for run in runs] == [("failed", "failing")] * 3
        assert session.get(SourceControl, "demo-harbor-light").failing_notified_at is not None
    engine.dispose()
