"""Job feeds: both recorded feeds (a WordPress RSS feed, an Atom feed) into raw fields."""
import pytest
from parsel import Selector

from crawlers.platforms.feeds import feed_items, item_base, item_fields, xml_document
from indexer.normalize import normalize
from peerjobs.demo.boards import BOARDS_DIR, fill_placeholders
from tests.platforms.recorded import BASE, subset


def entries(name: str, file: str) -> list[Selector]:
    body = fill_placeholders((BOARDS_DIR / name / file).read_text(encoding="utf-8"), BASE)
    return feed_items(body.encode())[1]


def fields_of(name: str, file: str, position: int, feed_url: str) -> dict:
    return item_fields(entries(name, file)[position], feed_url)


WP = f"{BASE}/jobs/feed/"
ATOM = f"{BASE}/feeds/openings.atom"


@pytest.mark.parametrize("name, file, position, feed_url, expected", [
    ("rss", "feed.xml", 0, WP, {"url": f"{BASE}/job/peer-recovery-specialist-cprs-baltimore-city/",
                                "title": "Peer Recovery Specialist (CPRS) – Baltimore City – $21/hr",
                                "locations": ["Baltimore, MD"], "employment_type": "Full Time",
                                "employer": "Chesapeake Recovery Community Center"}),
    ("rss", "feed.xml", 1, WP, {"employer": None, "locations": ["Annapolis, Maryland 21401"]}),
    # relative links against the feed's xml:base
    ("rss-atom", "feed-1.atom", 0, ATOM, {"url": f"{BASE}/careers/jobs/peer-mentor-advocate/",
                                          "external_id": "tag:milehighpeers.example,2026:job-118",
                                          "locations": [], "pay_text": None}),
    ("rss-atom", "feed-1.atom", 1, ATOM, {"url": f"{BASE}/careers/jobs/recovery-coach-spanish/"}),
    ("rss-atom", "feed-2.atom", 0, ATOM, {"url": f"{BASE}/careers/jobs/peer-support-specialist-remote/",
                                          "date_posted": None, "remote": True}),
])
def test_feed_items(name, file, position, feed_url, expected):
    assert subset(fields_of(name, file, position, feed_url), expected) == expected


@pytest.mark.parametrize("position, expected", [
    # a title escaped twice reads once; pay only in the summary's prose
    (0, {"title": "Peer Mentor & Advocate", "pay_min": 20.0, "pay_max": 23.0, "pay_unit": "HOUR"}),
    # only <updated>: the posting date; XHTML content kept as markup
    (1, {"pay_min": 21.5, "pay_max": None, "pay_unit": "HOUR"}),
])
def test_atom_entries_normalized(position, expected):
    assert subset(normalize(fields_of("rss-atom", "feed-1.atom", position, ATOM)).fields, expected) == expected


def test_xhtml_content_keeps_its_markup_and_updated_dates_the_entry():
    fields = fields_of("rss-atom", "feed-1.atom", 1, ATOM)
    assert "<p>Starting at $21.50/hr.</p>" in fields["description_html"]
    assert fields["date_posted"]


@pytest.mark.parametrize("feed, expected", [
    (b'<feed xml:base="https://a.example/careers/"><entry><link href="x"/></entry></feed>',
     "https://a.example/careers/"),
    (b'<feed xml:base="https://a.example/careers/"><entry xml:base="2026/"><link href="x"/></entry></feed>',
     "https://a.example/careers/2026/"),
    (b'<feed><entry xml:base="/jobs/"><link href="x"/></entry></feed>', "https://b.example/jobs/"),
    (b"<feed><entry><link href='x'/></entry></feed>", "https://b.example/feed.atom"),
])
def test_item_base(feed, expected):
    entry = xml_document(feed).xpath("//entry")[0]
    assert item_base(entry, "https://b.example/feed.atom") == expected
