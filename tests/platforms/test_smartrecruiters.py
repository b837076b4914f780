"""SmartRecruiters: company ids from URLs, and a list entry plus its detail into raw-posting fields."""
import pytest

from crawlers.platforms.smartrecruiters import company_of, place_of, posting_fields
from tests.platforms.recorded import recorded, subset

LISTED = recorded("smartrecruiters", "postings-0.json")["content"] + \
    recorded("smartrecruiters", "postings-2.json")["content"]
DETAIL = recorded("smartrecruiters", "posting-101.json")


@pytest.mark.parametrize("url, company", [
    ("https://careers.smartrecruiters.com/BayouBehavioralHealth", "BayouBehavioralHealth"),
    ("https://jobs.smartrecruiters.com/BayouBehavioralHealth/744000000000101-peer-support", "BayouBehavioralHealth"),
    ("https://api.smartrecruiters.com/v1/companies/Acme/postings", "Acme"),
    ("https://careers.smartrecruiters.com/", None),
])
def test_company_of(url, company):
    assert company_of(url) == company


@pytest.mark.parametrize("listed, detail, expected", [
    (LISTED[0], DETAIL, {"external_id": "744000000000101", "employer": "Bayou Behavioral Health",
                         "employment_type": "Full-time", "remote": False,
                         "apply_url": DETAIL["applyUrl"],
                         "locations": ["New Orleans, LA, 70112, United States"]}),
    # without its detail: the public page is built, there is no description
    (LISTED[1], None, {"external_id": "744000000000102", "description_html": None,
                       "url": "https://jobs.smartrecruiters.com/Bayou/744000000000102"}),
    (LISTED[3], None, {"remote": True, "locations": ["LA, United States"], "applicant_areas": []}),
    ({"name": "Peer Specialist", "location": None, "company": "not an object"}, None,
     {"external_id": None, "url": None, "locations": [], "employer": None, "remote": False}),
])
def test_posting_fields(listed, detail, expected):
    assert subset(posting_fields(listed, detail, "Bayou"), expected) == expected


def test_description_sections_in_order_and_empty_ones_left_out():
    description = posting_fields(LISTED[0], DETAIL, "Bayou")["description_html"]
    assert description.index("Company Description") < description.index("$17.50") \
        < description.index("Qualifications")
    assert "Additional Information" not in description


SHAPES = recorded("smartrecruiters", "postings-shapes.json")["content"]


@pytest.mark.parametrize("listed, expected", [
    (SHAPES[0], {"locations": ["Lafayette, Louisiana, United States"], "remote": False, "applicant_areas": [],
                 "employment_type": "Full-time", "employer": "Bayou Behavioral Health"}),
    # remote abroad: fullLocation's empty region left out; open to people in Canada
    (SHAPES[1], {"locations": ["Remote, Canada"], "remote": True, "applicant_areas": ["Canada"]}),
    # a country code not known: fullLocation names it; a number id; typeOfEmployment null
    (SHAPES[2], {"locations": ["Wroclaw, Lower Silesian Voivodeship, Poland"], "external_id": "744000000000203",
                 "employment_type": None, "url": "https://jobs.smartrecruiters.com/Bayou/744000000000203"}),
    # a US remote job keeps its place (its state is where applicants may live)
    (SHAPES[3], {"locations": ["Shreveport, LA, 71101, United States"], "remote": True, "applicant_areas": []}),
])
def test_posting_api_shape(listed, expected):
    assert subset(posting_fields(listed, None, "Bayou"), expected) == expected


@pytest.mark.parametrize("location, label", [
    ({"city": "Dubai", "country": "ae", "fullLocation": "Dubai, , United Arab Emirates"}, "Dubai, United Arab Emirates"),
    ({"city": "Austin", "region": "TX", "country": "US"}, "Austin, TX, United States"),
    ({"region": "TX", "country": "us", "fullLocation": None}, "TX, United States"),
    ({"country": "us", "fullLocation": ", , United States"}, "United States"),
    ({"fullLocation": ""}, None),
    (None, None),
])
def test_place_of(location, label):
    assert place_of({"location": location}) == label
