"""Field parsers: dates, pay, employment type, HTML sanitizing. Tables of real-world shapes."""
from datetime import date, datetime

import pytest

from indexer.dates import parse_date, parse_datetime
from indexer.employment import employment_type
from indexer.pay import pay_from_structured, pay_from_text
from indexer.sanitize import clean_html, html_to_text, is_web_url, plain_text


@pytest.mark.parametrize("value, expected", [
    ("2026-11-02", date(2026, 11, 2)),
    ("2026-11-02T19:33:17+00:00", date(2026, 11, 2)),
    ("2026-11-02T23:30:00-05:00", date(2026, 11, 3)),
    ("2026-11-02T10:00:00Z", date(2026, 11, 2)),
    ("11/02/2026", date(2026, 11, 2)),
    ("Mon, 02 Nov 2026 10:00:00 GMT", date(2026, 11, 2)),
    (1793620800000, date(2026, 11, 2)),
    ("1793620800000", date(2026, 11, 2)),
    ("13/45/2026", None),
    ("Continuous", None),
    ("", None),
    (None, None),
    (True, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_parse_datetime_is_naive_utc():
    assert parse_datetime("2026-07-19T23:59:00-04:00") == datetime(2026, 7, 20, 3, 59)


@pytest.mark.parametrize("value, expected", [
    ("FULL_TIME", "FULL_TIME"), (["PART_TIME"], "PART_TIME"), ("Part-time", "PART_TIME"),
    ("full time", "FULL_TIME"), ("PRN", "PER_DIEM"), ("Per Diem", "PER_DIEM"),
    ("Volunteer", "VOLUNTEER"), ("Temporary", "TEMPORARY"), (["", "Full-Time"], "FULL_TIME"),
    ("{{employment_type}}", None), ("", None), (None, None), (42, None),
])
def test_employment_type(value, expected):
    assert employment_type(value) == expected


@pytest.mark.parametrize("salary, expected", [
    ({"currency": "USD", "value": {"minValue": 18, "maxValue": 22, "unitText": "HOUR"}}, (18, 22, "HOUR", 18, 22)),
    ({"value": {"value": 41600, "unitText": "YEAR"}}, (41600, 41600, "YEAR", 20, 20)),
    ({"value": {"minValue": "22", "maxValue": "18.5", "unitText": "HOUR"}}, (18.5, 22, "HOUR", 18.5, 22)),
    ({"value": 3466.67, "unitText": "MONTH"}, (3466.67, 3466.67, "MONTH", 20, 20)),
    ({"value": {"minValue": 19.5}}, (19.5, None, "HOUR", 19.5, None)),
    ({"value": {"unitText": "HOUR"}}, None),
    ("18 an hour", None),
])
def test_pay_from_structured(salary, expected):
    pay = pay_from_structured(salary)
    if expected is None:
        assert pay is None
        return
    assert (pay.minimum, pay.maximum, pay.unit, *pay.hourly) == expected


@pytest.mark.parametrize("text, expected", [
    ("Pay: $18.50 to $21.00 per hour", (18.5, 21.0, "HOUR")),
    ("$38,000 annually plus benefits", (38000, 38000, "YEAR")),
    ("$17 - $19/hr DOE", (17, 19, "HOUR")),
    ("Starting at $20", (20, 20, "HOUR")),
    ("Salary: DOE", None),
    ("", None),
])
def test_pay_from_text(text, expected):
    pay = pay_from_text(text)
    assert (None if pay is None else (pay.minimum, pay.maximum, pay.unit)) == expected


HOSTILE = (
    '<p onclick="steal()">Join us<script>alert(1)</script></p>'
    '<img src="http://tracker.invalid/p.gif"><iframe src="http://evil.invalid"></iframe>'
    '<a href="javascript:alert(1)">bad</a> <a href="/apply">apply</a>'
    '<style>body{display:none}</style><form action="x"><input name="q"></form>'
)


def test_clean_html_removes_everything_hostile():
    cleaned = clean_html(HOSTILE, base_url="https://agency.example/careers/1/")
    for forbidden in ("script", "alert", "onclick", "<img", "tracker", "iframe", "javascript:",
                      "<style", "display:none", "<form", "<input"):
        assert forbidden not in cleaned
    assert '<a href="https://agency.example/apply" rel="nofollow noopener noreferrer">apply</a>' in cleaned
    assert "Join us" in cleaned


def test_clean_html_unescapes_an_escaped_description():
    assert clean_html("&lt;p&gt;Peer work&lt;/p&gt;") == "<p>Peer work</p>"


def test_html_to_text_keeps_blocks_apart():
    assert html_to_text("<p>One</p><ul><li>Two</li><li>Three</li></ul>") == "One\nTwo\nThree"


@pytest.mark.parametrize("url, ok", [
    ("https://a.example/x", True), ("http://a.example", True), ("javascript:alert(1)", False),
    ("/relative", False), ("ftp://a.example/x", False), ("data:text/html,x", False), (None, False),
])
def test_is_web_url(url, ok):
    assert is_web_url(url) is ok


def test_plain_text_of_titles():
    assert plain_text("  Peer&nbsp;Specialist <b>II</b> ") == "Peer Specialist II"
