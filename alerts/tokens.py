"""Signed, expiring tokens in alert links: they name a subscription and what the link may do.

A token for one purpose is refused for another, so a manage link cannot confirm and an
unsubscribe link cannot manage. Links are built from PEERJOBS_PUBLIC_URL, never from a request,
because digests are written by `peerjobs send-alerts`, outside any request."""
from __future__ import annotations

from itsdangerous import BadSignature, URLSafeTimedSerializer

from foundation.settings import Settings

#: Seconds each kind of link stays valid.
MAX_AGE = {
    "confirm": 7 * 24 * 3600,
    "manage": 90 * 24 * 3600,
    # An unsubscribe link in an old email must keep working for as long as mail is kept around.
    "unsubscribe": 400 * 24 * 3600,
}


def _serializer(secret_key: str, purpose: str) -> URLSafeTimedSerializer:
    if purpose not in MAX_AGE:
        raise ValueError(f"unknown token purpose {purpose!r}")
    return URLSafeTimedSerializer(secret_key, salt=f"peerjobs-alerts-{purpose}")


def make_token(secret_key: str, purpose: str, subscription_id: int) -> str:
    return _serializer(secret_key, purpose).dumps(int(subscription_id))


def read_token(secret_key: str, purpose: str, token: str) -> int | None:
    """The subscription id, or None for a forged, altered, expired or other-purpose token."""
    try:
        value = _serializer(secret_key, purpose).loads(token, max_age=MAX_AGE[purpose])
    except BadSignature:  # SignatureExpired is one
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def link(settings: Settings, purpose: str, subscription_id: int) -> str:
    """The absolute URL of /alerts/<purpose>/<token>."""
    return f"{settings.public_url}/alerts/{purpose}/{make_token(settings.secret_key, purpose, subscription_id)}"
