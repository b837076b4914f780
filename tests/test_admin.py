"""The admin area through the real app and store (SQLite and PostgreSQL): no page or change
without signing in, CSRF on every form, a signed-out cookie worth nothing, one answer for a
wrong password and an unknown name, rate-limited sign-in, argon2id hashes; the sources page
with failing sources first and their reasons, schedule edits, "run now", enable and disable;
a source's history; widget and subscription counts without addresses; `peerjobs admin`."""
from __future__ import annotations

import dataclasses
import itertools
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml
from argon2 import PasswordHasher
from click.testing import CliRunner
from sqlalchemy import select

from indexer import store
from indexer.store import db
from indexer.store.models import (
    AdminSession, AdminUser, AlertDelivery, CrawlLock, CrawlRun, SourceControl, Subscription, WidgetCount, utcnow,
)
from peerjobs.cli import main
from tests.admin_support import (
    BROKEN_REASON, LEGACY_REASON, PASSWORD, SCHEDULES_YAML, SLOW_REASON, USERNAME, admin_settings, run, seed,
)
from webapp import create_app
from webapp.admin import accounts, auth, backoff, overview, passwords, views
from webapp.extensions import limiter

PAGES = ["/admin/", "/admin/sources", "/admin/sources/broken", "/admin/runs", "/admin/widgets",
         "/admin/subscriptions"]
BAD_SCHEDULES = ["every day", "61 * * * *", "0 0 31 2 *", "* * * *", "0 0 * * 8", "1" * 101]


@pytest.fixture(autouse=True)
def schedules_file(tmp_path, monkeypatch):
    path = tmp_path / "schedules.yaml"
    path.write_text(yaml.safe_dump(SCHEDULES_YAML))
    monkeypatch.setenv("PEERJOBS_SCHEDULES_FILE", str(path))
    return path


def make_app(folder: Path, database_url: str, **changes):
    app = create_app(dataclasses.replace(admin_settings(folder, database_url), **changes))
    limiter.reset()  # one limiter serves every app in the process
    with app.app_context():
        from webapp.db import get_session
        seed(get_session())
    return app


@pytest.fixture
def app(tmp_path, database_url):
    """On SQLite and on PostgreSQL: for what the store decides."""
    yield make_app(tmp_path, database_url)
    limiter.reset()


@pytest.fixture
def sqlite_app(tmp_path):
    """Sign-in, CSRF and headers do not depend on the database."""
    yield make_app(tmp_path, f"sqlite:///{tmp_path / 'store.db'}")
    limiter.reset()


@pytest.fixture
def sessions(app):
    return app.extensions["peerjobs_sessions"]


@pytest.fixture
def sqlite_sessions(sqlite_app):
    return sqlite_app.extensions["peerjobs_sessions"]


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def sign_in(client, username: str = USERNAME, password: str = PASSWORD, **kwargs):
    token = csrf_token(client.get("/admin/login", **kwargs).text)
    return client.post("/admin/login", data={"csrf_token": token, "username": username, "password": password},
                       **kwargs)


def signed_in(app):
    client = app.test_client()
    response = sign_in(client)
    assert response.status_code == 303
    return client


@pytest.fixture
def client(app):
    return signed_in(app)


@pytest.fixture
def sqlite_client(sqlite_app):
    return signed_in(sqlite_app)


def control(sessions, source_id: str) -> SourceControl | None:
    with sessions() as session:
        return session.get(SourceControl, source_id)


def admin_cookie(client) -> str | None:
    cookie = client.get_cookie(auth.COOKIE, path="/admin")
    return cookie.value if cookie else None


# --------------------------------------------------------------------------- signing in


def test_every_page_sends_a_stranger_to_sign_in(sqlite_app):
    stranger = sqlite_app.test_client()
    for path in PAGES:
        response = stranger.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/admin/login?next=/admin"), path
    assert stranger.get("/admin/login").status_code == 200


def test_a_strangers_forms_are_refused_and_change_nothing(sqlite_app, sqlite_sessions):
    stranger = sqlite_app.test_client()
    token = csrf_token(stranger.get("/admin/login").text)  # a valid CSRF token, but no session
    for path, data in [("/admin/sources/broken/run", {}), ("/admin/sources/broken/enabled", {"enabled": "0"}),
                       ("/admin/sources/broken/schedule", {"schedule": "0 1 * * *"}), ("/admin/logout", {})]:
        response = stranger.post(path, data={"csrf_token": token, **data})
        assert response.status_code == 403, path
        assert "Sign in first" in response.text
    assert control(sqlite_sessions, "broken") is None


