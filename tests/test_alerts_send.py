"""Sending alert digests to a real SMTP server on loopback, reading back what it received."""
from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import re
import smtplib
import socket
import ssl
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import numpy as np
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from click.testing import CliRunner
from sqlalchemy import select

from indexer import store
from indexer.cards import PostingCard
from indexer.store import db
from indexer import search
from indexer.store.models import AlertDelivery, Subscription, utcnow
from foundation.settings import Settings
from indexer.store import deliveries, figures
from foundation import mail
from peerjobs import cli
from tests.support.smtp import Inbox, free_port
from tests.test_webapp import AGENCY, fields
from alerts import digest, emails, tokens
from alerts.sending import SendOptions, send_alerts

PUBLIC = "https://jobs.example.org"
SECRET = "alerts-test-secret"
FAST = SendOptions(reconnects=1, reconnect_delay=0.01)
T = utcnow().replace(microsecond=0)


# ---------------------------------------------------------------- a board, a server

class Mailbox(Inbox):
    """The test inbox, which can also refuse: `refuse[address]` is the reply to RCPT every
    time, `refuse_once[address]` only the next time. Keeps each message's raw bytes."""

    def __init__(self):
        super().__init__()
        self.refuse: dict[str, str] = {}
        self.refuse_once: dict[str, str] = {}
        self.raw: list[bytes] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.refuse_once.pop(address, None) or self.refuse.get(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.raw.append(envelope.original_content or envelope.content)
        return await super().handle_DATA(server, session, envelope)

    def message_ids(self) -> list[str]:
        with self.lock:
            return [message["Message-ID"] for message in self.messages]


@contextmanager
def mail_server(handler=None, **server_options):
    handler = handler or Mailbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **server_options)
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{controller.port}", handler
    finally:
        controller.stop()


class Board:
    """A migrated store with the search index kept current, and subscriptions made the way the
    alert pages make them (store functions), at chosen times."""

    def __init__(self, settings: Settings):
        self.settings = dataclasses.replace(settings, public_url=PUBLIC, secret_key_value=SECRET)
        self.engine = db.make_engine(settings.database_url)
        db.migrate(self.engine)
        self.sessions = db.session_factory(self.engine)
        self.count = 0
        with self.sessions.begin() as session:
            store.upsert_source(session, AGENCY)

    def post(self, when: datetime, reindex: bool = True, **overrides) -> int:
        """A posting first seen at `when` (each in its own town, so none merge as one job)."""
        self.count += 1
        values = fields(url=f"https://agency.example/careers/{self.count}/", city=f"Town {self.count}",
                        **overrides)
        with self.sessions.begin() as session:
            posting, _ = store.upsert_posting(session, AGENCY.id, f"job-{self.count}", values, now=when)
            posting_id = posting.id
        if reindex:
            self.reindex()
        return posting_id

    def reindex(self) -> None:
        search.rebuild(self.engine, self.settings.index_dir)

    def subscribe(self, address: str, search_args: dict, frequency: str = "daily", when: datetime = T,
                  confirm: bool = True, network: str | None = None) -> int:
        with self.sessions.begin() as session:
            subscription = store.add_subscription(session, address, search_args, frequency, network=network,
                                                  now=when - timedelta(minutes=5))
            if confirm:
                store.confirm_subscription(session, subscription.id, now=when)
            return subscription.id

    def subscription(self, subscription_id: int) -> Subscription | None:
        with self.sessions() as session:
            return session.get(Subscription, subscription_id)

    def deliveries(self, subscription_id: int) -> list[AlertDelivery]:
        with self.sessions() as session:
            return deliveries.deliveries_of(session, subscription_id)

    def send(self, smtp_url: str, when: datetime, **kwargs):
        return send_alerts(dataclasses.replace(self.settings, smtp_url=smtp_url), now=when,
                           options=kwargs.pop("options", FAST), **kwargs)

    def figures(self, until: datetime, days: int = 2) -> dict[str, int]:
        """Each event counted (over all networks) in the `days` days up to `until`; none left out."""
        with self.sessions() as session:
            totals = {name: figures.series(session, name, days, until.date()).total() for name in figures.EVENTS}
        return {name: total for name, total in totals.items() if total}

    def close(self) -> None:
        self.engine.dispose()


@pytest.fixture
def board(settings):
    made = Board(settings)
    yield made
    made.close()


