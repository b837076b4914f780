"""Signed-in admin browsers: a random token in a cookie, only its SHA-256 in the store.

The session lives in the store, not in a signed cookie, so signing out really ends it: the row
is deleted and the same cookie sent again finds nothing. A session ends after IDLE without a
request and after ABSOLUTE in any case; a fresh token is made at every sign-in, so a token
planted before it (session fixation) is never the one signed in.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import Response
from sqlalchemy.orm import Session

from indexer import store
from indexer.store.models import AdminUser, utcnow

COOKIE = "peerjobs_admin"
COOKIE_PATH = "/admin"
IDLE = timedelta(hours=8)
ABSOLUTE = timedelta(hours=24)
#: last_seen_at is written at most this often, not on every page view.
TOUCH_EVERY = timedelta(minutes=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(session: Session, user: AdminUser, now: datetime | None = None) -> str:
    """A new session for the user; returns the token for the cookie (caller commits)."""
    now = now or utcnow()
    store.delete_stale_admin_sessions(session, expired_before=now, idle_before=now - IDLE)
    token = secrets.token_urlsafe(32)
    store.add_admin_session(session, user.id, token_hash(token), now, now + ABSOLUTE)
    return token


def signed_in(session: Session, token: str | None, now: datetime | None = None) -> AdminUser | None:
    """The account the token belongs to while its session lasts, else None (caller commits)."""
    if not token or len(token) > 200:
        return None
    now = now or utcnow()
    row = store.admin_session(session, token_hash(token))
    if row is None:
        return None
    if row.expires_at <= now or row.last_seen_at + IDLE <= now:
        store.delete_admin_session(session, row.token_hash)
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return store.get_admin(session, row.user_id)


def end_session(session: Session, token: str | None) -> None:
    if token:
        store.delete_admin_session(session, token_hash(token))


def set_cookie(response: Response, token: str, secure: bool) -> None:
    """HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), only
    under /admin, Secure on an https site; gone when the browser closes."""
    response.set_cookie(COOKIE, token, path=COOKIE_PATH, httponly=True, samesite="Strict", secure=secure)


def clear_cookie(response: Response, secure: bool) -> None:
    response.delete_cookie(COOKIE, path=COOKIE_PATH, httponly=True, samesite="Strict", secure=secure)
