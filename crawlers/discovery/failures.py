"""A page that could not be read, as a dead-end kind and the reason in words."""
from __future__ import annotations

import re

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
        return "login_wall", f"HTTP {status} (sign-in needed)"
    if status >= 500 or status == 429:
        return "server_error", f"HTTP {status}"
    return None


def robots_sign(message: str) -> tuple[str, str]:
    """robots.txt that could not be read says what the site does: a server error, no answer."""
    if re.search(r"answered HTTP (5\d\d)", message):
        return "server_error", message[:200]
    if re.search(r"connection refused|DNS lookup|timed out|could not find the host", message):
        return "unreachable", message[:200]
    return "robots_disallow", message[:200]


def failure_sign(failure) -> tuple[str, str] | None:
    """(dead-end kind, why) for a failed request; None for one that says nothing (a 404)."""
    if failure.check(HttpError):
        return status_sign(failure.value.response.status)
    if failure.check(RobotsDeferred):
        return robots_sign(str(failure.value))
    if failure.check(RequestRefused):
        return "unreachable", str(failure.value)[:200]
    if failure.check(*UNREACHABLE):
        return "unreachable", type(failure.value).__name__.replace("Error", " error").strip()
    if failure.check(DownloadCancelledError, CancelledError) or "max size" in failure.getErrorMessage():
        return "oversized", "larger than the size cap"
    if failure.check(IgnoreRequest):
        message = failure.getErrorMessage()
        if "redirect" in message.lower():
            return "redirect_loop", "too many redirects"
        return ("robots_disallow", "robots.txt does not allow it") if "robots" in message.lower() else None
    return "unreachable", (failure.getErrorMessage() or type(failure.value).__name__)[:200]
