"""Oracle Recruiting Cloud: site number from URLs, and a requisition with its detail into fields."""
import pytest

from crawlers.platforms.oraclecloud import description_of, pay_text_of, places_of, posting_fields, site_of
from tests.platforms.recorded import days_ago, recorded, subset

LISTED = recorded("oraclecloud", "requisitions-0.json")["items"][0]["requisitionList"] + \
    recorded("oraclecloud", "requisitions-3.json")["items"][0]["requisitionList"]
SITE = "https://ebbh.fa.us2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1"


def detail(number):
    return recorded("oraclecloud", f"detail-{number}.json")


@pytest.mark.parametrize("url, expected", [
    (SITE, ("en", "CX_1")),
    (SITE + "/requisitions?keyword=peer", ("en", "CX_1")),
    (SITE + "/job/3001/?utm_medium=jobshare", ("en", "CX_1")),
    ("https://eeho.fa.us2.oraclecloud.com/hcmUI/CandidateExperience/fr-CA/sites/CX_1001/job/12", ("fr-CA", "CX_1001")),
    ("https://x.fa.ocs.oraclecloud.com/hcmRestApi/resources/latest/recruitingCEJobRequisitions"
     "?finder=findReqs;siteNumber=CX_45001,limit=25", ("en", "CX_45001")),
    ("https://ebbh.fa.us2.oraclecloud.com/hcmUI/CandidateExperience/en/", ("en", None)),
    ("https://ebbh.fa.us2.oraclecloud.com/", ("en", None)),
])
def test_site_of(url, expected):
    assert site_of(url) == expected


@pytest.mark.parametrize("job, expected", [
    ({"ExternalDescriptionStr": "<p>A</p>", "ExternalQualificationsStr": "<ul><li>B</li></ul>"},
     "<p>A</p>\n<ul><li>B</li></ul>"),
    # responsibilities and qualifications the same text, the corporate text the description again
    (detail(3002)["items"][0], detail(3002)["items"][0]["ExternalDescriptionStr"] + "\n"
     + detail(3002)["items"][0]["ExternalResponsibilitiesStr"]),
    ({"ExternalDescriptionStr": None, "ShortDescriptionStr": "Only the teaser."}, "<p>Only the teaser.</p>"),
    ({"ExternalDescriptionStr": "  "}, None),
])
def test_description_of(job, expected):
    assert description_of(job) == expected


@pytest.mark.parametrize("job, expected", [
    (detail(3001)["items"][0], [{"street": "100 Main Street", "city": "Lexington", "region": "KY",
                                 "postal_code": "40507", "country": "US"}]),
    # no work address: the primary and secondary labels
    (detail(3002)["items"][0], ["Louisville, KY, United States", "Shepherdsville, KY, United States"]),
    (LISTED[3], ["Kentucky, United States"]),
    ({"workLocation": [{"TownOrCity": None, "Region2": None}], "PrimaryLocation": None, "secondaryLocations": "x"}, []),
])
def test_places_of(job, expected):
    assert places_of(job) == expected


@pytest.mark.parametrize("job, expected", [
    (detail(3002)["items"][0], "$17.00 - $19.00 Hourly"),
    ({"requisitionFlexFields": [{"Prompt": "Hiring Range", "Value": "$45,000 - $52,000"}]}, "$45,000 - $52,000"),
    ({"requisitionFlexFields": [{"Prompt": "Program", "Value": "ACT"}]}, None),
    ({"requisitionFlexFields": None}, None),
    ({"requisitionFlexFields": ["odd", {"Prompt": 7}]}, None),
])
def test_pay_text_of(job, expected):
    assert pay_text_of(job) == expected


@pytest.mark.parametrize("listed, info, expected", [
    (LISTED[0], detail(3001), {"external_id": "3001", "url": SITE + "/job/3001", "employment_type": "Full time",
                               "employer": "Bluegrass Bridges Behavioral Health", "remote": False,
                               "date_posted": days_ago(2) + "T14:05:11+00:00", "valid_through": None}),
    # a null legal employer and schedule-free list: the detail's values, nulls not overwriting the list
    (LISTED[1], detail(3002), {"employer": None, "employment_type": "Part time", "pay_text": "$17.00 - $19.00 Hourly",
                               "valid_through": days_ago(-26) + "T23:59:00+00:00"}),
    # the Id as a number, a remote workplace
    (LISTED[3], detail(3004), {"external_id": "3004", "remote": True, "locations": ["Kentucky, United States"]}),
    # the detail finder found nothing: the list alone
    (LISTED[4], {"items": []}, {"date_posted": days_ago(9), "employment_type": None,
                                "locations": ["Bowling Green, KY, United States"],
                                "description_html": f"<p>{LISTED[4]['ShortDescriptionStr']}</p>"}),
    (LISTED[4], None, {"title": "Family Peer Support Specialist", "remote": False}),
    ({"Id": None, "Title": None}, {"items": "broken"}, {"external_id": None, "url": None, "title": None}),
])
def test_posting_fields(listed, info, expected):
    assert subset(posting_fields(listed, info, SITE), expected) == expected
