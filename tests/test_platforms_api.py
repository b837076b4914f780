"""The JSON applicant-tracking platforms: each demo board crawled on loopback through the real
spider and pipelines into a SQLite store, once for the module; failures; and invariants."""
from __future__ import annotations

import inspect
import json
from datetime import datetime, timedelta, timezone

import pytest
import yaml

from crawlers.platforms import spiders
from crawlers.platforms.ats_api import ApiSpider
from crawlers.sources import DEFAULT_SOURCES_FILE, load_sources, parse_entries
from peerjobs.demo.boards import BOARDS_DIR, BoardServer
from tests.crawl_support import crawl_entries, runs_and_postings, serving
from tests.support import folder_settings

PLATFORMS = sorted(name for name, spider in spiders().items() if issubclass(spider, ApiSpider))
KEY_ENV = {"PEERJOBS_USAJOBS_API_KEY": "demo-key-123", "PEERJOBS_USAJOBS_EMAIL": "crawler@peerjobs.example"}

#: title -> (city, state, pay_min, pay_unit, posted days ago, remote); "Peer Review" jobs are not peer work.
EXPECTED = {
    "greenhouse": ("Harbor Light Recovery Center", {
        "Peer Support Specialist - Crisis Stabilization Unit": ("Baltimore", "MD", 19.5, "HOUR", 2, False),
        "Certified Peer Recovery Specialist (CPRS) – Part Time": ("Towson", "MD", 18.0, "HOUR", 4, False),
        "Peer Review Nurse (RN)": ("Baltimore", "MD", 85000.0, "YEAR", 3, False),
        "Family Peer Advocate (Remote - Maryland)": (None, "MD", 21.0, "HOUR", 6, True)}),
    "lever": ("Crossroads Peer Network", {
        "Recovery Coach": ("Denver", "CO", 18.0, "HOUR", 1, False),
        "Peer Specialist II (Bilingual Spanish/English)": ("Aurora", "CO", 42000.0, "YEAR", 3, False),
        "Peer Review Nurse": ("Denver", "CO", 39.0, "HOUR", 5, False),
        "Peer Support Specialist – Warmline (Remote)": (None, "CO", 19.0, "HOUR", 2, True),  # "Colorado residents only"
        "Youth Peer Advocate ** $1,000 sign-on bonus **": ("Colorado Springs", "CO", 20.0, "HOUR", 7, False)}),
    "smartrecruiters": ("Bayou Behavioral Health", {
        "Peer Support Specialist": ("New Orleans", "LA", 17.5, "HOUR", 1, False),
        "PEER RECOVERY COACH *Sign-On Bonus*": ("Baton Rouge", "LA", 18.0, "HOUR", 4, False),
        "Peer Review Nurse - Utilization Management": ("New Orleans", "LA", 41.0, "HOUR", 2, False),
        "Peer Navigator (Remote)": (None, "LA", 19.0, "HOUR", 8, True)}),
    "workday": ("Cascade Community Health", {
        "Peer Support Specialist (QMHA) - ACT Team": ("Portland", "OR", 21.5, "HOUR", 0, False),
        "Peer Wellness Specialist - Eugene": ("Eugene", "OR", 20.0, "HOUR", 1, False),
        "Peer Review Nurse": ("Salem", "OR", 48.0, "HOUR", 3, False),
        "Recovery Mentor #58807 $22.44+ DOE": ("Bend", "OR", 22.44, "HOUR", None, False),
        "Peer Support Specialist - Telehealth (Remote)": (None, "OR", 21.0, "HOUR", 6, True)}),
    "bamboohr": ("Prairie Hope Recovery", {
        "Peer Support Specialist": ("Omaha", "NE", 18.0, "HOUR", 2, False),
        "Peer Recovery Coach - Part-Time (Evenings)": ("Lincoln", "NE", 17.0, "HOUR", 5, False),
        "Peer Review Nurse": ("Omaha", "NE", None, None, 1, False),
        "Remote Peer Specialist (Warmline)": (None, "NE", 19.5, "HOUR", 9, True)}),
    "paylocity": ("Desert Sun Behavioral Health", {
        "Peer Support Specialist": ("Phoenix", "AZ", 18.0, "HOUR", 1, False),
        "Certified Peer Support Specialist (CPSS) - Bilingual Spanish": ("Tucson", "AZ", 19.25, "HOUR", 6, False),
        "Peer Review Nurse RN": ("Phoenix", "AZ", 38.0, "HOUR", 3, False),
        "Peer Support Specialist - Remote": (None, "AZ", None, None, 10, True)}),
    "ultipro": ("Great Lakes Recovery Alliance", {
        "Peer Support Specialist": ("Detroit", "MI", 17.0, "HOUR", 1, False),
        "Peer Recovery Coach (Part-Time)": ("Grand Rapids", "MI", 18.0, "HOUR", 4, False),
        "Peer Review Nurse": ("Lansing", "MI", 44.0, "HOUR", 2, False),
        "Peer Support Specialist - Statewide Warmline": (None, "MI", 17.5, "HOUR", 12, True)}),
    "adp": ("Piedmont Peer Services", {
        "Peer Support Specialist": ("Charlotte", "NC", 18.0, "HOUR", 1, False),
        "Peer Support Specialist - Team Lead": ("Greensboro", "NC", 45000.0, "YEAR", 3, False),
        "Peer Review Nurse": ("Raleigh", "NC", 40.0, "HOUR", 2, False),
        "Peer Bridger (Remote, NC)": (None, "NC", 19.0, "HOUR", 9, True)}),
    "usajobs": ("Veterans Health Administration", {
        "Peer Specialist": ("Tampa", "FL", 49025.0, "YEAR", 2, False),
        "Peer Specialist (Veterans Crisis Line)": (None, None, 54620.0, "YEAR", 4, True),
        "Lead Peer Specialist": ("Portland", "OR", 61111.0, "YEAR", 1, False),
        "Peer Review Nurse Coordinator": ("Dallas", "TX", 45.1, "HOUR", 3, False)}),
    "applicantpro": ("Wasatch Peer Recovery Partners", {
        "Peer Support Specialist": ("Salt Lake City", "UT", 18.5, "HOUR", 1, False),
        "Certified Peer Recovery Coach (CPRC) - Part Time": ("Ogden", "UT", 19.0, "HOUR", 4, False),
        "Peer Review Nurse": ("Provo", "UT", 82000.0, "YEAR", 3, False),
        "Family Peer Advocate (Remote)": (None, "UT", 20.0, "HOUR", 6, True),
        "Youth Peer Mentor - Bilingual (Spanish)": ("St. George", "UT", None, None, 8, False)}),
    "paycom": ("Red Dirt Recovery Collective", {
        "Peer Recovery Support Specialist": ("Tulsa", "OK", 17.5, "HOUR", 2, False),
        "Certified Peer Recovery Support Specialist (CPRSS) - Part Time": ("Oklahoma City", "OK", 18.0, "HOUR", 5, False),
        "Peer Review Nurse": ("Norman", "OK", 78000.0, "YEAR", 3, False),
        "Family Peer Support Provider (Remote)": (None, "OK", 19.0, "HOUR", 7, True),
        "Youth Peer Recovery Mentor": ("Lawton", "OK", 16.0, "HOUR", 9, False)}),
    "recruitee": ("North Star Peer Recovery Collective", {
        "Peer Recovery Specialist": ("Minneapolis", "MN", 21.0, "HOUR", 1, False),
        "Certified Peer Specialist (CPS) - Part Time": ("Saint Paul", "MN", 19.0, "HOUR", 4, False),
        "Peer Review Nurse": ("Rochester", "MN", 78000.0, "YEAR", 3, False),
        "Family Peer Specialist (Remote - Minnesota)": (None, "MN", 20.0, "HOUR", 6, True),
        "Recovery Coach - Duluth": ("Duluth", "MN", 18.0, "HOUR", 8, False)}),  # pay from the description
    "workable": ("High Desert Peer Alliance", {  # pay always from the description
        "Peer Support Worker": ("Albuquerque", "NM", 18.5, "HOUR", 2, False),
        "Certified Peer Support Worker (CPSW) - Part-time": ("Santa Fe", "NM", 19.0, "HOUR", 5, False),
        "Peer Review Nurse": ("Las Cruces", "NM", 42.0, "HOUR", 3, False),
        "Family Peer Support Specialist - Remote": (None, "NM", 20.0, "HOUR", 7, True),
        "Recovery Coach (Bilingual Spanish)": ("Farmington", "NM", 17.75, "HOUR", 9, False)}),
    "dayforce": ("North Star Peer Recovery", {
        "Peer Support Specialist": ("Minneapolis", "MN", 20.0, "HOUR", 1, False),
        "Certified Peer Recovery Specialist (CPRS) - Duluth": ("Duluth", "MN", 19.5, "HOUR", 3, False),
        "Peer Review Nurse": ("Saint Paul", "MN", 42.0, "HOUR", 2, False),
        "Family Peer Specialist": ("Rochester", "MN", 21.0, "HOUR", 5, False),
        "Recovery Coach - Statewide Telehealth (Remote)": (None, "MN", 20.5, "HOUR", 8, True)}),
    "oraclecloud": ("Bluegrass Bridges Behavioral Health", {
        "Peer Support Specialist - Adult Services": ("Lexington", "KY", 18.5, "HOUR", 2, False),
        "Peer Recovery Support Specialist (Part-Time)": ("Louisville", "KY", 17.0, "HOUR", 4, False),
        "Peer Review Nurse - Quality": ("Frankfort", "KY", 38.0, "HOUR", 1, False),
        "Youth Peer Support Specialist (Remote)": (None, "KY", 19.0, "HOUR", 6, True),
        "Family Peer Support Specialist": ("Bowling Green", "KY", 18.0, "HOUR", 9, False)}),
    "taleo": ("Green Mountain Peer Collective", {
        "Peer Support Specialist": ("Burlington", "VT", 19.0, "HOUR", 1, False),
        "Recovery Coach - Part Time": ("Rutland", "VT", 18.5, "HOUR", 3, False),
        "Peer Review Nurse": ("Montpelier", "VT", 41.0, "HOUR", 2, False),
        "Family Peer Support Specialist": ("Brattleboro", "VT", 20.0, "HOUR", 5, False),
        "Peer Support Specialist - Warmline (Remote)": (None, "VT", 19.5, "HOUR", 7, True)}),
}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """Every JSON-platform board crawled once, together, into one SQLite store."""
    settings = folder_settings(tmp_path_factory.mktemp("platforms_api"))
    with serving({name: BoardServer(BOARDS_DIR / name) for name in PLATFORMS}) as servers:
        with pytest.MonkeyPatch.context() as patch:
            for key, value in KEY_ENV.items():
                patch.setenv(key, value)
            assert crawl_entries([server.source() for server in servers.values()], settings) == 0
        runs, postings = runs_and_postings(settings)
        yield servers, {run.source_id: run for run in runs}, postings


