"""Alert subscriptions: an address, a search, a frequency and a few times, nothing more.

Addresses are compared without regard to case (a person types theirs differently on different
days) but stored as given, the domain lower-cased. Deleting is final: the row goes, SQLite
overwrites it with zeros (PRAGMA secure_delete, indexer.db) and `erase_deleted` folds the
write-ahead log into the database file, so the address is left in neither.
"""
from __future__ import annotations

import hmac
import logging
from datetime import datetime
from typing import Any, Mapping

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from indexer.store.models import Subscription, utcnow

log = logging.getLogger(__name__)

FREQUENCIES = ("instant", "daily", "weekly")
#: The languages an alert can speak.
LANGUAGES = ("en", "es")
STATUSES = ("pending", "active", "paused")


def _same_address(email: str):
    return func.lower(Subscription.email) == email.lower()


def subscriptions_of(session: Session, email: str) -> list[Subscription]:
    """Every subscription of one address, oldest first."""
    return list(session.scalars(select(Subscription).where(_same_address(email)).order_by(Subscription.id)))


def find_subscription(session: Session, email: str, search: Mapping[str, Any]) -> Subscription | None:
    """The address's subscription to exactly this search. JSON columns cannot be compared in SQL
    on every database, and one address has only a few subscriptions, so they compare here."""
    wanted = dict(search)
    return next((found for found in subscriptions_of(session, email) if found.search == wanted), None)


def get_subscription(session: Session, subscription_id: int) -> Subscription | None:
    return session.get(Subscription, subscription_id)


def add_subscription(session: Session, email: str, search: Mapping[str, Any], frequency: str,
                     network: str | None = None, now: datetime | None = None, language: str = "en") -> Subscription:
    """A pending subscription; nothing is sent to it until it is confirmed."""
    if frequency not in FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency!r}")
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    subscription = Subscription(email=email, search=dict(search), frequency=frequency, status="pending",
                                network=network, language=language, created_at=now or utcnow(), bounces=0)
    session.add(subscription)
    session.flush()
    return subscription


def confirmation_sent_since(session: Session, email: str, since: datetime) -> bool:
    """Whether any subscription of the address was sent a confirmation at or after `since`."""
    return session.scalar(select(func.count()).select_from(Subscription).where(
        _same_address(email), Subscription.confirm_sent_at >= since)) > 0


def set_confirmation_sent(session: Session, subscription_id: int, when: datetime | None) -> None:
    """Record (or, after a failed send, forget) that a confirmation went out."""
    subscription = session.get(Subscription, subscription_id)
    if subscription is not None:
        subscription.confirm_sent_at = when
        session.flush()


def confirm_subscription(session: Session, subscription_id: int, now: datetime | None = None) -> Subscription | None:
    """pending -> active. Postings first seen before now are not news to it. Confirming twice
    changes nothing; a paused subscription stays paused."""
    subscription = session.get(Subscription, subscription_id)
    if subscription is None:
        return None
    if subscription.status == "pending":
        now = now or utcnow()
        subscription.status, subscription.confirmed_at, subscription.seen_through = "active", now, now
        session.flush()
    return subscription


def linked_subscription(session: Session, subscription_id: int, nonce: str) -> Subscription | None:
    """The subscription an alert link names, only while its link nonce is the one in the link."""
    subscription = session.get(Subscription, subscription_id)
    if subscription is None or not hmac.compare_digest(subscription.link_nonce, nonce):
        return None
    return subscription


def set_frequency(session: Session, subscription_id: int, frequency: str) -> Subscription | None:
    if frequency not in FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency!r}")
    subscription = session.get(Subscription, subscription_id)
    if subscription is not None:
        subscription.frequency = frequency
        session.flush()
    return subscription


def pause_subscription(session: Session, subscription_id: int, now: datetime | None = None) -> Subscription | None:
    subscription = session.get(Subscription, subscription_id)
    if subscription is not None and subscription.status == "active":
        subscription.status, subscription.paused_at = "paused", now or utcnow()
        session.flush()
    return subscription


def resume_subscription(session: Session, subscription_id: int, now: datetime | None = None) -> Subscription | None:
    """paused -> active. What was posted while it was paused is not sent: the next email holds
    only postings first seen after now, instead of a surprise backlog."""
    subscription = session.get(Subscription, subscription_id)
    if subscription is not None and subscription.status == "paused":
        now = now or utcnow()
        subscription.status, subscription.paused_at, subscription.seen_through = "active", None, now
        subscription.bounces = 0
        session.flush()
    return subscription


def delete_subscription(session: Session, subscription_id: int) -> bool:
    """Remove the row (its outbox rows go with it, ON DELETE CASCADE); False if it was gone.
    Call `erase_deleted` after the commit."""
    deleted = session.execute(delete(Subscription).where(Subscription.id == subscription_id))
    session.flush()
    return bool(deleted.rowcount)


def delete_unconfirmed(session: Session, before: datetime) -> int:
    """Pending subscriptions whose last confirmation (or creation) is older than `before`: their
    links have expired, and an address nobody confirmed is not kept."""
    last_asked = func.coalesce(Subscription.confirm_sent_at, Subscription.created_at)
    deleted = session.execute(delete(Subscription).where(Subscription.status == "pending", last_asked < before))
    session.flush()
    return deleted.rowcount or 0


def erase_deleted(session: Session) -> bool:
    """After deleting and committing: on SQLite, copy the write-ahead log into the database file
    and empty it, so deleted rows (already zeroed by secure_delete) survive in neither file.
    False when a reader kept the log from being emptied; the next checkpoint finishes the job.
    Other databases reclaim dead rows themselves (PostgreSQL: autovacuum)."""
    engine = session.get_bind().engine
    if engine.dialect.name != "sqlite":
        return True
    # A raw DB-API connection: no transaction is begun around the pragma, which needs none.
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        busy, _log_pages, _done = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cursor.close()
    finally:
        connection.close()
    if busy:
        log.warning("write-ahead log not emptied after a deletion: a reader was active")
    return not busy