def test_signing_in_leads_to_the_page_asked_for_and_never_off_the_site(sqlite_app):
    browser = sqlite_app.test_client()
    token = csrf_token(browser.get("/admin/login?next=/admin/runs").text)
    response = browser.post("/admin/login", data={"csrf_token": token, "username": "OPS", "password": PASSWORD,
                                                  "next": "/admin/runs"})
    assert (response.status_code, response.headers["Location"]) == (303, "/admin/runs")
    assert browser.get("/admin/runs").status_code == 200
    assert browser.get("/admin/login").headers["Location"] == "/admin/sources"  # already signed in
    for target in ["https://evil.example/admin", "//evil.example/admin", "/jobs", "/admin\\@evil.example", "", None]:
        assert views.safe_next(target) is None, target
    assert views.safe_next("/admin/sources/broken?x=1") == "/admin/sources/broken?x=1"
    elsewhere = sqlite_app.test_client()
    token = csrf_token(elsewhere.get("/admin/login").text)
    response = elsewhere.post("/admin/login", data={"csrf_token": token, "username": USERNAME, "password": PASSWORD,
                                                    "next": "https://evil.example/admin"})
    assert response.headers["Location"] == "/admin/sources"


def test_the_admin_cookie_is_httponly_strict_and_only_for_admin_pages(tmp_path, database_url):
    for public_url, secure in [("http://127.0.0.1:5000", False), ("https://jobs.example", True)]:
        app = create_app(admin_settings(tmp_path, database_url, public_url))
        limiter.reset()
        with app.app_context():
            from webapp.db import get_session
            if store.find_admin(get_session(), USERNAME) is None:
                seed(get_session())
        response = sign_in(app.test_client(), base_url=public_url,
                           headers={"Referer": f"{public_url}/admin/login"})
        header = next(value for value in response.headers.getlist("Set-Cookie")
                      if value.startswith(auth.COOKIE + "="))
        flags = {part.strip().lower() for part in header.split(";")[1:]}
        assert {"httponly", "path=/admin", "samesite=strict"} <= flags
        assert ("secure" in flags) is secure
        assert not any(flag.startswith(("expires", "max-age")) for flag in flags)


def test_the_store_keeps_only_a_hash_of_the_session_token(client, sessions):
    token = admin_cookie(client)
    with sessions() as session:
        rows = session.scalars(select(AdminSession)).all()
    assert [row.token_hash for row in rows] == [auth.token_hash(token)]
    assert token not in rows[0].token_hash
    assert rows[0].expires_at - rows[0].created_at == auth.ABSOLUTE


def test_a_cookie_replayed_after_signing_out_opens_nothing(app, client, sessions):
    token = admin_cookie(client)
    assert client.get("/admin/sources").status_code == 200
    page = client.get("/admin/sources").text
    response = client.post("/admin/logout", data={"csrf_token": csrf_token(page)})
    assert (response.status_code, response.headers["Location"]) == (303, "/admin/login")
    assert admin_cookie(client) is None
    assert "You are signed out." in client.get("/admin/login").text

    replay = app.test_client()
    replay.set_cookie(auth.COOKIE, token, path="/admin")
    for path in PAGES:
        assert replay.get(path).status_code == 302, path
    login_page = replay.get("/admin/login").text
    response = replay.post("/admin/sources/broken/run", data={"csrf_token": csrf_token(login_page)})
    assert response.status_code == 403
    assert control(sessions, "broken") is None
    with sessions() as session:
        assert session.scalars(select(AdminSession)).all() == []


def test_each_sign_in_gets_a_new_token_and_a_planted_one_is_worthless(sqlite_app):
    browser = sqlite_app.test_client()
    browser.set_cookie(auth.COOKIE, "planted-by-someone-else", path="/admin")
    assert browser.get("/admin/sources").status_code == 302
    sign_in(browser)
    first = admin_cookie(browser)
    assert first != "planted-by-someone-else"
    sign_in(sqlite_app.test_client())
    other = sqlite_app.test_client()
    sign_in(other)
    assert admin_cookie(other) != first


def test_wrong_password_and_unknown_name_get_the_same_answer(sqlite_app, sqlite_sessions):
    browser = sqlite_app.test_client()
    wrong = sign_in(browser, USERNAME, "not the password at all")
    unknown = sign_in(browser, "nobody", PASSWORD)
    assert wrong.status_code == unknown.status_code == 400
    assert "Wrong username or password" in wrong.text and "Wrong username or password" in unknown.text
    scrub = re.compile(r'value="[^"]*"')
    assert scrub.sub("", wrong.text) == scrub.sub("", unknown.text)
    assert admin_cookie(browser) is None
    with sqlite_sessions() as session:
        assert session.scalar(select(AdminUser.last_login_at)) is None