@pytest.fixture
def sqlite_board(sqlite_settings):
    made = Board(sqlite_settings)
    yield made
    made.close()


def text_part(message) -> str:
    return message.get_body(("plain",)).get_content()


def html_part(message) -> str:
    return message.get_body(("html",)).get_content()


def titles(message) -> list[str]:
    """The postings' titles in the text part (every test title starts with "Job ")."""
    return [line for line in text_part(message).splitlines() if line.startswith("Job ")]


# ---------------------------------------------------------------- the digest

def test_a_digest_holds_the_new_matches_once_in_two_parts_with_one_click_unsubscribe(board):
    board.post(T - timedelta(hours=5), title="Job old Recovery Coach")
    subscription_id = board.subscribe("Sam.Rivera@Example.org", {"q": "coach"}, when=T - timedelta(hours=3))
    hostile = board.post(T - timedelta(hours=2), title='Job <b>Recovery Coach</b> & "Co" <img src=x>')
    plain = board.post(T - timedelta(hours=1), title="Job Recovery Coach Nights", pay_hourly_min=None, pay_min=None, pay_max=None, pay_unit=None,
                       pay_hourly_max=None)
    board.post(T - timedelta(hours=1), title="Job Peer Bridger")  # does not match
    board.post(T - timedelta(hours=1), title="Job Coach, not a peer job", is_peer=False)
    with mail_server() as (url, inbox):
        report = board.send(url, T)
        assert (report.sent, report.checked, report.skipped_empty) == (1, 1, 0)
        nonce = board.subscription(subscription_id).link_nonce
        [message] = inbox.messages
        [recipients] = inbox.recipients

        assert recipients == ["Sam.Rivera@Example.org"]
        assert message["To"] == "Sam.Rivera@Example.org"
        assert message["From"] == board.settings.mail_from
        assert message["Subject"] == "2 new peer-support jobs: coach"
        assert re.fullmatch(r"<[0-9a-f]{32}@jobs\.example\.org>", message["Message-ID"])
        assert email.utils.parsedate_to_datetime(message["Date"]).replace(tzinfo=None) == T
        assert message["Auto-Submitted"] == "auto-generated"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        https, mailto = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])
        assert https.startswith(f"{PUBLIC}/alerts/unsubscribe/")
        assert tokens.read_token(SECRET, "unsubscribe", https.rsplit("/", 1)[1]) == (subscription_id, nonce)
        mailbox = urlsplit(mailto)
        assert (mailbox.scheme, mailbox.path) == ("mailto", "unsubscribe@jobs.example.org")
        token = unquote(parse_qs(mailbox.query)["subject"][0]).removeprefix("unsubscribe-")
        assert tokens.read_token(SECRET, "unsubscribe", token) == (subscription_id, nonce)
        raw_header = re.search(rb"^List-Unsubscribe: .*?\r?\n(?=\S)", inbox.raw[0], re.M | re.S).group(0)
        assert b"=?" not in raw_header  # the URIs on the wire, not encoded words

        assert message.get_content_type() == "multipart/alternative"
        body, page = text_part(message), html_part(message)
        assert titles(message) == [
            "Job Recovery Coach Nights", 'Job <b>Recovery Coach</b> & "Co" <img src=x>']  # newest first
        for part in (body, page):
            assert f"{PUBLIC}/jobs/{hostile}" in part and f"{PUBLIC}/jobs/{plain}" in part
            assert f"{PUBLIC}/alerts/manage/" in part and https in part
            assert "Miami Valley Recovery" in part and "Town 2, OH" in part
            assert "Job old" not in part and "Bridger" not in part and "not a peer job" not in part
        assert "$18.50–$21.00 an hour" in body and body.count("an hour") == 1  # pay only where posted
        assert "Posted 3 days ago" in body
        assert "Job &lt;b&gt;Recovery Coach&lt;/b&gt; &amp; &#34;Co&#34; &lt;img src=x&gt;" in page
        assert "<img" not in page and "<b>" not in page
        links = re.findall(r'href="([^"]+)"', page)
        assert links and all(link.startswith(f"{PUBLIC}/") for link in links)  # no redirects, nothing else
        results = next(link for link in links if "/jobs?" in link)
        assert parse_qs(urlsplit(results.replace("&amp;", "&")).query) == {"q": ["coach"], "sort": ["date"]}
        [delivery] = board.deliveries(subscription_id)
        assert (delivery.status, delivery.message_id, delivery.posting_ids) == ("sent", message["Message-ID"],
                                                                               [plain, hostile])
        assert board.subscription(subscription_id).last_sent_at == T

        again = board.send(url, T + timedelta(hours=1))
        assert (again.sent, again.skipped_empty) == (0, 1)  # never an empty email
        later = board.post(T + timedelta(hours=2), title="Job Recovery Coach Weekends")
        third = board.send(url, T + timedelta(hours=3))
        assert third.sent == 1 and len(inbox.messages) == 2
        assert titles(inbox.messages[1]) == [
            "Job Recovery Coach Weekends"]
        assert inbox.messages[1]["Subject"] == "1 new peer-support job: coach"
        assert board.deliveries(subscription_id)[-1].posting_ids == [later]


