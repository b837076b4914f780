"""normalize() is the boundary: any value of any field gives a posting or a noted problem, never a crash."""
from datetime import date

import pytest

from indexer.normalize import LIMITS, normalize

TODAY = date(2026, 11, 24)

GOOD = {
    "url": "https://hope.example/careers/1/", "apply_url": "https://hope.example/apply/1",
    "title": "Peer Support Specialist", "description_html": "<p>Walk with peers.</p>",
    "employer": "Hope Center", "date_posted": "2026-11-01", "valid_through": "2026-12-31",
    "employment_type": "Part-time", "remote": False, "salary": None, "pay_text": "$18 - $21 per hour",
    "locations": [{"city": "Dayton", "region": "Ohio", "postal_code": "45402-1234"}],
}
HOSTILE_VALUES = [None, 0, 12.5, True, [], {}, ["a", 1], {"a": {"b": 1}}, "x" * 5000,
                  "\x00\x07<script>alert(1)</script>", float("nan"), -5, 10**30]


def test_a_good_posting_is_fully_parsed():
    fields = normalize(GOOD).fields
    assert (fields["city"], fields["state"], fields["postal_code"]) == ("Dayton", "OH", "45402-1234")
    assert fields["latitude"] == pytest.approx(39.76, abs=0.1)
    assert (fields["pay_min"], fields["pay_max"], fields["pay_unit"]) == (18, 21, "HOUR")
    assert (fields["pay_annual_min"], fields["pay_annual_max"]) == (37440, 43680)
    assert fields["locations"] == [{"city": "Dayton", "state": "OH", "postal_code": "45402-1234",
                                    "latitude": fields["latitude"], "longitude": fields["longitude"]}]
    assert fields["employment_type"] == "PART_TIME"
    assert fields["is_peer"] and fields["category"] == "peer_specialist"
    assert str(fields["date_posted"]) == "2026-11-01"


@pytest.mark.parametrize("key", sorted(GOOD))
@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=lambda v: repr(v)[:20])
def test_any_value_of_any_field_never_raises_and_fits_the_store(key, value):
    fields = normalize(dict(GOOD, **{key: value})).fields
    for column, limit in {**LIMITS, "state": 2}.items():
        assert fields[column] is None or len(fields[column]) <= limit
    assert "<script" not in fields["description_html"]
    assert fields["apply_url"] is None or fields["apply_url"].startswith("https://")


@pytest.mark.parametrize("locations, problem", [
    (42, "location: expected a list"),
    ([{"city": "x" * 500, "region": "OH"}], "city: cut to 120"),
    ([{"city": "Atlantis", "region": "Sea"}], "location: not found"),
])
def test_location_problems_are_named(locations, problem):
    result = normalize(dict(GOOD, locations=locations))
    assert any(p.startswith(problem) for p in result.problems), result.problems


@pytest.mark.parametrize("key, value, problem", [
    ("date_posted", "next Tuesday-ish", "date_posted: unreadable"),
    ("apply_url", "javascript:alert(1)", "apply_url: not an http(s) link"),
    ("employment_type", "{{type}}", "employment_type: unfilled template"),
    ("employment_type", "Salaried", "employment_type: unrecognised"),
    ("valid_through", "when we find someone", "valid_through: unreadable"),
    ("title", ["Peer"], "title: expected text"),
])
def test_field_problems_are_named(key, value, problem):
    result = normalize(dict(GOOD, **{key: value}))
    assert any(p.startswith(problem) for p in result.problems), result.problems


def test_a_javascript_apply_link_falls_back_to_the_posting_page():
    assert normalize(dict(GOOD, apply_url="javascript:alert(1)")).fields["apply_url"] == GOOD["url"]


