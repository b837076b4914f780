"""JazzHR: companies from board URLs, job links, and the board's rows and job pages' markup."""
import pytest
from parsel import Selector

from crawlers.platforms.jazzhr import board_url, company_of, job_link, listing_rows, page_fields
from peerjobs.demo.boards import BOARDS_DIR, fill_placeholders
from tests.platforms.recorded import BASE

BOARD = f"{BASE}/apply"


def page(name: str) -> Selector:
    return Selector(text=fill_placeholders((BOARDS_DIR / "jazzhr" / name).read_text(encoding="utf-8"), BASE))


@pytest.mark.parametrize("url, company, board", [
    ("https://cumberlandpeer.applytojob.com/apply", "cumberlandpeer", "https://cumberlandpeer.applytojob.com/apply"),
    ("https://cumberlandpeer.applytojob.com/apply/Xk3PqR7aLm/Certified-Peer-Recovery-Specialist-CPRS?source=x",
     "cumberlandpeer", "https://cumberlandpeer.applytojob.com/apply"),
    ("https://CumberlandPeer.ApplyToJob.com/", "cumberlandpeer", "https://CumberlandPeer.ApplyToJob.com/apply"),
    ("https://jobs.cumberlandpeer.example/apply", "jobs.cumberlandpeer.example", "https://jobs.cumberlandpeer.example/apply"),
    ("https://applytojob.com/apply", None, "https://applytojob.com/apply"),
    ("https://www.applytojob.com/apply", None, "https://www.applytojob.com/apply"),
])
def test_company_and_board(url, company, board):
    assert (company_of(url), board_url(url)) == (company, board)


@pytest.mark.parametrize("href, expected", [
    ("https://x.applytojob.com/apply/Xk3PqR7aLm/Peer-Specialist", ("https://x.applytojob.com/apply/Xk3PqR7aLm/Peer-Specialist", "Xk3PqR7aLm")),
    ("/apply/jobs/details/Qn7LpH4iVb?source=Indeed", (f"{BASE}/apply/jobs/details/Qn7LpH4iVb", "Qn7LpH4iVb")),
    (" /apply/Xk3PqR7aLm ", (f"{BASE}/apply/Xk3PqR7aLm", "Xk3PqR7aLm")),
    ("/apply/jobs", None),
    ("/apply", None),
    ("https://www.jazzhr.com", None),
    ("javascript:void(0)", None),
    (None, None),
])
def test_job_link(href, expected):
    assert job_link(href, BOARD) == expected


def test_listing_rows_read_every_group():
    rows = {row["external_id"]: row for row in listing_rows(page("board.html"), BOARD)}
    assert list(rows) == ["Xk3PqR7aLm", "Ht9WzB2cNq", "Qn7LpH4iVb", "Jr5TvD8eSx", "Mw2YkF6gUz"]
    assert rows["Xk3PqR7aLm"]["locations"] == ["Nashville, TN"]  # the department is not a place
    assert rows["Ht9WzB2cNq"]["title"] == "Peer Recovery Specialist - Part Time"  # whitespace collapsed
    assert rows["Ht9WzB2cNq"]["locations"] == []  # only a department
    memphis = rows["Qn7LpH4iVb"]
    assert memphis["title"] == "Recovery Coach & Peer Mentor - Memphis"
    assert memphis["url"] == memphis["apply_url"] == f"{BASE}/apply/jobs/details/Qn7LpH4iVb"
    assert rows["Jr5TvD8eSx"]["locations"] == ["Chattanooga, TN, United States"]
    assert rows["Mw2YkF6gUz"]["remote"] is True


@pytest.mark.parametrize("html, expected", [
    ('<div title="Type">Full Time</div><div id="job-description"><p>Coach</p></div>',
     {"employment_type": "Full Time", "description_html": '<div id="job-description"><p>Coach</p></div>'}),
    ('<div class="job-description"><p>Coach</p></div>', {"description_html": '<div class="job-description"><p>Coach</p></div>'}),
    ("<p>Nothing here</p>", {}),
])
def test_page_fields(html, expected):
    assert page_fields(Selector(text=html)) == expected


def test_page_fields_of_the_job_page_without_json_ld():
    fields = page_fields(page("job-5.html"))
    assert fields["employment_type"] == "Full Time" and "Shelby County" in fields["description_html"]
