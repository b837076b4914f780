"""Admin accounts: made only from the command line (`peerjobs admin create-user`), checked at
sign-in. There is no default account and no way to make one from the web."""
from __future__ import annotations

import re

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from indexer import store
from indexer.store.models import AdminUser, utcnow
from webapp.admin import passwords

#: No "@": a username is written to the log at sign-in, and the log holds no email addresses.
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")


class AccountError(ValueError):
    """The account cannot be made or removed; the message says why."""


def normalize_username(text: str) -> str:
    """Usernames match whatever the case they are typed in."""
    return (text or "").strip().lower()


def username_problem(username: str) -> str | None:
    if not _USERNAME.match(username):
        return "use 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"
    return None


def create_account(session: Session, username: str, password: str) -> AdminUser:
    """Check the name and password, hash the password, store the account (caller commits)."""
    name = normalize_username(username)
    problem = username_problem(name)
    if problem:
        raise AccountError(f"username {username!r}: {problem}")
    problem = passwords.password_problem(password)
    if problem:
        raise AccountError(f"password: {problem}")
    if store.find_admin(session, name) is not None:
        raise AccountError(f"username {name!r} is taken")
    try:
        return store.add_admin(session, name, passwords.hash_password(password))
    except IntegrityError as error:  # made at the same moment elsewhere
        session.rollback()
        raise AccountError(f"username {name!r} is taken") from error


def authenticate(session: Session, username: str, password: str) -> AdminUser | None:
    """The account when the password is right, else None. An unknown name costs the same
    hashing as a wrong password, so timing does not tell which names exist."""
    name = normalize_username(username)
    # A name no account can have is not looked up (PostgreSQL refuses some characters outright).
    user = store.find_admin(session, name) if username_problem(name) is None else None
    if user is None:
        passwords.verify_password(passwords.dummy_hash(), password)
        return None
    if not passwords.verify_password(user.password_hash, password):
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.last_login_at = utcnow()
    session.flush()
    return user
