"""JobPosting JSON-LD that posting pages give search engines: the pure builder, then the pages."""
from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest

from indexer import store
from indexer.store import db
from indexer.store.models import Posting
from indexer.search import rebuild
from tests.test_webapp import AGENCY, fields, page
from webapp import create_app
from webapp.structured_data import job_posting

URL = "http://localhost/jobs/7"
REQUIRED = ("title", "description", "datePosted", "hiringOrganization")


def posting(**overrides) -> Posting:
    values = fields(status="open", first_seen=datetime(2026, 3, 1, 9, 30), last_seen=datetime(2026, 3, 2),
                    locations=[{"city": "Dayton", "state": "OH", "postal_code": "45409"}],
                    valid_through=None, remote_area=None)
    values.update(overrides)
    return Posting(**values)


def build(**overrides) -> dict | None:
    return job_posting(posting(**overrides), URL, "<p>Help people in recovery.</p>")


def test_an_open_posting_has_every_property_google_requires():
    data = build(date_posted=date(2026, 3, 4))
    assert data["@context"] == "https://schema.org" and data["@type"] == "JobPosting"
    assert all(data.get(name) for name in REQUIRED)
    assert data["datePosted"] == "2026-03-04" and data["url"] == URL
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "Miami Valley Recovery"}
    assert data["jobLocation"] == {"@type": "Place", "address": {
        "@type": "PostalAddress", "addressLocality": "Dayton", "addressRegion": "OH", "postalCode": "45409",
        "addressCountry": "US"}}
    assert "jobLocationType" not in data


@pytest.mark.parametrize("overrides, expected", [
    (dict(remote=True, remote_area="US", city=None, state=None, postal_code=None, locations=[]),
     {"jobLocationType": "TELECOMMUTE", "applicantLocationRequirements": {"@type": "Country", "name": "USA"},
      "jobLocation": None}),
    (dict(remote=True, remote_area="OH", city=None, state="OH", postal_code=None, locations=[]),
     {"jobLocationType": "TELECOMMUTE", "applicantLocationRequirements": {"@type": "State", "name": "Ohio"},
      "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressRegion": "OH",
                                                    "addressCountry": "US"}}}),
    (dict(remote=True, remote_area="ZZ"),  # hybrid: the office stays
     {"jobLocationType": "TELECOMMUTE", "applicantLocationRequirements": {"@type": "Country", "name": "USA"},
      "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Dayton",
                                                    "addressRegion": "OH", "postalCode": "45409",
                                                    "addressCountry": "US"}}}),
])
def test_remote_jobs_say_telecommute_and_who_may_apply(overrides, expected):
    data = build(**overrides)
    for name, value in expected.items():
        assert data.get(name) == value, name


def test_several_locations_become_a_list():
    data = build(locations=[{"city": "Dayton", "state": "OH"}, {"city": "Xenia", "state": "OH"}, {"bad": 1}])
    assert [place["address"]["addressLocality"] for place in data["jobLocation"]] == ["Dayton", "Xenia"]


@pytest.mark.parametrize("overrides, salary", [
    (dict(pay_min=18.5, pay_max=21.0, pay_unit="HOUR"),
     {"@type": "QuantitativeValue", "unitText": "HOUR", "minValue": 18.5, "maxValue": 21.0}),
    (dict(pay_min=42000, pay_max=None, pay_unit="YEAR"), {"@type": "QuantitativeValue", "unitText": "YEAR", "value": 42000}),
    (dict(pay_min=20, pay_max=20, pay_unit="hour"), {"@type": "QuantitativeValue", "unitText": "HOUR", "value": 20}),
    (dict(pay_min=5, pay_max=9, pay_unit="PIECE", pay_hourly_min=19.0, pay_hourly_max=None),
     {"@type": "QuantitativeValue", "unitText": "HOUR", "value": 19.0}),
    (dict(pay_min=None, pay_max=None, pay_unit=None, pay_hourly_min=None, pay_hourly_max=None), None),
])
def test_base_salary_only_when_pay_is_known(overrides, salary):
    data = build(**overrides)
    if salary is None:
        assert "baseSalary" not in data
    else:
        assert data["baseSalary"] == {"@type": "MonetaryAmount", "currency": "USD", "value": salary}


@pytest.mark.parametrize("value, expected", [("PART_TIME", "PART_TIME"), ("full_time", "FULL_TIME"),
                                             ("PER_DIEM", "PER_DIEM"), ("whenever", None), (None, None)])
def test_employment_type_only_when_it_is_a_schema_org_value(value, expected):
    assert build(employment_type=value).get("employmentType") == expected


def test_valid_through_and_a_missing_posted_date():
    data = build(valid_through=datetime(2026, 4, 30, 23, 59), date_posted=None)
    assert data["validThrough"] == "2026-04-30T23:59:00"
    assert data["datePosted"] == "2026-03-01"  # first seen


@pytest.mark.parametrize("overrides, description", [
    (dict(status="closed"), "<p>x</p>"),
    (dict(title="  "), "<p>x</p>"),
    (dict(employer=None), "<p>x</p>"),
    (dict(), ""),
    (dict(remote=False, city=None, state=None, postal_code=None, locations=[]), "<p>x</p>"),
])
def test_no_markup_rather_than_half_of_it(overrides, description):
    assert job_posting(posting(**overrides), URL, description) is None


# On the pages -----------------------------------------------------------------------------------

@pytest.fixture
def client_and_ids(sqlite_settings):
    engine = db.make_engine(sqlite_settings.database_url)
    db.migrate(engine)
    with db.session_factory(engine)() as session:
        store.upsert_source(session, AGENCY)
        open_job, _ = store.upsert_posting(session, "agency", "open", fields(
            title="Peer Specialist </script><script>alert(1)</script>", valid_through=datetime(2030, 1, 1)))
        closed_job, _ = store.upsert_posting(session, "agency", "closed", fields(title="Peer Mentor"))
        closed_job.status = "closed"
        session.commit()
        ids = {"open": open_job.id, "closed": closed_job.id}
    rebuild(engine, sqlite_settings.index_dir)
    engine.dispose()
    return create_app(sqlite_settings, TESTING=True).test_client(), ids


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_an_open_posting_page_carries_one_job_posting(client_and_ids):
    client, ids = client_and_ids
    html = page(client, f"/jobs/{ids['open']}")
    [data] = json_ld(html)
    assert all(data.get(name) for name in REQUIRED) and "jobLocation" in data
    assert data["title"] == "Peer Specialist </script><script>alert(1)</script>"
    assert data["url"] == f"http://localhost/jobs/{ids['open']}"
    assert data["validThrough"] == "2030-01-01T00:00:00" and data["employmentType"] == "PART_TIME"
    assert data["baseSalary"]["value"]["minValue"] == 18.5
    assert html.count("</script>") == 1  # scraped text cannot close the element early


def test_a_closed_posting_page_drops_the_markup(client_and_ids):
    client, ids = client_and_ids
    html = page(client, f"/jobs/{ids['closed']}")
    assert json_ld(html) == [] and "application/ld+json" not in html
    assert "no longer accepting applications" in html
