"""The mailto: half of List-Unsubscribe: a message sent to unsubscribe@HOST whose subject is
"unsubscribe-TOKEN" deletes the alert that TOKEN signs, as the one-click POST does.

Operators route that mailbox to `peerjobs unsubscribe-mail`, which reads the raw message on
standard input (a Postfix alias: `unsubscribe: "|/path/to/peerjobs unsubscribe-mail"`). The
signed token is the proof, as on the unsubscribe page; who sent the message does not matter.
"""
from __future__ import annotations

import email
import email.policy
import re

from indexer.store import db
from foundation.settings import Settings
from alerts import subscribing, tokens

_TOKEN = re.compile(r"unsubscribe-([A-Za-z0-9_.-]+)")
MAX_MESSAGE = 1_000_000  # bytes read: an unsubscribe request is a few hundred


def token_in(raw: bytes) -> str | None:
    """The token in the message's subject (a reply may have prefixed "Re: "), else None."""
    message = email.message_from_bytes(raw[:MAX_MESSAGE], policy=email.policy.default)
    try:
        subject = str(message.get("Subject", ""))
    except (ValueError, TypeError):
        return None
    found = _TOKEN.search(subject)
    return found.group(1) if found else None


def unsubscribe_by_mail(settings: Settings, raw: bytes) -> tuple[bool, int | None]:
    """(token valid, subscription id): the alert deleted, or already gone; (False, None) when
    the message carries no valid unsubscribe token."""
    token = token_in(raw)
    subscription_id = tokens.read_token(settings.secret_key, "unsubscribe", token) if token else None
    if subscription_id is None:
        return False, None
    engine = db.make_engine(settings.database_url)
    try:
        with db.session_factory(engine)() as session:
            subscribing.delete(session, subscription_id)
    finally:
        engine.dispose()
    return True, subscription_id
