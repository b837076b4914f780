"""SmartRecruiters: company ids from URLs, and a list entry plus its detail into raw-posting fields."""
import pytest

from crawlers.platforms.smartrecruiters import company_of, posting_fields
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
                         "locations": [{"street": None, "city": "New Orleans", "region": "LA",
                                        "postal_code": "70112", "country": "us"}]}),
    # without its detail: the public page is built, there is no description
    (LISTED[1], None, {"external_id": "744000000000102", "description_html": None,
                       "url": "https://jobs.smartrecruiters.com/Bayou/744000000000102"}),
    (LISTED[3], None, {"remote": True, "locations": [{"street": None, "city": None, "region": "LA",
                                                      "postal_code": None, "country": "us"}]}),
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
