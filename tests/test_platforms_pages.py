"""Page- and feed-based platforms: pure parsers over saved shapes, then real crawls on loopback.

Every board in peerjobs/demo/boards/{neogov,icims,e3applicants,rss,html,jsonld-sitemap,breezy,jazzhr}
is
crawled once for the module, through the real spiders and pipelines into a SQLite store.
"""
from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest
from parsel import Selector
from sqlalchemy import select

from crawlers.platforms import e3applicants, html, icims, neogov
from crawlers.platforms.feeds import feed_items, item_fields
from crawlers.platforms.fields import find_date, location_fields, selector_error
from crawlers.platforms.jsonld import is_sitemap_url, sitemap_entries
from crawlers.runner import crawl_in_child
from crawlers.settings import LOOPBACK_OVERRIDES
from crawlers.sources import parse_entries
from crawlers.structured_data import raw_fields
from indexer.store import db
from indexer.parsers.locations import parse_locations
from indexer.store.models import CrawlRun, Posting, PostingSource
from indexer.normalize import normalize
from peerjobs.demo.boards import BOARDS_DIR, BoardServer
from tests.crawl_support import serving
from tests.support import folder_settings

BOARDS = ("neogov", "icims", "e3applicants", "rss", "html", "jsonld-sitemap", "jobaps", "pageup", "breezy",
          "jazzhr", "icims-cards", "jsonld-listing", "neogov-advertise", "e3applicants-relative", "html-table",
          "rss-atom")
TODAY = date.today()


@pytest.mark.parametrize("text, remote, area, places", [
    ("Remote - Oregon", True, "OR", []),
    ("Remote (Maryland)", True, "MD", []),
    ("US-WI-Remote", True, "WI", []),
    ("US-Remote", True, "US", []),
    ("Telework", True, "US", []),
    ("Dayton, OH (remote eligible)", True, "OH", [("Dayton", "OH")]),
    ("US-WI-Milwaukee", False, None, [("Milwaukee", "WI")]),
    ("Salem, OR", False, None, [("Salem", "OR")]),
    (None, False, None, []),
])
def test_location_fields_tell_remote_jobs(text, remote, area, places):
    """The raw location text, read by normalize into what the store keeps."""
    raw = raw_fields("https://a.example/jobs/1", title="Peer Specialist", **location_fields(text))
    stored = normalize(raw).fields
    assert (stored["remote"], stored["remote_area"], [(p["city"], p["state"]) for p in stored["locations"]]) == \
        (remote, area, places)


@pytest.mark.parametrize("text, expected", [
    ("Closes June 30, 2026", "2026-06-30"),     # as ISO text; indexer.dates.date_in_text reads the forms
    ("Continuous", None),
])
def test_find_date(text, expected):
    assert find_date(text) == expected


@pytest.mark.parametrize("expression, valid", [
    ("li.opening > h3 a::attr(href)", True),
    ("//p[@class='schedule']", True),
    ("(//a[contains(@href, '/jobs/')])[1]/@href", True),
    ("div[[", False),
    ("//div[(", False),
    ("", False),
    (42, False),
])
def test_selector_error(expression, valid):
    assert (selector_error(expression) is None) is valid


@pytest.mark.parametrize("url, agency, expected", [
    ("https://www.governmentjobs.com/careers/durhamnc", None,
     "https://www.governmentjobs.com/SearchEngine/JobsFeed?agency=durhamnc"),
    ("https://www.governmentjobs.com/careers/polkcounty/jobs/4810231/peer-support", None,
     "https://www.governmentjobs.com/SearchEngine/JobsFeed?agency=polkcounty"),
    ("https://www.governmentjobs.com/SearchEngine/JobsFeed?agency=marion", None,
     "https://www.governmentjobs.com/SearchEngine/JobsFeed?agency=marion"),
    ("https://www.schooljobs.com/careers", "someisd",
     "https://www.schooljobs.com/SearchEngine/JobsFeed?agency=someisd"),
    ("https://www.governmentjobs.com/", None, None),
])
def test_neogov_feed_url(url, agency, expected):
    assert neogov.feed_url(url, agency) == expected


@pytest.mark.parametrize("low, high, interval, value, text", [
    ("49000.00", "77000.00", "Year", {"minValue": 49000.0, "maxValue": 77000.0, "unitText": "YEAR"},
     "$49,000.00 - $77,000.00 Year"),
    ("24.50", "29.81", "Hourly", {"minValue": 24.5, "maxValue": 29.81, "unitText": "HOUR"},
     "$24.50 - $29.81 Hourly"),
    ("1,980.00", "2,540.80", "Bi-Weekly", {"minValue": 51480.0, "maxValue": 66060.8, "unitText": "YEAR"},
     "$1,980.00 - $2,540.80 Bi-Weekly"),
    ("4,100", "", "Monthly", {"minValue": 4100.0, "maxValue": None, "unitText": "MONTH"}, "$4,100.00 Monthly"),
])
def test_neogov_salary(low, high, interval, value, text):
    assert neogov.salary(low, high, interval) == ({"currency": "USD", "value": value}, text)


