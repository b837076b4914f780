"""Board URLs as sources: each platform's link, embed and API shapes give its platform, the URL a
source entry would have and one identity for the board."""
import pytest

from crawlers.discovery.boards_more import board_from_url, board_key_of, page_key

GUID = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"


@pytest.mark.parametrize("url, platform, source_url, key", [
    ("https://boards.greenhouse.io/embed/job_board?for=harborlight&b=https://x.example",
     "greenhouse", "https://job-boards.greenhouse.io/harborlight", "greenhouse:harborlight"),
    ("https://boards.greenhouse.io/embed/job_board/js?for=HarborLight", "greenhouse",
     "https://job-boards.greenhouse.io/HarborLight", "greenhouse:harborlight"),
    ("https://job-boards.greenhouse.io/harborlight/jobs/4012345", "greenhouse",
     "https://job-boards.greenhouse.io/harborlight", "greenhouse:harborlight"),
    ("https://boards-api.greenhouse.io/v1/boards/harborlight/jobs", "greenhouse",
     "https://job-boards.greenhouse.io/harborlight", "greenhouse:harborlight"),
    ("https://jobs.lever.co/crossroads/3f1e-apply", "lever", "https://jobs.lever.co/crossroads", "lever:crossroads"),
    ("https://jobs.eu.lever.co/crossroads", "lever", "https://jobs.eu.lever.co/crossroads", "lever:crossroads"),
    ("https://jobs.smartrecruiters.com/Bayou/744000000000101-peer", "smartrecruiters",
     "https://careers.smartrecruiters.com/Bayou", "smartrecruiters:bayou"),
    ("https://cascade.wd5.myworkdayjobs.com/en-US/Careers/job/Bend/Peer_R1", "workday",
     "https://cascade.wd5.myworkdayjobs.com/Careers", "workday:cascade/careers"),
    ("https://cascade.wd1.myworkdayjobs.com/Careers", "workday",
     "https://cascade.wd1.myworkdayjobs.com/Careers", "workday:cascade/careers"),
    ("https://recruiting2.ultipro.com/GLR1001/JobBoard/3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9/?q=", "ultipro",
     "https://recruiting2.ultipro.com/GLR1001/JobBoard/3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9/",
     "ultipro:glr1001/3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9"),
    (f"https://recruiting.paylocity.com/Recruiting/Jobs/All/{GUID}/Desert-Sun", "paylocity",
     f"https://recruiting.paylocity.com/recruiting/jobs/All/{GUID}/Desert-Sun", f"paylocity:{GUID}"),
    (f"https://recruiting.paylocity.com/recruiting/jobs/Details/1234/{GUID}", "paylocity",
     f"https://recruiting.paylocity.com/recruiting/jobs/All/{GUID}/Jobs", f"paylocity:{GUID}"),
    ("https://careers-lakeshore.icims.com/jobs/1201/peer/job", "icims",
     "https://careers-lakeshore.icims.com/jobs/search?ss=1", "icims:careers-lakeshore.icims.com"),
    ("https://workforcenow.adp.com/mascsr/default/mdf/recruitment/recruitment.html?cid=ABC-1&ccId=1",
     "adp", "https://workforcenow.adp.com/mascsr/default/mdf/recruitment/recruitment.html?cid=ABC-1&ccId=1",
     "adp:abc-1"),
    ("https://prairiehope.bamboohr.com/jobs/embed2.php?departmentId=0", "bamboohr",
     "https://prairiehope.bamboohr.com/careers", "bamboohr:prairiehope"),
    ("https://www.governmentjobs.com/careers/durhamnc/jobs/123", "neogov",
     "https://www.governmentjobs.com/careers/durhamnc", "neogov:durhamnc"),
    ("https://apply.workable.com/highdesert/j/ABC123/", "workable", "https://apply.workable.com/highdesert/",
     "workable:highdesert"),
    ("https://peachtree.breezy.hr/p/5e1f-peer", "breezy", "https://peachtree.breezy.hr/", "breezy:peachtree"),
    ("https://cumberland.applytojob.com/apply/abc/Peer", "jazzhr", "https://cumberland.applytojob.com/apply",
     "jazzhr:cumberland"),
    ("https://northstar.recruitee.com/o/peer", "recruitee", "https://northstar.recruitee.com/", "recruitee:northstar"),
    ("https://www.paycomonline.net/v4/ats/web.php/jobs?clientkey=7A1C0E5B9D2F48A6B3C4D5E6F7081920", "paycom",
     "https://www.paycomonline.net/v4/ats/web.php/portal/7A1C0E5B9D2F48A6B3C4D5E6F7081920/career-page",
     "paycom:7A1C0E5B9D2F48A6B3C4D5E6F7081920"),
    ("https://jobs.dayforcehcm.com/en-US/northstar/CANDIDATEPORTAL/jobs/12", "dayforce",
     "https://jobs.dayforcehcm.com/en-US/northstar/CANDIDATEPORTAL", "dayforce:northstar/candidateportal"),
    ("https://ebbh.fa.us2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1/job/123", "oraclecloud",
     "https://ebbh.fa.us2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1",
     "oraclecloud:ebbh.fa.us2.oraclecloud.com/cx_1"),
    ("https://gmpc.taleo.net/careersection/ex/jobdetail.ftl?job=123", "taleo",
     "https://gmpc.taleo.net/careersection/ex/jobsearch.ftl?lang=en", "taleo:gmpc.taleo.net/ex"),
    ("https://www.jobapscloud.com/CT/sup/bulpreview.asp?R1=1", "jobaps", "https://www.jobapscloud.com/CT/", "jobaps:ct"),
    ("https://careers.pageuppeople.com/1125/cw/en-us/job/512301", "pageup",
     "https://careers.pageuppeople.com/1125/cw/en-us/", "pageup:1125"),
    ("https://bhiinc.applicantpro.com/jobs/3300101", "applicantpro", "https://bhiinc.applicantpro.com/jobs/",
     "applicantpro:bhiinc"),
    ("https://dentonmhmr.e3applicants.com/careers/Peer-Specialist-1390", "e3applicants",
     "https://dentonmhmr.e3applicants.com/careers/", "e3applicants:dentonmhmr"),
])
def test_board_urls(url, platform, source_url, key):
    board = board_from_url(url)
    assert (board.platform, board.url, board.key) == (platform, source_url, key)


