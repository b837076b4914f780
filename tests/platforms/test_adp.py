"""ADP Workforce Now: career-center ids from URLs, and a requisition into raw-posting fields."""
import pytest

from crawlers.platforms.adp import career_center, posting_fields
from tests.platforms.recorded import recorded, subset

LISTED = recorded("adp", "requisitions-0.json")["jobRequisitions"] + \
    recorded("adp", "requisitions-2.json")["jobRequisitions"]
CENTER = {"cid": "5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b", "ccId": "19000101_000001", "lang": "en_US"}
ORIGIN = "https://workforcenow.adp.com"


@pytest.mark.parametrize("url, center", [
    (f"{ORIGIN}/mascsr/default/mdf/recruitment/recruitment.html?cid={CENTER['cid']}&ccId=19000101_000001&lang=en_US",
     CENTER),
    (f"{ORIGIN}/mascsr/default/mdf/recruitment/recruitment.html?cid=abc", {"cid": "abc", "lang": "en_US"}),
    (f"{ORIGIN}/mascsr/default/mdf/recruitment/recruitment.html", {"lang": "en_US"}),
])
def test_career_center(url, center):
    assert career_center(url) == center


def salary(low, high):
    return {"@type": "MonetaryAmount", "currency": "USD",
            "value": {"@type": "QuantitativeValue", "minValue": low, "maxValue": high, "unitText": None}}


@pytest.mark.parametrize("listed, detail, expected", [
    (LISTED[0], recorded("adp", "requisition-1.json"),
     {"external_id": "9200000000001_1", "salary": salary(18.0, 21.0), "employment_type": "Full Time",
      "url": f"{ORIGIN}/mascsr/default/mdf/recruitment/recruitment.html?cid={CENTER['cid']}"
             "&ccId=19000101_000001&lang=en_US&jobId=9200000000001_1",
      "locations": ["Charlotte, NC, 28202, United States"]}),
    # no address: the short name, without its leading space, is the place's text
    (LISTED[1], None, {"salary": salary(45000, 52000), "description_html": None,
                       "locations": ["Greensboro, NC, US"]}),
    (LISTED[3], {"jobRequisitions": [recorded("adp", "requisition-4.json")]},
     {"remote": True, "salary": None, "locations": ["Remote, NC, US"]}),
    ({"itemID": None, "clientRequisitionID": 3751, "requisitionTitle": "Peer Mentor", "requisitionLocations": None},
     None, {"external_id": "3751", "locations": [], "salary": None}),
])
def test_posting_fields(listed, detail, expected):
    assert subset(posting_fields(listed, detail, CENTER, ORIGIN), expected) == expected


def test_detail_description_is_used():
    fields = posting_fields(LISTED[0], recorded("adp", "requisition-1.json"), CENTER, ORIGIN)
    assert fields["description_html"].startswith("<p>Use your recovery experience")


SHAPES = recorded("adp", "requisitions-shapes.json")["jobRequisitions"]


@pytest.mark.parametrize("listed, expected", [
    # the label leads with the work site's name: the address wins; amounts as text
    (SHAPES[0], {"locations": ["Raleigh, NC, 27601, United States", "Cary, NC, 27511"], "remote": False,
                 "salary": salary("19.25", "23.00"), "employment_type": "Full Time"}),
    # no city or state in the address: the label; no figures, no pay
    (SHAPES[1], {"locations": ["Remote, NC"], "remote": True, "salary": None, "employment_type": None}),
    # no address at all; the same label twice
    (SHAPES[2], {"locations": ["Asheville, NC, US"], "external_id": "9200000000103_1"}),
])
def test_requisition_shape(listed, expected):
    assert subset(posting_fields(listed, None, CENTER, ORIGIN), expected) == expected
