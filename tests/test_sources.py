"""Sources are data: a bad entry is reported with its id and field and skips only itself."""
from pathlib import Path

import pytest

from crawlers.sources import DEFAULT_SOURCES_FILE, SourcesFileError, auto_platform, load_sources, parse_entries

GOOD = {"id": "hope-center", "platform": "jsonld", "url": "https://hope.example/careers/",
        "employer": "Hope Center", "enabled": True}


@pytest.mark.parametrize("change, field", [
    ({"id": "Bad Id!"}, "id"),
    ({"platform": "myspace"}, "platform"),
    ({"url": "ftp://hope.example/"}, "url"),
    ({"url": "javascript:alert(1)"}, "url"),
    ({"employer": ""}, "employer"),
    ({"enabled": "yes"}, "enabled"),
    ({"colour": "blue"}, "colour"),
])
def test_bad_entry_is_reported_and_others_survive(change, field):
    listed = parse_entries([dict(GOOD, **change), dict(GOOD, id="other")])
    assert [s.id for s in listed.sources] == ["other"]
    assert [(p.field) for p in listed.problems] == [field]


def test_duplicate_ids_and_non_mapping_entries():
    listed = parse_entries([GOOD, GOOD, "just a string"])
    assert [s.id for s in listed.sources] == ["hope-center"]
    assert [(p.source_id, p.field) for p in listed.problems] == [("hope-center", "id"), ("#3", "entry")]


def test_platform_keys_become_options():
    listed = parse_entries([dict(GOOD, link_selector="a.job::attr(href)")])
    assert listed.sources[0].options == {"link_selector": "a.job::attr(href)"}


def test_unreadable_file_is_one_clear_error(tmp_path: Path):
    broken = tmp_path / "sources.yaml"
    broken.write_text("sources: [ {id: x,,\n")
    with pytest.raises(SourcesFileError, match="sources.yaml"):
        load_sources(broken)
    broken.write_text("- just a list\n")
    with pytest.raises(SourcesFileError, match="sources:"):
        load_sources(broken)


def test_shipped_sources_all_validate():
    listed = load_sources(DEFAULT_SOURCES_FILE)
    assert listed.problems == []
    assert len(listed.sources) >= 10
    assert all(source.url.startswith("https://") for source in listed.sources)


@pytest.mark.parametrize("url, platform", [
    ("https://boards.greenhouse.io/criminaljusticeagency", "greenhouse"),
    ("https://job-boards.greenhouse.io/criminaljusticeagency/jobs/123", "greenhouse"),
    ("https://jobs.lever.co/hopecenter", "lever"),
    ("https://jobs.smartrecruiters.com/HopeCenter", "smartrecruiters"),
    ("https://hope.wd1.myworkdayjobs.com/en-US/Careers", "workday"),
    ("https://hopecenter.bamboohr.com/careers", "bamboohr"),
    ("https://recruiting.paylocity.com/recruiting/jobs/All/0000-guid/Hope", "paylocity"),
    ("https://careers-hopecenter.icims.com/jobs/search?ss=1", "icims"),
    ("https://recruiting2.ultipro.com/HOP1000/JobBoard/guid/", "ultipro"),
    ("https://recruiting.ultipro.com/HOP1000/JobBoard/guid/", "ultipro"),
    ("https://hope.rec.pro.ukg.net/HOP1000/JobBoard/guid/", "ultipro"),
    ("https://workforcenow.adp.com/mascsr/default/mdf/recruitment/recruitment.html?cid=x", "adp"),
    ("https://data.usajobs.gov/api/search?Keyword=peer", "usajobs"),
    ("https://www.usajobs.gov/job/800000000", "usajobs"),
    ("https://www.governmentjobs.com/careers/durhamnc", "neogov"),
    ("https://ehn.e3applicants.com/careers/", "e3applicants"),
    ("https://EHN.E3Applicants.com./careers/", "e3applicants"),
    ("https://bhiinc.applicantpro.com/jobs/", "applicantpro"),
    ("https://menkusa.isolvedhire.com/jobs/", "applicantpro"),
    ("https://www.paycomonline.net/v4/ats/web.php/portal/7A1C0E5B9D2F48A6B3C4D5E6F7081920/career-page", "paycom"),
    ("https://www.paycomonline.net/v4/ats/web.php/jobs?clientkey=7A1C0E5B9D2F48A6B3C4D5E6F7081920", "paycom"),
    ("https://www.jobapscloud.com/CT/", "jobaps"),
    ("https://www.jobaps.com/MD/", "jobaps"),
    ("https://careers.pageuppeople.com/1125/cw/en-us/listing/", "pageup"),
    ("https://jobapscloud.com.example/CT/", "jsonld"),
    ("https://northstarpeer.recruitee.com/o/peer-recovery-specialist", "recruitee"),
    ("https://apply.workable.com/highdesertpeer/j/7C1E5A20B3/", "workable"),
    ("https://peachtreepeer.breezy.hr/p/5e1f0c2a9b01-certified-peer-specialist-cps", "breezy"),
    ("https://cumberlandpeer.applytojob.com/apply/Xk3PqR7aLm/Certified-Peer-Recovery-Specialist-CPRS", "jazzhr"),
    ("https://jobs.dayforcehcm.com/en-US/hope/CANDIDATEPORTAL", "dayforce"),
    ("https://us59.dayforcehcm.com/CandidatePortal/en-US/hope", "dayforce"),
    ("https://ebbh.fa.us2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1", "oraclecloud"),
    ("https://hope.fa.ocs.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_3/job/77", "oraclecloud"),
    ("https://oraclecloud.com.evil.example/hcmUI/CandidateExperience/en/sites/CX_1", "jsonld"),
    ("https://gmpc.taleo.net/careersection/ex/jobsearch.ftl?lang=en", "taleo"),
    ("https://taleo.net.example/careersection/ex/jobsearch.ftl", "jsonld"),
    ("https://hopecenter.org/careers/", "jsonld"),
    ("https://icims.com.evil.example/jobs", "jsonld"),
    ("https://notgreenhouse.io/x", "jsonld"),
    ("https://ultipro.com.example/recruiting", "jsonld"),
])
def test_auto_platform_by_host(url, platform):
    assert auto_platform(url) == platform


