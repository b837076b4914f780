"""The operator email: a source has failed N crawls in a row. Sent once, not after every run.

SourceControl.failing_notified_at remembers that operators were told; it is cleared when the
source is healthy or degraded again, so a later outage is told about too. It is set only once
the email went out: a notice the SMTP server refused is tried again after the next failing run.
N is `notify_after_failing_runs` in config/schedules.yaml (3 when the file does not say).
"""
from __future__ import annotations

import logging
import smtplib
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from indexer import health, store
from indexer.store.models import Source, utcnow
from foundation.settings import Settings, environment
from indexer.store.health import SourceHealth
from foundation.mail import Mailer, MailConfigError
from foundation.schedules import SchedulesError, load_schedules

logger = logging.getLogger(__name__)
#: Seconds to reach the mail server; a notice not sent is tried again at the next failing run.
NOTICE_SMTP_TIMEOUT = 10

DEFAULT_FAILING_RUNS = 3
#: Crawler settings (`--set NAME=VALUE`) that override the environment for the notice.
MAIL_SETTINGS = ("PEERJOBS_SMTP_URL", "PEERJOBS_OPERATOR_EMAIL", "PEERJOBS_MAIL_FROM", "PEERJOBS_PUBLIC_URL")

SENT, NOT_YET, ALREADY_SENT, NO_RECIPIENT, SEND_FAILED, RECOVERED, NOT_FAILING = (
    "sent", "not-yet", "already-sent", "no-recipient", "send-failed", "recovered", "not-failing")


def failing_runs_before_notice() -> int:
    """`notify_after_failing_runs` from the schedules file; the default when it is absent or unusable."""
    try:
        return load_schedules().notify_after_failing_runs
    except SchedulesError as error:
        logger.warning("operator notices after %d failing runs: %s", DEFAULT_FAILING_RUNS, error)
        return DEFAULT_FAILING_RUNS


def settings_for_crawler(crawler_settings: Any, database_url: str) -> Settings:
    """Settings from the environment, with mail settings a crawl was given taking precedence."""
    environ = environment()
    for name in MAIL_SETTINGS:
        if crawler_settings.get(name):
            environ[name] = str(crawler_settings.get(name))
    environ["PEERJOBS_DATABASE_URL"] = database_url
    return Settings.from_env(environ)


def notify_operators(sessions: sessionmaker[Session], settings: Settings, source_id: str,
                     failing_runs: int | None = None, now: datetime | None = None) -> str:
    """After a run of `source_id` was recorded: email the operators if it has now failed
    `failing_runs` runs in a row and they were not told yet; forget an earlier notice once it
    recovered. Returns what happened (SENT, NOT_YET, ...)."""
    with sessions.begin() as session:
        found = store.source_health(session, [source_id]).get(source_id)
        control = store.source_control(session, source_id)
        told = control is not None and control.failing_notified_at is not None
        if found is None or found.state != health.FAILING:
            if told:
                control.failing_notified_at = None
                logger.info("%s: no longer failing; operators will be told if it fails again", source_id)
                return RECOVERED
            return NOT_FAILING
        if told:
            return ALREADY_SENT
        needed = failing_runs if failing_runs is not None else failing_runs_before_notice()
        if found.failing_runs < needed:
            return NOT_YET
        if not settings.operator_email:
            logger.warning("%s: failed %d runs in a row; no operator notice, PEERJOBS_OPERATOR_EMAIL is not set",
                           source_id, found.failing_runs)
            return NO_RECIPIENT
        message = notice_message(settings, source_id, found, store.get_source(session, source_id), needed)
    try:
        # Short: this runs in the crawl process, whose other spiders wait meanwhile.
        with Mailer(settings.smtp_url, timeout=NOTICE_SMTP_TIMEOUT) as mailer:
            mailer.send(message)
    except (MailConfigError, smtplib.SMTPException, OSError) as error:
        logger.error("%s: the operator notice could not be sent (%s); it is tried again after the next "
                     "failing run", source_id, _describe(error))
        return SEND_FAILED
    with sessions.begin() as session:
        store.set_failing_notified(session, source_id, now or utcnow())
    logger.info("%s: operators told it failed %d runs in a row", source_id, found.failing_runs)
    return SENT


def notice_message(settings: Settings, source_id: str, found: SourceHealth, source: Source | None,
                   needed: int) -> EmailMessage:
    run = found.last_run
    where = f" ({source.employer}, {source.url})" if source is not None else ""
    started = run.started_at.strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"The source {source_id}{where} has failed its last {found.failing_runs} crawls.",
        "",
        f"Why the latest crawl failed: {found.reason or 'no reason was recorded'}.",
        f"Latest crawl: started {started}, status {run.status}, {run.pages} pages, {run.items} postings.",
    ]
    if run.message:
        lines.append(f"Its message: {run.message}")
    lines += [
        "",
        "While a source is failing, PeerJobs closes none of its postings: what it listed stays open",
        "until a crawl succeeds again.",
        "",
        "What to check: open the source's page in a browser. If the site moved or changed, update its",
        "entry in config/sources.yaml; if it is down, nothing needs doing. Crawl runs and the health of",
        f"every source are in the admin area: {settings.public_url}/admin/",
        "",
        f"This notice is sent once. Another comes only if the source recovers and then fails {needed}",
        "crawls in a row again.",
    ]
    message = EmailMessage()
    message["Subject"] = f"PeerJobs: {source_id} has failed {found.failing_runs} crawls in a row"
    message["From"] = settings.mail_from
    message["To"] = settings.operator_email
    message["Date"] = formatdate(localtime=False, usegmt=True)
    domain = parseaddr(settings.mail_from)[1].rpartition("@")[2] or "peerjobs.invalid"
    message["Message-ID"] = make_msgid(idstring="source-failing", domain=domain)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content("\n".join(lines) + "\n")
    return message


def _describe(error: Exception) -> str:
    """The failure without addresses (a refused recipient's error names it) or SMTP passwords."""
    if isinstance(error, MailConfigError):
        return "PEERJOBS_SMTP_URL is not usable"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "the server refused the recipient"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"SMTP {error.smtp_code}"
    if isinstance(error, smtplib.SMTPException):
        return type(error).__name__
    return error.strerror or type(error).__name__
