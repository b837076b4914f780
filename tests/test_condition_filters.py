"""The conditions of the job on the posting page, as filters of the results page and as API
parameters, read through the real app over a SQLite store and its search index."""
from __future__ import annotations

import html as html_lib
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support import folder_settings
from tests.test_openapi import CheckedClient
from tests.test_webapp import AGENCY, fields, page
from tests.web_support import indexed_board, seed_postings
from webapp import create_app

BOARD = {
    "weekday": dict(employment_type="PART_TIME", facets={
        "hours_per_week": [20, 20], "schedule": ["days"], "requirements": [], "education": "none",
        "record_friendly": True, "recovery_months": None}),
    "nights": dict(employment_type="FULL_TIME", facets={
        "hours_per_week": [36, 40], "schedule": ["nights", "weekends"], "education": "degree",
        "requirements": ["drivers_license", "own_vehicle", "background_check", "time_in_recovery"],
        "record_friendly": False, "recovery_months": 24}),
    "short": dict(employment_type="PART_TIME", facets={
        "hours_per_week": [12, 24], "schedule": ["evenings"], "requirements": ["own_vehicle", "background_check"],
        "education": "high_school", "record_friendly": False, "recovery_months": 6}),
    "unstated": dict(employment_type=None, facets={}),
}


def seed(session):
    postings = {name: fields(url=f"https://agency.example/careers/{name}/", title=f"Peer Support Specialist {name}",
                             **values) for name, values in BOARD.items()}
    return seed_postings(session, AGENCY, postings)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    settings = folder_settings(tmp_path_factory.mktemp("conditions"))
    ids = indexed_board(settings, seed)
    return ids, create_app(settings, TESTING=True).test_client()


def shown(site, query: str) -> set[str]:
    """The board's postings the results page lists for a query string."""
    ids, client = site
    names = {posting_id: name for name, posting_id in ids.items()}
    html = page(client, f"/jobs?{query}")
    cards = html.split('<ol class="cards">', 1)[1].split("</ol>", 1)[0] if '<ol class="cards">' in html else ""
    return {names[int(found)] for found in re.findall(r'href="/jobs/(\d+)', cards)}


def text_of(html: str) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.parametrize("query, names", [
    ("", {"weekday", "nights", "short", "unstated"}),
    ("weekly_hours=under_20", {"short"}),
    ("weekly_hours=20_29", {"weekday", "short"}),
    ("weekly_hours=30_plus", {"nights"}),
    ("weekly_hours=under_20&weekly_hours=30_plus", {"short", "nights"}),
    ("weekly_hours=under_20,30_plus", {"short", "nights"}),
    ("schedule=days", {"weekday"}),
    ("schedule=evenings", {"short"}),
    ("schedule=nights", {"nights"}),
    ("schedule=weekends", {"nights"}),
    ("schedule=days,evenings", {"weekday", "short"}),
    ("no_license_mentioned=1", {"weekday", "short", "unstated"}),
    ("no_car_mentioned=1", {"weekday", "unstated"}),
    ("no_background_check_mentioned=1", {"weekday", "unstated"}),
    ("record_friendly=1", {"weekday"}),
    ("no_recovery_minimum=1", {"weekday", "unstated"}),
    ("no_degree_needed=1", {"weekday", "short"}),
    ("no_license_mentioned=1&weekly_hours=20_29", {"weekday", "short"}),
    ("no_car_mentioned=1&weekly_hours=20_29&schedule=days", {"weekday"}),
    ("record_friendly=1&schedule=nights", set()),
])
def test_each_condition_filter_keeps_the_postings_that_meet_it(site, query, names):
    assert shown(site, query) == names


@pytest.mark.parametrize("query", [
    "weekly_hours=lots", "weekly_hours=", "schedule=brunch", "schedule=days%00", "record_friendly=maybe",
    "no_degree_needed=%E2%9C%93", "weekly_hours=" + "9" * 300, "schedule=on_call",
])
def test_bad_condition_values_are_ignored(site, query):
    assert shown(site, query) == set(BOARD)
    assert '<ul class="chips"' not in page(site[1], f"/jobs?{query}")


def test_a_chosen_condition_shows_as_a_chip_that_removes_it(site):
    html = page(site[1], "/jobs?record_friendly=1&schedule=days")
    chips = html.split('<ul class="chips"', 1)[1].split("</ul>", 1)[0]
    removals = dict(zip(re.findall(r"Remove filter: </span>([^<]+?) <", chips),
                        (parse_qs(urlsplit(html_lib.unescape(href)).query)
                         for href in re.findall(r'href="([^"]+)"', chips))))
    assert removals == {"Schedule: Days": {"record_friendly": ["1"]},
                        "Record-friendly, as the employer says": {"schedule": ["days"]}}


