"""What a subscriber can do: subscribe, confirm, change, pause, delete. Plain functions over a
session; the views and the API only check input and render.

Nobody may learn from PeerJobs whether an address is subscribed: `subscribe` changes nothing
visible about an existing subscription, and its caller answers the same whatever it returns. An
address gets at most one confirmation email a day, however many searches it is given, so the
form cannot be used to flood someone's inbox. Addresses are never logged; subscription ids are.
"""
from __future__ import annotations

import logging
import re
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any, Callable, Mapping

from sqlalchemy.orm import Session

from indexer import store
from indexer.store.models import utcnow
from indexer.search.query import SearchQuery
from indexer.store import figures
from indexer.store.subscriptions import FREQUENCIES
from foundation.mail import Mailer, MailConfigError
from alerts import tokens
from indexer.search.params import parse_query, query_args

log = logging.getLogger(__name__)

#: At most one confirmation email per address in this long.
CONFIRM_EVERY = timedelta(days=1)
#: A pending subscription is dropped once its newest confirmation link has expired.
UNCONFIRMED_KEPT = timedelta(seconds=tokens.MAX_AGE["confirm"]) + timedelta(days=1)
#: Searches one address may hold; more are refused quietly (same answer).
MAX_PER_ADDRESS = 20
#: Per client address, shared by the form and the API.
SUBSCRIBE_LIMIT = "5 per minute;30 per hour"
#: Query arguments that shape a page of results, not which jobs are new.
NOT_PART_OF_AN_ALERT = ("page", "sort", "per_page")
#: Seconds to wait for the mail server: the worker that answered is still busy meanwhile.
SMTP_TIMEOUT = 10
MAX_EMAIL = 254
MAX_LOCAL_PART = 64
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_DOMAIN = re.compile(rf"{_LABEL}(?:\.{_LABEL})+")


def normalize_email(text: Any) -> str | None:
    """The address as stored (spaces around it gone, its domain lower-cased), or None when it is
    not a plain ASCII address. Quoted local parts, IP-literal domains and anything that could
    break a mail header (line breaks, commas, angle brackets) are refused."""
    if not isinstance(text, str):
        return None
    address = text.strip()
    if len(address) > MAX_EMAIL or address.count("@") != 1:
        return None
    local, domain = address.split("@")
    if len(local) > MAX_LOCAL_PART or not _LOCAL.fullmatch(local) or not _DOMAIN.fullmatch(domain):
        return None
    if domain.rsplit(".", 1)[1].isdigit():  # 192.168.0.1 is not a mail domain
        return None
    return f"{local}@{domain.lower()}"


def alert_search(query: SearchQuery) -> dict[str, Any]:
    """The search an alert keeps: the query's arguments without paging and order."""
    return {name: value for name, value in query_args(query).items() if name not in NOT_PART_OF_AN_ALERT}


def search_from_args(args: Mapping[str, Any]) -> dict[str, Any]:
    """The alert search of a results page's arguments; odd values fall back as on the page."""
    return alert_search(parse_query(args))


@dataclass(frozen=True)
class ConfirmationDue:
    """A confirmation email to send once the answer has gone out."""
    subscription_id: int
    email: str
    search: dict
    frequency: str
    #: Named in the confirmation link (webapp.alerts.tokens).
    link_nonce: str
    network: str | None = None
    #: The language of the email and of its link.
    language: str = "en"