def test_each_frequency_is_sent_on_its_own_and_only_active_subscriptions_get_mail(sqlite_board):
    board = sqlite_board
    daily = board.subscribe("daily@example.org", {}, "daily", when=T - timedelta(hours=3))
    weekly = board.subscribe("weekly@example.org", {}, "weekly", when=T - timedelta(hours=3))
    board.subscribe("pending@example.org", {}, "daily", when=T - timedelta(hours=3), confirm=False)
    paused = board.subscribe("paused@example.org", {}, "daily", when=T - timedelta(hours=3))
    with board.sessions.begin() as session:
        store.pause_subscription(session, paused)
    board.post(T - timedelta(hours=1), title="Job Peer Specialist")
    with mail_server() as (url, inbox):
        report = board.send(url, T, frequency="daily")
        assert report.sent == 1 and [m["To"] for m in inbox.messages] == ["daily@example.org"]
        assert inbox.messages[0]["Subject"] == "1 new peer-support job"
        assert "for this search: Peer-support jobs." in text_part(inbox.messages[0])
        assert board.send(url, T, frequency="weekly").sent == 1
        assert [m["To"] for m in inbox.messages] == ["daily@example.org", "weekly@example.org"]
        assert board.send(url, T + timedelta(minutes=1)).sent == 0
    assert board.deliveries(daily)[0].status == board.deliveries(weekly)[0].status == "sent"
    with pytest.raises(ValueError):
        send_alerts(board.settings, frequency="hourly")


def test_a_late_commit_inside_the_overlap_is_sent_and_nothing_is_repeated(board):
    subscription_id = board.subscribe("sam@example.org", {"q": "coach"}, when=T - timedelta(hours=6))
    first = board.post(T - timedelta(minutes=20), title="Job Coach A")
    with mail_server() as (url, inbox):
        assert board.send(url, T).sent == 1
        assert board.subscription(subscription_id).seen_through == T
        # A crawl stamped these before the run but committed after it.
        late = board.post(T - timedelta(minutes=10), title="Job Coach B")
        board.post(T - timedelta(hours=2), title="Job Coach far too late")  # outside the overlap
        assert board.send(url, T + timedelta(minutes=30)).sent == 1
        assert titles(inbox.messages[1]) == [
            "Job Coach B"]
        assert board.send(url, T + timedelta(minutes=40)).sent == 0
    assert [d.posting_ids for d in board.deliveries(subscription_id)] == [[first], [late]]


def test_a_posting_the_index_does_not_hold_yet_waits_for_it(sqlite_board):
    board = sqlite_board
    subscription_id = board.subscribe("sam@example.org", {"q": "coach"}, when=T - timedelta(hours=6))
    board.reindex()
    waiting = board.post(T - timedelta(hours=1), reindex=False, title="Job Coach Unindexed")
    with mail_server() as (url, inbox):
        report = board.send(url, T)
        assert (report.sent, report.skipped_empty) == (0, 1)
        assert board.subscription(subscription_id).seen_through < T - timedelta(hours=1)
        board.reindex()
        assert board.send(url, T + timedelta(hours=30)).sent == 1  # long after: nothing was skipped
    assert board.deliveries(subscription_id)[0].posting_ids == [waiting]


