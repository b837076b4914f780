"""Admin passwords: argon2id at OWASP's recommended strength, and the rules a new one must meet.

OWASP's Password Storage Cheat Sheet lists m=19 MiB, t=2, p=1 as the first of its equivalent
argon2id configurations; a hash made with weaker parameters is upgraded at the next sign-in."""
from __future__ import annotations

import functools

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

MEMORY_COST_KIB = 19456
TIME_COST = 2
PARALLELISM = 1
MIN_LENGTH = 12
#: Hashing is cheap for any length, but a form field has no business carrying a novel.
MAX_LENGTH = 1024

HASHER = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM,
                        hash_len=32, salt_len=16, type=Type.ID)


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    try:
        return HASHER.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


@functools.cache
def dummy_hash() -> str:
    """Checked against for an unknown username, so it takes as long as a wrong password."""
    return HASHER.hash("no account has this password, it only spends the time a real check spends")


def password_problem(password: str) -> str | None:
    """Why `password` may not be used, in words; None when it may."""
    if len(password) < MIN_LENGTH:
        return f"use at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"use at most {MAX_LENGTH} characters"
    if not password.strip():
        return "use more than spaces"
    return None
