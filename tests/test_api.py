"""The JSON API over a real store and index. Every answer, errors included, is checked against
the OpenAPI document by CheckedClient."""
from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from indexer import store
from foundation.settings import Settings
from indexer.taxonomy import load_taxonomy
from tests.support import folder_settings
from tests.test_openapi import CheckedClient
from tests.web_support import indexed_board, seed_postings
from webapp import create_app

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")
AGENCY = store.SourceRecord(id="agency", platform="jsonld", url="https://agency.example/careers/",
                            employer="Miami Valley Recovery")


def job(**overrides) -> dict:
    base = dict(
        url="https://agency.example/careers/1/", apply_url="https://agency.example/careers/1/apply",
        title="Peer Support Specialist", employer="Miami Valley Recovery",
        description_html="<p>Walk alongside people in recovery.</p>",
        description_text="Walk alongside people in recovery.",
        city="Dayton", state="OH", postal_code="45409", latitude=39.71, longitude=-84.19, remote=False,
        employment_type="PART_TIME", pay_min=18.5, pay_max=21.0, pay_unit="HOUR",
        pay_hourly_min=18.5, pay_hourly_max=21.0, date_posted=date.today() - timedelta(days=3),
        category="peer_specialist", is_peer=True, country="US",
    )
    return base | overrides


BOARD = {
    "dayton": job(),
    "coach": job(title="Peer Recovery Coach", category="peer_recovery_coach", employment_type="FULL_TIME",
                 city="Cleveland", postal_code="44114", latitude=41.50, longitude=-81.69,
                 description_text="Recovery coach in Cleveland."),
    "remote": job(title="Warmline Peer", category="warmline_peer", remote=True, remote_area="US",
                  city=None, state=None, postal_code=None, latitude=None, longitude=None),
    "hostile": job(title="Peer Advocate", category="peer_advocate",
                   description_html='<p onclick="x()">Advocate.</p><script>alert(1)</script>'),
    "toronto": job(title="Peer Counselor", category="peer_counselor", city="Toronto", state=None, postal_code=None, latitude=None,
                   longitude=None, country="CA"),
    "js_apply": job(title="Peer Bridger", category="peer_bridger", apply_url="javascript:alert(1)"),
    "closed": job(title="Peer Mentor", category="peer_mentor"),
    "not_peer": job(title="Registered Nurse", category=None, is_peer=False),
    **{f"more-{n}": job(title=f"Peer Specialist {n}") for n in range(24)},
}


@pytest.fixture(scope="module")
def board_settings(tmp_path_factory) -> Settings:
    """One board for the module: the API only reads, so its tests can share it."""
    return folder_settings(tmp_path_factory.mktemp("api-board"))


@pytest.fixture(scope="module")
def board(board_settings) -> dict[str, int]:
    """A migrated store holding BOARD (one posting closed), with its search index built."""
    return indexed_board(board_settings, lambda session: seed_postings(session, AGENCY, BOARD, closed=["closed"]))


@pytest.fixture(scope="module")
def app(board_settings, board):
    return create_app(board_settings)


@pytest.fixture
def api(app) -> CheckedClient:
    return CheckedClient(app.test_client())


def get_json(api: CheckedClient, url: str, status: int = 200) -> dict:
    response = api.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True)[:500])
    return response.get_json()


# Searching -------------------------------------------------------------------------------------