def test_a_digest_shows_twenty_and_links_to_the_rest(sqlite_board):
    board = sqlite_board
    subscription_id = board.subscribe("sam@example.org", {"q": "coach", "state": ["OH"]}, "instant",
                                      when=T - timedelta(hours=6), network="ohio-peers")
    with board.sessions.begin() as session:
        for number in range(23):
            store.upsert_posting(session, AGENCY.id, f"many-{number}",
                                 fields(title=f"Job Coach {number:02}", city=f"Place {number}",
                                        url=f"https://agency.example/many/{number}"),
                                 now=T - timedelta(minutes=60 - number))
    board.reindex()
    with mail_server() as (url, inbox):
        assert board.send(url, T).sent == 1
    [message] = inbox.messages
    body = text_part(message)
    assert message["Subject"] == "23 new peer-support jobs: coach in Ohio"
    assert titles(message) == [f"Job Coach {number:02}" for number in range(22, 2, -1)]
    assert "And 3 more matches. See them all, newest first:" in body
    assert "(via ohio-peers)" in body and "(via ohio-peers)" in html_part(message)
    assert "as soon as we find them (we look every hour)" in " ".join(body.split())
    [delivery] = board.deliveries(subscription_id)
    assert (len(delivery.posting_ids), delivery.more_count) == (20, 3)


# ---------------------------------------------------------------- failures

def test_an_address_refused_three_times_is_paused_and_the_error_keeps_no_address(board):
    bad = board.subscribe("gone@example.org", {"q": "coach"}, when=T - timedelta(hours=6))
    also_bad = board.subscribe("GONE@example.org", {"q": "bridger"}, when=T - timedelta(hours=6))
    good = board.subscribe("here@example.org", {"q": "coach"}, when=T - timedelta(hours=6))
    with mail_server() as (url, inbox):
        inbox.refuse["gone@example.org"] = "550 5.1.1 <gone@example.org>: mailbox unavailable"
        for hour in range(3):
            assert board.subscription(bad).status == "active"
            board.post(T + timedelta(hours=hour), title=f"Job Coach {hour}")
            report = board.send(url, T + timedelta(hours=hour, minutes=30))
            assert (report.sent, report.failed) == (1, 1)
        assert report.paused == 2  # both subscriptions of the address
        assert board.subscription(bad).status == board.subscription(also_bad).status == "paused"
        assert board.subscription(bad).bounces == 3
        assert board.subscription(good).status == "active"
        refused = board.deliveries(bad)
        assert [d.status for d in refused] == ["failed"] * 3
        assert refused[0].last_error.startswith("550 ") and "gone@" not in refused[0].last_error.lower()
        assert "<address>" in refused[0].last_error
        board.post(T + timedelta(hours=4), title="Job Coach 4")
        board.send(url, T + timedelta(hours=5))
        assert len(inbox.to("gone@example.org")) == 0 and len(inbox.to("here@example.org")) == 4
    assert board.figures(T + timedelta(hours=5)) == {"sent": 4, "failed": 3, "paused_by_bounces": 2}


def test_a_success_resets_the_bounces(sqlite_board):
    board = sqlite_board
    subscription_id = board.subscribe("flaky@example.org", {"q": "coach"}, when=T - timedelta(hours=6))
    with mail_server() as (url, inbox):
        inbox.refuse_once["flaky@example.org"] = "552 5.2.2 mailbox full"
        board.post(T, title="Job Coach 1")
        board.send(url, T + timedelta(minutes=5))
        assert board.subscription(subscription_id).bounces == 1
        board.post(T + timedelta(hours=1), title="Job Coach 2")
        board.send(url, T + timedelta(hours=1, minutes=5))
    assert board.subscription(subscription_id).bounces == 0
    assert len(inbox.messages) == 1


def test_a_temporary_failure_is_retried_later_with_the_same_message_id(board):
    subscription_id = board.subscribe("busy@example.org", {"q": "coach"}, when=T - timedelta(hours=6))
    other = board.subscribe("fine@example.org", {"q": "coach"}, when=T - timedelta(hours=6))
    first = board.post(T - timedelta(hours=1), title="Job Coach 1")
    with mail_server() as (url, inbox):
        inbox.refuse_once["busy@example.org"] = "421 4.3.2 busy, try again later"
        report = board.send(url, T)
        assert (report.sent, report.retried) == (1, 1)  # the connection came back for the next one
        [waiting] = board.deliveries(subscription_id)
        assert (waiting.status, waiting.attempts) == ("pending", 1)
        assert waiting.next_attempt_at == T + timedelta(minutes=5)
        assert waiting.last_error.startswith("421 ")
        second = board.post(T + timedelta(minutes=1), title="Job Coach 2")
        assert board.send(url, T + timedelta(minutes=2)).sent == 1  # not due yet; the other one is
        assert inbox.to("busy@example.org") == []
        report = board.send(url, T + timedelta(minutes=6))
        assert report.sent == 2  # the retry first, then what was new meanwhile
        to_busy = inbox.to("busy@example.org")
        assert [m["Message-ID"] for m in to_busy][0] == waiting.message_id
        assert [titles(m) for m in to_busy] == [
            ["Job Coach 1"], ["Job Coach 2"]]
    assert [d.posting_ids for d in board.deliveries(subscription_id)] == [[first], [second]]
    assert len(board.deliveries(other)) == 2