def test_odd_sign_in_input_gets_the_same_answer_not_an_error(app):
    for username, password in [("ops\x00", PASSWORD), ("o" * 101, PASSWORD), ("ops", "p" * 1025), ("", ""),
                               ("ops", "pass\x00word long enough")]:
        limiter.reset()
        response = sign_in(app.test_client(), username, password)
        assert response.status_code == 400, username
        assert "Wrong username or password" in response.text or "Type your" in response.text


def test_sign_in_attempts_are_rate_limited_by_address(sqlite_app):
    browser = sqlite_app.test_client()
    answers = [sign_in(browser, f"someone-{n}", f"wrong guess {n:02}").status_code for n in range(6)]
    assert answers == [400] * 5 + [429]
    assert "Too many sign-in attempts" in sign_in(browser).text  # even the right password waits


def test_wrong_passwords_slow_only_the_address_they_come_from(sqlite_app):
    guesser = {"REMOTE_ADDR": "192.0.2.7"}
    browser = sqlite_app.test_client()
    answers = [sign_in(browser, USERNAME, f"wrong guess {n:02}", environ_base=guesser) for n in range(5)]
    assert [answer.status_code for answer in answers] == [400] * 4 + [429]
    assert 1 <= int(answers[-1].headers["Retry-After"]) <= backoff.FIRST_WAIT
    assert sign_in(browser, environ_base=guesser).status_code == 429  # even the right password waits there
    admin = sign_in(sqlite_app.test_client(), environ_base={"REMOTE_ADDR": "198.51.100.1"})
    assert admin.status_code == 303


def test_ten_wrong_passwords_for_the_admins_name_do_not_lock_the_admin_out(sqlite_app):
    for n in range(10):  # the admin's username tried from addresses that are not the admin's
        response = sign_in(sqlite_app.test_client(), USERNAME, f"wrong guess {n:02}",
                           environ_base={"REMOTE_ADDR": f"192.0.2.{n}"})
        assert response.status_code == 400
    admin = sign_in(sqlite_app.test_client(), environ_base={"REMOTE_ADDR": "198.51.100.1"})
    assert admin.status_code == 303


@pytest.mark.parametrize("failures, seconds", [(0, 0), (3, 0), (4, 5), (5, 10), (6, 20), (7, 40), (8, 60),
                                               (40, 60), (10**6, 60)])
def test_the_wait_after_wrong_passwords_grows_to_a_minute(failures, seconds):
    assert backoff.wait_after(failures) == seconds


def test_a_successful_sign_in_does_not_count_against_the_username(sqlite_app):
    for n in range(11):  # one more than the failures allowed
        browser = sqlite_app.test_client()
        assert sign_in(browser, environ_base={"REMOTE_ADDR": f"192.0.2.{n}"}).status_code == 303


def test_passwords_are_stored_as_argon2id_at_owasp_strength(sessions):
    with sessions() as session:
        stored = session.scalar(select(AdminUser.password_hash).where(AdminUser.username == USERNAME))
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert PASSWORD not in stored
    assert PasswordHasher().verify(stored, PASSWORD)


def test_a_weaker_hash_is_upgraded_at_the_next_sign_in(sqlite_app, sqlite_sessions):
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with sqlite_sessions() as session:
        session.scalar(select(AdminUser).where(AdminUser.username == USERNAME)).password_hash = weak
        session.commit()
    assert sign_in(sqlite_app.test_client()).status_code == 303
    with sqlite_sessions() as session:
        user = session.scalar(select(AdminUser).where(AdminUser.username == USERNAME))
        assert user.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
        assert user.last_login_at is not None


@pytest.mark.parametrize("password, problem", [
    ("", "at least 12"), ("short-pass1", "at least 12"), (" " * 12, "more than spaces"),
    ("x" * 1025, "at most 1024"), ("twelve chars", None), ("a much longer passphrase", None),
])
def test_password_rules(password, problem):
    found = passwords.password_problem(password)
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize("typed, stored, ok", [
    ("Ops", "ops", True), ("  Sam.Rivera_2 ", "sam.rivera_2", True), ("sam@example.org", "sam@example.org", False),
    ("", "", False), ("-dash-first", "-dash-first", False), ("two words", "two words", False),
    ("x" * 101, "x" * 101, False),
])
def test_usernames(typed, stored, ok):
    assert accounts.normalize_username(typed) == stored
    assert (accounts.username_problem(stored) is None) is ok


