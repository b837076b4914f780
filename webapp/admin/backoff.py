"""A soft, growing wait after wrong passwords, for one username from one client address.

Nobody can lock the real admin out: the wait counts failures per username *and* address, so
guesses from one place slow only that place, and it never passes MAX_WAIT. The counts live in
the rate limiter's storage (memory, or redis shared by every worker)."""
from __future__ import annotations

import math
import time

from limits.storage import Storage

#: Wrong passwords answered at once before the wait begins.
FREE_FAILURES = 3
FIRST_WAIT = 5
MAX_WAIT = 60
#: The failures of a username and address are forgotten this long after the first of them.
FORGET_AFTER = 3600


def wait_after(failures: int) -> int:
    """Seconds to wait after the given number of failures in a row: 0, then doubling to MAX_WAIT."""
    if failures <= FREE_FAILURES:
        return 0
    return min(MAX_WAIT, FIRST_WAIT * 2 ** min(failures - FREE_FAILURES - 1, 16))


def _keys(username: str, address: str) -> tuple[str, str]:
    base = f"admin-backoff:{username[:100]}:{address}"
    return base + ":failures", base + ":wait"


def seconds_left(storage: Storage, username: str, address: str) -> int:
    """How long this username from this address must still wait; 0 when it may try."""
    _failures, wait = _keys(username, address)
    if storage.get(wait) <= 0:
        return 0
    return max(1, math.ceil(storage.get_expiry(wait) - time.time()))


def record_failure(storage: Storage, username: str, address: str) -> int:
    """Count a wrong password; returns the seconds the next try must wait."""
    failures, wait = _keys(username, address)
    seconds = wait_after(storage.incr(failures, FORGET_AFTER))
    if seconds:
        storage.clear(wait)
        storage.incr(wait, seconds)
    return seconds


def forget(storage: Storage, username: str, address: str) -> None:
    for key in _keys(username, address):
        storage.clear(key)