@pytest.mark.parametrize("remote, areas, area, state", [
    (False, ["Oregon"], None, "OH"),
    (True, [], "US", "OH"),
    (True, ["Oregon"], "OR", "OH"),
    (True, ["USA"], "US", "OH"),
    (True, ["Ohio", "Oregon"], "OH OR", "OH"),  # open to both states' residents, and no others
    (True, ["Canada"], "abroad", "OH"),
    (True, ["USA", "Colorado"], "CO", "OH"),
    (True, "Oregon", "OR", "OH"),
])
def test_remote_area(remote, areas, area, state):
    fields = normalize(dict(GOOD, remote=remote, applicant_areas=areas)).fields
    assert (fields["remote_area"], fields["state"]) == (area, state)


@pytest.mark.parametrize("locations, areas, description, area, state", [
    (["Remote"], [], "Colorado residents only.", "CO", "CO"),
    (["Remote"], ["United States"], "Open to candidates in WA, OR, ID.", "ID OR WA", None),
    (["Remote"], [], "Remote within Canada; bilingual French preferred.", "abroad", None),
    (["Remote - OH"], [], "Open to candidates in WA, OR, ID.", "OH", "OH"),  # the location text decides first
    (["Remote"], [], "You do not need to reside in Colorado.", "US", None),
    (["Dayton, OH"], [], "Colorado residents only.", None, "OH"),  # not remote: no area at all
])
def test_a_remote_area_read_from_the_description(locations, areas, description, area, state):
    item = dict(GOOD, locations=locations, applicant_areas=areas, remote=False, description_html=f"<p>{description}</p>")
    fields = normalize(item).fields
    assert (fields["remote_area"], fields["state"]) == (area, state)


def test_a_remote_job_without_a_place_takes_its_state_from_the_applicant_area():
    fields = normalize(dict(GOOD, remote=True, locations=[], applicant_areas=["Oregon"])).fields
    assert (fields["city"], fields["state"], fields["remote_area"]) == (None, "OR", "OR")


def test_a_posting_with_only_a_zip_is_placed_from_it():
    fields = normalize(dict(GOOD, locations=[{"postal_code": "45402"}])).fields
    assert (fields["city"], fields["state"], fields["postal_code"]) == ("Dayton", "OH", "45402")
    assert fields["latitude"] == pytest.approx(39.76, abs=0.1)


@pytest.mark.parametrize("locations, expected", [
    (["Dayton, OH; Columbus, OH"], [("Dayton", "OH", None), ("Columbus", "OH", None)]),
    ("Dayton, OH 45402", [("Dayton", "OH", "45402")]),
    ({"city": "Dayton", "region": "OH"}, [("Dayton", "OH", None)]),
    ([{"city": "Dayton, OH 45402"}], [("Dayton", "OH", "45402")]),      # JSON-LD address as one string
    ([{"city": "Dayton", "region": "OH"}, {"city": "Xenia", "region": "Ohio"}, {"city": "Dayton", "region": "OH"}],
     [("Dayton", "OH", None), ("Xenia", "OH", None)]),
    ([{"postal_code": "45402"}, "Springfield, IL"], [("Dayton", "OH", "45402"), ("Springfield", "IL", None)]),
    (["Ohio"], [(None, "OH", None)]),
])
def test_every_place_is_kept_and_geocoded(locations, expected):
    fields = normalize(dict(GOOD, locations=locations)).fields
    assert [(p["city"], p["state"], p["postal_code"]) for p in fields["locations"]] == expected
    first = fields["locations"][0]
    assert (fields["city"], fields["state"], fields["postal_code"]) == (first["city"], first["state"], first["postal_code"])
    assert (fields["latitude"], fields["longitude"]) == (first["latitude"], first["longitude"])
    assert all(p["latitude"] for p in fields["locations"] if p["city"])


