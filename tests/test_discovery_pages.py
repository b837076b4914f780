"""What a page says about where an organization's jobs are: embeds, hosted boards' marks, job
feeds, JobPosting data, plain lists of openings, dead ends; and which links lead to careers."""
import pytest
from parsel import Selector

from crawlers.discovery.links import careers_links, careers_score, is_aggregator, page_links
from crawlers.discovery.pages import (
    has_job_posting, html_candidate, job_links, listing_selectors, not_hiring, page_candidates, sign_in_wall,
)

PAGE = "https://hope.example/careers/"


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("html, platform, url, evidence", [
    (page('<div id="grnhse_app"></div><script src="https://boards.greenhouse.io/embed/job_board/js?for=hope"></script>'),
     "greenhouse", "https://job-boards.greenhouse.io/hope", "script https://boards.greenhouse.io/embed/job_board/js?for=hope on /careers/"),
    (page('<iframe src="https://boards.greenhouse.io/embed/job_board?for=hope"></iframe>'),
     "greenhouse", "https://job-boards.greenhouse.io/hope", "iframe"),
    (page('<script>Grnhse.Settings = {boardURI: "https:\\/\\/boards.greenhouse.io\\/embed\\/job_board?for=hope"};</script>'),
     "greenhouse", "https://job-boards.greenhouse.io/hope", "script"),
    (page('<div id="lever-jobs-container"></div><script>window.leverJobsOptions = {accountName: "hopeorg", includeCss: true};</script>'
          '<script src="https://andreasmb.github.io/lever-jobs-embed/index.js"></script>'),
     "lever", "https://jobs.lever.co/hopeorg", "embed"),
    (page('<a href="https://hope.wd5.myworkdayjobs.com/en-US/HopeCareers">Search jobs</a>'),
     "workday", "https://hope.wd5.myworkdayjobs.com/HopeCareers", "link"),
    (page('<iframe src="https://recruiting.paylocity.com/Recruiting/Jobs/All/6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b/Hope"></iframe>'),
     "paylocity", "https://recruiting.paylocity.com/recruiting/jobs/All/6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b/Hope", "iframe"),
    (page('<div id="BambooHR" data-domain="hope.bamboohr.com"></div><script src="https://hope.bamboohr.com/js/embed.js"></script>'),
     "bamboohr", "https://hope.bamboohr.com/careers", "script"),
    (page('<div class="job_widget"></div><script src="https://static.smartrecruiters.com/job-widget/1.6.2/script/smart_widget.min.js">'
          '</script><script>widget({"company_code":"HopeOrg","limit":25});</script>'),
     "smartrecruiters", "https://careers.smartrecruiters.com/HopeOrg", "embed"),
    (page('<a href="https://workforcenow.adp.com/mascsr/default/mdf/recruitment/recruitment.html?cid=abc&amp;ccId=1">Jobs</a>'),
     "adp", "https://workforcenow.adp.com/mascsr/default/mdf/recruitment/recruitment.html?cid=abc&ccId=1", "link"),
    (page("<p>Jobs</p>", '<link rel="alternate" type="application/rss+xml" title="Hope &raquo; Jobs Feed" href="/jobs/feed/">'),
     "rss", "https://hope.example/jobs/feed/", "feed"),
    (page('<a href="/?feed=job_feed">Subscribe to our openings</a>'), "rss", "https://hope.example/?feed=job_feed", "job feed"),
    (page('<div class="iCIMS_MainWrapper iCIMS_ListingsPage"></div>'), "icims", "https://hope.example/jobs/search?ss=1", "icims"),
    (page('<div class="JobPostRow"><a href="/careers/Peer-1">Peer</a></div>'), "e3applicants", PAGE, "e3applicants"),
    (page('<a href="JobBoard.asp">View Current Job Openings</a><p>Powered by JobAps</p>'), "jobaps", "https://hope.example/careers/", "jobaps"),
    (page('<ul class="list-group"></ul><p>Powered by JazzHR</p>'), "jazzhr", "https://hope.example/apply", "jazzhr"),
    (page('<body class="breezy-portal"></body>'), "breezy", "https://hope.example/", "breezy"),
])
def test_boards_on_a_page(html, platform, url, evidence):
    best = page_candidates(PAGE, html)[0]
    assert (best.platform, best.url) == (platform, url)
    assert evidence in best.evidence[0]


def test_a_vendors_marks_count_only_off_the_organizations_own_site():
    html = page('<p>Apply through <a href="https://example.org/">our JobAps job board</a>.</p>')
    assert [c.platform for c in page_candidates(PAGE, html, hosted=True)] == ["jobaps"]
    assert page_candidates(PAGE, html, hosted=False) == []


