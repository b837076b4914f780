"""A page that could not be read, as a dead-end kind and the reason in words."""
from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError, DownloadCancelledError, DownloadConnectionRefusedError, DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.defer import CancelledError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError

from crawlers.network_guard import RequestRefused
from crawlers.robots import RobotsDeferred

UNREACHABLE = (CannotResolveHostError, DNSLookupError, DownloadConnectionRefusedError, ConnectionRefusedError,
               DownloadTimeoutError, TimeoutError, TCPTimedOutError)


def status_sign(status: int) -> tuple[str, str] | None:
    if status in (401, 403, 407):
        return "login", f"HTTP {status} (sign-in needed)"
    if status >= 500 or status == 429:
        return "server_error", f"HTTP {status}"
    return None


def failure_sign(failure) -> tuple[str, str] | None:
    """(dead-end kind, why) for a failed request; None for one that says nothing (a 404)."""
    if failure.check(HttpError):
        return status_sign(failure.value.response.status)
    if failure.check(RobotsDeferred):
        return "robots", str(failure.value)[:200]
    if failure.check(RequestRefused):
        return "unreachable", str(failure.value)[:200]
    if failure.check(*UNREACHABLE):
        return "unreachable", type(failure.value).__name__.replace("Error", " error").strip()
    if failure.check(DownloadCancelledError, CancelledError) or "max size" in failure.getErrorMessage():
        return "too_large", "larger than the size cap"
    if failure.check(IgnoreRequest):
        message = failure.getErrorMessage()
        return ("robots", "robots.txt does not allow it") if "robots" in message.lower() else None
    return "unreachable", (failure.getErrorMessage() or type(failure.value).__name__)[:200]