@pytest.mark.parametrize("platform", PLATFORMS)
def test_board_is_crawled_into_clean_postings(crawled, platform):
    _, runs, postings = crawled
    run = runs[f"demo-{platform}"]
    assert (run.status, run.message) == ("ok", None), run.message
    employer, expected = EXPECTED[platform]
    stored = {p.title: p for p in postings if p.source_id == f"demo-{platform}"}
    assert set(stored) == set(expected) and run.new == len(expected)
    today = datetime.now(timezone.utc).date()
    for title, (city, state, pay_min, unit, days, remote) in expected.items():
        posting = stored[title]
        posted = today - timedelta(days=days) if days is not None else None
        assert (posting.employer, posting.city, posting.state, posting.pay_min, posting.pay_unit,
                posting.date_posted, posting.remote) == (employer, city, state, pay_min, unit, posted, remote), title
        assert posting.is_peer is ("Peer Review" not in title), title
        assert posting.apply_url.startswith("https://") and posting.external_id


def test_descriptions_are_sanitized_markup(crawled):
    _, _, postings = crawled
    for posting in postings:
        assert "<script" not in posting.description_html and "&lt;p&gt;" not in posting.description_html
    described = [p for p in postings if p.description_text]
    assert len(described) == len(postings)


def test_usajobs_sends_its_key_and_contact_email(crawled):
    servers, _, _ = crawled
    searches = [r for r in servers["usajobs"].requests if r.path == "/api/search"]
    assert [r.query["Page"] for r in searches] == [["1"], ["2"]]
    for request in searches:
        assert request.headers["authorization-key"] == KEY_ENV["PEERJOBS_USAJOBS_API_KEY"]
        assert request.headers["user-agent"] == KEY_ENV["PEERJOBS_USAJOBS_EMAIL"]