def test_the_filter_links_count_and_keep_the_other_filters(site):
    html = page(site[1], "/jobs?no_background_check_mentioned=1")
    panel = text_of(html.split('<details class="refine filters">', 1)[1].split("</details>", 1)[0])
    assert "30 hours or more" not in panel and "Nights" not in panel  # values without jobs are left out
    assert "Hours a week 20 to 29 hours 1" in panel and "Schedule Days 1" in panel
    assert "No background check mentioned 2" in panel and "Record-friendly, as the employer says 1" in panel
    link = re.search(r'href="([^"]*schedule=days[^"]*)"', html).group(1)
    assert parse_qs(urlsplit(html_lib.unescape(link)).query) == {
        "no_background_check_mentioned": ["1"], "schedule": ["days"]}


def test_paging_and_the_search_form_keep_the_condition_filters(site):
    html = page(site[1], "/jobs?no_license_mentioned=1&weekly_hours=20_29&per_page=1")
    following = re.search(r'<a rel="next" href="([^"]+)"', html).group(1)
    assert parse_qs(urlsplit(html_lib.unescape(following)).query) == {
        "no_license_mentioned": ["1"], "weekly_hours": ["20_29"], "per_page": ["1"], "page": ["2"]}
    assert '<input type="hidden" name="no_license_mentioned" value="1">' in html
    assert '<input type="hidden" name="weekly_hours" value="20_29">' in html


def fact_box(site, name: str) -> str:
    html = page(site[1], f"/jobs/{site[0][name]}")
    return text_of(html.split('<dl class="factbox">', 1)[1].split("</dl>", 1)[0])


def test_the_fact_box_states_the_conditions(site):
    facts = fact_box(site, "nights")
    for said in ("Hours Full-time, 36-40 hours a week", "Schedule Nights, weekends",
                 "Asks for Driver's license, own car, background check",
                 "Recovery At least 2 years", "Education A degree"):
        assert said in facts
    assert "Record" not in facts, "a record is named only when the posting says it is no bar"
    assert "Record Not an automatic barrier" in fact_box(site, "weekday")
    assert "Education No degree or diploma needed" in fact_box(site, "weekday")


def test_a_missing_condition_says_not_stated_never_a_guess(site):
    facts = fact_box(site, "unstated")
    for said in ("Hours Not stated", "Schedule Not stated", "Asks for No driver's license, car or background "
                 "check mentioned", "Recovery No minimum stated", "Education Not stated"):
        assert said in facts
    assert "Record" not in facts


@pytest.fixture
def api(site) -> CheckedClient:
    return CheckedClient(site[1])


def test_the_api_takes_the_same_filters_and_counts_them(api, site):
    found = api.get("/api/v1/jobs?record_friendly=true&weekly_hours=20_29").get_json()
    assert [job["id"] for job in found["jobs"]] == [site[0]["weekday"]]
    assert found["query"]["record_friendly"] is True and found["query"]["weekly_hours"] == ["20_29"]
    counts = api.get("/api/v1/facets").get_json()["facets"]
    assert {item["value"]: item["count"] for item in counts["weekly_hours"]} == {"under_20": 1, "20_29": 2, "30_plus": 1}
    assert {item["value"]: item["count"] for item in counts["conditions"]}["no_recovery_minimum"] == 2


@pytest.mark.parametrize("query, problem", [
    ("weekly_hours=lots", "unknown weekly hours “lots”"), ("schedule=brunch", "unknown schedule “brunch”"),
    ("record_friendly=maybe", "record_friendly must be true or false"), ("schedule=", "schedule must not be empty"),
])
def test_the_api_refuses_bad_condition_values_in_words(api, query, problem):
    answer = api.get(f"/api/v1/jobs?{query}")
    assert answer.status_code == 400
    assert any(detail.startswith(problem) for detail in answer.get_json()["error"]["details"])


def test_a_jobs_document_carries_its_conditions(api, site):
    conditions = api.get(f"/api/v1/jobs/{site[0]['nights']}").get_json()["conditions"]
    assert conditions["asked_for"] == ["drivers_license", "own_vehicle", "background_check"]
    assert (conditions["recovery_months"], conditions["education"]) == (24, "degree")
    assert conditions["words"]["hours"] == "36-40 hours a week" and conditions["words"]["recovery"] == "At least 2 years"
    unstated = api.get(f"/api/v1/jobs/{site[0]['unstated']}").get_json()["conditions"]
    assert unstated["words"]["schedule"] == "Not stated" and unstated["hours_per_week"] is None


def test_search_hits_say_which_condition_filters_they_pass(api, site):
    hits = {job["id"]: job["conditions"] for job in api.get("/api/v1/jobs?per_page=50").get_json()["jobs"]}
    nights = hits[site[0]["nights"]]
    assert nights["no_license_mentioned"] is False and nights["no_car_mentioned"] is False
    assert nights["no_recovery_minimum"] is False and nights["no_degree_needed"] is False
    weekday = hits[site[0]["weekday"]]
    assert weekday["weekly_hours"] == ["20_29"] and weekday["record_friendly"] is True
