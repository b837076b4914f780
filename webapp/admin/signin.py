"""Signing in, past the password: the soft wait after wrong guesses (webapp.admin.backoff) and,
for an account with a second factor, the 6-digit code asked for on a page of its own.

After a right password an account with a TOTP key is not signed in yet: the signed Flask
session remembers who passed the password for PENDING_FOR, and /admin/login/code asks for
the code. A wrong code counts as a wrong password does."""
from __future__ import annotations

import time

from flask import current_app, redirect, render_template, request, session, url_for
from flask_limiter.util import get_remote_address
from limits.storage import Storage
from werkzeug.exceptions import TooManyRequests

from indexer import store
from indexer.store.models import AdminUser
from webapp.admin import accounts, auth, backoff, bp, totp
from webapp.admin.forms import CodeForm
from webapp.db import get_session
from webapp.extensions import limiter

PENDING = "admin_pending"
PENDING_FOR = 300
WRONG_CODE = "Wrong code. Type the 6 digits your authenticator app shows now."


def _attempt(username: str) -> tuple[Storage, str, str] | None:
    """Where the back-off counts this username from this address; None with rate limits off."""
    if not limiter.enabled:
        return None
    return limiter.storage, accounts.normalize_username(username), get_remote_address()


def wait_first(username: str) -> None:
    """A 429 with Retry-After while this username must wait at this address."""
    attempt = _attempt(username)
    seconds = backoff.seconds_left(*attempt) if attempt else 0
    if seconds:
        raise TooManyRequests(retry_after=seconds)


def failed(username: str) -> None:
    attempt = _attempt(username)
    if attempt:
        backoff.record_failure(*attempt)


def passed_password(db, user: AdminUser, target: str, secure: bool):
    """The answer to a right password: signed in, or asked for the code first."""
    attempt = _attempt(user.username)
    if attempt:
        backoff.forget(*attempt)
    if not user.totp_secret:
        return finish(db, user, target, secure)
    db.commit()
    session[PENDING] = {"user": user.id, "at": int(time.time()), "next": target, "secure": secure}
    return redirect(url_for("admin.code"), code=303)


def finish(db, user: AdminUser, target: str, secure: bool):
    """Start the admin session and send the browser on to `target` (a safe path)."""
    auth.end_session(db, request.cookies.get(auth.COOKIE))
    token = auth.start_session(db, user)
    db.commit()
    session.pop("csrf_token", None)  # a new CSRF token for the new session
    response = redirect(target, code=303)
    auth.set_cookie(response, token, secure)
    current_app.logger.info("admin %s signed in", user.username)
    return response


def _pending_user(db) -> AdminUser | None:
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_FOR:
        return None
    user = store.get_admin(db, pending.get("user"))
    return user if user is not None and user.totp_secret else None


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"], scope="admin-login-address")
def code():
    db = get_session()
    user = _pending_user(db)
    if user is None:
        session.pop(PENDING, None)
        return redirect(url_for("admin.login"))
    form, error = CodeForm(), None
    if form.validate_on_submit():
        wait_first(user.username)
        step = totp.matching_step(user.totp_secret, form.code.data, user.totp_last_step)
        if step is not None:
            user.totp_last_step = step
            pending = session.pop(PENDING)
            return finish(db, user, pending["next"], pending["secure"])
        failed(user.username)
        error = WRONG_CODE
    status = 400 if request.method == "POST" else 200
    return render_template("admin/code.html", form=form, error=error), status
