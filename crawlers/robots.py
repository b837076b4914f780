"""robots.txt that fails closed (RFC 9309, section 2.3.1).

Scrapy's stock middleware allows everything when robots.txt cannot be read. Here a
4xx answer still means "no rules" (RFC 9309 2.3.1.3), but a 5xx (or 429), a timeout, a
refused connection or any other failure to read robots.txt means complete disallow: the
source is deferred, nothing else on that host is fetched, and the run says why.
"""
from __future__ import annotations

import logging

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)


class RobotsDeferred(IgnoreRequest):
    """robots.txt could not be read: nothing on the host may be fetched for now."""


class DisallowAll:
    """A robots parser that forbids everything and remembers why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def allowed(self, url, user_agent) -> bool:
        return False


def unreachable_status(status: int) -> bool:
    """Statuses that mean robots.txt is unreachable rather than absent."""
    return status >= 500 or status == 429


class FailClosedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, except that an unreadable robots.txt forbids everything."""

    async def _parse_robots(self, response, netloc, request) -> None:
        if not unreachable_status(response.status):
            await super()._parse_robots(response, netloc, request)
            return
        self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        self._defer(netloc, f"robots.txt at {response.url} answered HTTP {response.status}")

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        self._defer(netloc, f"robots.txt of {netloc} could not be read: {_describe(exc)}")

    def _defer(self, netloc: str, reason: str) -> None:
        self._stats.inc_value("peerjobs/robots_deferred")
        logger.warning("%s; the source is deferred and nothing on %s is fetched", reason, netloc)
        waiting = self._parsers[netloc]
        self._parsers[netloc] = DisallowAll(reason)
        waiting.callback(self._parsers[netloc])

    async def robot_parser(self, request):
        """Every request waiting for a host's robots.txt gets the parsed rules. Scrapy's own
        hands them to the first waiter only: awaiting a Deferred as a Future consumes its
        result, and each later waiter got None, which allows everything."""
        waiting = self._parsers.get(urlparse_cached(request).netloc)
        if isinstance(waiting, Deferred):
            return await maybe_deferred_to_future(_own_copy(waiting))
        return await super().robot_parser(request)

    def process_request_2(self, rp, request) -> None:
        if isinstance(rp, DisallowAll):
            raise RobotsDeferred(f"deferred: {rp.reason} (RFC 9309: an unreachable robots.txt "
                                 "means nothing may be fetched)")
        super().process_request_2(rp, request)


def _own_copy(waiting: Deferred) -> Deferred:
    """A Deferred that fires with what `waiting` fires with, leaving `waiting`'s result as it was."""
    copy: Deferred = Deferred()

    def pass_on(result):
        copy.callback(result)
        return result
    waiting.addCallback(pass_on)
    return copy


def _describe(exc: Exception) -> str:
    from scrapy.exceptions import CannotResolveHostError, DownloadConnectionRefusedError, DownloadTimeoutError
    from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TimeoutError
    if isinstance(exc, (CannotResolveHostError, DNSLookupError)):
        return "could not find the host (DNS lookup failed; is the network reachable?)"
    if isinstance(exc, (DownloadConnectionRefusedError, ConnectionRefusedError)):
        return "connection refused"
    if isinstance(exc, (DownloadTimeoutError, TimeoutError)):
        return "timed out"
    return str(exc) or type(exc).__name__