def subscribe(session: Session, email: str, frequency: str, search: Mapping[str, Any],
              network: str | None = None, now: datetime | None = None,
              language: str = "en") -> ConfirmationDue | None:
    """Record a wish for alerts and commit; the confirmation to send, if one is due.

    A new search for the address is stored as pending. An existing subscription to the same
    search is left exactly as it is (an active one is not re-confirmed, so nobody can change
    someone else's alert from the form). A pending one, new or old, is sent a confirmation
    unless the address had one in the last day."""
    address = normalize_email(email)
    if address is None:
        raise ValueError("not an email address")
    if frequency not in FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency!r}")
    now = now or utcnow()
    store.delete_unconfirmed(session, now - UNCONFIRMED_KEPT)
    subscription = store.find_subscription(session, address, search)
    if subscription is None:
        if len(store.subscriptions_of(session, address)) >= MAX_PER_ADDRESS:
            session.commit()
            log.info("subscription refused: the address already has %d alerts", MAX_PER_ADDRESS)
            return None
        subscription = store.add_subscription(session, address, search, frequency, network=network, now=now,
                                              language=language)
        figures.record_event(session, "subscribed", network=network, day=now.date())
        log.info("subscription %s created, pending confirmation", subscription.id)
    due = None
    if subscription.status == "pending" and not store.confirmation_sent_since(session, address, now - CONFIRM_EVERY):
        store.set_confirmation_sent(session, subscription.id, now)
        due = ConfirmationDue(subscription.id, subscription.email, dict(subscription.search),
                              subscription.frequency, subscription.link_nonce, subscription.network,
                              subscription.language)
    session.commit()
    return due


def send_confirmation(smtp_url: str, message: EmailMessage, subscription_id: int,
                      sessions: Callable[[], Session]) -> bool:
    """Send one confirmation. When it cannot go out, the subscription forgets that it was sent,
    so that asking again can send one; no error reaches the person who asked."""
    try:
        with Mailer(smtp_url, timeout=SMTP_TIMEOUT) as mailer:
            mailer.send(message)
    except (smtplib.SMTPException, OSError, MailConfigError) as error:
        # The exception's text can hold the recipient's address; only its kind is logged.
        log.warning("confirmation for subscription %s not sent: %s", subscription_id, _kind(error))
        try:
            with sessions() as session:
                store.set_confirmation_sent(session, subscription_id, None)
                session.commit()
        except Exception as failure:  # noqa: BLE001  (runs after the answer: nobody to tell)
            log.warning("subscription %s: could not record the unsent confirmation: %s",
                        subscription_id, _kind(failure))
        return False
    log.info("confirmation for subscription %s sent", subscription_id)
    return True


def _kind(error: BaseException) -> str:
    code = getattr(error, "smtp_code", None)
    return f"{type(error).__name__} {code}" if code else type(error).__name__


def confirm(session: Session, subscription_id: int, now: datetime | None = None):
    """Confirm and commit; the subscription, or None when it no longer exists. Counted the
    first time only."""
    before = store.get_subscription(session, subscription_id)
    was_pending = before is not None and before.status == "pending"
    subscription = store.confirm_subscription(session, subscription_id, now)
    if was_pending and subscription is not None and subscription.status == "active":
        figures.record_event(session, "confirmed", network=subscription.network, day=(now or utcnow()).date())
    session.commit()
    if subscription is not None:
        log.info("subscription %s confirmed", subscription_id)
    return subscription


#: What the manage page can do (besides deleting).
CHANGES = ("frequency", "pause", "resume")


def change(session: Session, subscription_id: int, action: str, frequency: str | None = None,
           now: datetime | None = None):
    """Change how often, pause or resume, and commit; the subscription, or None when gone."""
    if action == "frequency":
        subscription = store.set_frequency(session, subscription_id, frequency or "")
    elif action == "pause":
        subscription = store.pause_subscription(session, subscription_id, now)
    elif action == "resume":
        subscription = store.resume_subscription(session, subscription_id, now)
    else:
        raise ValueError(f"unknown change {action!r}")
    session.commit()
    if subscription is not None:
        log.info("subscription %s: %s", subscription_id, action)
    return subscription


def delete(session: Session, subscription_id: int) -> bool:
    """Delete for good and commit; the address is then in neither the database file nor its
    log (see indexer.store.subscriptions). True if there was something to delete. Counted as
    an unsubscription in the day's figures, which the row's deletion leaves as they are."""
    subscription = store.get_subscription(session, subscription_id)
    network = subscription.network if subscription is not None else None
    deleted = store.delete_subscription(session, subscription_id)
    if deleted:
        figures.record_event(session, "unsubscribed", network=network)
    session.commit()
    if deleted:
        store.erase_deleted(session)
        log.info("subscription %s deleted", subscription_id)
    return deleted
