"""normalize() is the boundary: any value of any field gives a posting or a noted problem, never a crash."""
import pytest

from indexer.normalize import LIMITS, normalize

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
    ("Dayton, OH", "location: expected a list"),
    ([{"city": "x" * 500, "region": "OH"}], "city: cut to 120"),
    ([{"city": "Atlantis", "region": "Sea"}], "location: not found"),
])
def test_location_problems_are_named(locations, problem):
    result = normalize(dict(GOOD, locations=locations))
    assert any(p.startswith(problem) for p in result.problems), result.problems


@pytest.mark.parametrize("key, value, problem", [
    ("date_posted", "next Tuesday-ish", "date_posted: unreadable"),
    ("apply_url", "javascript:alert(1)", "apply_url: not an http(s) link"),
    ("employment_type", "{{type}}", "employment_type: unrecognised"),
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
    (True, ["Ohio", "Oregon"], "US", "OH"),
    (True, "Oregon", "OR", "OH"),
])
def test_remote_area(remote, areas, area, state):
    fields = normalize(dict(GOOD, remote=remote, applicant_areas=areas)).fields
    assert (fields["remote_area"], fields["state"]) == (area, state)


def test_a_remote_job_without_a_place_takes_its_state_from_the_applicant_area():
    fields = normalize(dict(GOOD, remote=True, locations=[], applicant_areas=["Oregon"])).fields
    assert (fields["city"], fields["state"], fields["remote_area"]) == (None, "OR", "OR")


def test_a_posting_with_only_a_zip_is_placed_from_it():
    fields = normalize(dict(GOOD, locations=[{"postal_code": "45402"}])).fields
    assert (fields["city"], fields["state"], fields["postal_code"]) == ("Dayton", "OH", "45402")
    assert fields["latitude"] == pytest.approx(39.76, abs=0.1)
