"""Paycom: client keys from board URLs, the career page's session, and search previews with
their job postings into raw-posting fields."""
import json

import pytest
from scrapy.http import HtmlResponse
from scrapy.statscollectors import StatsCollector
from scrapy.utils.test import get_crawler

from crawlers.platforms import spider_for
from crawlers.platforms.paycom import (
    client_key_of, google_job, place_label, posting_fields, session_of, trusted_service,
)
from crawlers.sources import SourceConfig
from peerjobs.demo.boards import BOARDS_DIR
from tests.platforms.recorded import BASE, days_ago, recorded, subset

KEY = "7A1C0E5B9D2F48A6B3C4D5E6F7081920"
PORTAL = f"https://www.paycomonline.net/v4/ats/web.php/portal/{KEY}"
FIRST = recorded("paycom", "search-0.json")["jobPostingPreviews"]
SECOND = recorded("paycom", "search-3.json")["jobPostingPreviews"]
PAGE = (BOARDS_DIR / "paycom" / "career-page.html").read_text(encoding="utf-8")


def job(job_id):
    return recorded("paycom", f"job-{job_id}.json")


@pytest.mark.parametrize("url, key", [
    (f"{PORTAL}/career-page", KEY),
    (f"{PORTAL.lower()}/jobs/510201", KEY),
    (f"https://www.paycomonline.net/v4/ats/web.php/jobs?clientkey={KEY.lower()}&fromClientSide=true", KEY),
    (f"https://www.paycomonline.net/v4/ats/web.php/jobs/ViewJobDetails?job=510201&clientKey={KEY}", KEY),
    ("https://www.paycomonline.net/v4/ats/web.php/jobs?clientkey=not-hex", None),
    (f"https://www.paycomonline.net/v4/ats/web.php/jobs?clientkey={KEY}&clientkey={KEY}", None),
    ("https://www.paycomonline.net/v4/ats/web.php/jobs", None),
])
def test_client_key_of(url, key):
    assert client_key_of(url) == key


@pytest.mark.parametrize("text, expected", [
    (PAGE, ("eyJhbGciOiJIUzI1NiJ9.eyJjbGllbnRjb2RlIjoiMFJEMjEifQ.c2lnbmF0dXJl", "{{base}}")),
    ('<script>var configsFromHost = {"sessionJWT":"a.b.c","libConfig":"{\\"atsPortalMantleServiceUrl\\":'
     '\\"https://portal-applicant-tracking.us-cent.paycomonline.net/\\"}"}; var Mountable = {};</script>',
     ("a.b.c", "https://portal-applicant-tracking.us-cent.paycomonline.net")),
    ('<script>var configsFromHost = {"sessionJWT":"a.b.c","libConfig":"not json"};</script>', None),
    ('<script>var configsFromHost = {"libConfig":"{}"};</script>', None),
    ("<html>Loading...</html>", None),
])
def test_session_of(text, expected):
    assert session_of(text) == expected


@pytest.mark.parametrize("service, trusted", [
    ("https://portal-applicant-tracking.us-cent.paycomonline.net", True),
    ("http://portal-applicant-tracking.us-cent.paycomonline.net", False),
    ("https://paycomonline.net.evil.example", False),
    (BASE, True),                                   # the page's own host (api_url)
    ("http://127.0.0.1:9999", False),
])
def test_trusted_service(service, trusted):
    assert trusted_service(service, BASE) is trusted


@pytest.mark.parametrize("label, expected", [
    ("Red Dirt Recovery - Tulsa, OK 74103", "Tulsa, OK 74103"),
    ("Oklahoma City, OK 73102", "Oklahoma City, OK 73102"),
    ("Remote - Oklahoma", "Remote - Oklahoma"),
    ("Remote - Tulsa, OK", "Remote - Tulsa, OK"),   # the prefix says remote: kept
    ("Broken Arrow - East Campus - Broken Arrow, OK", "Broken Arrow, OK"),
    ("", None),
    (None, None),
])
def test_place_label(label, expected):
    assert place_label(label) == expected


@pytest.mark.parametrize("posting, expected", [
    (job(510202)["jobPosting"], days_ago(5)),
    (job(510205)["jobPosting"], None),              # a truncated googleJobJson
    ({"googleJobJson": 42}, None),
    ({}, None),
])
def test_google_job(posting, expected):
    assert google_job(posting).get("datePosted") == expected


