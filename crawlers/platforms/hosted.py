"""Boards a vendor hosts on a subdomain of its own domain ({company}.recruitee.com,
{company}.breezy.hr, {company}.applytojob.com), or on an employer's own careers domain."""
from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urlsplit

from crawlers.platforms.pages import ListingSpider

#: Labels of a vendor's own hosts that name no company.
VENDOR_LABELS = frozenset({"www", "app", "api", "help", "support", "blog", "careers", "assets", "assets-cdn",
                           "marketplace"})


def company_of(url: str, domain: str) -> str | None:
    """The company a URL on `domain` names as its one subdomain label; on any other host the
    board is the employer's own domain, which is its company. None when the URL names none."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host != domain and not host.endswith("." + domain):
        return host or None
    label = host[: -len(domain)].rstrip(".")
    return label if label and "." not in label and label not in VENDOR_LABELS else None


class HostedListingSpider(ListingSpider):
    """A page-based board on {company}.{vendor_domain}: a vendor URL naming no company fails the run.
    No `name`: a base, not a platform."""

    vendor_domain: ClassVar[str] = ""
    vendor_name: ClassVar[str] = ""

    async def start(self) -> Any:
        if company_of(self.source.url, self.vendor_domain) is None:
            self.entry_unreadable(f"no {self.vendor_name} company in {self.source.url}; give the board's URL")
            return
        async for request in super().start():
            yield request
