"""Refuse requests that could reach inside the operator's network (SSRF), on every redirect hop.

Only http and https are fetched. A host whose address is private, loopback, link-local,
reserved, multicast or unspecified is refused unless the environment variable
PEERJOBS_ALLOW_PRIVATE_NETWORKS=1 allows it (the tests and the demo serve on loopback),
or the setting PEERJOBS_ALLOWED_PRIVATE_HOSTS lists that exact address. The name is resolved
through Scrapy's caching resolver, the same one the connection then uses.
"""
from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from foundation.settings import variable

ALLOWED_SCHEMES = frozenset({"http", "https"})
ALLOW_ENV = "PEERJOBS_ALLOW_PRIVATE_NETWORKS"


class RequestRefused(IgnoreRequest):
    """A request the guard will not send; the message says why."""


def private_networks_allowed(environ=None) -> bool:
    return variable(ALLOW_ENV, environ).strip() == "1"


def refusal_for_address(address: str) -> str | None:
    """Why an address is off limits, or None when it is a public address."""
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%")[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "unspecified", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return f"{ip} is a {kind.replace('_', '-')} address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def refusal_for_scheme(url: str) -> str | None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        return f"refused {url[:200]!r}: only http and https are fetched"
    return None


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]").split("%")[0])
        return True
    except ValueError:
        return False


class NetworkGuardMiddleware:
    """A downloader middleware: every request, redirects included, passes through it."""

    def __init__(self, allow_private: bool, allowed_hosts: frozenset[str]) -> None:
        self.allow_private = allow_private
        self.allowed_hosts = allowed_hosts

    @classmethod
    def from_crawler(cls, crawler) -> "NetworkGuardMiddleware":
        hosts = frozenset(crawler.settings.getlist("PEERJOBS_ALLOWED_PRIVATE_HOSTS"))
        return cls(private_networks_allowed(), hosts)

    async def process_request(self, request, spider=None) -> None:
        problem = refusal_for_scheme(request.url)
        if problem:
            raise RequestRefused(problem)
        if self.allow_private:
            return
        host = (urlsplit(request.url).hostname or "").lower()
        address = host if _is_ip_literal(host) else await self._resolve(host)
        if address is None or address in self.allowed_hosts:
            return
        problem = refusal_for_address(address)
        if problem:
            hop = " (a redirect)" if request.meta.get("redirect_urls") else ""
            raise RequestRefused(f"refused {request.url[:200]}{hop}: {problem}; "
                                 f"set {ALLOW_ENV}=1 only for local test sites")

    @staticmethod
    async def _resolve(host: str) -> str | None:
        """The address the connection will use; None when the name does not resolve (the
        download then fails with its own DNS error)."""
        from twisted.internet import reactor
        try:
            return await maybe_deferred_to_future(reactor.resolve(host))
        except Exception:
            return None
