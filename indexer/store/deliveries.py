"""The alert outbox: each digest is a row before it is sent and is marked sent after.

A digest is recorded (its postings, its Message-ID) in the same transaction that moves its
subscription's seen_through past those postings, so a crash either loses the whole choice (the
next run chooses again) or leaves a pending row that the next run sends with the same
Message-ID. Rows hold no address: the address stays in the subscription and leaves with it.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Sequence

from sqlalchemy import Row, func, insert, or_, select, update
from sqlalchemy.orm import Session

from indexer.store.models import AlertDelivery, Posting, Subscription, utcnow

#: Rows per IN (...) list, well under every database's limit on bound parameters.
CHUNK = 500


@dataclass(frozen=True)
class SubscriptionToCheck:
    """What choosing a digest needs of a subscription: no address."""
    id: int
    search: dict
    #: Postings first seen after this are news to it.
    since: datetime
    #: When it began (confirmed): nothing first seen before is ever news to it.
    started: datetime


@dataclass(frozen=True)
class Digest:
    subscription_id: int
    posting_ids: tuple[int, ...]
    more: int = 0


@dataclass(frozen=True)
class OutboxItem:
    """A pending digest with what its email needs."""
    delivery_id: int
    message_id: str
    posting_ids: tuple[int, ...]
    more: int
    attempts: int
    created_at: datetime
    subscription_id: int
    email: str
    search: dict
    frequency: str
    network: str | None
    #: Named in the email's links (webapp.alerts.tokens).
    link_nonce: str
    #: The language of the email and of its links, 'en' or 'es'.
    language: str = "en"


#: The columns a posting's card is built from (indexer.cards.posting_card reads them by name).
CARD_COLUMNS = (Posting.id, Posting.title, Posting.display_title, Posting.employer, Posting.city, Posting.state,
                Posting.remote, Posting.remote_area, Posting.pay_min, Posting.pay_max, Posting.pay_unit,
                Posting.pay_text, Posting.pay_hourly_min, Posting.pay_hourly_max, Posting.date_posted,
                Posting.last_verified_open, Posting.last_seen, Posting.status, Posting.category,
                Posting.employment_type)


def chunks(values: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    """`values` in slices of `size`: IN lists stay under the databases' parameter limits."""
    for start in range(0, len(values), size):
        yield values[start:start + size]


def message_id(host: str) -> str:
    """A new Message-ID: unique, and naming the site that sent it."""
    return f"<{uuid.uuid4().hex}@{host}>"


# ---------------------------------------------------------------- choosing

def subscriptions_to_check(session: Session, frequency: str | None = None) -> list[SubscriptionToCheck]:
    """Active subscriptions (of one frequency, or all) with no digest still waiting to go: a
    subscription whose last digest is being retried gets its new postings after that one."""
    waiting = select(AlertDelivery.id).where(AlertDelivery.subscription_id == Subscription.id,
                                             AlertDelivery.status == "pending").exists()
    query = (select(Subscription.id, Subscription.search, Subscription.seen_through, Subscription.confirmed_at,
                    Subscription.created_at)
             .where(Subscription.status == "active", ~waiting).order_by(Subscription.id))
    if frequency is not None:
        query = query.where(Subscription.frequency == frequency)
    return [SubscriptionToCheck(id, search, seen_through or confirmed_at or created_at, confirmed_at or created_at)
            for id, search, seen_through, confirmed_at, created_at in session.execute(query)]


def first_seen_after(session: Session, since: datetime) -> list[tuple[int, datetime]]:
    """(id, first_seen) of every posting first seen after `since`, open or not."""
    query = select(Posting.id, Posting.first_seen).where(Posting.first_seen > since)
    return [(id, first_seen) for id, first_seen in session.execute(query)]


