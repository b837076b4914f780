"""Breezy HR: companies from portal URLs, and one /json position into raw-posting fields."""
import pytest

from crawlers.platforms.breezy import company_of, list_url, position_row
from tests.platforms.recorded import BASE, recorded, subset

POSITIONS = recorded("breezy", "positions.json")


@pytest.mark.parametrize("url, company", [
    ("https://peachtreepeer.breezy.hr/", "peachtreepeer"),
    ("https://peachtreepeer.breezy.hr/p/5e1f0c2a9b01-certified-peer-specialist-cps", "peachtreepeer"),
    ("https://PeachtreePeer.Breezy.HR/json", "peachtreepeer"),
    ("https://careers.peachtreepeer.example/", "careers.peachtreepeer.example"),  # a custom domain
    ("https://breezy.hr/", None),
    ("https://app.breezy.hr/signin", None),
    ("https://assets-cdn.breezy.hr/x.js", None),
    ("", None),
])
def test_company_of(url, company):
    assert company_of(url) == company


@pytest.mark.parametrize("url, expected", [
    ("https://peachtreepeer.breezy.hr/", "https://peachtreepeer.breezy.hr/json"),
    ("https://peachtreepeer.breezy.hr/p/5e1f-x?source=indeed#top", "https://peachtreepeer.breezy.hr/json"),
])
def test_list_url(url, expected):
    assert list_url(url) == expected


def ga(city):
    return {"street": None, "city": city, "region": "GA", "postal_code": None, "country": "US"}


@pytest.mark.parametrize("position, expected", [
    (POSITIONS[0], {"url": f"{BASE}/p/5e1f0c2a9b01-certified-peer-specialist-cps", "external_id": "5e1f0c2a9b01",
                    "title": "Certified Peer Specialist (CPS)", "employment_type": "Full-Time",
                    "locations": [ga("Atlanta")], "remote": False, "pay_text": "$18 - $22 / hr"}),
    # remote with a state and no city
    (POSITIONS[3], {"remote": True, "locations": [ga(None)], "employment_type": "Part-Time"}),
    # the newer `locations` list wins over `location`; an empty salary is none
    (POSITIONS[4], {"locations": [ga("Augusta"), ga("Athens")], "pay_text": None}),
    # worldwide remote: no place at all; no id, the friendly id
    ({"friendly_id": "9a-peer-mentor", "name": "Peer Mentor", "url": "https://x.breezy.hr/p/9a-peer-mentor",
      "location": {"is_remote": True, "name": "Worldwide"}, "salary": None, "type": None},
     {"external_id": "9a-peer-mentor", "remote": True, "locations": [], "employment_type": None}),
    # country and state given only by name; `type` as text
    ({"id": "1", "url": "https://x.breezy.hr/p/1", "type": "Contract",
      "location": {"city": "Rome", "state": {"name": "Georgia"}, "country": {"name": "United States"}}},
     {"employment_type": "Contract", "locations": [{"street": None, "city": "Rome", "region": "Georgia",
                                                    "postal_code": None, "country": "United States"}]}),
])
def test_position_row(position, expected):
    assert subset(position_row(position), expected) == expected


@pytest.mark.parametrize("position", [
    {"id": "1", "name": "Peer Mentor"},
    {"id": "1", "name": "Peer Mentor", "url": "javascript:alert(1)"},
    {"id": "1", "name": "Peer Mentor", "url": "/p/1-peer-mentor"},
    {"url": 42},
])
def test_a_position_without_an_http_page_is_no_row(position):
    assert position_row(position) is None