@pytest.mark.parametrize("url", [
    "https://www.icims.com/", "https://static.smartrecruiters.com/job-widget/1.6.2/script/smart_widget.min.js",
    "https://assets.breezy.hr/portal/js/portal.min.js", "https://breezy.hr/?utm_source=portal",
    "https://www.bamboohr.com/", "https://www.governmentjobs.com/Content/scripts/x.js",
    "https://boards.greenhouse.io/embed/job_board", "https://harborlight.example/careers/",
    "https://careers.pageuppeople.com/Content/css/cw.css", "mailto:jobs@example.org",
])
def test_vendor_pages_that_name_no_board_are_not_boards(url):
    assert board_from_url(url) is None


def test_both_forms_of_a_usajobs_search_are_one_board():
    api = "https://data.usajobs.gov/api/search?Keyword=peer%20support&JobCategoryCode=0102"
    site = "https://www.usajobs.gov/search/results/?k=peer%20support&j=0102"
    assert board_key_of("usajobs", api) == board_key_of("usajobs", site)


def test_a_page_of_its_own_is_known_by_host_and_path():
    assert page_key("https://www.hope.example/careers/") == "hope.example/careers"
    assert board_key_of("jsonld", "https://hope.example/careers") == "hope.example/careers"
    assert board_key_of("jsonld", "https://hope.example/careers?x=1") == "hope.example/careers?x=1"
