"""One job, many sources: the identity rules, then the store keeping one posting per job."""
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from indexer import store
from indexer.parsers import identity
from indexer.parsers.identity import Sighting
from indexer.store.models import Posting

T0 = datetime(2026, 11, 1, 12)
ATS_JOB = "https://boards.greenhouse.io/acmerecovery/jobs/4012"


@pytest.mark.parametrize("first, second, same", [
    ({"employer": "Acme Recovery Services, Inc.", "title": "Peer Support Specialist", "city": "Dayton", "state": "OH"},
     {"employer": "ACME Recovery Services", "title": "Peer Support Specialist ", "city": "dayton", "state": "OH"}, True),
    ({"employer": "The Acme Center", "title": "Recovery Coach (Part-Time)", "city": "Dayton", "state": "OH"},
     {"employer": "Acme Center LLC", "title": "Recovery Coach – Part Time", "city": "Dayton", "state": "OH"}, True),
    ({"employer": "Hope & Healing", "title": "Peer Mentor", "remote": True, "city": None, "state": "OR"},
     {"employer": "Hope and Healing", "title": "Peer mentor", "remote": True, "state": None}, True),
    ({"employer": "Acme", "title": "Peer Specialist", "city": "Dayton", "state": "OH"},
     {"employer": "Acme", "title": "Peer Specialist", "city": "Columbus", "state": "OH"}, False),
    ({"employer": "Acme", "title": "Peer Specialist (Part-Time)", "city": "Dayton", "state": "OH"},
     {"employer": "Acme", "title": "Peer Specialist (Full-Time)", "city": "Dayton", "state": "OH"}, False),
    ({"employer": "Acme", "title": "Peer Specialist", "postal_code": "45402"},
     {"employer": "Acme", "title": "Peer Specialist", "postal_code": "45402-1234"}, True),
])
def test_fingerprint(first, second, same):
    assert (identity.fingerprint(first) == identity.fingerprint(second)) is same


@pytest.mark.parametrize("values", [{"employer": None, "title": "Peer Specialist"},
                                    {"employer": "Acme", "title": "  "}])
def test_no_fingerprint_without_employer_and_title(values):
    assert identity.fingerprint(values) is None


@pytest.mark.parametrize("url, canonical", [
    ("HTTP://Agency.ORG/careers/peer-specialist/", "https://agency.org/careers/peer-specialist"),
    ("https://agency.org/careers/peer-specialist?utm_source=indeed&utm_medium=cpc#apply",
     "https://agency.org/careers/peer-specialist"),
    ("https://agency.org/jobs?id=12&gclid=abc&ref=home", "https://agency.org/jobs?id=12"),
    ("https://agency.org/", "https://agency.org/"),
    ("javascript:apply()", None), ("/careers/1/", None), (None, None),
])
def test_canonical_url(url, canonical):
    assert identity.canonical_url(url) == canonical


def test_long_urls_become_a_digest_key():
    key = identity.url_key("https://agency.org/jobs?q=" + "x" * 3000)
    assert key.startswith("sha256:") and len(key) == 71


@pytest.mark.parametrize("sightings, expected", [
    ([Sighting("https://acme.org/careers/1/", "jsonld", "Acme"), Sighting(ATS_JOB, "greenhouse", "Acme")], ATS_JOB),
    ([Sighting(ATS_JOB, "jsonld", "Acme"), Sighting("https://acme.org/careers/1/", "jsonld", "Acme")], ATS_JOB),
    ([Sighting("https://aggregator.example/job/9", "jsonld", "JobsNow"),
      Sighting("https://acme.org/careers/1/", "jsonld", "Acme")], "https://acme.org/careers/1/"),
    ([Sighting("https://acme.org/careers/1/", "jsonld", "Acme"),
      Sighting("https://acme.org/careers/1/?a=1", "jsonld", "Acme")], "https://acme.org/careers/1/"),
    ([Sighting(None, "jsonld", "Acme")], None),
    ([Sighting("https://acme.org/careers/1/", "jsonld", "Acme"),
      Sighting("https://jobs.dayforcehcm.com/en-US/acme/CANDIDATEPORTAL/jobs/7", "jsonld", "Acme")],
     "https://jobs.dayforcehcm.com/en-US/acme/CANDIDATEPORTAL/jobs/7"),
    ([Sighting("https://acme.org/careers/1/", "jsonld", "Acme"),
      Sighting("https://acme.taleo.net/careersection/ex/jobdetail.ftl?job=7", "jsonld", "Acme")],
     "https://acme.taleo.net/careersection/ex/jobdetail.ftl?job=7"),
    ([Sighting("https://acme.org/careers/1/", "jsonld", "Acme"),
      Sighting("https://eacm.fa.us2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1/job/7", "jsonld", "Acme")],
     "https://eacm.fa.us2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1/job/7"),
])
def test_preferred_apply_url(sightings, expected):
    assert identity.preferred_apply_url(sightings, "Acme, Inc.") == expected


# --------------------------------------------------------------------------- the store


def fields(**overrides):
    base = dict(url="https://acme.org/careers/peer-specialist/", apply_url="https://acme.org/careers/peer-specialist/",
                title="Peer Support Specialist", employer="Acme Recovery Services", city="Dayton", state="OH",
                description_html="<p>Walk with people in recovery.</p>",
                description_text="Walk with people in recovery.", date_posted=date(2026, 10, 28),
                category="peer_specialist", is_peer=True)
    base.update(overrides)
    return base


