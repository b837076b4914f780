"""NEOGOV: both recorded JobsFeeds (the older closingDate one, today's advertiseToDateTime one)
into raw fields, and the closing date read whichever way an item gives it."""
import pytest
from parsel import Selector

from crawlers.platforms import neogov
from crawlers.platforms.feeds import feed_items, item_fields
from peerjobs.demo.boards import BOARDS_DIR, fill_placeholders
from tests.platforms.recorded import BASE, days_ago, subset


def items(board: str) -> list[Selector]:
    body = fill_placeholders((BOARDS_DIR / board / "feed.xml").read_text(encoding="utf-8"), BASE)
    return feed_items(body.encode())[1]


def fields_of(board: str, position: int) -> dict:
    node = items(board)[position]
    fields = item_fields(node, f"{BASE}/SearchEngine/JobsFeed")
    return dict(fields, **neogov.joblisting_fields(node, fields["external_id"]))


def hourly(low, high):
    return {"currency": "USD", "value": {"minValue": low, "maxValue": high, "unitText": "HOUR"}}


@pytest.mark.parametrize("board, position, expected", [
    ("neogov", 0, {"external_id": "4810231", "valid_through": None, "locations": ["Salem, OR"]}),  # "Continuous"
    ("neogov", 1, {"valid_through": days_ago(-20), "salary": hourly(24.5, 29.81)}),
    ("neogov-advertise", 0, {
        "external_id": "5102233", "valid_through": days_ago(-17), "employment_type": "Full Time",
        "title": "Peer Counselor - Behavioral Health & Recovery (Bilingual Preferred)",
        "salary": hourly(27.14, 34.66), "pay_text": "$27.14 - $34.66 Hourly"}),
    # no salary elements: the pay is in the description, for normalize to read
    ("neogov-advertise", 1, {"valid_through": days_ago(-5), "salary": None, "pay_text": None}),
    # an empty advertiseToDateTime: continuous recruitment
    ("neogov-advertise", 2, {"valid_through": None, "remote": True, "locations": ["Remote - Washington"]}),
    ("neogov-advertise", 3, {"valid_through": days_ago(-8), "salary": hourly(24.02, 30.66)}),
])
def test_feed_items(board, position, expected):
    assert subset(fields_of(board, position), expected) == expected


@pytest.mark.parametrize("elements, expected", [
    ("<advertiseToDateTime>2026-03-31T23:59:00.0000000</advertiseToDateTime>", "2026-03-31"),
    ("<advertiseToDateTime>2026-03-31T07:00:00Z</advertiseToDateTime>", "2026-03-31"),
    ("<advertiseToDate>03/31/2026</advertiseToDate>", "2026-03-31"),
    ("<closingDate>Tue, 31 Mar 2026 09:00:00 GMT</closingDate>", "2026-03-31"),
    ("<advertiseToDateTime> </advertiseToDateTime><closingDate>Continuous</closingDate>", None),
    ("<advertiseToDateTime>Until filled</advertiseToDateTime>", None),
    ("", None),
])
def test_closing_date(elements, expected):
    node = Selector(text=f"<item>{elements}</item>", type="xml").xpath("/item")[0]
    assert neogov.closing_date(node) == expected