def test_a_search_near_dayton_lists_the_dayton_jobs_in_one_envelope(api, board):
    found = get_json(api, "/api/v1/jobs?q=peer&where=Dayton,+OH&per_page=10")
    ids = [item["id"] for item in found["jobs"]]
    assert board["dayton"] in ids or found["pages"] > 1
    assert board["coach"] not in ids and board["closed"] not in ids and board["not_peer"] not in ids
    assert found["total"] >= 25 and found["pages"] == -(-found["total"] // 10) and len(ids) == 10
    assert found["query"]["where"] == "Dayton, OH" and found["query"]["radius"] == 25
    assert found["place"]["label"] == "Dayton, OH" and found["place"]["kind"] == "city"
    near = next(item for item in found["jobs"] if item["city"] == "Dayton")
    assert near["distance_miles"] < 25 and near["url"] == f"/api/v1/jobs/{near['id']}"
    assert near["html_url"] == f"/jobs/{near['id']}"


def test_the_api_url_and_the_page_url_differ_only_in_their_path(api):
    found = get_json(api, "/api/v1/jobs?q=peer&where=Dayton,+OH&employment_type=PART_TIME&radius=50")
    api_url, html_url = urlsplit(found["links"]["self"]), urlsplit(found["links"]["html"])
    assert (api_url.path, html_url.path) == ("/api/v1/jobs", "/jobs")
    assert api_url.query == html_url.query
    assert parse_qs(api_url.query) == {"q": ["peer"], "where": ["Dayton, OH"],
                                       "employment_type": ["PART_TIME"], "radius": ["50"]}


def test_paging_links_walk_the_pages_and_keep_the_search(api):
    first = get_json(api, "/api/v1/jobs?q=peer&per_page=10")
    assert first["links"]["prev"] is None and first["page"] == 1
    second = get_json(api, first["links"]["next"])
    assert second["page"] == 2 and parse_qs(urlsplit(second["links"]["prev"]).query).get("page") is None
    assert {item["id"] for item in first["jobs"]}.isdisjoint(item["id"] for item in second["jobs"])
    last = get_json(api, f"/api/v1/jobs?q=peer&per_page=10&page={first['pages']}")
    assert last["links"]["next"] is None


def test_a_page_past_the_end_is_empty_not_an_error(api):
    found = get_json(api, "/api/v1/jobs?q=peer&page=400")
    assert found["jobs"] == [] and found["total"] > 0 and found["links"]["next"] is None


@pytest.mark.parametrize("args, expected_titles", [
    ("employment_type=FULL_TIME", {"Peer Recovery Coach"}),
    ("category=peer_recovery_coach", {"Peer Recovery Coach"}),
    ("category=peer_bridger&category=peer_advocate", {"Peer Bridger", "Peer Advocate"}),
    ("remote=true", {"Warmline Peer"}),
    ("q=coach&where=Cleveland,+OH", {"Peer Recovery Coach"}),
])
def test_filters_narrow_the_list(api, args, expected_titles):
    found = get_json(api, "/api/v1/jobs?per_page=50&" + args)
    assert {item["title"] for item in found["jobs"]} == expected_titles


def test_facets_count_the_search_and_are_the_same_in_both_endpoints(api):
    listed = get_json(api, "/api/v1/jobs?q=peer&employment_type=PART_TIME")
    counted = get_json(api, "/api/v1/facets?q=peer&employment_type=PART_TIME")
    assert counted["facets"] == listed["facets"] and counted["total"] == listed["total"]
    assert counted["query"] == listed["query"]
    types = {entry["value"]: entry for entry in counted["facets"]["employment_type"]}
    assert types["FULL_TIME"]["count"] == 1 and types["FULL_TIME"]["label"] == "Full-time"
    categories = {entry["value"]: entry for entry in counted["facets"]["category"]}
    assert categories["peer_specialist"]["label"] == load_taxonomy().category("peer_specialist").label


def test_a_place_that_cannot_be_found_is_a_notice_not_an_error(api):
    found = get_json(api, "/api/v1/jobs?q=peer&where=Nowhere+Town,+ZZ")
    assert found["place"] is None and "Nowhere Town" in found["notice"]


# One job ---------------------------------------------------------------------------------------

def test_one_job_has_its_safe_description_pay_and_apply_link(api, board):
    found = get_json(api, f"/api/v1/jobs/{board['hostile']}")
    assert found["status"] == "open" and found["title"] == "Peer Advocate"
    assert "Advocate." in found["description_html"]
    assert "script" not in found["description_html"] and "onclick" not in found["description_html"]
    assert found["apply_url"] == "https://agency.example/careers/1/apply"
    assert found["pay"]["hourly_min"] == 18.5 and found["pay"]["unit"] == "HOUR"
    assert found["html_url"] == f"/jobs/{board['hostile']}"


def test_a_job_names_its_country_and_one_abroad_has_no_us_place(api, board):
    assert get_json(api, f"/api/v1/jobs/{board['dayton']}")["country"] == "US"
    abroad = get_json(api, f"/api/v1/jobs/{board['toronto']}")
    assert (abroad["country"], abroad["city"], abroad["state"], abroad["latitude"]) == ("CA", "Toronto", None, None)


def test_a_closed_job_is_returned_closed_without_an_apply_link(api, board):
    found = get_json(api, f"/api/v1/jobs/{board['closed']}")
    assert found["status"] == "closed" and found["apply_url"] is None and found["title"] == "Peer Mentor"


def test_a_javascript_apply_url_is_never_returned(api, board):
    assert get_json(api, f"/api/v1/jobs/{board['js_apply']}")["apply_url"] is None


@pytest.mark.parametrize("path", ["/api/v1/jobs/999999", "/api/v1/jobs/abc", "/api/v1/jobs/-1",
                                  "/api/v1/jobs/99999999999999999999", "/api/v1/jobs/1.5"])
def test_an_unknown_job_is_a_404_in_the_error_shape(api, path):
    found = get_json(api, path, 404)
    assert found["error"]["status"] == 404 and found["error"]["message"]


# Reference lists -------------------------------------------------------------------------------

def test_categories_are_the_taxonomy_with_open_job_counts(api):
    found = get_json(api, "/api/v1/categories")["categories"]
    assert [item["id"] for item in found] == [category.id for category in load_taxonomy().categories]
    counts = {item["id"]: item["jobs"] for item in found}
    assert counts["peer_specialist"] == 25 and counts["peer_mentor"] == 0  # the mentor job is closed
    coach = next(item for item in found if item["id"] == "peer_recovery_coach")
    assert coach["label"] and coach["description"] and coach["about"]["what"]
    assert coach["html_url"] == "/roles/peer_recovery_coach"
    assert api.client.get(coach["html_url"]).status_code == 200
    assert {item["title"] for item in get_json(api, coach["jobs_url"])["jobs"]} == {"Peer Recovery Coach"}


def test_places_suggest_cities_as_you_type(api):
    found = get_json(api, "/api/v1/places?q=day")
    assert found["q"] == "day" and found["places"][0]["label"] == "Dayton, OH"
    assert 1 <= len(found["places"]) <= 10
    assert [p["label"] for p in get_json(api, "/api/v1/places?q=dayton,+o")["places"]] == ["Dayton, OH", "Dayton, OR"]
    assert get_json(api, "/api/v1/places?q=zzzz")["places"] == []


# Bad requests ----------------------------------------------------------------------------------

@pytest.mark.parametrize("query, mentions", [
    ("radius=abc", "radius"), ("radius=101", "radius"), ("radius=-5", "radius"), ("page=0", "page"),
    ("page=1.5", "page"), ("page=99999", "page"), ("per_page=51", "per_page"), ("per_page=x", "per_page"),
    ("posted_within=2", "posted_within"), ("remote=maybe", "remote"), ("min_hourly=lots", "min_hourly"),
    ("sort=random", "sort"), ("employment_type=SOMETIMES", "SOMETIMES"), ("state=ZZ", "state"),
    ("category=%3Cscript%3E", "category"), ("q=" + "x" * 201, "q"), ("where=" + "9" * 5000, "where"),
    ("qq=peer", "qq"), ("page=%EF%BC%92", "page"), ("radius=10&radius=25", "radius"),
    ("category=peer_specialist&category=nope", "nope"), ("setting=moon_base", "moon_base"),
    ("include_closed=perhaps", "include_closed"), ("category=", "category"), ("employment_type=", "employment_type"),
    ("state=OH,", "state"), ("min_hourly=0", "min_hourly"), ("min_hourly=5e-324", "min_hourly"),
])
@pytest.mark.parametrize("endpoint", ["/api/v1/jobs", "/api/v1/facets"])
def test_bad_parameters_answer_400_saying_what_is_wrong(api, endpoint, query, mentions):
    error = get_json(api, f"{endpoint}?{query}", 400)["error"]
    assert error["status"] == 400 and error["message"]
    assert any(mentions in detail for detail in error["details"]), error["details"]


@pytest.mark.parametrize("query", [
    "", "q=%00%01peer", "where=%00", "where=%FF%FE", "q=AND+OR+NOT+(", "q=*", "q=title:peer",
    "remote=false&pay_disclosed=1&no_certification_required=yes", "min_hourly=18.50", "sort=distance",
    "posted_within=30&per_page=1&page=2", "state=OH&state=Kentucky", "category=peer_specialist,peer_mentor",
    "radius=30", "per_page=", "employment_type=part_time", "include_closed=1&include_non_peer=true",
])
def test_odd_but_valid_parameters_answer_200(api, query):
    assert "jobs" in get_json(api, f"/api/v1/jobs?{query}")


def test_bad_place_queries_answer_400(api):
    for url in ("/api/v1/places", "/api/v1/places?q=", "/api/v1/places?q=+", "/api/v1/places?q=day&limit=3",
                "/api/v1/places?q=" + "d" * 101):
        assert get_json(api, url, 400)["error"]["details"]


# Errors, CORS and headers ----------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v2/jobs", "/api/", "/api/v1/jobs/1/extra"])
def test_unknown_api_paths_answer_404_in_the_error_shape(api, path):
    assert get_json(api, path, 404)["error"]["status"] == 404


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_the_api_is_read_only(api, method):
    response = api.open("/api/v1/jobs", method=method)
    assert response.status_code == 405 and response.get_json()["error"]["status"] == 405
    assert "GET" in response.headers["Allow"]


def test_an_error_inside_the_api_answers_500_in_the_error_shape(board_settings, board):
    app = create_app(board_settings)
    app.add_url_rule("/api/v1/boom", endpoint="api.boom", view_func=lambda: 1 / 0)
    response = CheckedClient(app.test_client()).get("/api/v1/boom")
    assert response.status_code == 500
    assert response.get_json()["error"] == {"status": 500, "code": "server_error",
                                            "message": response.get_json()["error"]["message"],
                                            "details": []}


def test_every_answer_allows_any_origin_and_keeps_the_security_headers(api, board):
    urls = ["/api/v1/jobs", "/api/v1/facets", f"/api/v1/jobs/{board['dayton']}", "/api/v1/categories",
            "/api/v1/places?q=day", "/api/v1/openapi.json", "/api/v1/jobs?page=0", "/api/v1/jobs/0", "/api/v1/x"]
    for url in urls:
        response = api.get(url, headers={"Origin": "https://someone.example"})
        assert response.headers["Access-Control-Allow-Origin"] == "*", url
        assert "Access-Control-Allow-Credentials" not in response.headers
        assert all(name in response.headers for name in SECURITY_HEADERS), url
        assert "Set-Cookie" not in response.headers and response.mimetype == "application/json", url


def test_a_preflight_for_get_is_answered(api):
    response = api.open("/api/v1/jobs?q=peer", method="OPTIONS", headers={
        "Origin": "https://someone.example", "Access-Control-Request-Method": "GET"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("path, status", [("/api/v1/jobs/0", 404), ("/api/v1/jobs/2147483648", 404),
                                          ("/api/v1/networks/%C2%84", 400), ("/api/v1/networks/%C2%84/jobs", 400),
                                          ("/api/v1/networks/Bad_Id/alerts", 400)])
def test_a_preflight_for_a_path_with_no_such_id_is_refused_as_its_request_would_be(api, path, status):
    assert api.open(path, method="OPTIONS").status_code == status


def test_pages_do_not_carry_cors_headers(app):
    assert "Access-Control-Allow-Origin" not in app.test_client().get("/").headers


def test_the_openapi_document_is_served_as_json(api):
    served = get_json(api, "/api/v1/openapi.json")
    assert served["openapi"].startswith("3.1") and "/jobs" in served["paths"]


def test_before_the_index_is_built_the_api_still_answers(sqlite_settings):
    api = CheckedClient(create_app(sqlite_settings).test_client())
    found = get_json(api, "/api/v1/jobs?q=peer")
    assert found["total"] == 0 and found["jobs"] == [] and found["notice"]
    assert all(item["jobs"] == 0 for item in get_json(api, "/api/v1/categories")["categories"])


@pytest.mark.parametrize("path, code, english, spanish", [
    ("/api/v1/jobs?radius=300", "invalid_parameters", "Some parameters are not valid.",
     "Algunos parámetros no son válidos."),
    ("/api/v1/jobs/424242", "job_not_found", "There is no job with the id 424242.",
     "No hay ningún empleo con el identificador 424242."),
    ("/api/v1/nothing-here", "not_found", "Nothing here.", "Aquí no hay nada."),
])
def test_an_errors_message_is_in_the_callers_language_and_its_code_is_not(api, path, code, english, spanish):
    answers = {lang: api.get(path, headers={"Accept-Language": lang}) for lang in ("es-US,es;q=0.9", "en", "fr")}
    bodies = {lang: answer.get_json()["error"] for lang, answer in answers.items()}
    assert {body["code"] for body in bodies.values()} == {code}
    assert bodies["es-US,es;q=0.9"]["message"].startswith(spanish)
    assert bodies["en"]["message"].startswith(english) and bodies["fr"]["message"] == bodies["en"]["message"]
    assert bodies["es-US,es;q=0.9"]["details"] == bodies["en"]["details"]          # parameters stay as named
    assert answers["es-US,es;q=0.9"].headers["Content-Language"] == "es"


def test_the_callers_language_never_changes_the_data(api, board):
    for path in ("/api/v1/jobs?q=peer", f"/api/v1/jobs/{board['dayton']}", "/api/v1/categories"):
        english = api.get(path).get_json()
        assert api.get(path, headers={"Accept-Language": "es"}).get_json() == english
