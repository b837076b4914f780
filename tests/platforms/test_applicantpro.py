"""ApplicantPro: tenants from board URLs, the domain id in the board page, and list entries
with their job details into raw-posting fields."""
import pytest
from scrapy.http import HtmlResponse
from scrapy.statscollectors import StatsCollector
from scrapy.utils.test import get_crawler

from crawlers.platforms import spider_for
from crawlers.platforms.applicantpro import (
    domain_id_in, page_of, posted_on, posting_fields, salary_of, site_origin, tenant_of,
)
from crawlers.sources import SourceConfig
from peerjobs.demo.boards import BOARDS_DIR
from tests.platforms.recorded import days_ago, recorded, subset

JOBS = recorded("applicantpro", "jobs.json")["data"]["jobs"]
ORIGIN = "https://wasatchpeer.applicantpro.com"


def detail(job_id):
    return recorded("applicantpro", f"details-{job_id}.json")["data"]


@pytest.mark.parametrize("url, tenant", [
    ("https://wasatchpeer.applicantpro.com/jobs/", ("wasatchpeer", "applicantpro")),
    ("https://WasatchPeer.ApplicantPro.com./jobs/3300101", ("wasatchpeer", "applicantpro")),
    ("https://menk-usa.isolvedhire.com/jobs/", ("menk-usa", "isolvedhire")),
    ("https://www.applicantpro.com/openings/wasatchpeer/jobs", ("wasatchpeer", "applicantpro")),
    ("https://www.applicantpro.com/jobs/", None),
    ("https://applicantpro.com.evil.example/jobs/", None),
    ("https://wasatchpeer.example.org/careers", None),
])
def test_tenant_of(url, tenant):
    assert tenant_of(url) == tenant


def test_site_origin_is_the_tenants_own_host():
    assert site_origin("https://www.applicantpro.com/openings/wasatchpeer/jobs") == ORIGIN
    assert site_origin("https://example.org/jobs") is None


@pytest.mark.parametrize("text, domain_id", [
    ((BOARDS_DIR / "applicantpro" / "board.html").read_text(encoding="utf-8"), "5150"),
    ('<script>window.courierCurrentRouteData={"domain_id":"12345"}</script>', "12345"),
    ("<script>var config = {domainId: 88};</script>", "88"),
    ("<html><title>ApplicantPro</title></html>", None),
    ("", None),
])
def test_domain_id_in(text, domain_id):
    assert domain_id_in(text) == domain_id


@pytest.mark.parametrize("value, expected", [
    ("2026-05-24", "2026-05-24"),
    ("May 24, 2026", "2026-05-24"),        # the list's display form
    ("24-May-2026", "2026-05-24"),         # the detail's
    ("05/24/2026", "2026-05-24"),
    ("Until filled", None),
    (None, None),
    (20260524, None),
])
def test_posted_on(value, expected):
    assert posted_on(value) == expected


@pytest.mark.parametrize("job, expected", [
    (JOBS[0], ("18.5", None, "HOUR")),                  # maxSalary "" is no figure
    (JOBS[2], ("82,000", "95,000", "YEAR")),            # thousands separators, payType Salary
    ({"minSalary": 21, "maxSalary": None, "payType": "Hourly"}, ("21", None, "HOUR")),
    ({"minSalary": "18", "payTypeFrame": "per fortnight"}, ("18", None, None)),
])
def test_salary_of(job, expected):
    value = salary_of(job)["value"]
    assert (value["minValue"], value["maxValue"], value["unitText"]) == expected


@pytest.mark.parametrize("job", [JOBS[4], {"minSalary": "", "maxSalary": "  "}, {}])
def test_no_figures_no_salary(job):
    assert salary_of(job) is None


@pytest.mark.parametrize("job, expected", [
    (JOBS[0], f"{ORIGIN}/jobs/3300101"),
    (JOBS[1], f"{ORIGIN}/jobs/3300102"),                # a relative jobUrl
    ({"id": 77}, f"{ORIGIN}/jobs/77"),
    ({"id": 77, "jobUrl": "javascript:apply()"}, None),
    ({}, None),
])
def test_page_of(job, expected):
    assert page_of(job, ORIGIN) == expected


def at(city, region, postal=None, street=None):
    return [{"street": street, "city": city, "region": region, "postal_code": postal, "country": "USA"}]


