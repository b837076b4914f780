"""`peerjobs send-alerts`: each confirmed subscription gets one digest of the postings new to
its search since its last one, through the outbox (indexer.store.deliveries).

A run first sends the digests still pending (a crash or a failed attempt left them; they keep
their Message-ID), then checks subscriptions a batch at a time: choose each one's postings
(alerts.digest), record the digests and move seen_through in one transaction, send, and
mark each digest sent. Killed anywhere, the next run sends every digest at most once more and
skips none. One SMTP connection serves the whole run.

Failures: a 4xx answer is retried on later runs with growing delays, then given up; a 5xx
refusal of the address is a bounce, and an address that bounces several times in a row is
paused; an unreachable server stops the run (the rest waits, recorded) after a few quick
reconnects; a refused login or TLS setup is a configuration error (MailConfigError). Logs name
subscriptions and deliveries by id, never by address.
"""
from __future__ import annotations

import fcntl
import logging
import smtplib
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from indexer.cards import posting_card
from indexer.store import db
from indexer.store.models import utcnow
from indexer.search import SearchIndex
from foundation.settings import Settings
from indexer.store import deliveries, figures
from indexer.store.subscriptions import FREQUENCIES
from foundation import mail
from alerts import digest, emails
from indexer.search.params import parse_query

log = logging.getLogger(__name__)

LOCK_FILE = "send-alerts.lock"


@dataclass(frozen=True)
class SendOptions:
    digest_size: int = digest.DIGEST_SIZE
    overlap: timedelta = digest.OVERLAP
    #: Subscriptions per transaction (choose, record, then send them).
    batch: int = 500
    #: A 4xx failure is tried again after this, doubled each attempt up to retry_limit.
    retry_after: timedelta = timedelta(minutes=5)
    retry_limit: timedelta = timedelta(hours=12)
    #: Attempts before a digest is given up (failed).
    max_attempts: int = 6
    #: Permanent refusals in a row before the address's subscriptions are paused.
    pause_after_bounces: int = 3
    #: Quick reconnects within a run when the server cannot be reached, waiting reconnect_delay
    #: seconds, doubled each time, before the run stops.
    reconnects: int = 2
    reconnect_delay: float = 2.0
    #: Called with each step a digest reaches: "record" (chosen, not yet committed), "send"
    #: (committed, not yet handed to SMTP), "sent" (accepted, not yet marked), "marked".
    on_step: Callable[[str], None] | None = None


@dataclass
class SendReport:
    checked: int = 0
    sent: int = 0
    skipped_empty: int = 0
    retried: int = 0
    failed: int = 0
    paused: int = 0
    #: Digests left pending for the next run (set when the run stopped early).
    waiting: int = 0
    #: Why the run stopped early: the SMTP server could not be reached.
    problem: str | None = None
    #: Another run held the lock: this one did nothing.
    busy: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        if self.busy:
            return "send-alerts: another run is sending alerts; nothing done"
        line = (f"send-alerts: {self.sent} sent, {self.skipped_empty} with nothing new, {self.retried} to retry, "
                f"{self.failed} failed, {self.paused} paused ({self.checked} subscriptions checked, "
                f"{self.seconds:.1f} s)")
        if self.problem:
            line += f"; stopped, SMTP server unreachable ({self.problem}): {self.waiting} digests wait for the next run"
        return line


def send_alerts(settings: Settings, frequency: str | None = None, now: datetime | None = None,
                index: SearchIndex | None = None, options: SendOptions | None = None) -> SendReport:
    """Send the due digests of active subscriptions of `frequency` (all frequencies when None;
    the scheduler names one on each frequency's clock). `now` fixes the clock (tests); `index`
    reuses an open search index. Raises MailConfigError when PEERJOBS_SMTP_URL is unusable."""
    if frequency is not None and frequency not in FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency!r}")
    mail.SmtpServer.from_url(settings.smtp_url)
    if now is not None and now.tzinfo is not None:  # the store keeps naive UTC
        now = now.astimezone(timezone.utc).replace(tzinfo=None)
    started, report = time.monotonic(), SendReport()
    with _one_run_at_a_time(settings.data_dir) as alone:
        if not alone:
            report.busy = True
            return report
        # Writes take SQLite's write lock when they begin (the web app writes too); reads do not.
        engines = db.make_engine(settings.database_url), db.make_engine(settings.database_url, writer=True)
        search_index = index if index is not None else SearchIndex(settings.index_dir)
        try:
            with mail.Mailer(settings.smtp_url) as mailer:
                run = _Run(emails.with_secret(settings), engines, mailer, options or SendOptions(), report, now)
                run.send_due()
                if report.problem is None:
                    run.check(frequency, search_index)
                if report.problem is not None:
                    report.waiting = run.pending()
        finally:
            if index is None:
                search_index.close()
            for engine in engines:
                engine.dispose()
    report.seconds = time.monotonic() - started
    log.info("%s", report.summary())
    return report