def test_a_digest_is_given_up_after_its_attempts(sqlite_board):
    board = sqlite_board
    subscription_id = board.subscribe("busy@example.org", {}, when=T - timedelta(hours=6))
    board.post(T - timedelta(hours=1), title="Job Coach 1")
    options = dataclasses.replace(FAST, max_attempts=2)
    with mail_server() as (url, inbox):
        inbox.refuse["busy@example.org"] = "451 4.7.1 greylisted"
        assert board.send(url, T, options=options).retried == 1
        assert board.send(url, T + timedelta(hours=1), options=options).failed == 1
        [delivery] = board.deliveries(subscription_id)
        assert (delivery.status, delivery.attempts) == ("failed", 2)
        assert board.send(url, T + timedelta(hours=2), options=options).failed == 0
    assert board.subscription(subscription_id).status == "active"  # a 4xx is no bounce
    assert board.figures(T + timedelta(hours=2)) == {"failed": 1}  # given up once; the retry is no failure


def test_an_unreachable_server_stops_the_run_and_the_next_run_sends_what_waited(board):
    first = board.subscribe("a@example.org", {}, when=T - timedelta(hours=6))
    second = board.subscribe("b@example.org", {}, when=T - timedelta(hours=6))
    board.post(T - timedelta(hours=1), title="Job Coach 1")
    report = board.send(f"smtp://127.0.0.1:{free_port()}", T)
    assert report.sent == 0 and report.waiting == 2 and "Connection" in report.problem
    assert "wait for the next run" in report.summary()
    recorded = {d.message_id for sid in (first, second) for d in board.deliveries(sid)}
    assert len(recorded) == 2
    with mail_server() as (url, inbox):
        assert board.send(url, T + timedelta(minutes=10)).sent == 2
    assert set(inbox.message_ids()) == recorded


def test_a_subscription_deleted_or_paused_before_sending_gets_nothing(sqlite_board):
    board = sqlite_board
    deleted = board.subscribe("gone@example.org", {}, when=T - timedelta(hours=6))
    paused = board.subscribe("paused@example.org", {}, when=T - timedelta(hours=6))
    board.post(T - timedelta(hours=1), title="Job Coach 1")
    board.send(f"smtp://127.0.0.1:{free_port()}", T)  # digests recorded, not sent
    with board.sessions.begin() as session:
        store.delete_subscription(session, deleted)
        store.pause_subscription(session, paused)
    with board.sessions() as session:
        assert session.scalar(select(AlertDelivery.id).where(AlertDelivery.subscription_id == deleted)) is None
    with mail_server() as (url, inbox):
        assert board.send(url, T + timedelta(minutes=10)).sent == 0
    assert inbox.messages == []
    assert [d.status for d in board.deliveries(paused)] == ["failed"]