def test_dayforce_sends_the_portals_token_and_cookie(crawled):
    servers, _, _ = crawled
    searches = [r for r in servers["dayforce"].requests if r.path.endswith("/jobposting/search")]
    token = json.loads((BOARDS_DIR / "dayforce" / "csrf.json").read_text(encoding="utf-8"))["csrfToken"]
    assert [json.loads(r.body)["paginationStart"] for r in searches] == [0, 3]
    for request in searches:
        assert request.headers["x-csrf-token"] == token
        assert request.headers["cookie"] == "__Host-next-auth.csrf-token=demo-cookie-value%7Cdemo-hash"


def test_taleo_reads_its_portal_from_the_search_page_and_sends_tz(crawled):
    servers, _, _ = crawled
    paths = [r.path for r in servers["taleo"].requests if r.path != "/robots.txt"]
    assert paths[0] == "/careersection/ex/jobsearch.ftl" and paths.count("/careersection/ex/jobdetail.ftl") == 5
    for request in servers["taleo"].requests:
        if request.path.endswith("/searchjobs"):
            assert request.query["portal"] == ["8105120471"] and request.headers["tz"] == "GMT+00:00"


@pytest.mark.parametrize("platform, list_path, pages", [
    ("lever", "/v0/postings/crossroadspeer", 3),
    ("smartrecruiters", "/v1/companies/BayouBehavioralHealth/postings", 2),
    ("workday", "/wday/cxs/cascadehealth/Careers/jobs", 3),
    ("adp", "/mascsr/default/careercenter/public/events/staffing/v1/job-requisitions", 2),
    ("paycom", "/api/ats/job-posting-previews/search", 2),
    ("dayforce", "/api/geo/northstarpeer/jobposting/search", 2),
    ("oraclecloud", "/hcmRestApi/resources/latest/recruitingCEJobRequisitions", 2),
    ("taleo", "/careersection/rest/jobboard/searchjobs", 2),
])
def test_paging_stops_where_the_board_ends(crawled, platform, list_path, pages):
    servers, _, _ = crawled
    assert len([r for r in servers[platform].requests if r.path == list_path]) == pages