def test_sessions_end_when_idle_too_long_and_after_a_day_in_any_case(sessions):
    with sessions() as session:
        user = store.find_admin(session, USERNAME)
        start = datetime(2026, 3, 2, 8, 0)
        token = auth.start_session(session, user, now=start)
        assert auth.signed_in(session, token, now=start + timedelta(hours=7)).username == USERNAME
        assert auth.signed_in(session, token, now=start + timedelta(hours=14)) is not None  # seen at 7 h
        assert auth.signed_in(session, token, now=start + timedelta(hours=24)) is None     # a day old
        assert store.admin_session(session, auth.token_hash(token)) is None                 # and forgotten
        idle = auth.start_session(session, user, now=start)
        assert auth.signed_in(session, idle, now=start + auth.IDLE) is None
        assert auth.signed_in(session, "", now=start) is None
        assert auth.signed_in(session, "x" * 500, now=start) is None


# --------------------------------------------------------------------------- CSRF and headers


def test_forms_without_a_good_csrf_token_are_refused_and_change_nothing(sqlite_app, sqlite_client, sqlite_sessions):
    for data in [{}, {"csrf_token": "forged"}]:
        for path, fields in [("/admin/sources/broken/run", {}), ("/admin/sources/broken/enabled", {"enabled": "0"}),
                             ("/admin/sources/broken/schedule", {"schedule": "0 1 * * *"}), ("/admin/logout", {})]:
            response = sqlite_client.post(path, data={**data, **fields})
            assert response.status_code == 400, (path, data)
            assert "This form has expired" in response.text
    assert control(sqlite_sessions, "broken") is None
    assert sqlite_client.get("/admin/sources").status_code == 200  # still signed in: logout was refused too

    other = sqlite_app.test_client()  # a token from another browser's session does not fit this one
    foreign = csrf_token(other.get("/admin/login").text)
    assert sqlite_client.post("/admin/sources/broken/run", data={"csrf_token": foreign}).status_code == 400
    stranger = sqlite_app.test_client()
    response = stranger.post("/admin/login", data={"username": USERNAME, "password": PASSWORD})
    assert response.status_code == 400 and admin_cookie(stranger) is None


def test_admin_responses_are_private_and_keep_the_site_policy(sqlite_app, sqlite_client):
    for path, browser in [(path, sqlite_client) for path in PAGES] + [("/admin/login", sqlite_app.test_client())]:
        response = browser.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store"
        assert "noindex" in response.headers["X-Robots-Tag"]
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
        assert " style=" not in response.text and "<style" not in response.text and "<script" not in response.text
        assert len(re.findall(r"<h1\b", response.text)) == 1, path
    redirect = sqlite_app.test_client().get("/admin/runs")
    assert redirect.headers["Cache-Control"] == "no-store"
    assert sqlite_app.test_client().get("/").headers.get("Set-Cookie") is None  # public pages still set none


def test_an_unknown_source_is_a_404_page(sqlite_client):
    assert sqlite_client.get("/admin/sources/nowhere").status_code == 404
    assert sqlite_client.post("/admin/sources/nowhere/run",
                       data={"csrf_token": csrf_token(sqlite_client.get("/admin/").text)}).status_code == 404


# --------------------------------------------------------------------------- sources


def rows_of(page: str) -> dict[str, str]:
    """Source id -> its row in the sources table."""
    return {m.group(1): m.group(0) for m in re.finditer(r'<tr id="source-([\w-]+)".*?</tr>', page, re.S)}


def test_failing_sources_come_first_with_their_reasons_in_sight(client):
    page = client.get("/admin/sources").text
    order = re.findall(r'<tr id="source-([\w-]+)" class="row-(\w+)"', page)
    assert order == [("broken", "failing"), ("legacy", "failing"), ("slow", "degraded"),
                     ("fresh", "unknown"), ("steady", "healthy")]
    rows = rows_of(page)
    assert BROKEN_REASON in rows["broken"] and ">Failing<" in rows["broken"]
    assert LEGACY_REASON in rows["legacy"] and ">Failing<" in rows["legacy"]
    assert SLOW_REASON in rows["slow"] and ">Degraded<" in rows["slow"]
    assert "Not checked yet" in rows["fresh"] and "never" in rows["fresh"]
    assert ">Healthy<" in rows["steady"] and "ok" in rows["steady"]
    assert "2 failing, 1 degraded, 1 healthy, 1 not checked yet" in page


