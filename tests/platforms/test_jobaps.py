"""JobAps: agency boards from URLs, board rows (and the rows that are no vacancies), and the
two bulletin layouts."""
import asyncio

import pytest
from parsel import Selector
from scrapy.statscollectors import StatsCollector
from scrapy.utils.test import get_crawler

from crawlers.platforms.jobaps import (
    JobApsSpider, agency_of, board_url, bulletin_fields, listing_rows, recruitment_of, row_props,
)
from crawlers.sources import SourceConfig
from peerjobs.demo.boards import BOARDS_DIR, fill_placeholders
from tests.platforms.recorded import BASE, days_ago

BOARD = f"{BASE}/QVBH/JobBoard.asp"


def page(name):
    return Selector(text=fill_placeholders((BOARDS_DIR / "jobaps" / name).read_text(encoding="utf-8"), BASE))


ROWS = listing_rows(page("jobboard.html"), BOARD)


@pytest.mark.parametrize("url, agency, board", [
    ("https://www.jobapscloud.com/CT/", "CT", "https://www.jobapscloud.com/CT/JobBoard.asp"),
    ("https://www.jobapscloud.com/Alameda", "Alameda", "https://www.jobapscloud.com/Alameda/JobBoard.asp"),
    ("https://www.jobaps.com/MD/", "MD", "https://www.jobaps.com/MD/JobBoard.asp"),
    ("https://www.jobapscloud.com/MD/default.asp?sort=title", "MD", "https://www.jobapscloud.com/MD/default.asp?sort=title"),
    ("https://www.jobapscloud.com/", None, None),
    ("https://www.jobapscloud.com/default.asp", None, "https://www.jobapscloud.com/default.asp"),
])
def test_agency_and_board_url(url, agency, board):
    assert agency_of(url) == agency
    if board:
        assert board_url(url) == board


@pytest.mark.parametrize("url, number", [
    ("https://www.jobapscloud.com/CT/sup/bulpreview.asp?R1=2026&R2=040117&R3=01", "2026-040117-01"),
    ("https://www.jobapscloud.com/CT/sup/BulPreview.asp?r1=2026&r2=040117&r3=01", "2026-040117-01"),
    ("https://www.jobapscloud.com/CT/sup/bulpreview.asp?R1=2026&R2=040117", None),
    ("https://www.jobapscloud.com/CT/specs/classspecdisplay.asp?ClassNumber=5521PS", None),
])
def test_recruitment_of(url, number):
    assert recruitment_of(url) == number


@pytest.mark.parametrize("html, props", [
    ('<tr><th><input id="rowJobProps_1" value="{&quot;url&quot;:&quot;sup/x.asp&quot;}"></th></tr>', {"url": "sup/x.asp"}),
    ('<tr><th><input id="rowJobProps_1" value="{not json"></th></tr>', {}),
    ('<tr><th><input id="rowJobProps_1" value="[1, 2]"></th></tr>', {}),
    ("<tr><th>no props</th></tr>", {}),
])
def test_row_props(html, props):
    assert row_props(Selector(text=f"<table>{html}</table>").css("tr")[0]) == props


def test_board_rows_are_the_bulletins_only():
    """The class specification and the row linking off the board are no vacancies."""
    assert [row["external_id"] for row in ROWS] == [
        "2026-040117-01", "2026-040122-01", "2026-040125-02", "2026-040130-01", "2025-039988-03"]
    assert all(row["url"].startswith(f"{BASE}/QVBH/sup/bulpreview.asp?") for row in ROWS)


@pytest.mark.parametrize("position, expected", [
    (0, {"title": "Peer Support Specialist", "pay_text": "$24.10 - $31.85/hour", "locations": ["Norwich, CT"],
         "remote": False, "date_posted": None,           # a deadline ("Continuous") is no posting date
         "apply_url": f"{BASE}/QVBH/NewRegPages/TermsOfUse.asp?RecruitNum1=2026&RecruitNum2=040117&RecruitNum3=01"}),
    (1, {"locations": ["Willimantic, CT", "Windham County, CT"]}),    # places split at <br>
    (3, {"remote": True, "pay_text": "$1,850.00 - $2,310.00/biweekly"}),
    (4, {"title": "Family Peer Support Specialist (Durational)"}),    # &amp; in the board, unescaped
])
def test_listing_row_fields(position, expected):
    assert {key: ROWS[position].get(key) for key in expected} == expected


def test_a_row_that_takes_no_online_applications_applies_at_its_bulletin():
    html = ('<table><tr><th><a class="JobTitle" href="sup/bulpreview.asp?R1=1&amp;R2=2&amp;R3=3">Peer Mentor</a>'
            '<input id="rowJobProps_1" value="{&quot;apply&quot;:&quot;NewRegPages/TermsOfUse.asp&quot;,'
            '&quot;noapply&quot;:&quot;1&quot;}"></th></tr></table>')
    [row] = listing_rows(Selector(text=html), BOARD)
    assert row["apply_url"] == row["url"] == f"{BASE}/QVBH/sup/bulpreview.asp?R1=1&R2=2&R3=3"


def test_a_row_without_props_uses_its_link_and_the_bulletin_as_apply_url():
    html = ('<table><tr><th class="JobTitle"><a class="JobTitle" href="sup/bulpreview.asp?R1=1&amp;R2=2&amp;R3=3">'
            'Peer Mentor</a></th><td class="Locs"></td></tr></table>')
    [row] = listing_rows(Selector(text=html), BOARD)
    assert (row["title"], row["external_id"], row["apply_url"], row["locations"]) == (
        "Peer Mentor", "1-2-3", f"{BASE}/QVBH/sup/bulpreview.asp?R1=1&R2=2&R3=3", [])


@pytest.mark.parametrize("name, expected", [
    ("bulletin-040117.html", {"date_posted": days_ago(2), "pay_text": "$24.10 - $31.85/hour",
                              "employment_type": "Full-Time", "locations": ["Norwich, CT"]}),
    # the older layout: "Label: value" lines, "Open Date", and a "Closing Date" that is not it
    ("bulletin-040122.html", {"date_posted": days_ago(4), "employment_type": "Part-Time",
                              "locations": ["Willimantic, CT"]}),
    ("bulletin-040130.html", {"remote": True, "date_posted": days_ago(6)}),
])
def test_bulletin_fields(name, expected):
    fields = bulletin_fields(page(name))
    assert {key: fields.get(key) for key in expected} == expected
    assert "recovery" in fields["description_html"] and "<body" not in fields["description_html"]


def test_a_bulletin_without_a_header_gives_only_its_text():
    fields = bulletin_fields(Selector(text="<html><body><p>Filing Deadline: Continuous</p></body></html>"))
    assert (fields["date_posted"], fields["pay_text"], "locations" in fields) == (None, None, False)


async def _requests(crawl):
    return [request async for request in crawl.start()]


@pytest.mark.parametrize("url, first", [
    ("https://www.jobapscloud.com/CT/", "https://www.jobapscloud.com/CT/JobBoard.asp"),
    ("https://www.jobapscloud.com/", None),
])
def test_a_url_naming_no_agency_fails_before_anything_is_fetched(url, first):
    source = SourceConfig(id="s", platform="jobaps", url=url, employer="Acme")
    crawler = get_crawler(JobApsSpider)
    crawler.stats = StatsCollector(crawler)
    crawl = JobApsSpider.from_crawler(crawler, source=source)
    requests = asyncio.run(_requests(crawl))
    assert [request.url for request in requests] == ([first] if first else [])
    assert (crawl.fatal is None) is bool(first)
    if not first:
        assert "no JobAps agency" in crawl.fatal
