"""One download slot per site (host and port), robots.txt requests included.

Scrapy keys its slots (concurrency, delay, AutoThrottle) by host name alone, so sites that share
a host name on different ports would share one slot; for discovery each organization is its own
site and is throttled on its own.
"""
from __future__ import annotations

from urllib.parse import urlsplit


class SiteSlotMiddleware:
    """A downloader middleware placed before robots.txt: every request gets its site's slot."""

    def process_request(self, request, spider=None) -> None:
        request.meta.setdefault("download_slot", urlsplit(request.url).netloc.lower())
        return None
