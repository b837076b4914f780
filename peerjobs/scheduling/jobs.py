"""What the scheduler's non-crawl jobs do: send alerts, sync the index, take the figures'
snapshot, tell operators.

Each is imported when it runs, so a scheduler whose alerts sender is missing still crawls
and syncs; it logs that alerts were not sent.
"""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from foundation.settings import Settings

logger = logging.getLogger(__name__)


def send_alerts(settings: Settings, frequency: str, now: datetime | None = None):
    """Send the alerts of one frequency (alerts.sending); None when it is unavailable."""
    try:
        from alerts.sending import send_alerts as sending
    except ImportError as error:
        logger.warning("%s alerts not sent: the alert sender cannot be loaded (%s)", frequency, error)
        return None
    from foundation.mail import MailConfigError
    try:
        report = sending(settings, frequency, now=now)
    except MailConfigError as error:
        logger.error("%s alerts not sent: %s", frequency, error)
        return None
    logger.info("%s alerts: %s", frequency, report.summary() if hasattr(report, "summary") else report)
    return report


def sync_index(settings: Settings, engine):
    """Bring the search index up to date with the store (indexer.search.sync)."""
    from indexer import search
    report = search.sync(engine, settings.index_dir)
    logger.info("index synced: %d written, %d removed, %d documents (%.1f s)",
                report.upserted, report.deleted, report.total, report.seconds)
    return report


def take_figures_snapshot(sessions: sessionmaker[Session]) -> dict[str, dict[str, int]]:
    """Today's sources by health and open peer postings by state (indexer.store.figures)."""
    from indexer.store import figures
    with sessions() as session:
        taken = figures.take_snapshot(session)
    logger.info("figures snapshot taken: sources by health %s, open peer postings in %d states",
                taken["sources_health"], len(taken["open_peer_by_state"]))
    return taken


def notify_operators(sessions: sessionmaker[Session], settings: Settings, source_id: str) -> str | None:
    """After the scheduler itself recorded a failing run (a timeout, a crawl that could not
    start): the operator notice a crawl sends after its own failing runs."""
    try:
        from crawlers.notices import notify_operators as notify
    except ImportError as error:
        logger.warning("%s: operators not told of its failing runs: %s", source_id, error)
        return None
    try:
        return notify(sessions, settings, source_id)
    except Exception:  # a notice must not stop the scheduler
        logger.exception("%s: the operator notice failed", source_id)
        return None
