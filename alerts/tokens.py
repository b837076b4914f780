"""Signed, expiring tokens in alert links: they name a subscription and what the link may do.

A token carries the subscription's id and its random link nonce: the store opens the row only
when both match, so a link made for a deleted subscription opens nothing, even a row that
might later hold the same id.

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


def make_token(secret_key: str, purpose: str, subscription_id: int, nonce: str) -> str:
    return _serializer(secret_key, purpose).dumps([int(subscription_id), str(nonce)])


def read_token(secret_key: str, purpose: str, token: str) -> tuple[int, str] | None:
    """(subscription id, link nonce), or None for a forged, altered, expired or other-purpose token."""
    try:
        value = _serializer(secret_key, purpose).loads(token, max_age=MAX_AGE[purpose])
    except BadSignature:  # SignatureExpired is one
        return None
    if not (isinstance(value, list) and len(value) == 2):
        return None
    subscription_id, nonce = value
    if isinstance(subscription_id, int) and not isinstance(subscription_id, bool) and isinstance(nonce, str):
        return subscription_id, nonce
    return None


def site(settings: Settings, lang: str = "en") -> str:
    """The site's address in a language: the Spanish pages are under /es."""
    return settings.public_url + ("/es" if lang == "es" else "")


def link(settings: Settings, purpose: str, subscription_id: int, nonce: str, lang: str = "en") -> str:
    """The absolute URL of /alerts/<purpose>/<token> (/es/alerts/... in Spanish)."""
    token = make_token(settings.secret_key, purpose, subscription_id, nonce)
    return f"{site(settings, lang)}/alerts/{purpose}/{token}"