def self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(dt.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
                   .not_valid_after(now + timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                  critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "smtp.crt", folder / "smtp.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_starttls_and_login_and_a_refused_login_is_a_configuration_error(sqlite_board, tmp_path, monkeypatch):
    board = sqlite_board
    board.subscribe("sam@example.org", {}, when=T - timedelta(hours=6))
    board.post(T - timedelta(hours=1), title="Job Coach 1")
    cert, key = self_signed(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # how an operator trusts a private CA
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, session.ssl is not None))
        return AuthResult(success=(auth_data.login, auth_data.password) == (b"alerts", b"s3cret pass"),
                          handled=False)

    with mail_server(tls_context=server_tls, require_starttls=True, auth_required=True, auth_require_tls=True,
                     authenticator=authenticator) as (url, inbox):
        port = urlsplit(url).port
        with pytest.raises(mail.MailConfigError, match="535"):
            board.send(f"smtp://alerts:wrong@127.0.0.1:{port}?starttls=1", T)
        report = board.send(f"smtp://alerts:s3cret%20pass@127.0.0.1:{port}?starttls=1", T + timedelta(minutes=1))
        assert report.sent == 1 and len(inbox.messages) == 1
    assert logins[-1] == (b"alerts", True) and all(over_tls for _, over_tls in logins)


def test_the_command_prints_a_summary_and_a_bad_smtp_url_exits_2(sqlite_board, monkeypatch):
    board = sqlite_board
    board.subscribe("sam@example.org", {}, when=utcnow() - timedelta(hours=6))
    board.post(utcnow() - timedelta(hours=1), title="Job Coach 1")
    environment = {"PEERJOBS_DATA_DIR": str(board.settings.data_dir),
                   "PEERJOBS_DATABASE_URL": board.settings.database_url,
                   "PEERJOBS_INDEX_DIR": str(board.settings.index_dir), "PEERJOBS_SECRET_KEY": SECRET}
    runner = CliRunner()
    broken = runner.invoke(cli.main, ["send-alerts"], env={**environment, "PEERJOBS_SMTP_URL": "http://mail"})
    assert broken.exit_code == 2 and "smtp://host:port" in broken.output
    with mail_server() as (url, inbox):
        result = runner.invoke(cli.main, ["send-alerts", "--frequency", "daily"],
                               env={**environment, "PEERJOBS_SMTP_URL": url})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("send-alerts: 1 sent, 0 with nothing new, 0 to retry, 0 failed, 0 paused")
    assert len(inbox.messages) == 1


def test_one_run_at_a_time(sqlite_board):
    import fcntl
    board = sqlite_board
    board.settings.data_dir.mkdir(parents=True, exist_ok=True)
    with open(board.settings.data_dir / "send-alerts.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        report = board.send("smtp://127.0.0.1:1", T)
    assert report.busy and "another run" in report.summary()


# ---------------------------------------------------------------- the outbox in the store

def test_recording_leaves_out_subscriptions_gone_or_paused_and_moves_seen_through_forward(board):
    kept = board.subscribe("a@example.org", {}, when=T - timedelta(hours=6))
    gone = board.subscribe("b@example.org", {}, when=T - timedelta(hours=6))
    paused = board.subscribe("c@example.org", {}, when=T - timedelta(hours=6))
    ahead = board.subscribe("d@example.org", {}, when=T + timedelta(hours=1))
    posting = board.post(T - timedelta(hours=1), title="Job Coach 1")
    with board.sessions.begin() as session:
        store.delete_subscription(session, gone)
        store.pause_subscription(session, paused)
    with board.sessions.begin() as session:
        ids = deliveries.record_digests(
            session, [deliveries.Digest(sid, (posting,)) for sid in (kept, gone, paused)],
            [kept, gone, paused, ahead], T, "jobs.example.org", now=T)
    assert len(ids) == 1
    [row] = board.deliveries(kept)
    assert (row.status, row.posting_ids, row.more_count, row.created_at) == ("pending", [posting], 0, T)
    assert board.deliveries(paused) == []
    assert board.subscription(kept).seen_through == T
    assert board.subscription(paused).seen_through == T - timedelta(hours=6)
    assert board.subscription(ahead).seen_through == T + timedelta(hours=1)  # never moved back
    with board.sessions() as session:
        [item] = deliveries.outbox_items(session, ids)
        assert (item.email, item.subscription_id, item.posting_ids) == ("a@example.org", kept, (posting,))
        assert deliveries.delivered_since(session, T - timedelta(hours=1)) == {kept: {posting}}
        assert deliveries.delivered_since(session, T) == {}
        columns = [column.name for column in AlertDelivery.__table__.columns]
        assert not any("mail" in name or "address" in name for name in columns)


# ---------------------------------------------------------------- rules, table-driven

def new_postings(*rows, indexed=None, now=T):
    ids = [row[0] for row in rows]
    return digest.NewPostings(list(rows), np.array(ids if indexed is None else indexed, dtype=np.int64), now)


@pytest.mark.parametrize("since, delivered, size, expected", [
    (T - timedelta(hours=9), (), 20, ((5, 4, 3, 1), 0)),
    (T - timedelta(hours=2), (), 20, ((5, 4, 3), 0)),  # first seen after `since` only
    (T - timedelta(hours=9), (4,), 20, ((5, 3, 1), 0)),  # already in a digest
    (T - timedelta(hours=9), (), 2, ((5, 4), 2)),  # two shown, two counted
    (T - timedelta(hours=9), (4, 99), 2, ((5, 3), 1)),
    (T, (), 20, None),  # nothing new: no email
    (T - timedelta(hours=9), (5, 4, 3, 1), 20, None),
])
def test_choose(since, delivered, size, expected):
    new = new_postings((1, T - timedelta(hours=3)), (2, T - timedelta(hours=2)), (3, T - timedelta(hours=1)),
                       (4, T - timedelta(minutes=30)), (5, T - timedelta(minutes=30)), (6, T - timedelta(minutes=1)))
    ranks = new.ranks(np.array([1, 3, 4, 5, 77], dtype=np.int64))  # 2 and 6 not matched; 77 not new
    choice = digest.choose(new, ranks, since, delivered, size)
    assert (choice and (choice.posting_ids, choice.more)) == expected


@pytest.mark.parametrize("rows, indexed, horizon", [
    ([(1, T - timedelta(hours=1))], [1], T),
    ([(1, T - timedelta(hours=1)), (2, T - timedelta(hours=2))], [1], T - timedelta(hours=2, microseconds=1)),
    ([], [], T),
    ([(1, T + timedelta(hours=1))], [], T),  # never past now
])
def test_the_horizon_stops_before_postings_still_to_be_indexed(rows, indexed, horizon):
    new = new_postings(*rows, indexed=indexed)
    assert new.horizon == horizon
    assert len(new) == len(indexed)


@pytest.mark.parametrize("search, words", [
    ({}, ""),
    ({"q": "recovery coach", "where": "Dayton, OH"}, "recovery coach near Dayton, OH"),
    ({"category": ["peer_recovery_coach", "peer_bridger"], "where": "oh"},
     "Recovery coach or Peer bridger in Ohio"),
    ({"state": ["OH", "KY"], "remote": 1, "min_hourly": 18.5},
     "in Ohio or Kentucky remote paying $18.50 an hour or more"),
    ({"q": "coach\r\nBcc: x@example.org"}, "coach Bcc: x@example.org"),
    ({"q": "x" * 300}, "x" * 99 + "…"),
])
def test_subject_words(search, words):
    assert emails.subject_words(search) == words


@pytest.mark.parametrize("error, kind", [
    (smtplib.SMTPRecipientsRefused({"a@x.org": (550, b"5.1.1 <a@x.org> unknown")}), mail.RECIPIENT),
    (smtplib.SMTPRecipientsRefused({"a@x.org": (450, b"4.2.1 later")}), mail.MESSAGE),
    (smtplib.SMTPDataError(554, b"5.7.1 rejected"), mail.RECIPIENT),
    (smtplib.SMTPDataError(451, b"4.3.0 try later"), mail.MESSAGE),
    (smtplib.SMTPSenderRefused(553, b"sender refused", "alerts@x.org"), mail.SETUP),
    (smtplib.SMTPSenderRefused(451, b"later", "alerts@x.org"), mail.MESSAGE),
    (smtplib.SMTPAuthenticationError(535, b"bad credentials"), mail.SETUP),
    (smtplib.SMTPNotSupportedError("STARTTLS extension not supported by server."), mail.SETUP),
    (ssl.SSLCertVerificationError("certificate verify failed"), mail.SETUP),
    (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), mail.CONNECTION),
    (smtplib.SMTPConnectError(554, b"no service"), mail.CONNECTION),
    (ConnectionRefusedError(111, "Connection refused"), mail.CONNECTION),
    (socket.timeout("timed out"), mail.CONNECTION),
])
def test_failure_kind(error, kind):
    assert mail.failure_kind(error) == kind


def test_failures_are_described_without_addresses():
    refused = smtplib.SMTPRecipientsRefused({"Sam@X.org": (550, b"5.1.1 <Sam@X.org>: no\r\nsuch user")})
    assert mail.describe_failure(refused) == "550 5.1.1 <<address>>: no such user"
    assert mail.describe_failure(ConnectionRefusedError(111, "Connection refused")) == \
        "ConnectionRefusedError: [Errno 111] Connection refused"


def test_the_html_part_escapes_and_the_headers_cannot_be_split():
    item = deliveries.OutboxItem(1, "<m@jobs.example.org>", (7,), 0, 0, T, 3, "sam@example.org",
                                 {"q": "a\nb"}, "weekly", "net<work>", "n0nce")
    posting = PostingCard(id=7, title="Title\r\nBcc: evil@example.org", employer="<i>Agency</i>", place="Dayton, OH",
                          city="Dayton", state="OH")
    settings = Settings(data_dir=Path("/nonexistent"), database_url="sqlite://", index_dir=Path("/nonexistent"),
                        public_url="http://127.0.0.1:5000", secret_key_value=SECRET)
    message = emails.compose(settings, item, [posting], T.date())
    raw = message.as_bytes()
    assert b"\nBcc:" not in raw.split(b"\n\n", 1)[0]
    assert message["Subject"] == "1 new peer-support job: a b"
    assert "Title Bcc: evil@example.org" in text_part(message)
    assert "&lt;i&gt;Agency&lt;/i&gt;" in html_part(message) and "(via net&lt;work&gt;)" in html_part(message)
    assert "unsubscribe@[127.0.0.1]" in message["List-Unsubscribe"]
    assert "at most once a week" in text_part(message)


@pytest.mark.parametrize("seen_through, started, expected", [
    (T, T - timedelta(days=3), T - timedelta(hours=1)),  # checked before: look back over the overlap
    (T, T - timedelta(minutes=10), T - timedelta(minutes=10)),  # never before it began
    (T, T, T),  # just confirmed: the results page it came from is not news
])
def test_window_start(seen_through, started, expected):
    assert digest.window_start(seen_through, started) == expected


def test_an_email_to_the_unsubscribe_mailbox_deletes_the_alert(sqlite_board):
    board = sqlite_board
    subscription_id = board.subscribe("sam@example.org", {}, when=T - timedelta(hours=6))
    board.post(T - timedelta(hours=1), title="Job Coach 1")
    with mail_server() as (url, inbox):
        board.send(url, T)
    mailto = re.findall(r"<([^>]+)>", inbox.messages[0]["List-Unsubscribe"])[1]
    subject = unquote(parse_qs(urlsplit(mailto).query)["subject"][0])
    request = f"From: sam@example.org\r\nTo: unsubscribe@jobs.example.org\r\nSubject: Re: {subject}\r\n\r\n".encode()
    environment = {"PEERJOBS_DATA_DIR": str(board.settings.data_dir),
                   "PEERJOBS_DATABASE_URL": board.settings.database_url, "PEERJOBS_SECRET_KEY": SECRET}
    runner = CliRunner()
    result = runner.invoke(cli.main, ["unsubscribe-mail"], input=request, env=environment)
    assert result.exit_code == 0 and f"subscription {subscription_id} unsubscribed" in result.output
    assert board.subscription(subscription_id) is None
    assert runner.invoke(cli.main, ["unsubscribe-mail"], input=request, env=environment).exit_code == 0
    forged = request.replace(b"unsubscribe-", b"unsubscribe-x")
    assert runner.invoke(cli.main, ["unsubscribe-mail"], input=forged, env=environment).exit_code == 1
    unrelated = b"Subject: hello\r\n\r\n"
    assert runner.invoke(cli.main, ["unsubscribe-mail"], input=unrelated, env=environment).exit_code == 1


def test_matching_ids_are_the_ids_a_search_pages_through_after_updates_and_deletions(sqlite_board):
    from indexer.search.query import SearchQuery
    board = sqlite_board
    ids = [board.post(T - timedelta(hours=n), reindex=False, title=title) for n, title in enumerate(
        ("Job Coach A", "Job Coach B", "Job Bridger C", "Job Coach D"))]
    board.reindex()
    with board.sessions.begin() as session:  # one changes (a new document in a new segment)...
        store.upsert_posting(session, AGENCY.id, "job-2", fields(url="https://agency.example/careers/2/",
                                                                 city="Town 2", title="Job Bridger B"))
        session.delete(store.get_posting(session, ids[3]))  # ...and one is deleted
    search.sync(board.engine, board.settings.index_dir)
    index = search.SearchIndex(board.settings.index_dir)
    try:
        for query in (SearchQuery(q="coach"), SearchQuery(q="bridger"), SearchQuery(), SearchQuery(state=("PA",))):
            paged = {hit.id for hit in index.search(dataclasses.replace(query, per_page=50)).hits}
            assert set(index.matching_ids(query).tolist()) == paged
        assert set(index.matching_ids(SearchQuery(q="coach")).tolist()) == {ids[0]}
        assert sorted(index.indexed_ids().tolist()) == sorted(ids[:3])
    finally:
        index.close()
