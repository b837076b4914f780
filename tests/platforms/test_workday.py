"""Workday: tenant and site from career-site URLs, relative dates, and list + detail into fields."""
from datetime import date

import pytest

from crawlers.platforms.workday import posted_on, posting_fields, requisition_id, site_of
from tests.platforms.recorded import recorded, subset

LISTED = recorded("workday", "jobs-0.json")["jobPostings"] + recorded("workday", "jobs-2.json")["jobPostings"]
SITE = "https://cascadehealth.wd5.myworkdayjobs.com/Careers"
TODAY = date(2026, 3, 10)


@pytest.mark.parametrize("url, tenant_and_site", [
    ("https://cascadehealth.wd5.myworkdayjobs.com/en-US/Careers", ("cascadehealth", "Careers")),
    ("https://cascadehealth.wd1.myworkdayjobs.com/Careers/job/Portland-OR/Peer_R-1", ("cascadehealth", "Careers")),
    ("https://oregon.wd5.myworkdayjobs.com/fr-CA/SOR_External/", ("oregon", "SOR_External")),
    ("https://acme.wd3.myworkdayjobs.com/wday/cxs/acme/Ext/jobs", ("acme", "Ext")),
    ("https://careers.acme.example/Careers", (None, "Careers")),
    ("https://acme.wd5.myworkdayjobs.com/", ("acme", None)),
])
def test_site_of(url, tenant_and_site):
    assert site_of(url) == tenant_and_site


@pytest.mark.parametrize("label, expected", [
    ("Posted Today", "2026-03-10"),
    ("Posted Yesterday", "2026-03-09"),
    ("Posted 3 Days Ago", "2026-03-07"),
    ("posted 1 day ago", "2026-03-09"),
    ("Posted 30+ Days Ago", None),
    ("", None),
    (None, None),
    (17, None),
])
def test_posted_on(label, expected):
    assert posted_on(label, TODAY) == expected


@pytest.mark.parametrize("listed, detail, expected", [
    # detail wins; its startDate is the posted date
    (LISTED[0], recorded("workday", "job-0101.json"),
     {"external_id": "R-0101", "employer": "Cascade Community Health", "employment_type": "Full time",
      "url": SITE + LISTED[0]["externalPath"], "remote": False,
      "locations": ["Portland, OR"]}),
    # without a detail: the list's label, id from bulletFields, URL built from the path
    (LISTED[1], None, {"external_id": "R-0102", "date_posted": "2026-03-09", "description_html": None,
                       "url": SITE + LISTED[1]["externalPath"], "employment_type": "Part time"}),
    # "2 Locations" names no place (indexer.locations reads it so); the detail names them
    (LISTED[3], None, {"locations": ["2 Locations"], "date_posted": None}),
    (LISTED[3], recorded("workday", "job-0104.json"), {"locations": ["Bend, OR", "Redmond, OR"]}),
    ({"title": "Peer Specialist", "externalPath": None, "bulletFields": None}, {"jobPostingInfo": None},
     {"external_id": None, "url": None, "title": "Peer Specialist"}),
])
def test_posting_fields(listed, detail, expected):
    assert subset(posting_fields(listed, detail, SITE, TODAY), expected) == expected


def test_remote_job():
    listed = recorded("workday", "jobs-4.json")["jobPostings"][0]
    fields = posting_fields(listed, recorded("workday", "job-0105.json"), SITE, TODAY)
    assert fields["remote"] is True
    assert fields["locations"] == ["Remote - Oregon"]


CXS = recorded("workday", "jobs-cxs.json")["jobPostings"]


@pytest.mark.parametrize("listed, detail, expected", [
    # "Posted 30+ Days Ago" is no date; a label in Workday's country - state - city order, kept as text
    (CXS[0], None, {"external_id": "JR-20417", "date_posted": None, "locations": ["USA - OR - Portland"],
                    "remote": False}),
    # the list's first bullet is a place, not an id; the detail names all three places, the
    # first with its country, repeats left out; "Hybrid" is not remote
    (CXS[1], None, {"external_id": "JR-20433", "locations": ["3 Locations"], "remote": False}),
    (CXS[1], recorded("workday", "job-cxs-20433.json"),
     {"locations": ["Bend, OR, United States", "Redmond, OR", "Prineville, Oregon"], "remote": False,
      "employment_type": "Full time", "external_id": "JR-20433"}),
    # no locationsText at all in the list; remoteType "Fully Remote"
    (CXS[2], None, {"locations": [], "remote": False, "external_id": CXS[2]["externalPath"]}),
    (CXS[2], recorded("workday", "job-cxs-20440.json"),
     {"locations": ["Remote - Oregon, United States"], "remote": True, "employment_type": "Part time"}),
    # a job abroad: the requisition location's country; nulls where the detail has no value
    (CXS[3], recorded("workday", "job-cxs-20451.json"),
     {"locations": ["Vancouver, BC, Canada"], "remote": False, "employer": None,
      "external_id": CXS[3]["externalPath"], "url": SITE + CXS[3]["externalPath"]}),
])
def test_cxs_shape(listed, detail, expected):
    assert subset(posting_fields(listed, detail, SITE, TODAY), expected) == expected


@pytest.mark.parametrize("bullets, found", [
    (["R-0101"], "R-0101"),
    (["Portland, OR", "JR12345"], "JR12345"),
    (["Full time", "Req_2024_77"], "Req_2024_77"),
    (["Portland"], None),
    ([17], None),
    (None, None),
])
def test_requisition_id(bullets, found):
    assert requisition_id({"bulletFields": bullets}) == found
