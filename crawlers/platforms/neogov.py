"""NEOGOV agency boards (governmentjobs.com, schooljobs.com), read through their keyless RSS feed.

`url` is the agency board, `https://www.governmentjobs.com/careers/{agency}`, or the feed
itself (`/SearchEngine/JobsFeed?agency={agency}`); the `agency` key names the agency when the
URL does not. Pay comes from the feed's `joblisting:` salary elements (else the description);
the closing date from `advertiseToDateTime` (empty while recruitment is continuous). Other keys:
`follow_links` (also read each job page), `location` (for items that name no place), `max_pages`.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from parsel import Selector

from crawlers.platforms.feeds import FeedSpider, child_text
from crawlers.platforms.fields import find_date

FEED_PATH = "/SearchEngine/JobsFeed"
_AGENCY_IN_PATH = re.compile(r"^/careers/([^/?#]+)", re.I)
#: The item's closing date, as today's feed names it and as older ones did.
CLOSING = ("advertiseToDateTime", "advertiseToDate", "closingDate", "ClosingDate")
_INTERVALS = (  # (pattern, schema.org unit, factor to that unit)
    (re.compile(r"bi-?weekly|every two weeks", re.I), "YEAR", 26),
    (re.compile(r"semi-?monthly|twice a month", re.I), "YEAR", 24),
    (re.compile(r"hour", re.I), "HOUR", 1),
    (re.compile(r"year|annual", re.I), "YEAR", 1),
    (re.compile(r"month", re.I), "MONTH", 1),
    (re.compile(r"week", re.I), "WEEK", 1),
    (re.compile(r"day|daily", re.I), "DAY", 1),
)


def feed_url(url: str, agency: str | None = None) -> str | None:
    """The agency's JobsFeed URL on the board's host, or None when no agency can be told."""
    parts = urlsplit(url)
    if parts.path.rstrip("/").lower() == FEED_PATH.lower() and not agency:
        return url if parse_qs(parts.query).get("agency") else None
    found = _AGENCY_IN_PATH.match(parts.path)
    agency = agency or (found.group(1) if found else None)
    if not agency:
        return None
    return f"{parts.scheme}://{parts.netloc}{FEED_PATH}?agency={quote(agency)}"


def _amount(text: str | None) -> float | None:
    try:
        value = float((text or "").replace(",", "").replace("$", ""))
    except ValueError:
        return None
    return value if value > 0 else None


def salary(minimum: str | None, maximum: str | None, interval: str | None,
           currency: str | None = None) -> tuple[dict[str, Any] | None, str | None]:
    """schema.org MonetaryAmount and pay text from the feed's salary elements (biweekly made yearly)."""
    low, high = _amount(minimum), _amount(maximum)
    if low is None and high is None:
        return None, None
    unit, factor = next(((unit, factor) for pattern, unit, factor in _INTERVALS
                         if pattern.search(interval or "")), (None, 1))
    amounts = " - ".join(f"${value:,.2f}" for value in dict.fromkeys(v for v in (low, high) if v))
    text = f"{amounts} {interval.strip()}" if interval and interval.strip() else amounts
    value = {"minValue": low and round(low * factor, 2), "maxValue": high and round(high * factor, 2),
             "unitText": unit}
    return {"currency": currency or "USD", "value": value}, text


def closing_date(node: Selector) -> str | None:
    """The advertise-to date as ISO text; None when continuous, empty or unreadable."""
    closing = child_text(node, *CLOSING)
    return find_date(closing) if closing else None


def joblisting_fields(node: Selector, guid: str | None = None) -> dict[str, Any]:
    """What the `joblisting:` elements add to an item's fields: its job id, pay, closing date."""
    pay, pay_text = salary(child_text(node, "minimumSalary"), child_text(node, "maximumSalary"),
                           child_text(node, "salaryInterval"), child_text(node, "salaryCurrency"))
    return {"external_id": child_text(node, "jobId") or guid, "salary": pay, "pay_text": pay_text,
            "valid_through": closing_date(node)}


class NeogovSpider(FeedSpider):
    name = "neogov"
    option_keys = frozenset({"agency", "location", "follow_links", "max_pages"})

    def entry_url(self) -> str:
        return feed_url(self.source.url, self.option("agency")) or self.source.url

    def item_fields(self, node: Selector, feed_url: str) -> dict[str, Any]:
        fields = super().item_fields(node, feed_url)
        return dict(fields, **joblisting_fields(node, fields["external_id"]))

    @classmethod
    def entry_problems(cls, entry: dict[str, Any]) -> list[tuple[str, str]]:
        problems = super().entry_problems(entry)
        agency = entry.get("agency")
        if agency is not None and not (isinstance(agency, str) and agency.strip()):
            problems.append(("agency", f"expected the agency's name in its board URL, got {agency!r}"))
        elif isinstance(entry.get("url"), str) and not feed_url(entry["url"], agency):
            problems.append(("url", "expected a board URL like https://www.governmentjobs.com/careers/"
                                    "{agency}, or an `agency` key"))
        return problems