def test_schedules_show_where_they_come_from(client):
    pages = {source: client.get(f"/admin/sources/{source}").text for source in ("steady", "fresh", "broken")}
    assert "<code>15 3 * * *</code> <span class=\"quiet\">(sources file)" in pages["steady"]
    assert "<code>30 5,17 * * *</code> <span class=\"quiet\">(default for usajobs)" in pages["fresh"]
    assert "<code>0 */6 * * *</code> <span class=\"quiet\">(default)" in pages["broken"]


def test_a_valid_schedule_is_stored_and_shown(client, sessions):
    token = csrf_token(client.get("/admin/sources").text)
    response = client.post("/admin/sources/broken/schedule", data={"csrf_token": token, "schedule": " 0 2 * * 1-5 "})
    assert (response.status_code, response.headers["Location"]) == (303, "/admin/sources#source-broken")
    stored = control(sessions, "broken")
    assert (stored.schedule, stored.updated_by) == ("0 2 * * 1-5", USERNAME)
    assert "broken: schedule set to 0 2 * * 1-5." in client.get("/admin/sources").text
    assert '<code>0 2 * * 1-5</code> <span class="quiet">(set here by ops)' in client.get("/admin/sources/broken").text

    client.post("/admin/sources/broken/schedule", data={"csrf_token": token, "schedule": "", "back": "source"})
    assert control(sessions, "broken").schedule is None
    assert "schedule back to the default" in client.get("/admin/sources/broken").text


def test_a_bad_schedule_is_explained_and_nothing_is_stored(sqlite_client, sqlite_sessions):
    token = csrf_token(sqlite_client.get("/admin/sources").text)
    for bad, back in itertools.product(BAD_SCHEDULES, ("sources", "source")):
        response = sqlite_client.post("/admin/sources/broken/schedule", data={"csrf_token": token, "schedule": bad,
                                                                       "back": back})
        assert response.status_code == 400
        assert 'id="schedule-broken-error" role="alert"' in response.text
        assert 'aria-invalid="true"' in response.text
        assert f'value="{bad}"' in response.text  # what was typed stays in the field
    assert control(sqlite_sessions, "broken") is None


def test_run_now_queues_a_run_for_the_scheduler(client, sessions):
    token = csrf_token(client.get("/admin/sources").text)
    before = utcnow()
    response = client.post("/admin/sources/fresh/run", data={"csrf_token": token, "back": "source"})
    assert response.headers["Location"] == "/admin/sources/fresh"
    requested = control(sessions, "fresh").run_requested_at
    assert requested is not None and requested >= before.replace(microsecond=0) - timedelta(seconds=1)
    client.post("/admin/sources/fresh/run", data={"csrf_token": token})
    assert control(sessions, "fresh").run_requested_at == requested  # a waiting request keeps its place
    assert "Queued" in rows_of(client.get("/admin/sources").text)["fresh"]
    assert "Queued" in client.get("/admin/sources/fresh").text


def test_a_crawl_under_way_shows_where_it_runs(client, sessions):
    now = utcnow()
    with sessions() as session:
        session.add_all([
            CrawlLock(source_id="slow", holder="web-1:4242:a", acquired_at=now, expires_at=now + timedelta(hours=1),
                      job={"kind": "scrapyd", "node": "http://10.0.0.21:6800", "project": "peerjobs",
                           "job": "slow-abc123", "log": "http://10.0.0.21:6800/logs/peerjobs/source/slow-abc123.log"}),
            CrawlLock(source_id="steady", holder="web-1:4242:a", acquired_at=now - timedelta(hours=3),
                      expires_at=now - timedelta(minutes=1), job={"kind": "local", "pid": 99}),  # stale
        ])
        session.commit()
    slow = client.get("/admin/sources/slow").text
    assert "Running now" in slow and "on Scrapyd node http://10.0.0.21:6800, job slow-abc123" in slow
    assert '<a href="http://10.0.0.21:6800/logs/peerjobs/source/slow-abc123.log"' in slow
    assert "Running now" not in client.get("/admin/sources/steady").text

    with sessions() as session:  # the crawl records its end; the scheduler has not freed the lock yet
        session.add(run("slow", now + timedelta(seconds=1), 11, "healthy"))
        session.commit()
    slow = client.get("/admin/sources/slow").text
    assert "Running now" not in slow and "ok, 11 items" in slow


@pytest.mark.parametrize("job, words, url, path", [
    (None, None, None, None), ("odd", None, None, None), ({"kind": "elsewhere"}, None, None, None),
    ({"kind": "local", "host": "web-1", "pid": 12, "log": "/var/peerjobs/logs/crawl-a.log"},
     "in a local process on web-1 (process 12)", None, "/var/peerjobs/logs/crawl-a.log"),
    ({"kind": "scrapyd", "node": "http://n:6800", "job": "a-1", "log": "javascript:alert(1)"},
     "on Scrapyd node http://n:6800, job a-1", None, None),
])
def test_job_where(job, words, url, path):
    found = overview.job_where(job)
    assert (found and (found.words, found.log_url, found.log_path)) == (words and (words, url, path))