def write_board(folder, source, routes, files):
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "board.yaml").write_text(yaml.safe_dump({"source": source, "routes": routes}), encoding="utf-8")
    return BoardServer(folder)


def broken_boards(tmp_path) -> dict[str, BoardServer]:
    """SmartRecruiters: a non-object job, bad detail JSON, a failing detail, a gone one;
    Lever: an HTML page where the API should be; Greenhouse: the list answers 500;
    BambooHR: JSON without a job list."""
    listed = {"totalFound": 5, "content": [
        "not a job", {"id": "1", "name": "Peer Support Specialist"}, {"id": 2, "name": "Peer Mentor"},
        {"id": "3", "name": "Recovery Coach"}, {"id": "4", "name": "Peer Bridger"}]}
    detail = {"id": "1", "name": "Peer Support Specialist", "location": {"city": "Dayton", "region": "OH"}}
    postings = "/v1/companies/Acme/postings"
    source = {"employer": "Acme Recovery", "api_url": "{base}"}
    return {
        "smartrecruiters": write_board(tmp_path / "sr", {
            **source, "id": "broken-sr", "platform": "smartrecruiters",
            "url": "https://careers.smartrecruiters.com/Acme"}, [
            {"path": postings, "file": "list.json"}, {"path": f"{postings}/1", "file": "one.json"},
            {"path": f"{postings}/2", "body": "{oops"}, {"path": f"{postings}/3", "status": 500, "body": "down"}],
            {"list.json": json.dumps(listed), "one.json": json.dumps(detail)}),
        "lever": write_board(tmp_path / "lever", {
            **source, "id": "html-lever", "platform": "lever", "url": "https://jobs.lever.co/acme"}, [
            {"path": "/v0/postings/acme", "file": "page.html", "content_type": "text/html"}],
            {"page.html": "<html><body>Moved</body></html>"}),
        "greenhouse": write_board(tmp_path / "gh", {
            **source, "id": "down-greenhouse", "platform": "greenhouse",
            "url": "https://boards.greenhouse.io/acme"}, [
            {"path": "/v1/boards/acme/jobs", "status": 500, "body": "oops"}], {}),
        "bamboohr": write_board(tmp_path / "bamboo", {
            **source, "id": "odd-bamboohr", "platform": "bamboohr", "url": "https://acme.bamboohr.com/careers"}, [
            {"path": "/careers/list", "body": '{"error": "unknown company"}'}], {}),
        "usajobs": BoardServer(BOARDS_DIR / "usajobs"),
    }


