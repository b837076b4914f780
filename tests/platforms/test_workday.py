"""Workday: tenant and site from career-site URLs, relative dates, and list + detail into fields."""
from datetime import date

import pytest

from crawlers.platforms.workday import posted_on, posting_fields, site_of
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