def test_disable_and_enable_override_the_sources_file(client, sessions):
    token = csrf_token(client.get("/admin/sources").text)
    client.post("/admin/sources/steady/enabled", data={"csrf_token": token, "enabled": "0"})
    assert control(sessions, "steady").enabled is False
    card = client.get("/admin/sources/steady").text
    assert "Disabled <span class=\"quiet\">(set here)" in card and ">Enable</button>" in card
    assert ">No<" in rows_of(client.get("/admin/sources").text)["steady"]
    client.post("/admin/sources/steady/enabled", data={"csrf_token": token, "enabled": "1"})
    assert control(sessions, "steady").enabled is True
    assert client.post("/admin/sources/steady/enabled", data={"csrf_token": token, "enabled": "maybe"}).status_code == 400
    assert control(sessions, "steady").enabled is True


def test_a_source_history_puts_the_last_error_first_and_draws_items_per_run(client):
    page = client.get("/admin/sources/broken").text
    assert '<h2 id="last-error">Last error</h2>' in page
    error_box = page.split('<h2 id="last-error">')[1].split("</section>")[0]
    assert BROKEN_REASON in error_box and "robots.txt answered HTTP 503" in error_box
    svg = re.search(r"<svg[^>]*>.*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-label="Items found per run, the last 3 runs, oldest first: from 0 to 9, latest 0"' in svg
    rows = re.findall(r'<tr class="run-(\w+)">', page)
    assert rows == ["failing", "failing", "healthy"]  # newest first
    assert page.index("<h1") < page.index("Last error") < page.index("<table")

    recovered = client.get("/admin/sources/steady").text
    assert "Last error" not in recovered and "the last 2 runs" in recovered


def test_recent_runs_lists_every_source_newest_first(client):
    page = client.get("/admin/runs").text
    sources = re.findall(r'<td><a href="/admin/sources/([\w-]+)">', page)
    assert len(sources) == 8 and sources[0] == "broken" and set(sources) == {"steady", "slow", "broken", "legacy"}


# --------------------------------------------------------------------------- widgets and subscriptions


def test_widgets_page_counts_per_network(tmp_path, database_url):
    networks_file = tmp_path / "networks.yaml"
    networks_file.write_text(yaml.safe_dump({"networks": [
        {"id": "texas-recovery", "name": "Texas Recovery Network", "origins": ["https://txrecovery.example"]},
        {"id": "quiet-valley", "name": "Quiet Valley Peers", "origins": ["https://quietvalley.example"]},
        {"id": "Mountain Peers", "name": "Mountain Peers", "origins": ["https://mountain.example"]}]}))
    client = signed_in(make_app(tmp_path, database_url, networks_file=networks_file))
    sessions = client.application.extensions["peerjobs_sessions"]
    page = client.get("/admin/widgets").text
    assert "No widget traffic yet." in page
    # Configured networks show at zero before their first search; a left-out entry is said, not hidden.
    assert re.search(r'<th scope="row">Quiet Valley Peers <code>quiet-valley</code></th><td class="num">0</td>', page)
    assert re.search(r'class="notice problem">.*networks.yaml, network 3: id must be .*; left out</li>', page, re.S)
    today = utcnow().date()
    with sessions() as session:
        session.add_all([WidgetCount(network="ohio-peers", day=today, searches=12, clicks=3),
                         WidgetCount(network="ohio-peers", day=today - timedelta(days=1), searches=8, clicks=1),
                         WidgetCount(network="texas-recovery", day=today, searches=5, clicks=2),
                         WidgetCount(network="long-ago", day=today - timedelta(days=40), searches=99, clicks=9)])
        session.commit()
    page = client.get("/admin/widgets").text
    assert "No widget traffic yet." not in page and "long-ago" not in page
    assert re.search(r'<th scope="row"><code>ohio-peers</code> <span class="quiet">not in networks.yaml</span></th>'
                     r'<td class="num">20</td><td class="num">4</td>', page)
    named = re.findall(r'<th scope="row">([^<]*)<code>([a-z-]+)</code>', page)
    assert named == [("", "ohio-peers"), ("Texas Recovery Network ", "texas-recovery"),
                     ("Quiet Valley Peers ", "quiet-valley")]
    assert '<td>Texas Recovery Network <code>texas-recovery</code></td><td class="num">5</td>' in page
    assert re.search(r'<th scope="row">All networks</th><td class="num">25</td><td class="num">6</td>', page)


def test_subscriptions_page_shows_counts_and_never_an_address(client, sessions):
    now = utcnow()
    with sessions() as session:
        subscriptions = [
            Subscription(email="sam@example.org", frequency="daily", status="active", confirmed_at=now - timedelta(days=2)),
            Subscription(email="lee@example.org", frequency="daily", status="active", confirmed_at=now - timedelta(days=20)),
            Subscription(email="kim@example.org", frequency="weekly", status="paused", confirmed_at=now - timedelta(days=90)),
            Subscription(email="ash@example.org", frequency="instant", status="pending"),
        ]
        session.add_all(subscriptions)
        session.flush()
        session.add_all([
            AlertDelivery(subscription_id=subscriptions[0].id, message_id="<1@x>", status="sent", sent_at=now - timedelta(days=1)),
            AlertDelivery(subscription_id=subscriptions[0].id, message_id="<2@x>", status="sent", sent_at=now - timedelta(days=10)),
            AlertDelivery(subscription_id=subscriptions[1].id, message_id="<3@x>", status="failed", created_at=now - timedelta(days=3)),
            AlertDelivery(subscription_id=subscriptions[1].id, message_id="<4@x>", status="pending"),
        ])
        session.commit()
    page = client.get("/admin/subscriptions").text
    assert "@example.org" not in page
    assert re.search(r'<th scope="row">Active</th><td class="num">0</td><td class="num">2</td><td class="num">0</td>'
                     r'<td class="num">2</td>', page)
    assert re.search(r'<th scope="row">All</th><td class="num">1</td><td class="num">2</td><td class="num">1</td>'
                     r'<td class="num">4</td>', page)
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", page))
    assert figures == {"Confirmed in the last 7 days": "1", "Confirmed in the last 30 days": "2",
                       "Digests sent in the last 7 days": "1", "Digests sent in the last 30 days": "2",
                       "Deliveries failed in the last 7 days": "1", "Deliveries failed in the last 30 days": "1",
                       "Deliveries failed, ever": "1", "Digests waiting to be sent": "1"}


# --------------------------------------------------------------------------- pure rules


@pytest.mark.parametrize("values, points, label", [
    ([], None, None),
    ([5], "4,24 236,24", "Items found per run, the last run: 5 each time"),
    ([0, 10], "4,44 236,4", "Items found per run, the last 2 runs, oldest first: from 0 to 10, latest 10"),
    ([3, 3, 3], "4,24 120,24 236,24", "Items found per run, the last 3 runs: 3 each time"),
    ([10, 0, 5], "4,4 120,44 236,24", "Items found per run, the last 3 runs, oldest first: from 0 to 10, latest 5"),
])
def test_sparkline(values, points, label):
    line = overview.sparkline(values)
    if points is None:
        assert line is None
        return
    assert (line.points, line.label) == (points, label)


NOW = datetime(2026, 3, 2, 12, 0)


@pytest.mark.parametrize("moment, words", [
    (None, ""), (NOW, "just now"), (NOW - timedelta(minutes=5), "5 min ago"), (NOW - timedelta(hours=3), "3 h ago"),
    (NOW - timedelta(days=1), "1 day ago"), (NOW - timedelta(days=9), "9 days ago"),
    (NOW + timedelta(minutes=20), "in 20 min"),
])
def test_ago(moment, words):
    assert overview.ago(moment, NOW) == words


@pytest.mark.parametrize("seconds, finished, words", [
    (45, True, "45 s"), (125, True, "2 min 5 s"), (120, True, "2 min"), (3780, True, "1 h 3 min"), (30, False, "30 s"),
])
def test_duration(seconds, finished, words):
    started = NOW - timedelta(seconds=seconds)
    crawl = CrawlRun(started_at=started, finished_at=NOW if finished else None)
    assert overview.duration(crawl, NOW) == words


@pytest.mark.parametrize("word, state, label", [
    ("healthy", "healthy", "Healthy"), ("degraded", "degraded", "Degraded"), ("failing", "failing", "Failing"),
    ("unhealthy", "failing", "Failing"), (None, "unknown", "Not checked yet"), ("odd", "unknown", "Not checked yet"),
])
def test_health_words(word, state, label):
    assert (overview.health_state(word), overview.health_label(word)) == (state, label)


@pytest.mark.parametrize("platform, own, override, by, expected", [
    ("jsonld", None, None, None, ("0 */6 * * *", "default", None)),
    ("usajobs", None, None, None, ("30 5,17 * * *", "default for usajobs", None)),
    ("jsonld", "15 3 * * *", None, None, ("15 3 * * *", "sources file", None)),
    ("jsonld", "15 3 * * *", "0 1 * * *", "ops", ("0 1 * * *", "set here by ops", None)),
    ("jsonld", "not cron", None, None, ("0 */6 * * *", "default", None)),
    ("jsonld", "15 3 * * *", "bad", "ops", ("15 3 * * *", "sources file", "not a cron expression: expected 5 fields "
                                                                         "(minute hour day month weekday), got 1")),
])
def test_schedule_of(platform, own, override, by, expected):
    from foundation.schedules import Schedules
    schedules = Schedules(platform_crawl={"usajobs": "30 5,17 * * *"})
    control = SourceControl(source_id="x", schedule=override, updated_by=by) if override else None
    assert overview.schedule_of(platform, own, control, schedules) == expected


def test_subscription_table_keeps_unknown_words():
    table = overview.subscription_table({("active", "daily"): 2, ("bounced", "hourly"): 1})
    assert table["frequencies"] == ["instant", "daily", "weekly", "hourly"]
    assert table["rows"][-1] == ("bounced", [0, 0, 0, 1], 1)
    assert table["totals"] == [0, 2, 0, 1] and table["total"] == 3


# --------------------------------------------------------------------------- peerjobs admin


@pytest.fixture
def cli_env(tmp_path) -> dict[str, str]:
    return {"PEERJOBS_DATA_DIR": str(tmp_path / "data"), "PEERJOBS_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
            "PEERJOBS_INDEX_DIR": ""}


def admin_command(env, *args, input=None):
    return CliRunner().invoke(main, ["admin", *args], env=env, input=input)


def stored_users(env) -> dict[str, str]:
    engine = db.make_engine(env["PEERJOBS_DATABASE_URL"])
    try:
        with db.session_factory(engine)() as session:
            return {user.username: user.password_hash for user in session.scalars(select(AdminUser))}
    finally:
        engine.dispose()


def test_create_user_asks_twice_without_echo(cli_env):
    result = admin_command(cli_env, "create-user", "Ops", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "admin account 'ops' created" in result.output
    assert PASSWORD not in result.output
    users = stored_users(cli_env)
    assert list(users) == ["ops"] and passwords.verify_password(users["ops"], PASSWORD)


def test_create_user_refuses_a_mismatch_a_short_password_and_a_taken_name(cli_env):
    mismatch = admin_command(cli_env, "create-user", "ops", input=f"{PASSWORD}\nsomething else entirely\n")
    assert mismatch.exit_code != 0 and "do not match" in mismatch.output
    assert stored_users(cli_env) == {}
    short = admin_command(cli_env, "create-user", "ops", input="short\nshort\n")
    assert short.exit_code == 1 and "at least 12 characters" in short.output
    assert stored_users(cli_env) == {}
    assert admin_command(cli_env, "create-user", "ops", "--password-stdin", input=PASSWORD + "\n").exit_code == 0
    taken = admin_command(cli_env, "create-user", "OPS", "--password-stdin", input="another long password\n")
    assert taken.exit_code == 1 and "'ops' is taken" in taken.output
    bad_name = admin_command(cli_env, "create-user", "two words", "--password-stdin", input=PASSWORD + "\n")
    assert bad_name.exit_code == 1 and "username" in bad_name.output
    assert list(stored_users(cli_env)) == ["ops"]


def test_list_and_delete_users(cli_env):
    assert "no admin accounts" in admin_command(cli_env, "list-users").output
    admin_command(cli_env, "create-user", "ops", "--password-stdin", input=PASSWORD + "\n")
    admin_command(cli_env, "create-user", "lee", "--password-stdin", input=PASSWORD + "\n")
    listed = admin_command(cli_env, "list-users").output.splitlines()
    assert [line.split("\t")[0] for line in listed] == ["lee", "ops"] and "last sign-in never" in listed[0]
    assert admin_command(cli_env, "delete-user", "lee").exit_code == 0
    assert list(stored_users(cli_env)) == ["ops"]
    gone = admin_command(cli_env, "delete-user", "lee")
    assert gone.exit_code == 1 and "no admin account 'lee'" in gone.output


def test_deleting_a_user_signs_out_their_browsers(app, client, sessions):
    assert client.get("/admin/sources").status_code == 200
    with sessions() as session:
        assert store.delete_admin(session, USERNAME)
        session.commit()
    assert client.get("/admin/sources").status_code == 302
