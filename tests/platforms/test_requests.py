"""Real board URLs, as an operator copies them, become the right first API request, offline;
a URL that names no board is refused before anything is fetched."""
import json

import pytest
from scrapy.utils.test import get_crawler

from crawlers.platforms import spider_for
from crawlers.sources import SourceConfig

GUID = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"
ADP_PAGE = ("https://workforcenow.adp.com/mascsr/default/mdf/recruitment/recruitment.html"
            "?cid=5e6f7a8b&ccId=19000101_000001&lang=en_US")
ADP_API = "https://workforcenow.adp.com/mascsr/default/careercenter/public/events/staffing/v1/job-requisitions"


def spider(platform, url, **options):
    source = SourceConfig(id="s", platform=platform, url=url, employer="Acme", options=options)
    cls = spider_for(platform)
    return cls.from_crawler(get_crawler(cls), source=source)


@pytest.mark.parametrize("platform, url, options, method, expected", [
    ("greenhouse", "https://job-boards.greenhouse.io/criminaljusticeagency", {}, "GET",
     "https://boards-api.greenhouse.io/v1/boards/criminaljusticeagency/jobs?content=true"),
    ("greenhouse", "https://acme.example/careers", {"board_token": "acme"}, "GET",
     "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"),
    ("lever", "https://jobs.lever.co/acme/", {}, "GET",
     "https://api.lever.co/v0/postings/acme?mode=json&skip=0&limit=100"),
    ("lever", "https://jobs.eu.lever.co/acme", {"page_size": 500}, "GET",
     "https://api.eu.lever.co/v0/postings/acme?mode=json&skip=0&limit=100"),
    ("lever", "https://jobs.lever.co/acme", {"page_size": "ten"}, "GET",
     "https://api.lever.co/v0/postings/acme?mode=json&skip=0&limit=100"),
    ("smartrecruiters", "https://careers.smartrecruiters.com/Acme", {}, "GET",
     "https://api.smartrecruiters.com/v1/companies/Acme/postings?offset=0&limit=100"),
    ("workday", "https://acme.wd5.myworkdayjobs.com/en-US/External", {}, "POST",
     "https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/External/jobs"),
    ("bamboohr", "https://acme.bamboohr.com/careers", {}, "GET", "https://acme.bamboohr.com/careers/list"),
    ("paylocity", f"https://recruiting.paylocity.com/recruiting/jobs/All/{GUID}/Acme", {}, "GET",
     f"https://recruiting.paylocity.com/recruiting/v2/api/feed/jobs/{GUID}"),
    ("ultipro", "https://recruiting2.ultipro.com/ACM1000ACME/JobBoard/00000000-0000-0000-0000-000000000000/", {},
     "POST", "https://recruiting2.ultipro.com/ACM1000ACME/JobBoard/00000000-0000-0000-0000-000000000000"
             "/JobBoardView/LoadSearchResults"),
    ("adp", ADP_PAGE, {}, "GET",
     f"{ADP_API}?cid=5e6f7a8b&ccId=19000101_000001&lang=en_US&locale=en_US&%24skip=0&%24top=20"),
    ("usajobs", "https://www.usajobs.gov/search/results/?k=peer&j=0102", {}, "GET",
     "https://data.usajobs.gov/api/search?Keyword=peer&JobCategoryCode=0102&ResultsPerPage=500&Page=1"),
])
def test_first_list_request(monkeypatch, platform, url, options, method, expected):
    monkeypatch.setenv("PEERJOBS_USAJOBS_API_KEY", "key")
    monkeypatch.setenv("PEERJOBS_USAJOBS_EMAIL", "me@example.org")
    crawl = spider(platform, url, **options)
    assert crawl.setup_problem() is None
    request = crawl.list_request(0)
    assert (request.method, request.url) == (method, expected)


def test_workday_body_caps_the_page_at_twenty():
    crawl = spider("workday", "https://acme.wd1.myworkdayjobs.com/Ext", page_size=100, search_text="peer")
    request = crawl.list_request(1)
    assert json.loads(request.body) == {"appliedFacets": {}, "limit": 20, "offset": 20, "searchText": "peer"}


@pytest.mark.parametrize("platform, url, problem", [
    ("greenhouse", "https://job-boards.greenhouse.io/", "no board token"),
    ("lever", "https://jobs.lever.co/", "no Lever site"),
    ("smartrecruiters", "https://careers.smartrecruiters.com/", "no company identifier"),
    ("workday", "https://acme.wd5.myworkdayjobs.com/", "no career-site name"),
    ("workday", "https://careers.acme.example/External", "no Workday tenant"),
    ("paylocity", "https://recruiting.paylocity.com/Recruiting/Jobs/Details/740266", "no company GUID"),
    ("ultipro", "https://recruiting.ultipro.com/ACM1000ACME/", "no /TENANT/JobBoard/guid"),
    ("adp", "https://workforcenow.adp.com/mascsr/default/mdf/recruitment/recruitment.html", "no cid="),
    ("usajobs", "https://data.usajobs.gov/api/search?Keyword=peer", "PEERJOBS_USAJOBS_API_KEY"),
])
def test_a_source_naming_no_board_is_refused(monkeypatch, platform, url, problem):
    monkeypatch.delenv("PEERJOBS_USAJOBS_API_KEY", raising=False)
    assert problem in spider(platform, url).setup_problem()
