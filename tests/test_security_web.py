"""Hostile requests to the web app get a plain answer, never a 500 and never a link elsewhere:
line breaks in the admin's `next`, deeply nested JSON to the alert sign-ups, a Host header
someone else chose, bodies too large; and HSTS when the site is served over https."""
from __future__ import annotations

import dataclasses
import re

import pytest

from tests.admin_support import PASSWORD, USERNAME, admin_settings
from tests.test_admin import make_app
from tests.test_openapi import check_against_document
from tests.test_widget_api import OHIO, widget_settings
from webapp import create_app
from webapp.api.bodies import MAX_BYTES, MAX_DEPTH, nesting_depth, parse_json, TooDeep
from webapp.extensions import limiter
from webapp.security import trusted_hosts

SIGN_UP = {"email": "sam@example.org", "frequency": "weekly", "search": {"q": "coach"}}


@pytest.fixture
def admin_app(tmp_path):
    yield make_app(tmp_path, f"sqlite:///{tmp_path / 'store.db'}")
    limiter.reset()


@pytest.fixture
def public_app(tmp_path):
    """The site as served at https://jobs.example, with one widget network."""
    settings = dataclasses.replace(widget_settings(tmp_path, networks=[OHIO]), public_url="https://jobs.example")
    yield create_app(settings)
    limiter.reset()


# 6: line breaks and nesting ---------------------------------------------------------------------

@pytest.mark.parametrize("target", ["/admin/runs\r\nSet-Cookie: planted=1", "/admin/runs\nX: 1", "/admin/\x00"])
def test_a_line_break_in_next_sends_the_admin_to_a_safe_page(admin_app, target):
    client = admin_app.test_client()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/admin/login").text).group(1)
    answer = client.post("/admin/login", data={"csrf_token": token, "username": USERNAME, "password": PASSWORD,
                                               "next": target})
    assert (answer.status_code, answer.headers["Location"]) == (303, "/admin/sources")
    again = client.get("/admin/login", query_string={"next": target})
    assert (again.status_code, again.headers["Location"]) == (302, "/admin/sources")
    assert "planted" not in str(again.headers)


def deep(levels: int, inner: str = "1") -> str:
    return "[" * levels + inner + "]" * levels


@pytest.mark.parametrize("body", [deep(5000), '{"search": ' * 1200 + "1" + "}" * 1200,
                                  '{"email": "sam@example.org", "frequency": "weekly", "search": {"q": '
                                  + deep(MAX_DEPTH) + "}}"])
@pytest.mark.parametrize("path", ["/api/v1/alerts", "/api/v1/networks/ohio-peers/alerts"])
def test_deeply_nested_json_to_a_sign_up_is_a_400(public_app, path, body):
    answer = public_app.test_client().post(path, data=body, content_type="application/json",
                                           base_url="https://jobs.example")
    assert answer.status_code == 400 and answer.get_json()["error"]["status"] == 400
    assert any("nests deeper" in detail for detail in answer.get_json()["error"]["details"])


@pytest.mark.parametrize("text, depth", [("1", 0), ("[]", 1), ('{"a": [1, {"b": 2}]}', 3),
                                         ('"[[[[" ', 0), ('["\\"[[", {}]', 2), ('{"a": "}}}{{{"}', 1),
                                         (deep(50_000), 50_000)])
def test_nesting_depth_counts_brackets_outside_strings(text, depth):
    assert nesting_depth(text) == depth


def test_parse_json_refuses_depth_before_parsing():
    assert parse_json(deep(MAX_DEPTH)) == parse_json(deep(MAX_DEPTH))
    with pytest.raises(TooDeep):
        parse_json(deep(100_000))


# 8: the Host header -----------------------------------------------------------------------------

def test_links_never_follow_a_host_header_someone_else_chose(public_app):
    client = public_app.test_client()
    for path in ("/", "/jobs", "/robots.txt", "/alerts/new"):
        assert client.get(path, headers={"Host": "evil.example"}).status_code == 400, path
    page = client.get("/jobs", base_url="https://jobs.example").get_data(as_text=True)
    assert '<link rel="canonical" href="https://jobs.example/jobs">' in page


@pytest.mark.parametrize("public_url, hosts", [
    ("https://jobs.example", ["jobs.example"]),
    ("https://Jobs.Example:8443/", ["jobs.example"]),
    ("http://127.0.0.1:5000", ["127.0.0.1", "localhost"]),
    ("http://localhost:8000", ["localhost", "127.0.0.1"]),
])
def test_the_trusted_hosts_come_from_the_public_address(public_url, hosts):
    assert trusted_hosts(public_url) == hosts


def test_the_dev_server_answers_on_loopback_only(tmp_path):
    app = create_app(admin_settings(tmp_path, f"sqlite:///{tmp_path / 'store.db'}"))
    client = app.test_client()
    for host in ("127.0.0.1:5000", "localhost", "127.0.0.1:8123"):
        assert client.get("/admin/login", headers={"Host": host}).status_code == 200, host
    assert client.get("/admin/login", headers={"Host": "evil.example"}).status_code == 400


# 11: bodies too large ---------------------------------------------------------------------------

def test_a_body_too_large_is_a_413_in_words(public_app):
    client = public_app.test_client()
    form = client.post("/alerts/new", base_url="https://jobs.example", data={"email": "x" * 2_000_000})
    assert form.status_code == 413 and "too much to send" in form.get_data(as_text=True)
    for size in (MAX_BYTES + 1, 2_000_000):
        body = '{"email": "' + "x" * size + '"}'
        answer = client.post("/api/v1/alerts", data=body, content_type="application/json",
                             base_url="https://jobs.example")
        assert answer.status_code == 413 and answer.get_json()["error"]["status"] == 413, size
        check_against_document(answer, answer.request)


def test_a_sign_up_within_the_caps_is_taken(public_app):
    answer = public_app.test_client().post("/api/v1/alerts", json=SIGN_UP, base_url="https://jobs.example")
    assert answer.status_code == 202


# 13: HSTS ---------------------------------------------------------------------------------------

def test_hsts_is_sent_only_when_the_site_is_served_over_https(public_app, tmp_path):
    answer = public_app.test_client().get("/alerts/new", base_url="https://jobs.example")
    assert answer.headers["Strict-Transport-Security"] == "max-age=31536000"
    (tmp_path / "plain").mkdir()
    plain = create_app(admin_settings(tmp_path / "plain", f"sqlite:///{tmp_path / 'plain.db'}"))
    assert "Strict-Transport-Security" not in plain.test_client().get("/admin/login").headers
