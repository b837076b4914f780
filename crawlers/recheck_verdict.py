"""Is a reported posting's page still open? Pure judgements over what its page answered."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from crawlers.structured_data import find_typed, parse_blocks
from indexer import lifecycle
from indexer.parsers.dates import parse_datetime

OPEN, CLOSED, NOT_FETCHED = "open", "closed", "not fetched"


@dataclass(frozen=True)
class Verdict:
    state: str
    why: str

    @property
    def closed(self) -> bool:
        return self.state == CLOSED

    def words(self) -> str:
        return f"{self.state}: {self.why}"


def verdict_of_page(status: int, text: str, jsonld_blocks: Iterable[str], now: datetime) -> Verdict:
    """404/410, a JSON-LD validThrough that has passed, or words saying it takes no more
    applications: closed. Any other page that answered is still open."""
    if lifecycle.is_gone(status):
        return Verdict(CLOSED, f"the page answered HTTP {status}")
    if status >= 400:
        return Verdict(NOT_FETCHED, f"the page answered HTTP {status}; the posting is left as it was")
    expired = passed_valid_through(jsonld_blocks, now)
    if expired:
        return Verdict(CLOSED, f"its validThrough ({expired}) has passed")
    words = lifecycle.closed_words_in(text)
    if words:
        return Verdict(CLOSED, f"the page says “{words}”")
    return Verdict(OPEN, f"the page answered HTTP {status} and does not say it is closed")


def passed_valid_through(jsonld_blocks: Iterable[str], now: datetime) -> str | None:
    """The first JobPosting validThrough on the page that is in the past, as written."""
    for posting in find_typed(parse_blocks(jsonld_blocks).objects):
        written = str(posting.get("validThrough") or "")[:40]
        moment = parse_datetime(written) if written else None
        if moment is not None and lifecycle.is_expired(moment, now):
            return written
    return None


def not_fetched(why: str) -> Verdict:
    return Verdict(NOT_FETCHED, f"{why}; the posting is left as it was")
