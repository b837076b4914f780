"""The discovery queue in the admin area, through the real app and store (SQLite and PostgreSQL):
counts and lists by status, a proposal's evidence and trial, corrections checked by the platform
rules, accepting (a discovered source with its provenance) and rejecting (a reason required), CSRF,
and a proposal reviewed already."""
from __future__ import annotations

import re

import pytest

from crawlers.sources import spider_rules
from indexer import store
from indexer.store.models import DiscoveryProposal, Source
from tests.admin_support import admin_settings, seed
from tests.test_admin import csrf_token, schedules_file, signed_in  # noqa: F401  (an autouse fixture)
from webapp import create_app
from webapp.extensions import limiter

EVIDENCE = "link to https://job-boards.greenhouse.io/harborlight on /careers"


def record(org: str, **overrides) -> store.ProposalRecord:
    base = dict(org_key=f"{org}.example", org_name=f"{org.title()} Recovery Center", website=f"https://{org}.example/",
                city="Toledo", state="OH", platform="greenhouse", url=f"https://job-boards.greenhouse.io/{org}",
                board_key=f"greenhouse:{org}", evidence=[EVIDENCE, "the board lists 4 postings"], confidence=0.9,
                trial={"postings": 4, "peer_postings": 3})
    base.update(overrides)
    return store.ProposalRecord(**base)


@pytest.fixture
def app(tmp_path, database_url):
    app = create_app(admin_settings(tmp_path, database_url), SOURCE_RULES=spider_rules())
    limiter.reset()
    with app.app_context():
        from webapp.db import get_session
        session = get_session()
        seed(session)
        store.save_proposal(session, record("harborlight"))
        store.save_proposal(session, record("lakeside", confidence=0.4, city=None, trial=None))
        store.save_proposal(session, record("steady", org_name="Steady", confidence=0.7))
        store.save_proposal(session, record("quiet", status="dead_end", platform=None, url=None, evidence=[],
                                            reason="no careers page found"))
        session.commit()
    yield app
    limiter.reset()


@pytest.fixture
def client(app):
    return signed_in(app)


def proposal_id(app, org: str) -> int:
    with app.extensions["peerjobs_sessions"]() as session:
        return store.find_proposal(session, f"{org}.example").id


def test_the_queue_counts_each_status_and_lists_the_open_ones_best_first(client):
    page = client.get("/admin/discovery").text
    assert re.search(r"To review <span class=\"count\">3</span>", page)
    assert re.search(r"Nothing found <span class=\"count\">1</span>", page)
    names = re.findall(r'<a href="/admin/discovery/\d+">([^<]+)</a>', page)
    assert names == ["Harborlight Recovery Center", "Steady", "Lakeside Recovery Center"]
    assert "Toledo, OH" in page and "90%" in page and "4 <span class=\"quiet\">(3 peer)</span>" in page
    assert EVIDENCE in page and "and 1 more" in page
    newest = re.findall(r'<a href="/admin/discovery/\d+">([^<]+)</a>', client.get("/admin/discovery?sort=newest").text)
    assert newest == ["Steady", "Lakeside Recovery Center", "Harborlight Recovery Center"]
    dead = client.get("/admin/discovery?status=dead_end").text
    assert "Quiet Recovery Center" in dead and "no careers page found" in dead


def test_a_proposal_shows_its_evidence_and_trial_and_proposes_a_free_id(client, app):
    page = client.get(f"/admin/discovery/{proposal_id(app, 'steady')}").text
    assert f"<li>{EVIDENCE}</li>" in page and "4 postings, 3 of them peer work" in page
    assert 'name="source_id" type="text" value="steady-2"' in page  # "steady" is a source already
    assert client.get("/admin/discovery/99999").status_code == 404


