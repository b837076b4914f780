"""What a posting page shows, worked out from a stored posting with no Flask in sight."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup

from indexer.cards import PayShown, PostingCard, posting_card
from indexer.store.models import Posting
from indexer.parsers.sanitize import clean_html, is_web_url
from indexer.taxonomy.conditions import Conditions, hours_row, words

DESCRIPTION_TAGS = {"p", "ul", "ol", "li", "strong", "em", "b", "i", "br", "h2", "h3", "h4", "a"}
# The page's own outline is h1 (title) then h2 (sections); description headings sit below them.
_HEADING_SHIFT = (("h4", "h5"), ("h3", "h4"), ("h2", "h3"))


@dataclass(frozen=True)
class PostingPage:
    posting: Posting
    description: Markup
    apply_url: str | None
    closed: bool
    last_verified_open: datetime | None
    card: PostingCard  # what every list shows of it, and the pay it shows

    @property
    def pay(self) -> PayShown:
        return self.card.pay

    @property
    def conditions(self) -> dict[str, str]:
        """The conditions of the job in words (indexer.taxonomy.conditions.words)."""
        return words(Conditions.from_facets(self.posting.facets))

    @property
    def record_friendly(self) -> bool:
        """Whether the posting says a record is no automatic bar; the fact box shows it only then,
        beside what is asked for (a background check or none mentioned)."""
        return Conditions.from_facets(self.posting.facets).record_friendly

    def hours(self, employment: str | None) -> str:
        """The employment type and the hours a week in one line: "Part-time, 20 hours a week"."""
        return hours_row(employment or None, Conditions.from_facets(self.posting.facets))


def posting_page(posting: Posting) -> PostingPage:
    closed = posting.status == "closed"
    return PostingPage(
        posting=posting,
        description=safe_description(posting.description_html),
        apply_url=None if closed else apply_link(posting.apply_url, posting.url),
        closed=closed,
        last_verified_open=last_verified_open(posting),
        card=posting_card(posting),
    )


def last_verified_open(posting: Posting) -> datetime | None:
    """When a crawl last saw the job open; stores from before that was recorded offer last_seen."""
    return getattr(posting, "last_verified_open", None) or posting.last_seen


def apply_link(apply_url: str | None, url: str | None) -> str | None:
    """The apply address (else the posting's own), only if it is an absolute http(s) URL."""
    candidate = (apply_url or "").strip() or (url or "").strip()
    return candidate if is_web_url(candidate) else None


def safe_description(html: str | None) -> Markup:
    """Cleaned again at render time (it was cleaned at ingest): a small allow-list, web links only."""
    cleaned = clean_html(html, tags=DESCRIPTION_TAGS)
    for old, new in _HEADING_SHIFT:
        cleaned = cleaned.replace(f"<{old}>", f"<{new}>").replace(f"</{old}>", f"</{new}>")
    return Markup(cleaned)