def test_neogov_salary_missing_or_zero_is_none():
    assert neogov.salary("0.00", "", "Year") == (None, None)
    assert neogov.salary(None, None, None) == (None, None)


FEEDS = {
    "rss": b"""<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
      xmlns:job_listing="https://wpjobmanager.com"><channel><item>
      <title>Peer Mentor</title><link>https://a.example/job/peer-mentor/</link><guid>a-17</guid>
      <pubDate>Mon, 05 Jan 2026 10:00:00 +0000</pubDate><description>short</description>
      <content:encoded><![CDATA[<p>Long text</p>]]></content:encoded>
      <job_listing:location>Dayton, OH</job_listing:location><job_listing:job_type>Part Time</job_listing:job_type>
      </item></channel></rss>""",
    "atom": b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Jobs</title><entry>
      <title>Peer Mentor</title><link rel="alternate" href="/job/peer-mentor/"/><id>a-17</id>
      <published>2026-01-05T10:00:00Z</published><content type="html">&lt;p&gt;Long text&lt;/p&gt;</content>
      <location>Dayton, OH</location></entry></feed>""",
    "indeed": b"""<source><publisher>A</publisher><job><title><![CDATA[Peer Mentor]]></title>
      <date>2026-01-05</date><referencenumber>a-17</referencenumber><url>https://a.example/job/peer-mentor/</url>
      <company>Hope Center</company><city>Dayton</city><state>OH</state><postalcode>45402</postalcode>
      <description><![CDATA[<p>Long text</p>]]></description><salary>$18 - $21 per hour</salary><jobtype>parttime</jobtype>
      </job></source>""",
}


@pytest.mark.parametrize("kind", sorted(FEEDS))
def test_feed_items_read_every_feed_shape(kind):
    root, items = feed_items(FEEDS[kind])
    assert root in ("rss", "feed", "source") and len(items) == 1
    fields = item_fields(items[0], "https://a.example/jobs/feed/")
    assert fields["title"] == "Peer Mentor" and fields["external_id"] == "a-17"
    assert fields["url"] == "https://a.example/job/peer-mentor/"
    assert fields["description_html"] == "<p>Long text</p>"
    assert find_date(fields["date_posted"]) == "2026-01-05" or fields["date_posted"].startswith("Mon, 05 Jan")
    assert [(place.city, place.state) for place in parse_locations(fields["locations"][0])] == [("Dayton", "OH")]


@pytest.mark.parametrize("body", [b"<html><body>careers</body></html>", b"not xml at all", b""])
def test_feed_items_refuse_what_is_no_feed(body):
    assert feed_items(body) == (None, [])


def test_sitemap_entries_and_urls():
    index = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc> https://a.example/s1.xml </loc></sitemap></sitemapindex>'
    urlset = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.example/jobs/1</loc></url></urlset>'
    assert sitemap_entries(index) == ("sitemapindex", ["https://a.example/s1.xml"])
    assert sitemap_entries(urlset) == ("urlset", ["https://a.example/jobs/1"])
    assert sitemap_entries(b"<html></html>") == (None, [])
    assert is_sitemap_url("https://a.example/sitemap.xml") and is_sitemap_url("https://a.example/job-sitemap.xml")
    assert not is_sitemap_url("https://a.example/careers/")


@pytest.mark.parametrize("lines, expected", [
    (["Job Code: 280", "Revision Date: 01/02/2025", "Location: Lufkin, TX", "Starting Salary: $17.25 hourly"],
     {"location": "Lufkin, TX", "pay_text": "$17.25 hourly"}),
    (["Location:", "Crockett, TX", "Rate of Pay:", "$16.75 - $18.90 per hour", "Status: Part Time"],
     {"location": "Crockett, TX", "pay_text": "$16.75 - $18.90 per hour", "employment_type": "Part Time"}),
    (["We value: honesty", "Summary"], {}),
])
def test_e3applicants_header_lines(lines, expected):
    assert e3applicants.header_lines(lines) == expected


def test_e3applicants_listing_row():
    page = Selector(text="""<div class="row JobPostRow"><a href="/careers/Peer-Specialist--29439--32169-477?source=Indeed.com">
        <span class="title"> Peer Specialist  (29439) </span></a><small> Denton, TX &nbsp;|&nbsp; Part Time </small></div>""")
    [row] = e3applicants.listing_rows(page, "https://dentonmhmr.e3applicants.com/careers/")
    assert row["url"] == "https://dentonmhmr.e3applicants.com/careers/Peer-Specialist--29439--32169-477"
    assert (row["external_id"], row["title"], row["employment_type"]) == ("477", "Peer Specialist (29439)", "Part Time")
    assert row["locations"] == ["Denton, TX"]


@pytest.mark.parametrize("url, expected", [
    ("https://careers-acme.icims.com", "https://careers-acme.icims.com/jobs/search?ss=1&in_iframe=1"),
    ("https://careers-acme.icims.com/jobs/search?ss=1&searchCategory=12",
     "https://careers-acme.icims.com/jobs/search?ss=1&searchCategory=12&in_iframe=1"),
])
def test_icims_search_url(url, expected):
    assert icims.search_url(url) == expected


@pytest.mark.parametrize("text, expected", [
    ("Page 1 of 3", "https://c.icims.com/jobs/search?ss=1&in_iframe=1&pr=1"),
    ("Page 3 of 3", None),
    ("", None),
])
def test_icims_next_search_page(text, expected):
    assert icims.next_search_page("https://c.icims.com/jobs/search?ss=1&in_iframe=1", text) == expected


def test_html_listing_rows_with_and_without_list_item():
    page = Selector(text="""<ul><li class="job"><h3><a href="/jobs/1">Peer Mentor</a></h3><i>Tucson, AZ</i>
        <b>$19/hr</b></li><li class="job"><h3>Peer Coach</h3></li></ul><a class="j" href="/jobs/2">x</a>
        <a class="j" href="javascript:alert(1)">y</a>""")
    selectors = {"list_item": "li.job", "title": "h3", "location": "//i", "pay": "b::text"}
    first, second = html.listing_rows(page, selectors, "https://a.example/careers")
    assert (first["url"], first["title"], first["pay_text"]) == ("https://a.example/jobs/1", "Peer Mentor", "$19/hr")
    assert first["locations"] == ["Tucson, AZ"] and first["linked"]
    assert second["url"] == "https://a.example/careers" and not second["linked"]
    links = html.listing_rows(page, {"link": "a.j"}, "https://a.example/careers")
    assert [row["url"] for row in links] == ["https://a.example/jobs/2"]


# Crawls of the sample boards --------------------------------------------------------------


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """Every board crawled once, plus the sitemap board by a url ending in sitemap.xml."""
    settings = folder_settings(tmp_path_factory.mktemp("pages"))
    with serving({name: BoardServer(BOARDS_DIR / name) for name in BOARDS}) as servers:
        entries = [server.source() for server in servers.values()]
        by_url = dict(servers["jsonld-sitemap"].source(), id="demo-sitemap-by-url")
        by_url["url"] = by_url.pop("sitemap")
        listed = parse_entries(entries + [by_url])
        assert listed.problems == []
        assert crawl_in_child(listed.sources, settings, LOOPBACK_OVERRIDES, timeout=120) == 0
        yield db.make_engine(settings.database_url), servers


def postings(engine, source_id) -> dict[str, Posting]:
    """Stored postings a source saw, by title."""
    with db.session_factory(engine)() as session:
        seen = select(PostingSource.posting_id).where(PostingSource.source_id == source_id)
        return {p.title: p for p in session.scalars(select(Posting).where(Posting.id.in_(seen)))}


def run_of(engine, source_id) -> CrawlRun:
    with db.session_factory(engine)() as session:
        return session.scalars(select(CrawlRun).where(CrawlRun.source_id == source_id)).one()


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.mark.parametrize("source_id, expected", [
    ("demo-neogov", 5), ("demo-icims", 5), ("demo-e3applicants", 5), ("demo-rss", 4), ("demo-html", 5),
    ("demo-jsonld-sitemap", 4), ("demo-sitemap-by-url", 4), ("demo-jobaps", 5),
    ("demo-pageup", 5), ("demo-breezy", 5), ("demo-jazzhr", 5), ("demo-icims-cards", 4),
    ("demo-jsonld-listing", 7), ("demo-neogov-advertise", 4),
    ("demo-e3applicants-relative", 4), ("demo-html-table", 4),
    ("demo-rss-atom", 4),
])
def test_every_board_is_crawled_whole(crawled, source_id, expected):
    engine, _ = crawled
    run = run_of(engine, source_id)
    assert run.status == "ok", run.message
    assert run.items == expected == len(postings(engine, source_id))
    found = postings(engine, source_id).values()
    assert sum(not p.is_peer for p in found) == 1
    assert any(p.remote for p in found) and all(p.employer for p in found)


def test_neogov_feed(crawled):
    found = postings(crawled[0], "demo-neogov")
    class_title = found["PEER SUPPORT SPECIALIST (Mental Health Worker II)"]
    assert (class_title.city, class_title.state, class_title.pay_unit) == ("Salem", "OR", "YEAR")
    assert (class_title.pay_min, class_title.pay_max) == (45760.0, 58406.4)
    assert class_title.date_posted == days_ago(3) and class_title.valid_through is None
    assert class_title.employer == "Willamette Valley County Health & Human Services"
    forensic = found["Forensic Peer Specialist - Jail Diversion Program"]
    assert forensic.pay_text == "$1,980.00 - $2,540.80 Bi-Weekly" and forensic.pay_annual_min == 51480.0
    crisis = found["Peer Recovery Specialist - Crisis Stabilization Center (Extra Help)"]
    assert crisis.pay_hourly_min == 24.5 and crisis.valid_through.date() == TODAY + timedelta(days=20)
    remote = found["Family Peer Support Partner - Remote (Oregon residents)"]
    assert remote.remote and remote.remote_area == "OR" and remote.city is None
    assert not found["Accounting Technician II"].is_peer


def test_neogov_feed_with_advertise_dates(crawled):
    found = postings(crawled[0], "demo-neogov-advertise")
    counselor = found["Peer Counselor - Behavioral Health & Recovery (Bilingual Preferred)"]
    assert counselor.valid_through.date() == TODAY + timedelta(days=17) and counselor.pay_hourly_min == 27.14
    navigator = found["Recovery Navigator (Peer) - Law Enforcement Assisted Diversion"]  # pay in the description
    assert (navigator.pay_min, navigator.pay_max, navigator.pay_unit) == (4870.0, 6215.0, "MONTH")
    assert navigator.valid_through.date() == TODAY + timedelta(days=5)
    crisis = found["Peer Support Specialist - Mobile Crisis (Remote Option, Washington)"]
    assert crisis.valid_through is None and crisis.remote and crisis.remote_area == "WA"


def test_icims_portal(crawled):
    found = postings(crawled[0], "demo-icims")
    csp = found["Peer Support Specialist - Community Support Program (CSP)"]
    assert (csp.city, csp.state, csp.postal_code) == ("Milwaukee", "WI", "53233")
    assert (csp.pay_hourly_min, csp.pay_hourly_max, csp.employment_type) == (19.0, 23.0, "FULL_TIME")
    assert csp.url.endswith("/jobs/1201/peer-support-specialist-community-support-program/job")
    line = found["Certified Peer Specialist | Crisis Line | Nights"]
    assert line.remote and line.remote_area == "WI" and line.employment_type == "PART_TIME"
    youth = found["Youth Peer Support Specialist (Ages 18-26) *NEW*"]  # no JSON-LD: row + page content
    assert (youth.city, youth.state, youth.employment_type) == ("Kenosha", "WI", "PART_TIME")
    assert youth.date_posted == days_ago(1) and youth.pay_hourly_min == 18.0
    assert "lived experience" in youth.description_text
    assert found["Recovery Coach (CRSW) - Racine"].pay_hourly_max == 22.5
    server = crawled[1]["icims"]
    assert any(r.path == "/jobs/search" and r.query.get("pr") == ["1"] for r in server.requests)
    assert all(r.query.get("in_iframe") == ["1"] for r in server.requests if r.path.startswith("/jobs/"))


def test_icims_cards_portal(crawled):
    found = postings(crawled[0], "demo-icims-cards")
    crisis = found["Certified Peer Specialist – Mobile Crisis"]
    assert (crisis.city, crisis.state, crisis.pay_hourly_min, crisis.employment_type) == \
        ("Pittsburgh", "PA", 20.5, "FULL_TIME")
    assert crisis.url.endswith("/jobs/2301/certified-peer-specialist-mobile-crisis/job")
    warm = found["Recovery Specialist (CRS) – Warm Handoff"]  # no JSON-LD: card + page content
    assert (warm.city, warm.state, warm.employment_type, warm.pay_hourly_min) == ("Altoona", "PA", "PART_TIME", 19.25)
    assert warm.date_posted == days_ago(5)
    remote = found["Peer Support Specialist – Remote (Pennsylvania residents)"]  # on the second page
    assert remote.remote and remote.remote_area == "PA"
    assert run_of(crawled[0], "demo-icims-cards").health == "healthy"


def test_e3applicants_board(crawled):
    found = postings(crawled[0], "demo-e3applicants")
    first = found["Peer Support Specialist 280"]
    assert (first.city, first.state, first.postal_code) == ("Lufkin", "TX", "75904")
    assert first.pay_hourly_min == 17.25 and first.employment_type == "FULL_TIME"
    assert first.date_posted is None  # "Revision Date" is not a posting date
    assert "?source=" not in first.url and first.url.endswith("/careers/Peer-Support-Specialist-280-1390")
    bonus = found["Peer Recovery Coach $1,000 Sign-on Bonus | Substance Use Services"]
    assert bonus.pay_hourly_min == 18.5 and bonus.city == "Nacogdoches"
    family = found["Family Partner (29439) | (32169)"]
    assert (family.city, family.employment_type, family.pay_hourly_max) == ("Crockett", "PART_TIME", 18.9)
    warmline = found["Peer Specialist - Telehealth Warmline (Remote within Texas)"]
    assert warmline.remote and warmline.remote_area == "TX"


def test_jobaps_board(crawled):
    found = postings(crawled[0], "demo-jobaps")
    first = found["Peer Support Specialist"]
    assert (first.city, first.state, first.employment_type) == ("Norwich", "CT", "FULL_TIME")
    assert (first.pay_hourly_min, first.pay_hourly_max) == (24.1, 31.85) and first.date_posted == days_ago(2)
    assert first.external_id == "2026-040117-01" and "/NewRegPages/TermsOfUse.asp" in first.apply_url
    part_time = found["Recovery Support Specialist (Part-Time)"]  # the older bulletin layout
    assert (part_time.city, part_time.date_posted, part_time.employment_type) == ("Willimantic", days_ago(4), "PART_TIME")
    warmline = found["Peer Specialist - Statewide Warmline (Telework)"]
    assert warmline.remote and warmline.remote_area == "CT" and warmline.pay_unit == "BIWEEK"
    assert found["Family Peer Support Specialist (Durational)"].date_posted == days_ago(8)
    assert not found["Peer Review Nurse"].is_peer and found["Peer Review Nurse"].pay_unit == "YEAR"
    server = crawled[1]["jobaps"]
    assert not [r for r in server.requests if "classspec" in r.path]


def test_pageup_site(crawled):
    found = postings(crawled[0], "demo-pageup")
    first = found["Peer Recovery Specialist"]  # JSON-LD
    assert (first.city, first.state, first.postal_code, first.employment_type) == ("Roanoke", "VA", "24011", "FULL_TIME")
    assert (first.pay_hourly_min, first.date_posted, first.external_id) == (19.5, days_ago(1), "512301")
    remote = found["Family Support Partner (Remote)"]
    assert remote.remote and remote.remote_area == "VA" and remote.city is None
    nurse = found["Peer Review Nurse"]  # the older page: Hiring Range is the pay, Pay Band 5 is not
    assert (nurse.pay_min, nurse.pay_unit, nurse.date_posted, nurse.is_peer) == (85000.0, "YEAR", days_ago(3), False)
    forensic = found["Peer Recovery Specialist - Forensic Discharge Planning"]
    assert (forensic.city, forensic.pay_min, forensic.employment_type) == ("Salem", 42500.0, "FULL_TIME")
    assert forensic.date_posted == days_ago(9) and "justice system" in forensic.description_text
    listings = [r for r in crawled[1]["pageup"].requests if r.path == "/cw/en-us/listing/"]
    assert [r.query.get("page") for r in listings] == [None, ["2"]]
    assert len([r for r in crawled[1]["pageup"].requests if "/job/" in r.path]) == 5  # each job once
def test_e3applicants_relative_links_and_split_labels(crawled):
    found = postings(crawled[0], "demo-e3applicants-relative")
    prss = found["Peer Recovery Support Specialist – Adult Services"]
    assert prss.url.endswith("/careers/Peer-Recovery-Support-Specialist-Adult-Services-2210")  # by <base href>
    assert (prss.pay_hourly_min, prss.pay_hourly_max, prss.postal_code) == (17.75, 19.5, "77701")
    assert prss.date_posted is None
    family = found["Family Partner – Youth & Family Services"]  # pay in prose only
    assert (family.pay_hourly_min, family.city, family.employment_type) == (18.25, "Orange", "PART_TIME")
    warmline = found["Peer Specialist – Warmline (Remote – Texas)"]
    assert warmline.remote and warmline.remote_area == "TX" and warmline.pay_hourly_min == 16.9
    assert not found["Accountant II"].is_peer


def test_rss_feed(crawled):
    engine, _ = crawled
    found = postings(engine, "demo-rss")
    cprs = found["Peer Recovery Specialist (CPRS) – Baltimore City – $21/hr"]
    assert (cprs.city, cprs.state, cprs.employment_type, cprs.pay_hourly_min) == ("Baltimore", "MD", "FULL_TIME", 21.0)
    assert cprs.date_posted == days_ago(2) and "<ul>" in cprs.description_html
    assert found["Recovery Coach - Part Time (Weekends)"].postal_code == "21401"
    assert found["Peer Warmline Specialist (Remote - Maryland residents)"].remote_area == "MD"
    assert found["Office Manager"].city == "Baltimore"  # the source's `location` key fills it in
    assert run_of(engine, "demo-rss").stats["peerjobs/page_problems"] == 1  # the item with no title


def test_atom_feed(crawled):
    engine, servers = crawled
    found = postings(engine, "demo-rss-atom")
    mentor = found["Peer Mentor & Advocate"]  # escaped twice in the feed
    assert mentor.url.endswith("/careers/jobs/peer-mentor-advocate/") and mentor.date_posted == days_ago(3)
    assert (mentor.pay_hourly_min, mentor.pay_hourly_max, mentor.city) == (20.0, 23.0, "Denver")
    coach = found["Recovery Coach – Spanish Speaking"]  # only <updated>
    assert coach.date_posted == days_ago(6) and coach.pay_hourly_min == 21.5
    remote = found["Peer Support Specialist (Remote – Colorado)"]  # on the second page, no date
    assert remote.remote and remote.remote_area == "CO" and remote.date_posted is None
    assert any(r.query.get("page") == ["2"] for r in servers["rss-atom"].requests)


def test_html_selectors(crawled):
    found = postings(crawled[0], "demo-html")
    pss = found["Peer Support Specialist (Certified) – Tucson"]
    assert (pss.city, pss.state, pss.postal_code, pss.pay_hourly_min, pss.pay_hourly_max) == \
        ("Tucson", "AZ", "85705", 18.5, 21.0)
    assert pss.date_posted == days_ago(3) and pss.employment_type == "FULL_TIME"
    assert "Co-facilitate recovery groups" in pss.description_text
    assert found["Recovery Coach/Peer Mentor - Justice Programs!!"].city == "Phoenix"
    navigator = found["Peer Navigator — Remote / Telehealth (Arizona)"]
    assert navigator.remote and navigator.remote_area == "AZ" and navigator.pay_hourly_min == 19.0
    assert found["Family Support Partner"].city == "Flagstaff"  # on the second listing page


def test_html_table_with_relative_links(crawled):
    engine, servers = crawled
    found = postings(engine, "demo-html-table")
    coach = found["Peer Recovery Coach & Mentor"]  # pay only in the job page's prose
    assert (coach.pay_hourly_min, coach.pay_hourly_max, coach.city, coach.state) == (19.0, 22.0, "Grand Rapids", "MI")
    assert coach.date_posted == days_ago(2) and coach.employment_type == "FULL_TIME"
    cpss = found["Certified Peer Support Specialist"]
    assert cpss.date_posted is None and cpss.pay_hourly_min == 18.5 and cpss.city == "Kalamazoo"
    warmline = found["Peer Warmline Specialist (Remote, Michigan)"]
    assert warmline.remote and warmline.remote_area == "MI" and warmline.date_posted == days_ago(3)
    assert not found["Receptionist"].is_peer
    run = run_of(engine, "demo-html-table")
    assert run.stats.get("peerjobs/page_problems", 0) == 0 and run.health == "healthy"


def test_jsonld_sitemap_and_microdata(crawled):
    engine, servers = crawled
    found = postings(engine, "demo-jsonld-sitemap")
    omaha = found["Peer Support Specialist - Omaha (Adult Day Rehab)"]  # JSON-LD in an @graph
    assert (omaha.city, omaha.pay_unit, omaha.pay_annual_min) == ("Omaha", "YEAR", 38500.0)
    lincoln = found["Peer Recovery Coach – Lincoln (PRN / as needed)"]  # microdata
    assert (lincoln.city, lincoln.state, lincoln.postal_code) == ("Lincoln", "NE", "68508")
    assert (lincoln.pay_hourly_min, lincoln.pay_hourly_max, lincoln.employment_type) == (18.75, 21.0, "PER_DIEM")
    assert lincoln.date_posted == days_ago(4) and "<ul>" in lincoln.description_html
    veteran = found["Veteran Peer Mentor (Remote - Nebraska)"]  # microdata, TELECOMMUTE
    assert veteran.remote and veteran.remote_area == "NE"
    paths = [r.path for r in servers["jsonld-sitemap"].requests]
    assert "/about/" not in paths and paths.count("/careers/jobs/peer-support-specialist-omaha/") <= 2


def test_breezy_portal(crawled):
    engine, servers = crawled
    found = postings(engine, "demo-breezy")
    cps = found["Certified Peer Specialist (CPS)"]  # JSON-LD with an HTML-escaped description
    assert (cps.city, cps.state, cps.postal_code, cps.employment_type) == ("Atlanta", "GA", "30308", "FULL_TIME")
    assert (cps.pay_hourly_min, cps.pay_hourly_max, cps.date_posted) == (18.0, 22.0, days_ago(1))
    assert "<li>" in cps.description_html and "&lt;" not in cps.description_html
    assert cps.employer == "Peachtree Peer Recovery Network" and cps.external_id == "5e1f0c2a9b01"
    assert found["Peer Review Nurse"].pay_hourly_min == 40.0 and not found["Peer Review Nurse"].is_peer
    youth = found["Youth Peer Support Specialist (Remote - Georgia)"]
    assert youth.remote and youth.remote_area == "GA" and youth.pay_hourly_min == 19.0
    parent = found["Parent Peer Support Partner"]  # no JSON-LD: the list row and the page's markup
    assert (parent.city, parent.state, parent.date_posted, parent.pay_hourly_min) == \
        ("Augusta", "GA", days_ago(9), 18.25)
    assert "Athens" in parent.description_text
    paths = [r.path for r in servers["breezy"].requests]
    assert paths.count("/json") == 1 and len([p for p in paths if p.startswith("/p/")]) == 5


def test_jazzhr_board(crawled):
    engine, servers = crawled
    found = postings(engine, "demo-jazzhr")
    cprs = found["Certified Peer Recovery Specialist (CPRS)"]
    assert (cprs.city, cprs.state, cprs.postal_code, cprs.employment_type) == ("Nashville", "TN", "37206", "FULL_TIME")
    assert (cprs.pay_hourly_min, cprs.pay_hourly_max, cprs.date_posted) == (18.0, 21.0, days_ago(2))
    assert cprs.external_id == "Xk3PqR7aLm" and cprs.employer == "Cumberland Peer Recovery Services"
    part_time = found["Peer Recovery Specialist - Part Time"]  # no place on the row; escaped JSON-LD
    assert (part_time.city, part_time.pay_hourly_min, part_time.employment_type) == ("Knoxville", 17.0, "PART_TIME")
    assert "&lt;" not in part_time.description_html
    nurse = found["Peer Review Nurse"]  # the JSON-LD names the state in full
    assert (nurse.city, nurse.state, nurse.pay_hourly_min, nurse.is_peer) == ("Chattanooga", "TN", 41.0, False)
    family = found["Family Peer Support Specialist (Remote - Tennessee)"]
    assert family.remote and family.remote_area == "TN" and family.date_posted == days_ago(8)
    memphis = found["Recovery Coach & Peer Mentor - Memphis"]  # no JSON-LD: the row and the page's markup
    assert (memphis.city, memphis.state, memphis.employment_type, memphis.pay_hourly_min) == \
        ("Memphis", "TN", "FULL_TIME", 18.0)
    assert memphis.date_posted is None and "Shelby County" in memphis.description_text
    assert memphis.url.endswith("/apply/jobs/details/Qn7LpH4iVb")
    paths = [r.path for r in servers["jazzhr"].requests]
    assert paths.count("/apply") == 1 and "/apply/jobs" not in paths
def test_jsonld_listing_as_real_sites_write_it(crawled):
    engine, servers = crawled
    found = postings(engine, "demo-jsonld-listing")
    supervisor = found["Peer Support Supervisor"]
    assert (supervisor.pay_min, supervisor.pay_max, supervisor.pay_unit) == (95000.0, 140000.0, "YEAR")
    assert {(p["city"], p["state"]) for p in supervisor.locations} == {("Wichita", "KS"), ("Hutchinson", "KS")}
    assert found["Recovery Coach – Day Shift"].pay_hourly_max == 25.0  # two postings on one page
    assert found["Recovery Coach – Overnight"].pay_hourly_min == 21.5
    youth = found["Youth Peer Mentor"]  # `name`, no hiringOrganization, escaped description
    assert youth.employer == "Flint Hills Peer Network" and "<ul>" in youth.description_html
    warmline = found["Warmline Peer Specialist (Remote, Kansas)"]
    assert warmline.remote and warmline.remote_area == "KS"
    assert found["Family Peer Partner"].pay_hourly_max == 22.5  # microdata
    assert found["Maintenance Technician"].pay_min is None
    run = run_of(engine, "demo-jsonld-listing")
    assert run.stats.get("peerjobs/field_problems/pay") == 1 and run.health == "healthy"
    paths = [r.path for r in servers["jsonld-listing"].requests]
    assert "/about/" not in paths and paths.count("/careers/openings/warmline-peer-specialist/") == 1


def test_a_listing_in_unknown_markup_is_never_healthy(tmp_path):
    """A search page whose markup no rule reads: no jobs, a problem counted, and the run's health
    says so in words."""
    board = tmp_path / "icims-unknown"
    shutil.copytree(BOARDS_DIR / "icims", board)
    (board / "search-1.html").write_text("<html><body><div class='jobs-grid'><p>Peer Support Specialist</p>"
                                         "</div></body></html>", encoding="utf-8")
    settings = folder_settings(tmp_path / "store")
    with BoardServer(board) as server:
        assert crawl_in_child(parse_entries([server.source()]).sources, settings, LOOPBACK_OVERRIDES,
                              timeout=120) == 0
    run = run_of(db.make_engine(settings.database_url), "demo-icims")
    assert (run.items, run.health) == (0, "degraded")
    assert run.health_reason == "the listing page held no jobs on the source's first run"
    assert run.stats["peerjobs/page_problems"] == 1


def test_entry_failures_fail_the_run(tmp_path):
    """An HTTP error on the entry page, or an entry that is no feed, fails the run and says why."""
    settings = folder_settings(tmp_path)
    with BoardServer(BOARDS_DIR / "html") as failing, BoardServer(BOARDS_DIR / "e3applicants") as not_a_feed:
        failing.set_failure(503)
        entries = [failing.source(), {"id": "html-as-feed", "platform": "rss", "employer": "Piney Woods",
                                      "url": not_a_feed.source()["url"]},
                   {"id": "breezy-no-company", "platform": "breezy", "employer": "Peachtree",
                    "url": "https://app.breezy.hr/"},
                   {"id": "jazzhr-no-company", "platform": "jazzhr", "employer": "Cumberland",
                    "url": "https://www.applytojob.com/apply"}]
        assert crawl_in_child(parse_entries(entries).sources, settings, LOOPBACK_OVERRIDES, timeout=120) == 0
    engine = db.make_engine(settings.database_url)
    assert (run_of(engine, "demo-html").status, "503" in run_of(engine, "demo-html").message) == ("failed", True)
    feed_run = run_of(engine, "html-as-feed")
    assert feed_run.status == "failed" and "not an RSS or Atom feed" in feed_run.message
    breezy_run = run_of(engine, "breezy-no-company")
    assert breezy_run.status == "failed" and "no Breezy company in https://app.breezy.hr/" in breezy_run.message
    jazzhr_run = run_of(engine, "jazzhr-no-company")
    assert jazzhr_run.status == "failed" and "no JazzHR company in" in jazzhr_run.message


def test_breezy_entry_that_is_no_position_list_fails_and_a_bad_position_costs_itself(tmp_path):
    """A company Breezy does not know answers its marketing page; a position without a page link is skipped."""
    settings = folder_settings(tmp_path / "data")
    boards = {}
    for name, body, kind in [("html", "<html><body>Hire better</body></html>", "text/html"),
                             ("object", '{"error": "not found"}', "application/json"),
                             ("mixed", '[{"id": "1", "name": "Peer Mentor"}, "oops", {"id": "2", "name": '
                                       '"Recovery Coach", "url": "{{base}}/p/2-recovery-coach"}]', "application/json")]:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "list.json").write_text(body, encoding="utf-8")
        (folder / "board.yaml").write_text(
            f'source: {{id: breezy-{name}, platform: breezy, url: "{{base}}/", employer: Peachtree}}\n'
            f"routes:\n  - {{path: /json, file: list.json, content_type: {kind}}}\n"
            '  - {path: /p/2-recovery-coach, body: "<div class=description><p>Coach</p></div>", '
            "content_type: text/html}\n", encoding="utf-8")
        boards[name] = BoardServer(folder)
    with serving(boards) as servers:
        entries = [server.source() for server in servers.values()]
        assert crawl_in_child(parse_entries(entries).sources, settings, LOOPBACK_OVERRIDES, timeout=120) == 0
    engine = db.make_engine(settings.database_url)
    assert "did not answer JSON" in run_of(engine, "breezy-html").message
    assert "expected a list of positions, got dict" in run_of(engine, "breezy-object").message
    mixed = run_of(engine, "breezy-mixed")
    assert (mixed.status, mixed.stats["peerjobs/page_problems"]) == ("ok", 2)
    coach = postings(engine, "breezy-mixed")["Recovery Coach"]
    assert list(postings(engine, "breezy-mixed")) == ["Recovery Coach"] and coach.description_text == "Coach"
