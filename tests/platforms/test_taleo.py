"""Taleo: section and portal from URLs and pages, rows by their column roles, the job page's advert."""
import pytest

from crawlers.platforms.taleo import (
    decoded, description_in, labels_in, place_label, portal_in, posting_fields, row_fields, section_of,
)
from peerjobs.demo.boards import BOARDS_DIR
from tests.platforms.recorded import days_ago, recorded, subset

ROWS = recorded("taleo", "searchjobs-1.json")["requisitionList"] + recorded("taleo", "searchjobs-2.json")["requisitionList"]
DETAIL = "https://gmpc.taleo.net/careersection/ex/jobdetail.ftl?job=2600101&lang=en"


def page(name):
    return (BOARDS_DIR / "taleo" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("url, expected", [
    ("https://gmpc.taleo.net/careersection/ex/jobsearch.ftl?lang=en", ("ex", "en", None)),
    ("https://gmpc.taleo.net/careersection/2/jobsearch.ftl?lang=fr&portal=101430233", ("2", "fr", "101430233")),
    ("https://gmpc.taleo.net/careersection/ex/jobdetail.ftl?job=2600101", ("ex", "en", None)),
    ("https://gmpc.taleo.net/careersection/ex", ("ex", "en", None)),
    ("https://gmpc.taleo.net/careersection/rest/jobboard/searchjobs?portal=8", (None, "en", "8")),
    ("https://gmpc.taleo.net/", (None, "en", None)),
])
def test_section_of(url, expected):
    assert section_of(url) == expected


@pytest.mark.parametrize("text, expected", [
    (page("jobsearch.html"), "8105120471"),
    ("portalNo:\"42\",", "42"),
    ("<html>no config</html>", None),
])
def test_portal_in(text, expected):
    assert portal_in(text) == expected


@pytest.mark.parametrize("label, expected", [
    ("US-VT-Burlington", "Burlington, VT, US"),
    ("United States-Vermont-Rutland", "Rutland, Vermont, United States"),
    ("United States-Pennsylvania-Wilkes-Barre", "Wilkes-Barre, Pennsylvania, United States"),
    ("US-VT-Remote", "Remote, VT, US"),
    ("Brattleboro, VT", "Brattleboro, VT"),
    ("US-VT", "US-VT"),
    ("US--Burlington", "US--Burlington"),
])
def test_place_label(label, expected):
    assert place_label(label) == expected


@pytest.mark.parametrize("cell, expected", [
    ('["US-VT-Rutland","US-VT-Brandon"]', ["Rutland, VT, US", "Brandon, VT, US"]),
    ('"US-VT-Rutland"', ["Rutland, VT, US"]),
    ("Brattleboro, VT", ["Brattleboro, VT"]),
    ("[not json", ["[not json"]),
    ("", []),
    (None, []),
    ('[null, 7]', ["7"]),
])
def test_labels_in(cell, expected):
    assert labels_in(cell) == expected


@pytest.mark.parametrize("row, expected", [
    (ROWS[0], {"title": "Peer Support Specialist", "locations": ["Burlington, VT, US"], "date_posted": days_ago(1)}),
    (ROWS[1], {"locations": ["Rutland, Vermont, United States", "Brandon, Vermont, United States"]}),
    (ROWS[3], {"locations": ["Brattleboro, VT"], "date_posted": days_ago(5)}),
    # a section whose title is its second cell and whose date is written out
    ({"column": ["Oct 5, 2026", "Peer Mentor", '["US-VT-Barre"]'], "linkedColumn": 1, "locationsColumns": [2]},
     {"title": "Peer Mentor", "locations": ["Barre, VT, US"], "date_posted": "2026-10-05"}),
    # the title alone, as some sections list it
    ({"column": ["Peer Mentor"], "linkedColumn": 0, "locationsColumns": []},
     {"title": "Peer Mentor", "locations": [], "date_posted": None}),
    ({"column": None, "linkedColumn": "0", "locationsColumns": [5, "1"]}, {"title": None, "locations": []}),
])
def test_row_fields(row, expected):
    assert subset(row_fields(row), expected) == expected


@pytest.mark.parametrize("item, expected", [
    ("%3Cp%3EPeer%20Mentor%3C%2Fp%3E", "<p>Peer Mentor</p>"),
    ("You%u2019ll%20meet", "You\u2019ll meet"),
    ("it\\'s%20here", "it's here"),
    ("plain", "plain"),
])
def test_decoded(item, expected):
    assert decoded(item) == expected


def test_description_is_the_longest_decoded_string():
    advert = description_in(page("jobdetail-2600102.html"))
    assert advert.startswith("<p>Coach people in recovery") and "You\u2019ll meet" in advert and "!*!" not in advert
    assert "$18.50 per hour" in advert


@pytest.mark.parametrize("text", ["<html>no list</html>", "api.fillList('requisitionDescriptionInterface', 'descRequisition', []);", ""])
def test_no_description(text):
    assert description_in(text) is None


@pytest.mark.parametrize("row, expected", [
    (ROWS[0], {"external_id": "2600101", "url": DETAIL, "apply_url": DETAIL, "remote": False}),
    # no contest number: the job id, given as a number
    (ROWS[3], {"external_id": "12004", "remote": False}),
    (ROWS[4], {"external_id": "2600105", "remote": True, "locations": ["Remote, VT, US"]}),
    ({"jobId": None, "contestNo": "", "column": "odd"}, {"external_id": None, "title": None}),
])
def test_posting_fields(row, expected):
    assert subset(posting_fields(row, "<p>text</p>", DETAIL if expected.get("url") else None), expected) == expected
