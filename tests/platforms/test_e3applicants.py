"""e3applicants: both recorded boards' listing rows and posting pages into raw fields."""
import pytest
from parsel import Selector

from crawlers.platforms import e3applicants
from peerjobs.demo.boards import BOARDS_DIR, fill_placeholders
from tests.platforms.recorded import BASE, subset

CAREERS = f"{BASE}/careers/"


def page(board: str, name: str) -> Selector:
    return Selector(text=fill_placeholders((BOARDS_DIR / board / name).read_text(encoding="utf-8"), BASE))


@pytest.mark.parametrize("board, position, expected", [
    ("e3applicants", 0, {"url": f"{CAREERS}Peer-Support-Specialist-280-1390", "external_id": "1390",
                         "title": "Peer Support Specialist 280", "employment_type": "Full Time",
                         "locations": ["Lufkin, TX"]}),
    ("e3applicants", 2, {"external_id": "477", "title": "Family Partner (29439) | (32169)"}),
    # links relative to <base href>, without their ?source=; entities in titles
    ("e3applicants-relative", 0, {"url": f"{CAREERS}Peer-Recovery-Support-Specialist-Adult-Services-2210",
                                  "external_id": "2210", "title": "Peer Recovery Support Specialist – Adult Services"}),
    ("e3applicants-relative", 1, {"title": "Family Partner – Youth & Family Services", "employment_type": "Part Time",
                                  "locations": ["Orange, TX"]}),
    ("e3applicants-relative", 2, {"locations": ["Remote"], "remote": True, "employment_type": "Part Time"}),
])
def test_listing_rows(board, position, expected):
    rows = e3applicants.listing_rows(page(board, "careers.html"), CAREERS)
    assert subset(rows[position], expected) == expected


@pytest.mark.parametrize("board, name, expected", [
    ("e3applicants", "posting-1390.html", {"pay_text": "$17.25 hourly; $35,880 annually", "date_posted": None,
                                           "employment_type": "Full Time", "locations": ["Lufkin, TX 75904"]}),
    # the colon after the bold label
    ("e3applicants-relative", "posting-2210.html", {"pay_text": "$17.75 - $19.50 per hour", "date_posted": None,
                                                    "employment_type": "Full Time",
                                                    "locations": ["Beaumont, TX 77701"]}),
    # pay only in prose: no header line gives it, normalize reads the description
    ("e3applicants-relative", "posting-2214.html", {"pay_text": None, "employment_type": None,
                                                    "title": "Family Partner – Youth & Family Services"}),
    # label and value in paragraphs of their own
    ("e3applicants-relative", "posting-2219.html", {"pay_text": "$16.90 hourly",
                                                    "locations": ["Remote – must reside in Texas"], "remote": True}),
    ("e3applicants-relative", "posting-2231.html", {"pay_text": "$52,000 - $61,000 annually"}),
])
def test_posting_page_fields(board, name, expected):
    assert subset(e3applicants.posting_page_fields(page(board, name)), expected) == expected


@pytest.mark.parametrize("texts, lines", [
    (["Rate of Pay", ": $17.75/hr"], ["Rate of Pay: $17.75/hr"]),
    (["Location:", " Lufkin, TX "], ["Location:", "Lufkin, TX"]),
    ([": orphan colon", "  ", "Job Type", ":", "Full Time"], [": orphan colon", "Job Type:", "Full Time"]),
])
def test_text_lines(texts, lines):
    assert e3applicants.text_lines(texts) == lines