def test_corrections_are_checked_by_the_platform_rules(client, app, sessions=None):
    number = proposal_id(app, "harborlight")
    token = csrf_token(client.get(f"/admin/discovery/{number}").text)
    for fields, error in [
        ({"platform": "myspace", "url": "https://a.example/"}, "expected auto or one of"),
        ({"platform": "greenhouse", "url": "ftp://a.example/"}, "expected an absolute http(s) URL"),
        ({"platform": "greenhouse", "url": "https://a.example/", "options": "selector: div"},
         "selector: unknown key for platform"),
        ({"platform": "greenhouse", "url": "https://a.example/", "options": "id: other"}, "cannot be set here"),
        ({"platform": "greenhouse", "url": "https://a.example/", "options": "- a list"}, "one “key: value” a line"),
        ({"platform": "", "url": "https://a.example/"}, "Name the platform."),
    ]:
        response = client.post(f"/admin/discovery/{number}/edit", data={"csrf_token": token, **fields})
        assert response.status_code == 400, fields
        assert error in response.text and 'role="alert"' in response.text and 'aria-invalid="true"' in response.text
    with app.extensions["peerjobs_sessions"]() as session:
        assert session.get(DiscoveryProposal, number).url == "https://job-boards.greenhouse.io/harborlight"

    response = client.post(f"/admin/discovery/{number}/edit", data={
        "csrf_token": token, "platform": "auto", "url": "https://jobs.lever.co/harborlight", "options": ""})
    assert response.status_code == 303
    with app.extensions["peerjobs_sessions"]() as session:
        edited = session.get(DiscoveryProposal, number)
        assert (edited.platform, edited.url) == ("lever", "https://jobs.lever.co/harborlight")


def test_accepting_makes_a_source_that_keeps_its_provenance(client, app):
    number = proposal_id(app, "harborlight")
    token = csrf_token(client.get(f"/admin/discovery/{number}").text)
    taken = client.post(f"/admin/discovery/{number}/accept", data={
        "csrf_token": token, "source_id": "broken", "employer": "Harbor Light", "enabled": "1"})
    assert taken.status_code == 400 and "exists already" in taken.text
    bad = client.post(f"/admin/discovery/{number}/accept", data={
        "csrf_token": token, "source_id": "Harbor Light!", "employer": "", "enabled": "maybe"})
    assert bad.status_code == 400 and "Use lower-case letters" in bad.text and "Name the employer." in bad.text
    response = client.post(f"/admin/discovery/{number}/accept", data={
        "csrf_token": token, "source_id": "harbor-light", "employer": "Harbor Light Recovery", "enabled": "1"})
    assert response.status_code == 303 and response.headers["Location"] == "/admin/sources/harbor-light"
    with app.extensions["peerjobs_sessions"]() as session:
        source = session.get(Source, "harbor-light")
        assert (source.origin, source.enabled, source.employer) == ("discovered", True, "Harbor Light Recovery")
        assert source.provenance["accepted_by"] == "ops" and source.provenance["state"] == "OH"
    page = client.get("/admin/sources/harbor-light").text
    assert "Where this source came from" in page and f"<li>{EVIDENCE}</li>" in page and "Discovered" in page
    listed = client.get("/admin/sources?origin=discovered").text
    assert 'id="source-harbor-light"' in listed and "<td class=\"minor\">OH</td>" in listed

    again = client.post(f"/admin/discovery/{number}/accept", data={
        "csrf_token": token, "source_id": "harbor-light-2", "employer": "Harbor", "enabled": "1"})
    assert again.status_code == 409 and "was accepted already" in again.text
    edit = client.post(f"/admin/discovery/{number}/edit", data={
        "csrf_token": token, "platform": "greenhouse", "url": "https://job-boards.greenhouse.io/x"})
    assert edit.status_code == 409


def test_rejecting_needs_a_reason_and_sticks(client, app):
    number = proposal_id(app, "lakeside")
    token = csrf_token(client.get(f"/admin/discovery/{number}").text)
    empty = client.post(f"/admin/discovery/{number}/reject", data={"csrf_token": token, "reason": "   "})
    assert empty.status_code == 400 and "Say why" in empty.text
    assert client.post(f"/admin/discovery/{number}/reject", data={"reason": "no"}).status_code == 400  # no CSRF
    response = client.post(f"/admin/discovery/{number}/reject", data={"csrf_token": token,
                                                                      "reason": "a staffing agency"})
    assert response.status_code == 303
    with app.extensions["peerjobs_sessions"]() as session:
        rejected = session.get(DiscoveryProposal, number)
        assert (rejected.status, rejected.reason, rejected.reviewed_by) == ("rejected", "a staffing agency", "ops")
    assert "a staffing agency" in client.get("/admin/discovery?status=rejected").text
    again = client.post(f"/admin/discovery/{number}/accept", data={
        "csrf_token": token, "source_id": "lakeside", "employer": "Lakeside", "enabled": "0"})
    assert again.status_code == 409 and "was rejected already" in again.text


def test_a_stranger_cannot_review(app):
    stranger = app.test_client()
    token = csrf_token(stranger.get("/admin/login").text)
    number = proposal_id(app, "harborlight")
    assert stranger.get("/admin/discovery").status_code == 302
    response = stranger.post(f"/admin/discovery/{number}/reject", data={"csrf_token": token, "reason": "x"})
    assert response.status_code == 403
