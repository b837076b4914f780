"""Lever: site names from board URLs, and one posting into raw-posting fields."""
import pytest

from crawlers.platforms.ats_fields import with_country
from crawlers.platforms.lever import default_api_for, posting_fields, site_of
from tests.platforms.recorded import days_ago, recorded, subset

PAGE_0, PAGE_2 = recorded("lever", "postings-0.json"), recorded("lever", "postings-2.json")


@pytest.mark.parametrize("url, site, api", [
    ("https://jobs.lever.co/crossroadspeer", "crossroadspeer", "https://api.lever.co"),
    ("https://jobs.lever.co/crossroadspeer/5b0c7a2e-1111/apply", "crossroadspeer", "https://api.lever.co"),
    ("https://jobs.eu.lever.co/acme", "acme", "https://api.eu.lever.co"),
    ("https://api.lever.co/v0/postings/acme?mode=json", "acme", "https://api.lever.co"),
    ("https://jobs.lever.co/", None, "https://api.lever.co"),
])
def test_site_and_api(url, site, api):
    assert (site_of(url), default_api_for(url)) == (site, api)


def hourly(low, high, unit="HOUR"):
    return {"@type": "MonetaryAmount", "currency": "USD",
            "value": {"@type": "QuantitativeValue", "minValue": low, "maxValue": high, "unitText": unit}}


@pytest.mark.parametrize("posting, expected", [
    (PAGE_0[0], {"title": "Recovery Coach", "employment_type": "Part-time", "salary": hourly(18, 22),
                 "remote": False, "apply_url": PAGE_0[0]["applyUrl"]}),
    (PAGE_0[1], {"salary": hourly(42000, 48000, "YEAR"), "remote": False}),
    (PAGE_2[0], {"salary": None, "pay_text": "$39.00 - $46.00 per hour"}),
    # remote, and createdAt as digits in a string
    (PAGE_2[1], {"remote": True, "locations": ["Remote, United States"]}),
    ({"id": "x", "text": "Peer Mentor", "salaryRange": {"interval": "one-time", "min": 500, "max": 500}},
     {"salary": None, "date_posted": None, "url": None, "apply_url": None}),
    ({"text": "Peer Mentor", "createdAt": "not a date", "categories": None}, {"date_posted": None, "locations": []}),
    ({"text": "Peer Mentor", "country": "US",
      "categories": {"allLocations": ["Denver, CO", "Boulder, CO"], "location": "Denver, CO"}},
     {"locations": ["Denver, CO, United States", "Boulder, CO, United States"]}),
])
def test_posting_fields(posting, expected):
    assert subset(posting_fields(posting), expected) == expected


def test_epoch_milliseconds_become_the_posted_date():
    assert posting_fields(PAGE_0[0])["date_posted"].startswith(days_ago(1))
    assert posting_fields(PAGE_2[1])["date_posted"].startswith(days_ago(2))


def test_description_joins_body_lists_and_additional():
    description = posting_fields(PAGE_0[0])["description_html"]
    assert "<h3>Requirements</h3><ul><li>Two years in recovery</li>" in description
    assert description.index("Capitol Hill") < description.index("Requirements") < description.index("24 hours")


SHAPES = recorded("lever", "postings-shapes.json")


@pytest.mark.parametrize("posting, expected", [
    # several locations (one twice) with the posting's country; hybrid is not remote; a bi-weekly salary per week
    (SHAPES[0], {"locations": ["Denver, CO, United States", "Lakewood, CO, United States"], "remote": False,
                 "salary": hourly(920.0, 1080.0, "WEEK"), "pay_text": "Paid every other Friday.",
                 "employment_type": "Full-time"}),
    # country null; amounts as text
    (SHAPES[1], {"locations": ["Remote - Colorado"], "remote": True, "salary": hourly(19.5, 21.0)}),
    # a job abroad: the ISO code as the country's name, never a bare "CA"
    (SHAPES[2], {"locations": ["Toronto, Canada"], "remote": False,
                 "salary": {**hourly(52000.0, 58000.0, "YEAR"), "currency": "CAD"}}),
    # semi-monthly: twice a month
    (SHAPES[3], {"locations": ["Colorado Springs, CO, United States"], "salary": hourly(3800.0, None, "MONTH")}),
])
def test_postings_api_shape(posting, expected):
    assert subset(posting_fields(posting), expected) == expected


@pytest.mark.parametrize("label, country, found", [
    ("Denver, CO", "US", "Denver, CO, United States"),
    ("Toronto", "CA", "Toronto, Canada"),
    ("Bengaluru", "IN", "Bengaluru, India"),
    ("Remote - US", "US", "Remote - US"),
    ("Denver, CO, USA", "US", "Denver, CO, USA"),
    ("Lisbon", "PT", "Lisbon"),
    ("Denver, CO", None, "Denver, CO"),
])
def test_label_with_country(label, country, found):
    assert with_country(label, country) == found