def delivered_since(session: Session, since: datetime) -> dict[int, set[int]]:
    """Subscription id -> posting ids of its digests recorded after `since`, whatever became
    of them: a posting already chosen for a subscription is never chosen for it again."""
    delivered: dict[int, set[int]] = {}
    query = select(AlertDelivery.subscription_id, AlertDelivery.posting_ids).where(AlertDelivery.created_at > since)
    for subscription_id, posting_ids in session.execute(query):
        delivered.setdefault(subscription_id, set()).update(posting_ids or ())
    return delivered


def record_digests(session: Session, digests: Sequence[Digest], checked: Sequence[int], seen_through: datetime,
                   host: str, now: datetime | None = None) -> list[int]:
    """Write the digests as pending deliveries and move seen_through of every checked
    subscription (those with a digest and those with nothing new) forward to `seen_through`.
    Subscriptions deleted or paused meanwhile are left out; their rows are locked until the
    commit, so none is deleted between the check and the insert. The new deliveries' ids."""
    now = now or utcnow()
    active: set[int] = set()
    for part in chunks(sorted(set(checked) | {digest.subscription_id for digest in digests})):
        active.update(session.scalars(select(Subscription.id).where(Subscription.id.in_(part),
                                                                    Subscription.status == "active")
                                      .with_for_update()))
    rows = [dict(subscription_id=digest.subscription_id, message_id=message_id(host),
                 posting_ids=list(digest.posting_ids), more_count=digest.more, status="pending", attempts=0,
                 created_at=now)
            for digest in digests if digest.subscription_id in active and digest.posting_ids]
    if rows:
        session.execute(insert(AlertDelivery), rows)
    for part in chunks(sorted(active & set(checked))):
        session.execute(update(Subscription).where(
            Subscription.id.in_(part),
            or_(Subscription.seen_through.is_(None), Subscription.seen_through < seen_through),
        ).values(seen_through=seen_through))
    if not rows:
        return []
    wanted = [row["message_id"] for row in rows]
    ids = []
    for part in chunks(wanted):
        ids.extend(session.scalars(select(AlertDelivery.id).where(AlertDelivery.message_id.in_(part))))
    return sorted(ids)


# ---------------------------------------------------------------- sending

def _outbox_query():
    return (select(AlertDelivery.id, AlertDelivery.message_id, AlertDelivery.posting_ids, AlertDelivery.more_count,
                   AlertDelivery.attempts, AlertDelivery.created_at, Subscription.id, Subscription.email,
                   Subscription.search, Subscription.frequency, Subscription.network, Subscription.link_nonce,
                   Subscription.language)
            .join(Subscription, Subscription.id == AlertDelivery.subscription_id)
            .where(AlertDelivery.status == "pending", Subscription.status == "active"))


def _items(rows) -> list[OutboxItem]:
    return [OutboxItem(delivery_id, message, tuple(posting_ids or ()), more or 0, attempts, created_at,
                       subscription_id, email, dict(search or {}), frequency, network, nonce, language or "en")
            for (delivery_id, message, posting_ids, more, attempts, created_at, subscription_id, email, search,
                 frequency, network, nonce, language) in rows]


def due_deliveries(session: Session, now: datetime, after_id: int = 0, limit: int = CHUNK) -> list[OutboxItem]:
    """Pending digests of active subscriptions whose time has come (never tried, or their
    retry is due), in id order after `after_id`."""
    due = or_(AlertDelivery.next_attempt_at.is_(None), AlertDelivery.next_attempt_at <= now)
    query = _outbox_query().where(due, AlertDelivery.id > after_id).order_by(AlertDelivery.id).limit(limit)
    return _items(session.execute(query))


def outbox_items(session: Session, delivery_ids: Sequence[int]) -> list[OutboxItem]:
    """These pending digests (of subscriptions still active), in id order."""
    items = []
    for part in chunks(list(delivery_ids)):
        items.extend(_items(session.execute(_outbox_query().where(AlertDelivery.id.in_(part)))))
    return sorted(items, key=lambda item: item.delivery_id)


