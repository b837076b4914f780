"""Recruitee: companies from careers-site URLs, and one offer into raw-posting fields."""
import pytest

from crawlers.platforms.recruitee import company_of, offer_fields, posted_of
from tests.platforms.recorded import days_ago, recorded, subset

OFFERS = recorded("recruitee", "offers.json")["offers"]
OLDER = recorded("recruitee", "offers-older.json")["offers"]


@pytest.mark.parametrize("url, company", [
    ("https://northstarpeer.recruitee.com/", "northstarpeer"),
    ("https://northstarpeer.recruitee.com/o/peer-recovery-specialist", "northstarpeer"),
    ("https://NorthStarPeer.Recruitee.com/api/offers/", "northstarpeer"),
    ("https://careers.northstarpeer.example/", "careers.northstarpeer.example"),  # a custom domain
    ("https://notrecruitee.com/jobs", "notrecruitee.com"),  # another domain, not a Recruitee subdomain
    ("https://recruitee.com/", None),
    ("https://www.recruitee.com/careers", None),
    ("https://app.recruitee.com/#/offers", None),
    ("not a url", None),
])
def test_company_of(url, company):
    assert company_of(url) == company


def money(low, high, unit):
    return {"@type": "MonetaryAmount", "currency": "USD",
            "value": {"@type": "QuantitativeValue", "minValue": low, "maxValue": high, "unitText": unit}}


def mn(city, postal_code):
    return {"street": None, "city": city, "region": "MN", "postal_code": postal_code, "country": "US"}


@pytest.mark.parametrize("offer, expected", [
    (OFFERS[0], {"external_id": "2210001", "title": "Peer Recovery Specialist", "remote": False,
                 "employment_type": "fulltime permanent", "salary": money("21.00", "24.50", "HOUR"),
                 "locations": [mn("Minneapolis", "55407")], "employer": "North Star Peer Recovery Collective",
                 "apply_url": "https://northstarpeer.recruitee.com/o/peer-recovery-specialist/c/new"}),
    (OFFERS[1], {"salary": money(19, 22, "HOUR"), "employment_type": "parttime", "remote": False}),  # hybrid
    (OFFERS[2], {"salary": money("78000", "92000", "YEAR")}),
    (OFFERS[3], {"remote": True, "locations": [mn(None, None)], "employment_type": "parttime permanent"}),
    # the older flat address; an all-null salary; the id as a string
    (OFFERS[4], {"external_id": "2210005", "salary": None, "locations": [mn("Duluth", "55802")]}),
    # no state, no apply link, remote null, no salary key, padded title
    (OLDER[0], {"title": "Peer Support Specialist", "remote": False, "salary": None,
                "employment_type": "parttime fixed term",
                "apply_url": "https://northstarpeer.recruitee.com/o/peer-support-specialist-mankato",
                "locations": [{"street": None, "city": "Mankato", "region": None, "postal_code": None,
                               "country": "United States"}]}),
    # an empty `locations` list falls back to the flat address; a zero salary is none
    (OLDER[1], {"employment_type": None, "salary": None, "date_posted": "not a date",
                "apply_url": "https://northstarpeer.recruitee.com/o/peer-mentor",
                "locations": [{"street": None, "city": None, "region": "MN", "postal_code": None, "country": None}]}),
    ({"title": "Peer Mentor", "salary": {"min": "18", "max": "20", "period": "one-time"}, "locations": "Duluth"},
     {"salary": None, "locations": [], "url": None, "external_id": None, "description_html": None}),
    ({"slug": "peer-mentor", "salary": "18-20", "remote": "yes"}, {"external_id": "peer-mentor", "salary": None,
                                                                    "remote": False}),
])
def test_offer_fields(offer, expected):
    assert subset(offer_fields(offer), expected) == expected


@pytest.mark.parametrize("offer, posted", [
    (OFFERS[0], f"{days_ago(1)}T09:00:00+00:00"),
    (OFFERS[4], f"{days_ago(8)}T11:20:00+00:00"),  # published_at null: created_at
    (OLDER[0], f"{days_ago(12)}T07:05:00+00:00"),
    ({"published_at": "2026-02-03T10:00:00.000Z"}, "2026-02-03T10:00:00.000Z"),
    ({"published_at": 20260203}, "20260203"),
    ({}, None),
])
def test_posted_of(offer, posted):
    assert posted_of(offer) == posted


def test_description_joins_description_and_requirements():
    description = offer_fields(OFFERS[0])["description_html"]
    assert description.index("Lake Street") < description.index("<h3>Requirements</h3>")
    assert "<h3>" not in offer_fields(OFFERS[4])["description_html"]  # empty requirements left out
