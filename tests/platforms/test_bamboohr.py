"""BambooHR: a list entry and its detail into raw-posting fields, both location shapes."""
import pytest

from crawlers.platforms.bamboohr import posting_fields
from tests.platforms.recorded import days_ago, recorded, subset

LISTED = recorded("bamboohr", "list.json")["result"]
ORIGIN = "https://prairiehope.bamboohr.com"


def at(*parts):
    return [", ".join(part for part in parts if part)]


@pytest.mark.parametrize("listed, detail, expected", [
    (LISTED[0], recorded("bamboohr", "detail-42.json"),
     {"external_id": "42", "url": f"{ORIGIN}/careers/42", "date_posted": days_ago(2),
      "pay_text": "$18.00 - $21.00 per hour", "employment_type": "Full-Time", "locations": at("Omaha", "Nebraska")}),
    # an int id; the office is all null, so the free-entered location counts
    (LISTED[1], None, {"external_id": "43", "url": f"{ORIGIN}/careers/43", "date_posted": None,
                       "description_html": None, "locations": at("Lincoln", "NE", "United States")}),
    (LISTED[3], recorded("bamboohr", "detail-45.json"),
     {"remote": True, "pay_text": None, "locations": at(None, "Nebraska", "United States")}),
    ({"id": None, "jobOpeningName": "Peer Mentor", "location": None, "atsLocation": "?"}, {"result": None},
     {"external_id": None, "url": None, "locations": [], "remote": False}),
    ({"id": "9", "jobOpeningName": "Peer Mentor"}, {"result": {"jobOpening": {"compensation": {"min": 1}}}},
     {"pay_text": None}),
])
def test_posting_fields(listed, detail, expected):
    assert subset(posting_fields(listed, detail, ORIGIN), expected) == expected


SHAPES = recorded("bamboohr", "list-shapes.json")["result"]


@pytest.mark.parametrize("listed, expected", [
    (SHAPES[0], {"locations": ["Grand Island, Nebraska, 68801, United States"], "remote": False}),
    (SHAPES[1], {"locations": ["Nebraska, United States"], "remote": True, "external_id": "62"}),
    # a province abroad, named with its country
    (SHAPES[2], {"locations": ["Winnipeg, Manitoba, Canada"], "remote": False}),
    # locationType 2 is hybrid, not remote; atsLocation null
    (SHAPES[3], {"locations": ["Kearney, NE"], "remote": False}),
])
def test_careers_list_shape(listed, expected):
    assert subset(posting_fields(listed, None, ORIGIN), expected) == expected
