"""Dates: absolute forms, relative labels counted back from a given day, and labelled page dates."""
from datetime import date, datetime

import pytest

from indexer.parsers.dates import (
    date_in_text, is_open_ended, is_posting_label, labelled_dates, parse_date, parse_datetime, parse_posted,
    parse_relative, posting_date,
)

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize("value, expected", [
    ("2026-11-02", date(2026, 11, 2)),
    ("2026-11-02T19:33:17+00:00", date(2026, 11, 2)),
    ("2026-11-02T23:30:00-05:00", date(2026, 11, 3)),
    ("2026-11-02T10:00:00Z", date(2026, 11, 2)),
    ("2025-04-11T23:59:59.9970", date(2025, 4, 11)),             # USAJOBS, four fraction digits
    ("2025-10-22T14:23:00.000-04:00", date(2025, 10, 22)),       # ADP
    ("20261102", date(2026, 11, 2)),
    ("2026/11/02", date(2026, 11, 2)),
    ("11/02/2026", date(2026, 11, 2)),
    ("11/2/26", date(2026, 11, 2)),
    ("11-02-2026", date(2026, 11, 2)),
    ("11/02/2026 10:00 AM", date(2026, 11, 2)),
    ("November 2, 2026", date(2026, 11, 2)),
    ("Nov. 2, 2026", date(2026, 11, 2)),
    ("Sept 3, 2026", date(2026, 9, 3)),
    ("2 Nov 2026", date(2026, 11, 2)),
    ("Monday, November 2, 2026", date(2026, 11, 2)),
    ("Mon, 02 Nov 2026 10:00:00 GMT", date(2026, 11, 2)),        # RSS pubDate
    ("Thu, 19 Jun 2025 00:00:00 -0400", date(2025, 6, 19)),
    (1793620800000, date(2026, 11, 2)),                          # Lever createdAt, epoch ms
    ("1793620800000", date(2026, 11, 2)),
    (1793620800, date(2026, 11, 2)),                             # epoch seconds
    (date(2026, 11, 2), date(2026, 11, 2)),
    ("0001-01-01T00:00:00", None),                               # .NET's empty date
    (0, None),
    ("13/45/2026", None),
    ("02/30/2026", None),
    ("Continuous", None),
    ("Posted 7 Days Ago", None),                                 # relative: needs a day, see below
    ("", None),
    (None, None),
    (True, None),
    (["2026-11-02"], None),
    ("x" * 10000, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_parse_datetime_is_naive_utc():
    assert parse_datetime("2026-07-19T23:59:00-04:00") == datetime(2026, 7, 20, 3, 59)


@pytest.mark.parametrize("text, expected", [
    ("Posted Today", TODAY),
    ("today", TODAY),
    ("Just posted", TODAY),
    ("Posted Yesterday", date(2026, 11, 23)),
    ("Posted 7 Days Ago", date(2026, 11, 17)),
    ("Posted 1 Day Ago", date(2026, 11, 23)),
    ("30+ days ago", date(2026, 10, 25)),
    ("Posted 30+ Days Ago", date(2026, 10, 25)),
    ("Active 3 days ago", date(2026, 11, 21)),
    ("an hour ago", TODAY),
    ("5 hours ago", TODAY),
    ("2 weeks ago", date(2026, 11, 10)),
    ("a month ago", date(2026, 10, 25)),
    ("Posted soon", None),
    ("2026-11-02", None),
    ("", None),
    (None, None),
])
def test_parse_relative(text, expected):
    assert parse_relative(text, TODAY) == expected


@pytest.mark.parametrize("value, expected", [
    ("2026-11-02", date(2026, 11, 2)),
    ("Posted 3 Days Ago", date(2026, 11, 21)),
    ("Date Posted: 11/02/2026", date(2026, 11, 2)),
    ("Opening Date: November 2, 2026", date(2026, 11, 2)),
    ("Posted: Posted Today", TODAY),
    ("Revision Date: 01/05/2025", None),          # a revision is not a posting
    ("Approved: 2026-01-05", None),
    ("Continuous", None),
    # a day without its year: the latest such day up to today
    ("Posted on Nov 3", date(2026, 11, 3)),
    ("Posted Nov. 2nd", date(2026, 11, 2)),
    ("Dec 25", date(2025, 12, 25)),
    ("Posted on Feb 30", None),
    (1793620800000, date(2026, 11, 2)),
    (None, None),
])
def test_parse_posted(value, expected):
    assert parse_posted(value, TODAY) == expected


@pytest.mark.parametrize("candidates, expected", [
    ({"Revision Date": "01/05/2025", "Approved": "01/06/2025", "Opening Date": "11/02/2026"}, date(2026, 11, 2)),
    ([("Last Updated", "2026-11-20"), ("Date Posted", "Posted 2 Days Ago")], date(2026, 11, 22)),
    ([("Effective Date", "2026-01-01"), ("Revised", "2026-02-01"), ("Last Updated", "2026-11-20")], None),
    ([("Posting Date", "not a date"), ("Posted", "2026-11-01")], date(2026, 11, 1)),
    ([("Closing Date", "2026-12-31"), ("Open Until", "2026-12-31")], None),
    ({"datePosted": "2026-11-02", "dateModified": "2026-11-20"}, date(2026, 11, 2)),
    ({}, None),
])
def test_posting_date(candidates, expected):
    assert posting_date(candidates, TODAY) == expected


@pytest.mark.parametrize("label, posting", [
    ("Posted", True), ("Date Posted", True), ("Posting Date", True), ("Opening Date", True),
    ("Date Opened", True), ("datePosted", True), ("first_published", True), ("PublicationStartDate", True),
    ("pubDate", True), ("releasedDate", True), ("createdAt", True), ("Reposted", True),
    ("Revision Date", False), ("Revised", False), ("Approved", False), ("Last Updated", False),
    ("updated_at", False), ("Effective Date", False), ("Closing Date", False), ("Open Until", False),
    ("Start Date", False), ("Publication End Date", False), ("", False), (None, False),
])
def test_is_posting_label(label, posting):
    assert is_posting_label(label) is posting


def test_labelled_dates_of_a_page_header():
    header = ("Job Code: 1234\nRevision Date: 01/05/2025\nStarting Salary: $12.58 hourly\n"
              "FLSA: Non-Exempt\nDate Posted: 11/02/2026\n")
    found = labelled_dates(header)
    assert found == [("Revision Date", "01/05/2025"), ("Date Posted", "11/02/2026")]
    assert posting_date(found, TODAY) == date(2026, 11, 2)


@pytest.mark.parametrize("text, expected", [
    ("Posted 01/31/2026", date(2026, 1, 31)),
    ("2026-02-01T09:00:00Z", date(2026, 2, 1)),
    ("Closes June 30, 2026", date(2026, 6, 30)),
    ("Sept. 9 2025", date(2025, 9, 9)),
    ("Thu, 19 Jun 2025 00:00:00 GMT", date(2025, 6, 19)),
    ("Closing: 3 March 2026 at noon", date(2026, 3, 3)),
    ("Opened 11/2/2026, closes 12/31/2026", date(2026, 11, 2)),
    ("Posted 13/45/2026 or 02/01/2026", date(2026, 2, 1)),     # an impossible date is passed over
    ("Continuous", None),
    ("Posted 3 days ago", None),
    ("", None),
    (None, None),
    (20260201, None),
    ("1/" * 5000, None),
])
def test_date_in_text(text, expected):
    assert date_in_text(text) == expected


@pytest.mark.parametrize("value, open_ended", [
    ("Continuous", True), ("Open Until Filled", True), ("until filled", True), ("Ongoing", True),
    ("2026-12-31", False), ("Opening soon", False), (None, False),
])
def test_is_open_ended(value, open_ended):
    assert is_open_ended(value) is open_ended
