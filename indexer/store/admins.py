"""Admin accounts and their signed-in sessions. Hashing passwords and making tokens is the
web app's business (webapp/admin/passwords.py, auth.py); the store keeps only their results."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from indexer.store.models import AdminSession, AdminUser, utcnow


def find_admin(session: Session, username: str) -> AdminUser | None:
    return session.scalar(select(AdminUser).where(AdminUser.username == username))


def get_admin(session: Session, user_id: int) -> AdminUser | None:
    return session.get(AdminUser, user_id)


def admins(session: Session) -> list[AdminUser]:
    return list(session.scalars(select(AdminUser).order_by(AdminUser.username)))


def add_admin(session: Session, username: str, password_hash: str) -> AdminUser:
    """A new account; the caller checks the name is free (the unique index refuses a twin)."""
    user = AdminUser(username=username, password_hash=password_hash, created_at=utcnow())
    session.add(user)
    session.flush()
    return user


def delete_admin(session: Session, username: str) -> bool:
    """Remove the account and sign out all its browsers."""
    user = find_admin(session, username)
    if user is None:
        return False
    session.execute(delete(AdminSession).where(AdminSession.user_id == user.id))
    session.delete(user)
    session.flush()
    return True


def add_admin_session(session: Session, user_id: int, token_hash: str, now: datetime,
                      expires_at: datetime) -> AdminSession:
    row = AdminSession(token_hash=token_hash, user_id=user_id, created_at=now, last_seen_at=now,
                       expires_at=expires_at)
    session.add(row)
    session.flush()
    return row


def admin_session(session: Session, token_hash: str) -> AdminSession | None:
    return session.get(AdminSession, token_hash)


def delete_admin_session(session: Session, token_hash: str) -> None:
    session.execute(delete(AdminSession).where(AdminSession.token_hash == token_hash))


def delete_stale_admin_sessions(session: Session, expired_before: datetime, idle_before: datetime) -> int:
    """Forget sessions past their end or left idle too long; returns how many."""
    result = session.execute(delete(AdminSession).where(
        (AdminSession.expires_at <= expired_before) | (AdminSession.last_seen_at <= idle_before)))
    return result.rowcount or 0
