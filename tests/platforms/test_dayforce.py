"""Dayforce: namespace and board from portal URLs, the csrf cookie, and search results into fields."""
import pytest

from crawlers.platforms.dayforce import board_of, cookie_header, description_of, places_of, posting_fields
from tests.platforms.recorded import recorded, subset

LISTED = recorded("dayforce", "search-0.json")["jobPostings"] + recorded("dayforce", "search-3.json")["jobPostings"]
PORTAL = "https://jobs.dayforcehcm.com/en-US/northstarpeer/CANDIDATEPORTAL"


@pytest.mark.parametrize("url, expected", [
    (PORTAL, ("en-US", "northstarpeer", "CANDIDATEPORTAL")),
    (PORTAL + "/jobs/2201", ("en-US", "northstarpeer", "CANDIDATEPORTAL")),
    ("https://jobs.dayforcehcm.com/fr-CA/acme/CAREERS/", ("fr-CA", "acme", "CAREERS")),
    ("https://jobs.dayforcehcm.com/asrcfh/candidateportal", ("en-US", "asrcfh", "candidateportal")),
    ("https://jobs.dayforcehcm.com/en-US/acme", ("en-US", "acme", "CANDIDATEPORTAL")),
    ("https://us59.dayforcehcm.com/CandidatePortal/en-US/leeent/SITE/CANDIDATEPORTAL",
     ("en-US", "leeent", "CANDIDATEPORTAL")),
    ("https://us242.dayforcehcm.com/CandidatePortal/en-US/lumos", ("en-US", "lumos", "CANDIDATEPORTAL")),
    ("https://jobs.dayforcehcm.com/en-US", ("en-US", None, "CANDIDATEPORTAL")),
    ("https://jobs.dayforcehcm.com/api/geo/acme/jobposting/search", ("en-US", None, "CANDIDATEPORTAL")),
])
def test_board_of(url, expected):
    assert board_of(url) == expected


@pytest.mark.parametrize("set_cookies, header", [
    ([b"__Host-next-auth.csrf-token=abc%7Cdef; Path=/; HttpOnly; Secure"], "__Host-next-auth.csrf-token=abc%7Cdef"),
    ([b"a=1; Path=/", b"b=2"], "a=1; b=2"),
    ([b"garbage", b""], ""),
    ([], ""),
])
def test_cookie_header(set_cookies, header):
    assert cookie_header(set_cookies) == header


@pytest.mark.parametrize("posting, expected", [
    (LISTED[0], [{"street": None, "city": "Minneapolis", "region": "MN", "postal_code": None, "country": "US"}]),
    # only the label filled: the label is the place's text
    (LISTED[3], ["Rochester, MN 55901, United States"]),
    # a state-only location of a virtual posting
    (LISTED[4], [{"street": None, "city": None, "region": "MN", "postal_code": None, "country": "US"}]),
    ({"postingLocations": None}, []),
    ({"postingLocations": ["odd", {"formattedAddress": ""}]}, []),
])
def test_places_of(posting, expected):
    assert places_of(posting) == expected


@pytest.mark.parametrize("text, expected", [
    ("<p>Already markup</p>", "<p>Already markup</p>"),
    ("&lt;p&gt;Escaped&lt;/p&gt;", "<p>Escaped</p>"),
    ("First part.\n\nPay & hours.", "<p>First part.</p><p>Pay &amp; hours.</p>"),
    ("", None),
    (None, None),
    (42, None),
])
def test_description_of(text, expected):
    assert description_of({"jobDescription": text}) == expected


@pytest.mark.parametrize("posting, expected", [
    (LISTED[0], {"external_id": "2201", "url": PORTAL + "/jobs/2201", "apply_url": PORTAL + "/jobs/2201",
                 "title": "Peer Support Specialist", "remote": False}),
    # the id as a string, a date without a zone, no expiry (evergreen)
    (LISTED[1], {"external_id": "2202", "valid_through": None}),
    (LISTED[3], {"valid_through": None, "remote": False}),
    (LISTED[4], {"remote": True, "title": "Recovery Coach - Statewide Telehealth (Remote)"}),
    ({"jobPostingId": None, "jobTitle": "  ", "postingLocations": "none"},
     {"external_id": None, "url": None, "title": None, "locations": [], "remote": False}),
])
def test_posting_fields(posting, expected):
    assert subset(posting_fields(posting, PORTAL), expected) == expected


def test_dates_are_the_posting_window():
    fields = posting_fields(LISTED[1], PORTAL)
    assert fields["date_posted"].endswith("T08:00:00") and "Z" not in fields["date_posted"]
    assert posting_fields(LISTED[0], PORTAL)["valid_through"].endswith("Z")