def test_failures_are_clear_and_bad_jobs_cost_only_themselves(tmp_path, sqlite_settings, monkeypatch):
    for key in KEY_ENV:
        monkeypatch.delenv(key, raising=False)
    with serving(broken_boards(tmp_path)) as servers:
        assert crawl_entries([server.source() for server in servers.values()], sqlite_settings) == 0
    runs, postings = runs_and_postings(sqlite_settings)
    by_source = {run.source_id: run for run in runs}
    assert by_source["demo-usajobs"].status == "failed"
    assert "PEERJOBS_USAJOBS_API_KEY" in by_source["demo-usajobs"].message
    assert not [r for r in servers["usajobs"].requests if r.path == "/api/search"]
    assert (by_source["down-greenhouse"].status, by_source["down-greenhouse"].message[:8]) == ("failed", "HTTP 500")
    assert by_source["html-lever"].status == "failed" and "did not answer JSON" in by_source["html-lever"].message
    assert by_source["odd-bamboohr"].status == "failed" and "no job list" in by_source["odd-bamboohr"].message
    broken = by_source["broken-sr"]
    assert (broken.status, broken.errors) == ("partial", 1)
    assert broken.stats["peerjobs/page_problems"] == 2 and broken.stats["peerjobs/pages_gone"] == 1
    assert sorted((p.title, p.city) for p in postings) == [
        ("Peer Mentor", None), ("Peer Support Specialist", "Dayton"), ("Recovery Coach", None)]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_platform_has_a_valid_demo_board_and_documents_its_keys(platform):
    spider = spiders()[platform]
    assert inspect.getmodule(spider).__name__ == f"crawlers.platforms.{platform}"
    board = yaml.safe_load((BOARDS_DIR / platform / "board.yaml").read_text(encoding="utf-8"))
    entry = yaml.safe_load(yaml.safe_dump(board["source"]).replace("{base}", "http://127.0.0.1:9"))
    listed = parse_entries([entry])
    assert listed.problems == [] and listed.sources[0].platform == platform
    documented = inspect.getmodule(spider).__doc__
    assert all(f"`{key}`" in documented for key in spider.option_keys), sorted(spider.option_keys)


def test_shipped_sources_include_real_boards_of_these_platforms():
    shipped = {source.platform for source in load_sources(DEFAULT_SOURCES_FILE).sources}
    assert {"greenhouse", "usajobs"} <= shipped


def test_portals_without_their_token_or_site_fail_saying_what_is_missing(tmp_path, sqlite_settings):
    """Dayforce: a csrf answer with no token; Taleo: a search page with no portalNo, and a section
    that says it is unavailable; Oracle: a career-site URL without its site number."""
    source = {"employer": "Acme Recovery", "api_url": "{base}"}
    boards = {
        "dayforce": write_board(tmp_path / "df", {
            **source, "id": "tokenless-dayforce", "platform": "dayforce",
            "url": "https://jobs.dayforcehcm.com/en-US/acme/CANDIDATEPORTAL"}, [
            {"path": "/api/auth/csrf", "body": '{"csrfToken": ""}'}], {}),
        "taleo": write_board(tmp_path / "taleo", {
            **source, "id": "portalless-taleo", "platform": "taleo",
            "url": "https://acme.taleo.net/careersection/ex/jobsearch.ftl?lang=en"}, [
            {"path": "/careersection/ex/jobsearch.ftl", "body": "<html>Basic search</html>", "content_type": "text/html"}],
            {}),
        "closed": write_board(tmp_path / "closed", {
            **source, "id": "closed-taleo", "platform": "taleo",
            "url": "https://acme.taleo.net/careersection/ex/jobsearch.ftl?lang=en&portal=7"}, [
            {"path": "/careersection/rest/jobboard/searchjobs", "method": "POST",
             "body": '{"careerSectionUnAvailable": true, "requisitionList": []}'}], {}),
        "oraclecloud": write_board(tmp_path / "ora", {
            **source, "id": "siteless-oracle", "platform": "oraclecloud",
            "url": "https://acme.fa.us2.oraclecloud.com/hcmUI/CandidateExperience/en/"}, [], {}),
    }
    with serving(boards) as servers:
        assert crawl_entries([server.source() for server in servers.values()], sqlite_settings) == 0
    runs, postings = runs_and_postings(sqlite_settings)
    messages = {run.source_id: (run.status, run.message) for run in runs}
    assert postings == []
    assert messages["tokenless-dayforce"][0] == "failed" and "no csrfToken" in messages["tokenless-dayforce"][1]
    assert messages["portalless-taleo"][0] == "failed" and "no portalNo" in messages["portalless-taleo"][1]
    assert messages["closed-taleo"][0] == "failed" and "unavailable" in messages["closed-taleo"][1]
    assert messages["siteless-oracle"][0] == "failed" and "site number" in messages["siteless-oracle"][1]
    assert not [r for r in servers["oraclecloud"].requests if r.path != "/robots.txt"]
    assert not [r for r in servers["dayforce"].requests if r.path.endswith("/search")]