def test_an_agency_page_with_nothing_of_a_board_proposes_nothing():
    html = page('<a href="https://www.facebook.com/hope">Facebook</a><a href="/donate">Give</a>'
                '<script src="/wp-includes/js/jquery.js"></script>')
    assert page_candidates(PAGE, html) == []


OPENINGS = page('<nav><a href="/peer-programs/">Peer Support Programs</a></nav>'
                '<ul><li class="opening"><h3><a href="/careers/peer-specialist/">Peer Specialist</a></h3></li>'
                '<li class="opening"><h3><a href="/careers/nurse/">Registered Nurse</a></h3></li></ul>')


def test_a_plain_list_of_openings_gets_selectors_and_menus_are_not_openings():
    anchors = job_links(PAGE, Selector(text=OPENINGS))
    assert [url for _, url in anchors] == ["https://hope.example/careers/peer-specialist/",
                                           "https://hope.example/careers/nurse/"]
    assert listing_selectors([a for a, _ in anchors]) == {"list_item": "li.opening", "link": "a::attr(href)", "title": "a"}
    candidate = html_candidate(PAGE, [a for a, _ in anchors])
    assert candidate.platform == "html" and candidate.options["list_item"] == "li.opening" and candidate.confidence > 0.5


def test_openings_without_common_rows_are_low_confidence_and_say_selectors_are_needed():
    html = page('<p><a href="/careers/peer-specialist/">Peer Specialist</a></p><div><a href="/careers/rn/">Nurse</a></div>')
    candidate = html_candidate(PAGE, [a for a, _ in job_links(PAGE, Selector(text=html))])
    assert candidate.options == {} and candidate.confidence < 0.5
    assert any("selectors are needed" in line for line in candidate.evidence)


@pytest.mark.parametrize("html, posting", [
    (page('<script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":"Peer"}</script>'), True),
    (page('<div itemscope itemtype="https://schema.org/JobPosting"><h1 itemprop="title">Peer</h1></div>'), True),
    (page('<script type="application/ld+json">{"@type":"Organization","name":"Hope"}</script>'), False),
])
def test_job_posting_data(html, posting):
    assert has_job_posting(Selector(text=html)) is posting


@pytest.mark.parametrize("html, hiring_none, wall", [
    (page("<h1>Careers</h1><p>We have no current openings. Please check back.</p>"), True, False),
    (page("<h1>Empleos</h1><p>Por ahora no tenemos vacantes.</p>"), True, False),
    (page("<h1>Careers</h1><p>Join us!</p>"), False, False),
    (page('<form><input name="log"><input type="password" name="pwd"></form>'), False, True),
    (page("<p>Employee login required to see postings.</p>"), False, True),
])
def test_dead_end_signs(html, hiring_none, wall):
    selector = Selector(text=html)
    assert not_hiring(selector) is hiring_none
    assert sign_in_wall(selector) is wall


@pytest.mark.parametrize("text, url, scored", [
    ("Careers", "https://hope.example/careers/", True),
    ("Join Our Team", "https://hope.example/team", True),
    ("Work with us", "https://hope.example/w", True),
    ("Empleos", "https://hope.example/es/e", True),
    ("", "https://hope.example/employment-opportunities/", True),
    ("Supported Employment", "https://hope.example/services/supported-employment/", False),
    ("Donate", "https://hope.example/donate/", False),
])
def test_careers_link_scores(text, url, scored):
    assert (careers_score(text, url) > 0) is scored


def test_the_best_careers_links_come_first_and_image_links_count_by_their_alt():
    html = page('<a href="/about/">About</a><a href="/careers/"><img src="c.png" alt="Careers at Hope"></a>'
                '<a href="/join-our-team/">Join our team</a><a href="mailto:hr@hope.example">HR</a>')
    chosen = careers_links(page_links(PAGE, html))
    assert [link.url for link in chosen][:2] == ["https://hope.example/join-our-team/", "https://hope.example/careers/"]
    assert all(not link.url.startswith("mailto") for link in page_links(PAGE, html))


@pytest.mark.parametrize("url, aggregator", [
    ("https://www.indeed.com/cmp/Hope/jobs", True), ("https://www.linkedin.com/company/hope/jobs", True),
    ("https://www.ziprecruiter.com/c/Hope/Jobs", True), ("https://www.idealist.org/en/nonprofit/x", True),
    ("https://www.glassdoor.com/Jobs/x", True), ("https://jobs.lever.co/hope", False),
])
def test_aggregators(url, aggregator):
    assert is_aggregator(url) is aggregator