@pytest.mark.parametrize("preview, detail, expected", [
    (FIRST[0], job(510201),
     {"external_id": "510201", "url": f"{PORTAL}/jobs/510201", "apply_url": f"{PORTAL}/jobs/510201",
      "title": "Peer Recovery Support Specialist", "date_posted": days_ago(2),      # postedOn "" -> googleJobJson
      "employment_type": "Full Time", "locations": ["Tulsa, OK 74103"], "remote": False,
      "pay_text": "$17.50 - $20.00 Hourly"}),
    (FIRST[1], job(510202), {"date_posted": days_ago(5), "locations": ["Oklahoma City, OK 73102", "Midwest City, OK"]}),
    (FIRST[2], job(510203), {"remote": False, "locations": ["Norman, OK 73069"]}),       # Hybrid is not remote
    (SECOND[0], job(510204), {"remote": True, "locations": ["Remote - Oklahoma"]}),
    (SECOND[1], job(510205), {"external_id": "510205", "salary": None, "date_posted": days_ago(9),
                              "pay_text": "$16.00 - $17.25 Hourly"}),
    # the detail failed: the preview is still a posting
    (FIRST[0], None, {"title": "Peer Recovery Support Specialist", "date_posted": None, "pay_text": None,
                      "locations": ["Tulsa, OK 74103"],
                      "description_html": "<p>Walk beside adults in recovery at our Tulsa center.</p>"}),
    ({"jobId": None, "jobTitle": "Peer Mentor", "remoteType": "Fully Remote"}, {"jobPosting": None},
     {"external_id": None, "url": None, "remote": True, "locations": []}),
])
def test_posting_fields(preview, detail, expected):
    assert subset(posting_fields(preview, detail, PORTAL), expected) == expected


def test_description_sections_and_structured_pay():
    fields = posting_fields(FIRST[0], job(510201), PORTAL)
    assert fields["description_html"].startswith("<h3>Description</h3><p>Use your lived experience")
    assert "<h3>Qualifications</h3><ul>" in fields["description_html"]
    assert fields["salary"]["value"] == {"@type": "QuantitativeValue", "minValue": 17.5, "maxValue": 20, "unitText": ""}


def spider(url, **options):
    source = SourceConfig(id="s", platform="paycom", url=url, employer="Acme", options=options)
    cls = spider_for("paycom")
    crawler = get_crawler(cls)
    crawler.stats = StatsCollector(crawler)
    return cls.from_crawler(crawler, source=source)


def test_first_request_is_the_career_page_of_a_legacy_board_url():
    crawl = spider(f"https://www.paycomonline.net/v4/ats/web.php/jobs?clientkey={KEY}")
    assert crawl.setup_problem() is None
    assert [request.url for request in crawl.list_requests()] == [f"{PORTAL}/career-page"]
    assert "set client_key" in spider("https://www.paycomonline.net/v4/ats/web.php/jobs").setup_problem()


def test_the_session_token_goes_with_every_api_call():
    crawl = spider(f"{PORTAL}/career-page", page_size=3)
    page = PAGE.replace("{{base}}", "https://portal-applicant-tracking.us-cent.paycomonline.net")
    [search] = crawl.parse_portal(HtmlResponse(f"{PORTAL}/career-page", body=page, encoding="utf-8"))
    assert (search.method, search.url) == (
        "POST", "https://portal-applicant-tracking.us-cent.paycomonline.net/api/ats/job-posting-previews/search")
    assert json.loads(search.body)["skip"] == 0 and json.loads(search.body)["take"] == 3
    assert search.headers["Authorization"].decode().startswith("eyJhbGciOiJIUzI1NiJ9.")
    detail = crawl.detail_request(FIRST[0])
    assert detail.url.endswith("/api/ats/job-postings/510201") and detail.headers["Authorization"]
    assert crawl.has_more({"jobPostingPreviewsCount": "5"}, 0, FIRST) is True
    assert crawl.has_more({"jobPostingPreviewsCount": "5"}, 1, SECOND) is False


@pytest.mark.parametrize("page, reason", [
    ("<html>Loading...</html>", "no session"),
    (PAGE.replace("{{base}}", "https://collector.evil.example"), "outside Paycom"),
])
def test_a_career_page_without_a_usable_session_fails_the_run(page, reason):
    crawl = spider(f"{PORTAL}/career-page")
    assert list(crawl.parse_portal(HtmlResponse(f"{PORTAL}/career-page", body=page, encoding="utf-8"))) == []
    assert reason in crawl.fatal