def drop_inactive(session: Session) -> int:
    """Pending digests whose subscription was paused meanwhile are not sent later: failed."""
    paused = select(Subscription.id).where(Subscription.status != "active")
    result = session.execute(update(AlertDelivery).where(
        AlertDelivery.status == "pending", AlertDelivery.subscription_id.in_(paused),
    ).values(status="failed", last_error="subscription paused before it was sent", next_attempt_at=None))
    return result.rowcount or 0


def digest_postings(session: Session, posting_ids: Iterable[int]) -> dict[int, Row]:
    """The card columns of each posting, by id; deleted postings are missing."""
    wanted, found = sorted(set(posting_ids)), {}
    for part in chunks(wanted):
        found.update((row.id, row) for row in session.execute(select(*CARD_COLUMNS).where(Posting.id.in_(part))))
    return found


def mark_sent(session: Session, delivery_id: int, subscription_id: int, now: datetime | None = None) -> None:
    """The server took the digest: done, and the address is good again (bounces reset)."""
    now = now or utcnow()
    session.execute(update(AlertDelivery).where(AlertDelivery.id == delivery_id).values(
        status="sent", sent_at=now, attempts=AlertDelivery.attempts + 1, next_attempt_at=None))
    session.execute(update(Subscription).where(Subscription.id == subscription_id).values(
        last_sent_at=now, bounces=0))


def mark_retry(session: Session, delivery_id: int, error: str, next_attempt_at: datetime | None) -> None:
    """A failed attempt: try again at `next_attempt_at`, or, when None, give up (failed)."""
    values = dict(attempts=AlertDelivery.attempts + 1, last_error=error, next_attempt_at=next_attempt_at)
    if next_attempt_at is None:
        values["status"] = "failed"
    session.execute(update(AlertDelivery).where(AlertDelivery.id == delivery_id).values(**values))


def note_error(session: Session, delivery_id: int, error: str) -> None:
    """Why the digest did not go, when the fault was not its own (the server was unreachable):
    recorded, not counted against it, and tried again on the next run."""
    session.execute(update(AlertDelivery).where(AlertDelivery.id == delivery_id).values(last_error=error))


def mark_failed(session: Session, delivery_id: int, error: str) -> None:
    """A digest that cannot be sent at all (its postings are gone): failed, not retried."""
    session.execute(update(AlertDelivery).where(AlertDelivery.id == delivery_id).values(
        status="failed", last_error=error, next_attempt_at=None))


def mark_bounced(session: Session, delivery_id: int, subscription_id: int, error: str, pause_after: int,
                 now: datetime | None = None) -> int:
    """The server refused the address for good: the digest failed and the subscription counts
    one more bounce. After `pause_after` in a row, every active subscription of that address
    is paused. How many subscriptions were paused."""
    now = now or utcnow()
    mark_retry(session, delivery_id, error, None)
    session.execute(update(Subscription).where(Subscription.id == subscription_id).values(
        bounces=Subscription.bounces + 1))
    bounced = session.execute(select(Subscription.email, Subscription.bounces)
                              .where(Subscription.id == subscription_id)).first()
    if bounced is None or bounced.bounces < pause_after:
        return 0
    result = session.execute(update(Subscription).where(
        func.lower(Subscription.email) == bounced.email.lower(), Subscription.status == "active",
    ).values(status="paused", paused_at=now))
    return result.rowcount or 0


def pending_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AlertDelivery).where(
        AlertDelivery.status == "pending")) or 0


def deliveries_of(session: Session, subscription_id: int) -> list[AlertDelivery]:
    """Every outbox row of a subscription, oldest first (for operators and tests)."""
    return list(session.scalars(select(AlertDelivery).where(AlertDelivery.subscription_id == subscription_id)
                                .order_by(AlertDelivery.id)))


__all__ = [
    "CARD_COLUMNS", "Digest", "OutboxItem", "SubscriptionToCheck", "deliveries_of", "delivered_since",
    "digest_postings", "drop_inactive", "due_deliveries", "first_seen_after", "mark_bounced", "mark_failed",
    "mark_retry", "mark_sent", "message_id", "note_error", "outbox_items", "pending_count", "record_digests",
    "subscriptions_to_check",
]