@pytest.mark.parametrize("job, details, expected", [
    (JOBS[0], detail(3300101),
     {"external_id": "3300101", "url": f"{ORIGIN}/jobs/3300101", "apply_url": f"{ORIGIN}/jobs/3300101",
      "title": "Peer Support Specialist", "date_posted": days_ago(1), "employment_type": "Full Time",
      "locations": at("Salt Lake City", "UT"), "remote": False, "pay_text": None}),
    (JOBS[2], detail(3300103), {"remote": False, "pay_text": "DOE", "employment_type": "Full Time"}),  # Hybrid
    (JOBS[3], detail(3300104), {"remote": True, "locations": at(None, "UT"), "date_posted": days_ago(6)}),
    # a string id; no date in the list, so the detail's counts
    (JOBS[4], detail(3300105), {"external_id": "3300105", "date_posted": days_ago(8), "salary": None}),
    # the details call failed: the list entry is still a posting, with no description
    (JOBS[1], None, {"description_html": None, "date_posted": days_ago(4), "url": f"{ORIGIN}/jobs/3300102"}),
    ({"id": 9, "title": "Peer Mentor", "city": None, "abbreviation": None, "jobLocation": "Remote - United States"},
     {}, {"locations": ["Remote - United States"], "remote": True, "employment_type": None}),
    ({"id": None, "title": None}, {"title": "Peer Bridger"}, {"title": "Peer Bridger", "external_id": None,
                                                              "url": None, "locations": []}),
])
def test_posting_fields(job, details, expected):
    assert subset(posting_fields(job, details, ORIGIN), expected) == expected


@pytest.mark.parametrize("job_id, starts, has_benefits", [
    (3300101, "<p>Use your lived experience", True),
    (3300102, "<h2>Summary</h2>", False),               # description "" -> advertisingDescriptionHtml
    (3300104, "<p>Support parents", False),             # plain advertisingDescription only
])
def test_description_variants(job_id, starts, has_benefits):
    job = next(job for job in JOBS if str(job["id"]) == str(job_id))
    description = posting_fields(job, detail(job_id), ORIGIN)["description_html"]
    assert description.startswith(starts) and ("<h3>Benefits</h3>" in description) is has_benefits


def spider(url, **options):
    source = SourceConfig(id="s", platform="applicantpro", url=url, employer="Acme", options=options)
    cls = spider_for("applicantpro")
    crawler = get_crawler(cls)
    crawler.stats = StatsCollector(crawler)
    return cls.from_crawler(crawler, source=source)


@pytest.mark.parametrize("url, options, expected", [
    ("https://wasatchpeer.applicantpro.com/jobs/", {}, "https://wasatchpeer.applicantpro.com/jobs/"),
    ("https://www.applicantpro.com/openings/wasatchpeer/jobs", {}, "https://wasatchpeer.applicantpro.com/jobs/"),
    ("https://wasatchpeer.applicantpro.com/jobs/", {"domain_id": 5150},
     "https://wasatchpeer.applicantpro.com/core/jobs/5150?getParams=%7B%7D"),
    ("https://menk.isolvedhire.com/jobs/", {"domain_id": "77"},
     "https://menk.isolvedhire.com/core/jobs/77?getParams=%7B%7D"),
])
def test_first_request_is_the_board_page_unless_the_domain_id_is_given(url, options, expected):
    crawl = spider(url, **options)
    assert crawl.setup_problem() is None
    assert [request.url for request in crawl.list_requests()] == [expected]


def test_a_url_naming_no_board_is_refused():
    assert "no ApplicantPro board" in spider("https://www.applicantpro.com/jobs/").setup_problem()


@pytest.mark.parametrize("body, expected", [
    ((BOARDS_DIR / "applicantpro" / "board.html").read_bytes(),
     ["https://wasatchpeer.applicantpro.com/core/jobs/5150?getParams=%7B%7D"]),
    (b"<html><title>Moved to isolved</title></html>", []),
])
def test_board_page_gives_the_list_or_fails_the_run(body, expected):
    crawl = spider("https://wasatchpeer.applicantpro.com/jobs/")
    response = HtmlResponse(f"{ORIGIN}/jobs/", body=body, encoding="utf-8")
    assert [request.url for request in crawl.parse_board(response)] == expected
    assert (crawl.fatal is None) is bool(expected)
    if not expected:
        assert "set domain_id" in crawl.fatal
