"""PageUp: site paths from career-site URLs, listing rows (each job once), paging, and job pages
without JSON-LD (the labelled header of older sites)."""
import asyncio

import pytest
from parsel import Selector
from scrapy.statscollectors import StatsCollector
from scrapy.utils.test import get_crawler

from crawlers.platforms.pageup import (
    PageUpSpider, job_id_of, job_page_fields, listing_rows, listing_url, next_listing, site_path,
)
from crawlers.sources import SourceConfig
from peerjobs.demo.boards import BOARDS_DIR, fill_placeholders
from tests.platforms.recorded import BASE, days_ago

LISTING = f"{BASE}/cw/en-us/listing/"


def page(name):
    return Selector(text=fill_placeholders((BOARDS_DIR / "pageup" / name).read_text(encoding="utf-8"), BASE))


@pytest.mark.parametrize("url, path", [
    ("https://careers.pageuppeople.com/1125/cw/en-us/", "/1125/cw/en-us"),
    ("https://careers.pageuppeople.com/1125/cw/en-us/listing/", "/1125/cw/en-us"),
    ("https://careers.pageuppeople.com/346/cdw/en/job/678381/senior-analyst", "/346/cdw/en"),
    ("https://careers.pageuppeople.com/513/cw/en/listing", "/513/cw/en"),
    ("https://jobs.example.edu/cw/en-us/listing/", "/cw/en-us"),
    ("https://external-careers.jobs.example.edu/en/listing/?page=2", "/en"),
    ("https://careers.pageuppeople.com/cw/en-us/listing/", None),    # no instance number
    ("https://careers.pageuppeople.com/", None),
    ("https://jobs.example.edu/careers/", None),
])
def test_site_path(url, path):
    assert site_path(url) == path


def test_listing_url_drops_job_and_query():
    assert listing_url("https://careers.pageuppeople.com/1125/cw/en-us/job/5/x?source=y") == \
        "https://careers.pageuppeople.com/1125/cw/en-us/listing/"


@pytest.mark.parametrize("url, job_id", [
    ("https://careers.pageuppeople.com/1125/cw/en-us/job/512301/peer-recovery-specialist", "512301"),
    ("/cw/en-us/job/512301", "512301"),
    ("/cw/en-us/listing/?search-keyword=peer", None),
])
def test_job_id_of(url, job_id):
    assert job_id_of(url) == job_id


def test_listing_rows_read_the_search_results_once():
    """Each job is in the page twice (search results, recent jobs): read once; the summary rows
    and a link that is no job are no postings."""
    rows = listing_rows(page("listing-1.html"), LISTING)
    assert [row["external_id"] for row in rows] == ["512301", "512305", "512311"]
    first = rows[0]
    assert (first["title"], first["locations"], first["url"]) == (
        "Peer Recovery Specialist", ["Roanoke, VA"], f"{BASE}/cw/en-us/job/512301/peer-recovery-specialist")
    assert first["valid_through"] == days_ago(-21) and first.get("date_posted") is None  # closes, not posted


def test_recent_jobs_are_read_when_there_are_no_search_results():
    html = ('<table><tbody id="recent-jobs-content"><tr><td><a class="job-link" href="/en/job/7/peer-mentor">'
            'Peer Mentor</a></td><td><span class="location">Remote - Virginia</span></td></tr></tbody></table>')
    [row] = listing_rows(Selector(text=html), "https://jobs.example.edu/en/listing/")
    assert (row["external_id"], row["remote"], row["valid_through"]) == ("7", True, None)


def test_rows_linking_off_the_site_are_skipped():
    html = ('<table><tbody id="search-results-content"><tr><td><a class="job-link" '
            'href="https://elsewhere.example/cw/en-us/job/9/x">Peer Mentor</a></td></tr></tbody></table>')
    assert listing_rows(Selector(text=html), LISTING) == []


@pytest.mark.parametrize("name, expected", [
    ("listing-1.html", "?page=2&page-items=20"),
    ("listing-2.html", None),
])
def test_next_listing(name, expected):
    assert next_listing(page(name)) == expected


@pytest.mark.parametrize("name, expected", [
    ("job-512311.html", {"title": "Peer Review Nurse", "pay_text": "$85,000 - $98,000", "employment_type": "Full time",
                         "date_posted": days_ago(3), "locations": ["Roanoke, VA"]}),
    ("job-512322.html", {"pay_text": "$42,500 - $48,000", "date_posted": days_ago(9), "remote": False}),
])
def test_job_page_fields_of_the_older_layout(name, expected):
    fields = job_page_fields(page(name))
    assert {key: fields.get(key) for key in expected} == expected
    assert fields["description_html"].startswith('<div id="job-content">')


def test_a_job_page_with_nothing_labelled():
    fields = job_page_fields(Selector(text="<html><body><h1>Peer Mentor</h1><p>Pay Band: 4</p></body></html>"))
    assert (fields["title"], fields["pay_text"], fields["date_posted"], "locations" in fields) == (
        "Peer Mentor", None, None, False)


async def _requests(crawl):
    return [request async for request in crawl.start()]


@pytest.mark.parametrize("url, first", [
    ("https://careers.pageuppeople.com/1125/cw/en-us/", "https://careers.pageuppeople.com/1125/cw/en-us/listing/"),
    ("https://careers.pageuppeople.com/", None),
])
def test_a_url_naming_no_site_fails_before_anything_is_fetched(url, first):
    source = SourceConfig(id="s", platform="pageup", url=url, employer="Acme")
    crawler = get_crawler(PageUpSpider)
    crawler.stats = StatsCollector(crawler)
    crawl = PageUpSpider.from_crawler(crawler, source=source)
    assert [request.url for request in asyncio.run(_requests(crawl))] == ([first] if first else [])
    assert (crawl.fatal is None) is bool(first)
