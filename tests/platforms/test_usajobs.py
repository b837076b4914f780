"""USAJOBS: search parameters from either kind of URL, pay in both code styles, items into fields."""
import pytest

from crawlers.platforms.usajobs import pay_of, posting_fields, search_query
from tests.platforms.recorded import days_ago, recorded, subset

ITEMS = recorded("usajobs", "search-1.json")["SearchResult"]["SearchResultItems"] + \
    recorded("usajobs", "search-2.json")["SearchResult"]["SearchResultItems"]


@pytest.mark.parametrize("url, query", [
    ("https://data.usajobs.gov/api/search?Keyword=peer%20support&JobCategoryCode=0199&Page=3",
     {"Keyword": ["peer support"], "JobCategoryCode": ["0199"]}),
    ("https://www.usajobs.gov/search/results/?k=peer%20specialist&j=0102&d=VA&p=2&sort=enddate",
     {"Keyword": ["peer specialist"], "JobCategoryCode": ["0102"], "Organization": ["VA"]}),
    ("https://www.usajobs.gov/search/results/?l=Tampa%2C%20Florida&hp=vet",
     {"LocationName": ["Tampa, Florida"], "HiringPath": ["vet"]}),
    ("https://www.usajobs.gov/", {}),
])
def test_search_query(url, query):
    assert search_query(url) == query


def amount(low, high, unit):
    return {"@type": "MonetaryAmount", "currency": "USD",
            "value": {"@type": "QuantitativeValue", "minValue": low, "maxValue": high, "unitText": unit}}


@pytest.mark.parametrize("remuneration, expected", [
    ({"MinimumRange": "61111.0", "MaximumRange": "99314.0", "RateIntervalCode": "PA", "Description": "Per Year"},
     (amount(61111.0, 99314.0, "YEAR"), "$61,111 - $99,314 per year")),
    ({"MinimumRange": "54,620", "MaximumRange": "71,004", "RateIntervalCode": "Per Year"},
     (amount(54620.0, 71004.0, "YEAR"), "$54,620 - $71,004 per year")),
    ({"MinimumRange": "23.50", "MaximumRange": "23.50", "RateIntervalCode": "PH", "Description": "Per Hour"},
     (amount(23.5, 23.5, "HOUR"), "$23.50 per hour")),
    ({"MinimumRange": "2400", "MaximumRange": "3000", "RateIntervalCode": "BW", "Description": "Bi-weekly"},
     (amount(1200.0, 1500.0, "WEEK"), "$2,400 - $3,000 bi-weekly")),
    ({"MinimumRange": "0", "MaximumRange": "0", "RateIntervalCode": "WC", "Description": "Without Compensation"},
     (None, None)),
    ({"MinimumRange": "n/a", "MaximumRange": None, "RateIntervalCode": "PA"}, (None, None)),
])
def test_pay_of(remuneration, expected):
    assert pay_of({"PositionRemuneration": [remuneration]}) == expected


@pytest.mark.parametrize("item, expected", [
    (ITEMS[0], {"external_id": "800000101", "title": "Peer Specialist", "employer": "Veterans Health Administration",
                "url": "https://www.usajobs.gov/job/800000101", "employment_type": ["Full-time", "Permanent"],
                "date_posted": days_ago(2) + "T00:00:00.0000", "remote": False,
                "locations": ["Tampa, Florida"]}),
    # remote anywhere in the US: no place; pay interval given in words
    (ITEMS[1], {"remote": True, "locations": [], "pay_text": "$54,620 - $71,004 per year"}),
    # an int id, no apply link: the position page; a city without its state
    (ITEMS[2], {"external_id": "800000103", "apply_url": "https://www.usajobs.gov/job/800000103"}),
    (ITEMS[3], {"locations": [{"street": None, "city": "Dallas", "region": "Texas", "postal_code": None,
                               "country": None}], "employment_type": ["Part-time"]}),
    ({"MatchedObjectDescriptor": None}, {"external_id": None, "title": None, "salary": None, "locations": []}),
])
def test_posting_fields(item, expected):
    assert subset(posting_fields(item), expected) == expected


def test_description_has_summary_duties_and_qualifications():
    description = posting_fields(ITEMS[0])["description_html"]
    assert "<h3>Duties</h3><ul><li>Shares own recovery story" in description
    assert "Facilitates recovery groups &amp; WRAP classes" in description
    assert description.index("Summary") < description.index("Duties") < description.index("Qualifications")
