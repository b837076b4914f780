"""USAJOBS: search parameters from either kind of URL, pay in both code styles, items into fields."""
import pytest
import yaml

from crawlers.platforms.usajobs import pay_of, posting_fields, search_query
from crawlers.platforms.usajobs_stations import station_label
from crawlers.sources import DEFAULT_SOURCES_FILE, parse_entries
from tests.platforms.recorded import days_ago, recorded, subset

ITEMS = recorded("usajobs", "search-1.json")["SearchResult"]["SearchResultItems"] + \
    recorded("usajobs", "search-2.json")["SearchResult"]["SearchResultItems"]


@pytest.mark.parametrize("url, query", [
    ("https://data.usajobs.gov/api/search?Keyword=peer%20support&JobCategoryCode=0102&Page=3",
     {"Keyword": ["peer support"], "JobCategoryCode": ["0102"]}),
    # the site's repeated agency parameter is one semicolon list in the API
    ("https://www.usajobs.gov/search/results/?k=peer&a=VATA&a=VATB&j=0102",
     {"Keyword": ["peer"], "Organization": ["VATA;VATB"], "JobCategoryCode": ["0102"]}),
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
                "locations": ["Tampa, FL, United States"], "applicant_areas": []}),
    # remote anywhere in the US: no place; pay interval given in words
    (ITEMS[1], {"remote": True, "locations": [], "pay_text": "$54,620 - $71,004 per year",
                "applicant_areas": ["United States"]}),
    # an int id, no apply link: the position page; a city without its state
    (ITEMS[2], {"external_id": "800000103", "apply_url": "https://www.usajobs.gov/job/800000103"}),
    # CityName without its state: the subdivision gives it
    (ITEMS[3], {"locations": ["Dallas, TX, United States"], "employment_type": ["Part-time"]}),
    ({"MatchedObjectDescriptor": None}, {"external_id": None, "title": None, "salary": None, "locations": []}),
])
def test_posting_fields(item, expected):
    assert subset(posting_fields(item), expected) == expected


def test_description_has_summary_duties_and_qualifications():
    description = posting_fields(ITEMS[0])["description_html"]
    assert "<h3>Duties</h3><ul><li>Shares own recovery story" in description
    assert "Facilitates recovery groups &amp; WRAP classes" in description
    assert description.index("Summary") < description.index("Duties") < description.index("Qualifications")


STATIONS = recorded("usajobs", "search-stations.json")["SearchResult"]["SearchResultItems"]


@pytest.mark.parametrize("location, label", [
    ({"LocationName": "Washington DC, District of Columbia", "CountryCode": "United States",
      "CountrySubDivisionCode": "District of Columbia", "CityName": "Washington DC, District of Columbia"},
     "Washington, DC, United States"),
    ({"CityName": "San Juan, Puerto Rico", "CountryCode": "United States", "CountrySubDivisionCode": "Puerto Rico"},
     "San Juan, PR, United States"),
    ({"CityName": "Hagatna, Guam", "CountryCode": "Guam", "CountrySubDivisionCode": "Guam"}, "Hagatna, GU, United States"),
    ({"CityName": "Christiansted, Virgin Islands", "CountryCode": "Virgin Islands", "CountrySubDivisionCode": ""},
     "Christiansted, VI, United States"),
    ({"CityName": "Kaiserslautern, Germany", "CountryCode": "Germany", "CountrySubDivisionCode": "Rheinland-Pfalz"},
     "Kaiserslautern, Rheinland-Pfalz, Germany"),
    ({"CityName": "Seoul, Korea, South", "CountryCode": "Korea, South", "CountrySubDivisionCode": "Seoul"},
     "Seoul, Korea, South"),
    ({"LocationName": "Dallas, Texas", "CityName": "Dallas", "CountrySubDivisionCode": "Texas"}, "Dallas, TX"),
    ({"CityName": "Anywhere in the U.S. (remote job)", "CountryCode": "United States", "CountrySubDivisionCode": ""}, None),
    ({"CityName": " Location Negotiable After Selection, United States", "CountryCode": "United States",
      "CountrySubDivisionCode": "N/A"}, None),
    ({"CityName": "Multiple Locations", "CountryCode": "United States"}, None),
    ({"CityName": "Tampa", "CountryCode": "United States", "CountrySubDivisionCode": None}, None),
    ({"CityName": 12, "CountryCode": None}, None),
])
def test_station_label(location, label):
    assert station_label(location) == label


@pytest.mark.parametrize("item, expected", [
    (STATIONS[0], {"locations": ["Washington, DC, United States"], "remote": False,
                   "title": "Peer Support Apprentice (Not To Exceed 1 Year)", "employment_type": ["Full-time", "Term"]}),
    # "Multiple Locations": every station, territories as US places
    (STATIONS[1], {"locations": ["San Juan, PR, United States", "Mayaguez, PR, United States",
                                 "Hagatna, GU, United States"], "remote": False, "pay_text": "$47,920 - $62,293 per year"}),
    (STATIONS[2], {"locations": [], "remote": True, "applicant_areas": ["United States"], "external_id": "810000203",
                   "apply_url": "https://www.usajobs.gov:443/job/810000203"}),
    # remote abroad: open to people in Germany, not across the US
    (STATIONS[3], {"locations": ["Kaiserslautern, Rheinland-Pfalz, Germany"], "remote": True,
                   "applicant_areas": ["Germany"], "employer": "Department of the Army"}),
    # a station listed twice, a remote entry and a negotiable one among them; without compensation
    (STATIONS[4], {"locations": ["Tampa, FL, United States"], "remote": True, "applicant_areas": ["United States"],
                   "salary": None, "pay_text": None}),
    (STATIONS[5], {"locations": ["Christiansted, VI, United States"], "apply_url": STATIONS[5]
                   ["MatchedObjectDescriptor"]["PositionURI"], "salary": None, "employment_type": []}),
])
def test_duty_stations(item, expected):
    assert subset(posting_fields(item), expected) == expected


def shipped_usajobs_queries():
    listed = parse_entries(yaml.safe_load(DEFAULT_SOURCES_FILE.read_text(encoding="utf-8"))["sources"])
    return {source.id: search_query(source.url) for source in listed.sources if source.platform == "usajobs"}


def test_shipped_va_searches_ask_for_the_series_the_va_posts_peers_in():
    """VA peer specialists (GS-0102-6 to 9) and peer support apprentices (GS-0102-5) are posted in
    series 0102, not 0199; the site-URL entry is read as the same API query."""
    queries = shipped_usajobs_queries()
    series = {code for query in queries.values() for code in query.get("JobCategoryCode", [])}
    assert series == {"0102"}
    assert queries["usajobs-va-peer-0102"] == {"Keyword": ["peer"], "JobCategoryCode": ["0102"]}
    assert queries["usajobs-va-peer-support-apprentice"] == {"Keyword": ["peer support apprentice"],
                                                             "JobCategoryCode": ["0102"]}
