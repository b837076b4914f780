"""iCIMS: both search markups (the .iCIMS_JobsTable rows and the newer job cards) into raw fields."""
import pytest
from parsel import Selector

from crawlers.platforms import icims
from peerjobs.demo.boards import BOARDS_DIR, fill_placeholders
from tests.platforms.recorded import BASE, days_ago, subset

PORTAL = "http://127.0.0.1:8000/jobs/search?ss=1&in_iframe=1"


def page(board: str, name: str) -> Selector:
    return Selector(text=fill_placeholders((BOARDS_DIR / board / name).read_text(encoding="utf-8"), BASE))


def rows(board: str, name: str) -> list[dict]:
    return icims.listing_rows(page(board, name), PORTAL)


@pytest.mark.parametrize("board, name, position, expected", [
    ("icims", "search-1.html", 0, {
        "external_id": "1201", "title": "Peer Support Specialist - Community Support Program (CSP)",
        "url": f"{BASE}/jobs/1201/peer-support-specialist-community-support-program/job",
        "locations": ["US-WI-Milwaukee"], "employment_type": "Full-Time", "date_posted": days_ago(2)}),
    ("icims", "search-1.html", 1, {"locations": ["US-WI-Remote"], "remote": True, "employment_type": "Part-Time"}),
    # The newer markup: cards, relative links, h2 titles, "2 days ago" with the date in a title attribute.
    ("icims-cards", "search-1.html", 0, {
        "external_id": "2301", "title": "Certified Peer Specialist – Mobile Crisis",
        "url": f"{BASE}/jobs/2301/certified-peer-specialist-mobile-crisis/job",
        "locations": ["US-PA-Pittsburgh", "US-PA-Erie"], "employment_type": "Full-Time",
        "date_posted": days_ago(2), "remote": False}),
    ("icims-cards", "search-1.html", 1, {"external_id": "2302", "employment_type": "Part-Time",
                                         "date_posted": days_ago(5), "locations": ["US-PA-Altoona"]}),
    ("icims-cards", "search-2.html", 0, {"locations": ["US-PA-Remote"], "remote": True}),
])
def test_listing_rows(board, name, position, expected):
    assert subset(rows(board, name)[position], expected) == expected


@pytest.mark.parametrize("board, name, count", [
    ("icims", "search-1.html", 3), ("icims", "search-2.html", 2),
    ("icims-cards", "search-1.html", 2), ("icims-cards", "search-2.html", 2),
])
def test_every_row_or_card_once(board, name, count):
    found = rows(board, name)
    assert len(found) == count == len({row["external_id"] for row in found})


@pytest.mark.parametrize("html, ids", [
    # a card whose title link and "read more" link are the same job counts once
    ('<ul><li><a href="/jobs/7/peer-mentor/job"><h3>Peer Mentor</h3></a><a href="/jobs/7/peer-mentor/job">More</a></li>'
     '<li><a href="/jobs/8/coach/job?in_iframe=1">Coach</a></li></ul>', ["7", "8"]),
    ('<div class="JobCard"><a href="https://c.icims.com/jobs/9/x/job">X</a></div>', ["9"]),
    # links that are not job pages make no card
    ('<ul><li><a href="/jobs/7/login">Log in</a></li><li><a href="/jobs/intro">Intro</a></li></ul>', []),
    ("<p>No jobs match your search.</p>", []),
])
def test_cards_are_found_by_their_job_links(html, ids):
    assert [row["external_id"] for row in icims.listing_rows(Selector(text=html), PORTAL)] == ids


@pytest.mark.parametrize("html, expected", [
    ('<div class="header right"><span title="03/04/2026 9:00 AM">3 days ago</span></div>', "2026-03-04"),
    ('<div class="header right"><span>03/04/2026</span></div>', "2026-03-04"),
    ('<dl><dt>Posted Date</dt><dd>03/04/2026</dd></dl>', "2026-03-04"),
    ('<div class="header right"><span>3 days ago</span></div>', None),
])
def test_posted_date(html, expected):
    row = Selector(text=f'<div class="card"><a href="/jobs/1/a/job">Peer</a>{html}</div>')
    assert icims.listing_rows(row, PORTAL)[0]["date_posted"] == expected


@pytest.mark.parametrize("board, name, expected", [
    ("icims", "search-1.html", f"{PORTAL}&pr=1"),
    ("icims-cards", "search-1.html", f"{PORTAL}&pr=1"),
    ("icims-cards", "search-2.html", None),
])
def test_next_page_from_either_pager(board, name, expected):
    selector = page(board, name)
    text = " ".join(selector.css(".iCIMS_Paging ::text, .iCIMS_SubHeader_Jobs ::text").getall())
    assert icims.next_search_page(PORTAL, " ".join(text.split())) == expected
