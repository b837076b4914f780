"""Selector-read careers pages: both recorded sites' listings and job pages into raw fields."""
import pytest
import yaml
from parsel import Selector

from crawlers.platforms import html
from peerjobs.demo.boards import BOARDS_DIR, fill_placeholders
from tests.platforms.recorded import BASE, days_ago, subset


def board(name: str) -> tuple[dict, str]:
    """The board's selectors and its listing URL."""
    source = yaml.safe_load((BOARDS_DIR / name / "board.yaml").read_text(encoding="utf-8"))["source"]
    selectors = {key: source[key] for key in html.SELECTOR_KEYS if key in source}
    return selectors, source["url"].replace("{base}", BASE)


def page(name: str, file: str) -> Selector:
    return Selector(text=fill_placeholders((BOARDS_DIR / name / file).read_text(encoding="utf-8"), BASE))


def rows(name: str, file: str) -> list[dict]:
    selectors, url = board(name)
    return html.listing_rows(page(name, file), selectors, url)


@pytest.mark.parametrize("name, file, position, expected", [
    ("html", "careers-1.html", 0, {"url": f"{BASE}/about/careers/peer-support-specialist-tucson",
                                   "title": "Peer Support Specialist (Certified) – Tucson",
                                   "pay_text": "$18.50 - $21.00 per hour", "date_posted": days_ago(3),
                                   "locations": ["Tucson, AZ 85705"], "linked": True}),
    ("html", "careers-1.html", 2, {"remote": True, "pay_text": None}),
    # a table: the header row is no job; links relative to the page's folder, ./ and ../, a fragment
    ("html-table", "openings.html", 0, {"url": f"{BASE}/employment/postings/peer-recovery-coach.html",
                                        "title": "Peer Recovery Coach & Mentor", "employment_type": "Full-time",
                                        "date_posted": days_ago(2), "locations": ["Grand Rapids, MI"]}),
    ("html-table", "openings.html", 1, {"url": f"{BASE}/employment/postings/certified-peer-support-specialist.html"
                                               "?ref=home", "date_posted": None, "locations": ["Kalamazoo, MI"]}),
    ("html-table", "openings.html", 2, {"url": f"{BASE}/employment/postings/warmline.html",
                                        "date_posted": "3 days ago", "remote": True}),
    # applied for by email: no page to follow, the listing is its page
    ("html-table", "openings.html", 3, {"url": f"{BASE}/employment/openings.php", "linked": False,
                                        "title": "Receptionist"}),
])
def test_listing_rows(name, file, position, expected):
    assert subset(rows(name, file)[position], expected) == expected


@pytest.mark.parametrize("name, file, count", [("html", "careers-1.html", 4), ("html", "careers-2.html", 1),
                                               ("html-table", "openings.html", 4)])
def test_one_row_per_job(name, file, count):
    assert len(rows(name, file)) == count


@pytest.mark.parametrize("file, words", [
    ("job-coach.html", "$19.00–$22.00/hour"), ("job-cpss.html", "$18.50 per hour"),
    ("job-warmline.html", "$17.25 an hour"),
])
def test_job_pages_give_the_description_with_its_pay(file, words):
    selectors, url = board("html-table")
    fields = html.selected_fields(page("html-table", file), selectors, url)
    assert words in Selector(text=fields["description_html"]).xpath("string()").get()
    assert "title" not in fields and "locations" not in fields


@pytest.mark.parametrize("cell, expected", [
    ("03/04/2026", "2026-03-04"), ("Posted March 4, 2026", "2026-03-04"), ("3 days ago", "3 days ago"),
    ("&mdash;", None), ("-", None), ("", None),
])
def test_listed_dates(cell, expected):
    item = Selector(text=f"<ul><li><a href='/j/1'>Peer Mentor</a><i>{cell}</i></li></ul>")
    [row] = html.listing_rows(item, {"list_item": "li", "title": "a", "date": "i"}, "https://a.example/jobs/")
    assert row.get("date_posted") == expected