def test_auto_is_resolved_and_the_resolved_platforms_keys_checked():
    listed = parse_entries([
        dict(GOOD, id="by-host", platform="auto", url="https://www.governmentjobs.com/careers/polkcounty"),
        dict(GOOD, id="plain-page", platform="auto", link_pattern="peer"),
        dict(GOOD, id="wrong-key", platform="auto", url="https://ehn.e3applicants.com/careers/", sitemap="x"),
    ])
    assert {s.id: s.platform for s in listed.sources} == {"by-host": "neogov", "plain-page": "jsonld"}
    assert [(p.source_id, p.field) for p in listed.problems] == [("wrong-key", "sitemap")]
    assert "e3applicants" in listed.problems[0].message


HTML = dict(GOOD, platform="html", list_item="li.job", link="a::attr(href)")


@pytest.mark.parametrize("change, field", [
    ({"title": "h3[["}, "title"),
    ({"next": "//a[@class='next'"}, "next"),
    ({"description": ""}, "description"),
    ({"list_item": None, "link": None}, "list_item"),
    ({"follow": "no"}, "follow"),
    ({"max_pages": 0}, "max_pages"),
])
def test_html_selectors_are_checked_when_read(change, field):
    entry = {key: value for key, value in dict(HTML, **change).items() if value is not None}
    listed = parse_entries([entry, dict(HTML, id="fine", title="//h3/text()", date=".posted")])
    assert [s.id for s in listed.sources] == ["fine"]
    assert [p.field for p in listed.problems] == [field]


@pytest.mark.parametrize("entry, field", [
    (dict(GOOD, link_pattern="peer(("), "link_pattern"),
    (dict(GOOD, sitemap="ftp://hope.example/sitemap.xml"), "sitemap"),
    (dict(GOOD, sitemap_pattern="[", sitemap="https://hope.example/sitemap.xml"), "sitemap_pattern"),
    (dict(GOOD, link_selector="//a/@href"), "link_selector"),
    (dict(GOOD, platform="neogov", url="https://www.governmentjobs.com/"), "url"),
    (dict(GOOD, platform="rss", follow_links="yes"), "follow_links"),
])
def test_platform_values_are_checked_when_read(entry, field):
    listed = parse_entries([entry])
    assert listed.sources == [] and [p.field for p in listed.problems] == [field]