ATS_FIELDS = dict(url=ATS_JOB, apply_url=ATS_JOB, employer="Acme Recovery Services, Inc.",
                  description_html="<p>Walk with people in recovery. Benefits.</p>",
                  description_text="Walk with people in recovery. Benefits.", pay_min=19.0, pay_unit="HOUR")


@pytest.fixture
def sources(session):
    for record in (store.SourceRecord("acme-site", "jsonld", "https://acme.org/careers/", "Acme Recovery Services"),
                   store.SourceRecord("acme-ats", "greenhouse", "https://boards.greenhouse.io/acmerecovery",
                                      "Acme Recovery Services"),
                   store.SourceRecord("jobs-now", "jsonld", "https://aggregator.example/", "JobsNow")):
        store.upsert_source(session, record)
    return session


def stored(session) -> list[Posting]:
    session.expire_all()
    return list(session.scalars(select(Posting).order_by(Posting.id)))


@pytest.mark.parametrize("ats_first", [False, True])
def test_agency_page_and_its_ats_are_one_posting_with_the_ats_link(sources, ats_first):
    session = sources
    visits = [("acme-site", "page-1", fields()), ("acme-ats", "4012", fields(**ATS_FIELDS))]
    outcomes = [store.upsert_posting(session, *visit, now=T0)[1] for visit in (visits[::-1] if ats_first else visits)]
    # The ATS seen second takes over as the source whose fields are shown: an update.
    assert outcomes == (["new", "matched"] if ats_first else ["new", "updated"])
    [posting] = stored(session)
    assert posting.apply_url == ATS_JOB
    assert (posting.source_id, posting.pay_min) == ("acme-ats", 19.0)  # the ATS's fields are shown
    assert {(s.source_id, s.url) for s in store.sources_of(session, posting.id)} == {
        ("acme-site", "https://acme.org/careers/peer-specialist/"), ("acme-ats", ATS_JOB)}


def test_an_agency_page_linking_to_its_ats_job_matches_despite_another_title(sources):
    session = sources
    store.upsert_posting(session, "acme-ats", "4012", fields(**ATS_FIELDS, title="Peer Support Specialist II"), now=T0)
    _, outcome = store.upsert_posting(session, "acme-site", "page-1", fields(apply_url=ATS_JOB + "?utm_source=site"), now=T0)
    assert outcome == "matched"
    assert len(stored(session)) == 1


def test_an_aggregator_copy_is_matched_but_never_supplies_the_apply_link(sources):
    session = sources
    store.upsert_posting(session, "acme-site", "page-1", fields(), now=T0)
    _, outcome = store.upsert_posting(session, "jobs-now", "9", fields(
        url="https://aggregator.example/job/9", apply_url="https://aggregator.example/job/9/apply"), now=T0)
    assert outcome == "matched"
    [posting] = stored(session)
    assert (posting.source_id, posting.apply_url) == ("acme-site", "https://acme.org/careers/peer-specialist/")


def test_one_page_under_two_urls_is_one_posting(sources):
    session = sources
    store.upsert_posting(session, "acme-site", "https://acme.org/careers/peer-specialist/", fields(), now=T0)
    _, outcome = store.upsert_posting(session, "acme-site", "https://acme.org/jobs/4012", fields(
        url="https://acme.org/jobs/4012", apply_url="https://acme.org/jobs/4012"), now=T0)
    assert outcome == "matched"
    [posting] = stored(session)
    assert len(store.sources_of(session, posting.id)) == 2


def test_two_openings_with_one_title_stay_two_postings(sources):
    session = sources
    store.upsert_posting(session, "acme-site", "1", fields(), now=T0)
    store.upsert_posting(session, "acme-site", "2", fields(
        url="https://acme.org/careers/peer-specialist-2/", description_text="Join our crisis respite team.",
        description_html="<p>Join our crisis respite team.</p>"), now=T0)
    assert len(stored(session)) == 2


def test_a_closed_posting_is_not_matched_by_fingerprint(sources):
    session = sources
    old, _ = store.upsert_posting(session, "acme-site", "1", fields(), now=T0)
    old.status = "closed"
    new, outcome = store.upsert_posting(session, "jobs-now", "9", fields(url="https://aggregator.example/job/9",
                                                                         apply_url=None), now=T0)
    assert outcome == "new" and new.id != old.id


def test_a_posting_stays_open_while_another_source_lists_it(sources):
    session = sources
    for day in range(3):
        at = T0 + timedelta(days=day)
        if day == 0:
            store.upsert_posting(session, "acme-site", "page-1", fields(), now=at)
        store.upsert_posting(session, "acme-ats", "4012", fields(**ATS_FIELDS), now=at)
        store.close_missing(session, "acme-site", at, now=at + timedelta(minutes=1))
        store.close_missing(session, "acme-ats", at, now=at + timedelta(minutes=1))
    [posting] = stored(session)
    assert posting.status == "open"
    misses = {s.source_id: s.missing_runs for s in store.sources_of(session, posting.id)}
    assert misses == {"acme-site": 2, "acme-ats": 0}