@contextmanager
def _one_run_at_a_time(data_dir: Path) -> Iterator[bool]:
    """Two runs at once would send the same pending digests twice. An flock on a file beside
    the store: released by the kernel when a run dies, so a killed run never blocks the next."""
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    with open(Path(data_dir) / LOCK_FILE, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)



class _Run:
    def __init__(self, settings: Settings, engines: tuple, mailer: mail.Mailer, options: SendOptions,
                 report: SendReport, now: datetime | None):
        self.settings, self.mailer, self.options, self.report = settings, mailer, options, report
        self.reads, self.writes = (db.session_factory(engine) for engine in engines)
        self.host = emails.public_host(settings)
        self._now = now

    def now(self) -> datetime:
        return self._now or utcnow()

    def today(self) -> date:
        return self.now().date()

    def pending(self) -> int:
        with self.reads() as session:
            return deliveries.pending_count(session)

    # ------------------------------------------------------------ the outbox first

    def send_due(self) -> None:
        """Digests recorded earlier and not sent: a crashed run's, or ones whose retry is due."""
        with self.writes.begin() as session:
            dropped = deliveries.drop_inactive(session)
        if dropped:
            log.info("%d pending digests dropped: their subscriptions were paused", dropped)
        after = 0
        while self.report.problem is None:
            with self.reads() as session:
                items = deliveries.due_deliveries(session, self.now(), after, self.options.batch)
            if not items:
                return
            self._send(items)
            after = items[-1].delivery_id

    # ------------------------------------------------------------ new digests

    def check(self, frequency: str | None, index: SearchIndex) -> None:
        options = self.options
        with self.reads() as session:
            subscriptions = deliveries.subscriptions_to_check(session, frequency)
            if not subscriptions:
                return
            earliest = min(digest.window_start(s.since, s.started, options.overlap) for s in subscriptions)
            rows = deliveries.first_seen_after(session, earliest)
            delivered = deliveries.delivered_since(session, earliest)
        indexed = index.indexed_ids() if rows else np.zeros(0, dtype=np.int64)
        new = digest.NewPostings(rows, indexed, self.now())
        matches = digest.Matches(new, index.matching_ids, parse_query)
        usable = []
        for subscription in subscriptions:
            if isinstance(subscription.search, dict):
                usable.append(subscription)
            else:
                log.warning("subscription %s skipped: its saved search is not a set of parameters", subscription.id)
        usable.sort(key=lambda subscription: digest.matching_order(subscription.search))
        for batch in deliveries.chunks(usable, max(1, options.batch)):
            chosen = []
            for subscription in batch:
                since = digest.window_start(subscription.since, subscription.started, options.overlap)
                choice = digest.choose(new, matches.ranks(subscription.search), since,
                                       delivered.get(subscription.id, ()), options.digest_size)
                if choice is not None:
                    chosen.append(deliveries.Digest(subscription.id, choice.posting_ids, choice.more))
            self._pause("record")
            with self.writes.begin() as session:
                delivery_ids = deliveries.record_digests(session, chosen, [s.id for s in batch], new.horizon,
                                                         self.host, self.now())
            self.report.checked += len(batch)
            self.report.skipped_empty += len(batch) - len(chosen)
            with self.reads() as session:
                items = deliveries.outbox_items(session, delivery_ids)
            self._send(items)
            if self.report.problem is not None:
                return
        log.info("%d subscriptions checked against %d new postings, %d distinct searches",
                 self.report.checked, len(new), matches.questions)

    # ------------------------------------------------------------ sending

    def _send(self, items: list[deliveries.OutboxItem]) -> None:
        """Send in order; each digest is marked before the next is handed over."""
        with self.reads() as session:
            rows = deliveries.digest_postings(session, {pid for item in items for pid in item.posting_ids})
            postings = {pid: posting_card(row) for pid, row in rows.items()}
        for item in items:
            message = self._compose(item, postings)
            if message is None:
                continue
            self._pause("send")
            kind, error = self._deliver(message)
            if kind is None:
                self._pause("sent")
            self._record(item, kind, error)
            if kind == mail.CONNECTION:
                return
            self._pause("marked")

    def _compose(self, item: deliveries.OutboxItem, postings: dict) -> EmailMessage | None:
        shown = [postings[pid] for pid in item.posting_ids if pid in postings]
        if not shown:
            self._give_up(item, "its postings were deleted before it was sent")
            return None
        try:
            return emails.compose(self.settings, item, shown, self.today())
        except (ValueError, TypeError) as error:
            self._give_up(item, f"could not be written ({type(error).__name__})")
            return None

    def _deliver(self, message: EmailMessage) -> tuple[str | None, str | None]:
        """(None, None) when the server took it, else (failure kind, words)."""
        for attempt in range(self.options.reconnects + 1):
            try:
                self.mailer.send(message)
                return None, None
            except (smtplib.SMTPException, OSError) as failure:
                kind, error = mail.failure_kind(failure), mail.describe_failure(failure)
                if kind == mail.SETUP:
                    raise mail.MailConfigError(f"the SMTP server refused our setup: {error}") from None
                if kind != mail.CONNECTION:
                    return kind, error
                self.mailer.close()
                if attempt < self.options.reconnects:
                    log.warning("SMTP server unreachable (%s); trying again", error)
                    time.sleep(self.options.reconnect_delay * 2 ** attempt)
        return mail.CONNECTION, error

    def _record(self, item: deliveries.OutboxItem, kind: str | None, error: str | None) -> None:
        now, report = self.now(), self.report
        with self.writes.begin() as session:
            if kind is None:
                deliveries.mark_sent(session, item.delivery_id, item.subscription_id, now)
                figures.record_event(session, "sent", network=item.network, day=now.date())
                report.sent += 1
            elif kind == mail.RECIPIENT:
                paused = deliveries.mark_bounced(session, item.delivery_id, item.subscription_id, error,
                                                 self.options.pause_after_bounces, now)
                figures.record_event(session, "failed", network=item.network, day=now.date())
                figures.record_event(session, "paused_by_bounces", paused, day=now.date())
                report.failed += 1
                report.paused += paused
                log.warning("delivery %s to subscription %s refused: %s%s", item.delivery_id, item.subscription_id,
                            error, "; the address's subscriptions are paused" if paused else "")
            elif kind == mail.MESSAGE:
                attempts = item.attempts + 1
                delay = min(self.options.retry_limit, self.options.retry_after * 2 ** (attempts - 1))
                retry_at = now + delay if attempts < self.options.max_attempts else None
                deliveries.mark_retry(session, item.delivery_id, error, retry_at)
                if retry_at is None:
                    figures.record_event(session, "failed", network=item.network, day=now.date())
                    report.failed += 1
                else:
                    report.retried += 1
                log.warning("delivery %s to subscription %s failed (attempt %d): %s", item.delivery_id,
                            item.subscription_id, attempts, error)
            else:
                deliveries.note_error(session, item.delivery_id, error)
                report.problem = error

    def _give_up(self, item: deliveries.OutboxItem, reason: str) -> None:
        with self.writes.begin() as session:
            deliveries.mark_failed(session, item.delivery_id, reason)
            figures.record_event(session, "failed", network=item.network, day=self.today())
        self.report.failed += 1
        log.warning("delivery %s to subscription %s not sent: %s", item.delivery_id, item.subscription_id, reason)

    def _pause(self, point: str) -> None:
        if self.options.on_step is not None:
            self.options.on_step(point)