@pytest.mark.parametrize("locations, remote, area, state, places", [
    (["Remote - OH"], True, "OH", "OH", 0),
    (["Remote"], True, "US", None, 0),
    (["Anywhere in the U.S. (remote job)"], True, "US", None, 0),
    (["Dayton, OH or Remote"], True, "US", "OH", 1),
    (["Hybrid - Dayton, OH"], False, None, "OH", 1),
    ([{"city": "Remote", "region": "Maryland"}], True, "MD", "MD", 0),
    (["Remote - OH, KY, IN"], True, "IN KY OH", None, 0),
    (["Remote: Ohio, Indiana or Michigan"], True, "IN MI OH", None, 0),
])
def test_remote_and_hybrid_places(locations, remote, area, state, places):
    fields = normalize(dict(GOOD, locations=locations, remote=False)).fields
    assert (fields["remote"], fields["remote_area"], fields["state"]) == (remote, area, state)
    assert len(fields["locations"]) == places


def test_a_remote_item_with_a_state_only_place_is_remote_in_that_state():
    fields = normalize(dict(GOOD, remote=True, locations=[{"region": "Maryland"}])).fields
    assert (fields["remote_area"], fields["state"], fields["locations"]) == ("MD", "MD", [])


@pytest.mark.parametrize("changes, expected", [
    ({"salary": {"value": {"minValue": 40000, "maxValue": 45000, "unitText": "YEAR"}}},
     (40000, 45000, "YEAR", 19.23, 21.63, 40000, 45000, "$18 - $21 per hour")),
    ({"pay_text": "Starting Salary: $12.58 hourly; $26,175 annually"},
     (12.58, 12.58, "HOUR", 12.58, 12.58, 26166, 26166, "Starting Salary: $12.58 hourly; $26,175 annually")),
    ({"pay_text": None, "title": "Recovery Mentor #58807 $22.44+ DOE"},
     (22.44, None, "HOUR", 22.44, None, 46675, None, "$22.44+")),
    ({"pay_text": None, "title": "Peer Support Specialist $1,000 Sign-on Bonus"},
     (None, None, None, None, None, None, None, None)),
    ({"pay_text": None, "description_html": "<p>Pay</p><p>$1,600.00 - $2,000.00 biweekly</p>"},
     (1600, 2000, "BIWEEK", 20, 25, 41600, 52000, "$1,600.00 - $2,000.00 biweekly")),
    ({"pay_text": "DOE"}, (None, None, None, None, None, None, None, "DOE")),
])
def test_pay_fields(changes, expected):
    fields = normalize(dict(GOOD, **changes)).fields
    keys = ("pay_min", "pay_max", "pay_unit", "pay_hourly_min", "pay_hourly_max", "pay_annual_min",
            "pay_annual_max", "pay_text")
    assert tuple(fields.get(key) for key in keys) == expected


@pytest.mark.parametrize("posted, expected", [
    ("Posted 3 Days Ago", date(2026, 11, 21)),
    ("Posted 30+ Days Ago", date(2026, 10, 25)),
    ("Date Posted: 11/02/2026", date(2026, 11, 2)),
    ("Revision Date: 01/05/2025", None),
    (1793620800000, date(2026, 11, 2)),
])
def test_posting_dates_count_back_from_the_given_day(posted, expected):
    assert normalize(dict(GOOD, date_posted=posted), today=TODAY).fields["date_posted"] == expected


def test_an_open_ended_closing_date_is_no_problem():
    result = normalize(dict(GOOD, valid_through="Continuous"))
    assert result.fields["valid_through"] is None and result.problems == []


@pytest.mark.parametrize("employment, title, expected", [
    ("FT/PT", "Peer Support Specialist", "FULL_TIME"),
    (None, "Peer Support Specialist - PRN", "PER_DIEM"),
    ("{{type}}", "Part-Time Peer Support Specialist", "PART_TIME"),
    ("Full-time", "Peer Support Specialist - PRN", "FULL_TIME"),   # the field wins over the title
])
def test_employment_type_from_the_field_else_the_title(employment, title, expected):
    assert normalize(dict(GOOD, employment_type=employment, title=title)).fields["employment_type"] == expected
