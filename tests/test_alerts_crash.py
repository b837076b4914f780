"""A send run killed (SIGKILL) at each point, then run again: every digest arrives, none more
than twice, a repeat always with the same Message-ID, and a third run sends nothing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta

import pytest

from indexer.store.models import utcnow
from foundation.settings import Settings
from tests.support import postgres
from tests.test_alerts_send import SECRET, Board, Mailbox, mail_server

ADDRESSES = ("a@example.org", "b@example.org", "c@example.org")


class Killer(Mailbox):
    """Kills the sender while the server holds the `kill_at`-th message, before answering, and
    does not keep that message (the sender never learns whether it went)."""

    def __init__(self, kill_at: int | None):
        super().__init__()
        self.kill_at, self.pid, self.data = kill_at, None, 0

    async def handle_DATA(self, server, session, envelope):
        self.data += 1
        if self.data == self.kill_at and self.pid:
            os.kill(self.pid, signal.SIGKILL)
            return "451 4.3.0 not kept"
        return await super().handle_DATA(server, session, envelope)


def sender(board: Board, smtp_url: str, pause_at: str | None = None) -> subprocess.Popen:
    environment = {**os.environ, "PEERJOBS_DATA_DIR": str(board.settings.data_dir),
                   "PEERJOBS_DATABASE_URL": board.settings.database_url,
                   "PEERJOBS_INDEX_DIR": str(board.settings.index_dir), "PEERJOBS_SMTP_URL": smtp_url,
                   "PEERJOBS_PUBLIC_URL": board.settings.public_url, "PEERJOBS_SECRET_KEY": SECRET}
    command = ["tests.support.pausing_sender", pause_at] if pause_at else ["peerjobs.cli", "send-alerts"]
    return subprocess.Popen([sys.executable, "-m", *command], env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill_when_paused(board: Board, process: subprocess.Popen, point: str) -> None:
    marker = board.settings.data_dir / f"paused-at-{point}"
    deadline = time.monotonic() + 60
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert marker.exists(), process.communicate(timeout=10)
    process.kill()
    process.wait(timeout=10)
    marker.unlink()


def finished(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


CASES = [
    # (where it dies, messages received in all)
    ("record", 3),  # digests chosen, not committed: chosen again
    ("send:2", 3),  # the second digest committed, not yet handed over
    ("data:2", 3),  # in the middle of the second DATA: the server did not keep it
    ("sent:2", 4),  # the server took the second, not yet marked sent: it goes once more
    ("marked:2", 3),  # the second marked sent
]


def crash_and_rerun(board: Board, point: str) -> tuple[Mailbox, dict]:
    now = utcnow()
    subscriptions = {address: board.subscribe(address, {"q": "coach"}, when=now - timedelta(hours=6))
                     for address in ADDRESSES}
    board.post(now - timedelta(hours=1), title="Job Coach 1")
    board.post(now - timedelta(hours=2), title="Job Coach 2")
    where, _, nth = point.partition(":")
    with mail_server(Killer(int(nth) if where == "data" else None)) as (url, inbox):
        if where == "data":
            process = sender(board, url)
            inbox.pid = process.pid
            process.wait(timeout=60)
            assert process.returncode == -signal.SIGKILL
        else:
            kill_when_paused(board, sender(board, url, point), where)
        assert finished(sender(board, url)).startswith("send-alerts: ")
        assert board.send(url, utcnow()).sent == 0  # and then nothing more
    return inbox, subscriptions


@pytest.mark.parametrize("point, received", CASES, ids=[case[0] for case in CASES])
def test_a_run_killed_anywhere_sends_each_digest_at_most_once_more(sqlite_settings, point, received):
    check(Board(sqlite_settings), point, received)


def test_a_run_killed_after_the_server_took_a_digest_on_postgresql(tmp_path, postgres_server_url):
    with postgres.private_schema(postgres_server_url) as url:
        check(Board(Settings(data_dir=tmp_path, database_url=url, index_dir=tmp_path / "index")), "sent:2", 4)


def check(board: Board, point: str, received: int) -> None:
    try:
        inbox, subscriptions = crash_and_rerun(board, point)
        rows = {address: board.deliveries(subscription_id) for address, subscription_id in subscriptions.items()}
    finally:
        board.close()
    assert all(len(found) == 1 and found[0].status == "sent" for found in rows.values()), rows
    recorded = {found[0].message_id: address for address, found in rows.items()}
    counts = Counter(inbox.message_ids())
    assert set(counts) == set(recorded)  # every digest arrived, each with its recorded Message-ID
    assert sum(counts.values()) == received and max(counts.values()) <= 2
    for message in inbox.messages:
        assert recorded[message["Message-ID"]] == message["To"]
        assert [line for line in message.get_body(("plain",)).get_content().splitlines()
                if line.startswith("Job ")] == ["Job Coach 1", "Job Coach 2"]
