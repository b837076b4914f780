"""UKG Pro (UltiPro): board paths from URLs, and one search result into raw-posting fields."""
import pytest

from crawlers.platforms.ultipro import board_path, posting_fields
from tests.platforms.recorded import recorded, subset

JOBS = recorded("ultipro", "opportunities.json")["opportunities"]
BOARD = "https://recruiting.ultipro.com/GLR1001GLRA/JobBoard/3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9"


@pytest.mark.parametrize("url, path", [
    (BOARD + "/?q=&o=postedDateDesc", "/GLR1001GLRA/JobBoard/3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9"),
    (BOARD + "/OpportunityDetail?opportunityId=1", "/GLR1001GLRA/JobBoard/3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9"),
    ("https://acme.rec.pro.ukg.net/ACM1000ACME/JobBoard/00000000-0000-0000-0000-000000000000",
     "/ACM1000ACME/JobBoard/00000000-0000-0000-0000-000000000000"),
    ("https://recruiting.ultipro.com/GLR1001GLRA/", None),
])
def test_board_path(url, path):
    assert board_path(url) == path


@pytest.mark.parametrize("job, expected", [
    (JOBS[0], {"external_id": JOBS[0]["Id"], "employment_type": "FULL_TIME", "remote": False,
               "url": f"{BOARD}/OpportunityDetail?opportunityId={JOBS[0]['Id']}",
               "apply_url": f"{BOARD}/OpportunityApply?opportunityId={JOBS[0]['Id']}",
               "locations": ["Detroit, MI, 48201, United States"]}),
    (JOBS[1], {"employment_type": "PART_TIME",
               "description_html": "<p>Coach people in recovery at our Grand Rapids drop-in center. "
                                   "<b>$18/hour</b>.</p>"}),
    (JOBS[3], {"employment_type": None, "remote": True}),
    ({"Id": None, "RequisitionNumber": 1234, "Title": "Peer Mentor", "Locations": [{"Address": None}],
      "FullTime": "yes"},
     {"external_id": "1234", "url": None, "apply_url": None, "locations": [], "employment_type": None}),
])
def test_posting_fields(job, expected):
    assert subset(posting_fields(job, BOARD), expected) == expected


def test_plain_brief_description_is_escaped_into_a_paragraph():
    fields = posting_fields({"Title": "Peer", "BriefDescription": "Pay: $17 & up <3 a day"}, BOARD)
    assert fields["description_html"] == "<p>Pay: $17 &amp; up &lt;3 a day</p>"


SHAPES = recorded("ultipro", "opportunities-shapes.json")["opportunities"]


@pytest.mark.parametrize("opportunity, expected", [
    (SHAPES[0], {"locations": ["Flint, MI, 48502, United States", "Saginaw, MI, 48601, United States"],
                 "employment_type": "FULL_TIME", "remote": False}),
    # a Canadian board: the country's name, so "ON" is not read as a US state
    (SHAPES[1], {"locations": ["Windsor, ON, N9A 1B2, Canada"], "employment_type": "PART_TIME"}),
    # a remote location with no address, one with a null Address
    (SHAPES[2], {"locations": [], "remote": True, "employment_type": None, "description_html": None}),
    # a state with only its name; a country with only its code
    (SHAPES[3], {"locations": ["Marquette, Michigan, United States"], "external_id": SHAPES[3]["Id"]}),
])
def test_search_result_shape(opportunity, expected):
    assert subset(posting_fields(opportunity, BOARD), expected) == expected


def test_entities_in_a_plain_description_are_not_escaped_twice():
    assert posting_fields(SHAPES[0], BOARD)["description_html"] == \
        "<p>Coach people in early recovery at two clinics &amp; in the community.</p>"
