"""The admin's optional second factor: RFC 6238 codes, `peerjobs admin totp USER` to enrol, and
a sign-in that asks for the code after the password, through the real app and store."""
from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from peerjobs.cli import main
from tests.admin_support import USERNAME
from tests.test_admin import csrf_token, make_app, sign_in
from webapp.admin import totp
from webapp.extensions import limiter

#: RFC 6238 appendix B: the SHA-1 key "12345678901234567890"; its codes are the last 6 digits.
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


@pytest.mark.parametrize("unix_time, code", [(59, "287082"), (1111111109, "081804"), (1111111111, "050471"),
                                             (1234567890, "005924"), (2000000000, "279037"),
                                             (20000000000, "353130")])
def test_codes_are_those_of_rfc_6238(unix_time, code):
    assert totp.code_at(RFC_SECRET, unix_time // totp.STEP) == code


def test_a_code_matches_its_step_and_the_steps_beside_it_once():
    now = 1111111111
    step = now // totp.STEP
    for drift in (-1, 0, 1):
        assert totp.matching_step(RFC_SECRET, totp.code_at(RFC_SECRET, step + drift), now=now) == step + drift
    assert totp.matching_step(RFC_SECRET, totp.code_at(RFC_SECRET, step + 2), now=now) is None
    assert totp.matching_step(RFC_SECRET, "050 471", now=now) == step
    assert totp.matching_step(RFC_SECRET, "050471", after_step=step, now=now) is None  # used already
    for wrong in ("", "12345", "1234567", "abcdef", "٠٥٠٤٧١", None):
        assert totp.matching_step(RFC_SECRET, wrong, now=now) is None


@pytest.fixture
def app(tmp_path):
    yield make_app(tmp_path, f"sqlite:///{tmp_path / 'store.db'}")
    limiter.reset()


def enrol(app, username: str = USERNAME) -> str:
    """`peerjobs admin totp USER`; returns the key from the otpauth URI it prints."""
    settings = app.config["PEERJOBS_SETTINGS"]
    env = {"PEERJOBS_DATA_DIR": str(settings.data_dir), "PEERJOBS_DATABASE_URL": settings.database_url,
           "PEERJOBS_INDEX_DIR": ""}
    result = CliRunner().invoke(main, ["admin", "totp", username], env=env)
    assert result.exit_code == 0, result.output
    uri = re.search(r"otpauth://\S+", result.output).group(0)
    parts = urlsplit(uri)
    assert (parts.scheme, parts.netloc, parts.path) == ("otpauth", "totp", f"/PeerJobs:{username}")
    return parse_qs(parts.query)["secret"][0]


def send_code(client, code: str):
    token = csrf_token(client.get("/admin/login/code").text)
    return client.post("/admin/login/code", data={"csrf_token": token, "code": code})


def test_an_enrolled_admin_signs_in_with_password_then_code(app):
    secret = enrol(app)
    browser = app.test_client()
    asked = sign_in(browser)
    assert (asked.status_code, asked.headers["Location"]) == (303, "/admin/login/code")
    assert browser.get("/admin/sources").status_code == 302            # the password alone opens nothing
    assert "6-digit code" in browser.get("/admin/login/code").text
    wrong = send_code(browser, "000000" if totp.code_at(secret, int(time.time()) // 30) != "000000" else "111111")
    assert wrong.status_code == 400 and "Wrong code" in wrong.text
    right = send_code(browser, totp.code_at(secret, int(time.time()) // totp.STEP))
    assert (right.status_code, right.headers["Location"]) == (303, "/admin/sources")
    assert browser.get("/admin/sources").status_code == 200


def test_a_code_works_once(app):
    secret = enrol(app)
    code = totp.code_at(secret, int(time.time()) // totp.STEP)
    first, second = app.test_client(), app.test_client()
    sign_in(first)
    assert send_code(first, code).status_code == 303
    sign_in(second)
    assert send_code(second, code).status_code == 400
    assert second.get("/admin/sources").status_code == 302


def test_the_code_page_without_a_right_password_sends_back_to_sign_in(app):
    enrol(app)
    browser = app.test_client()
    assert browser.get("/admin/login/code").headers["Location"].startswith("/admin/login")
    assert sign_in(browser, password="wrong password here").status_code == 400
    assert browser.get("/admin/login/code").status_code == 302


def test_enrolling_an_unknown_account_fails_and_remove_goes_back_to_password_only(app):
    settings = app.config["PEERJOBS_SETTINGS"]
    env = {"PEERJOBS_DATA_DIR": str(settings.data_dir), "PEERJOBS_DATABASE_URL": settings.database_url,
           "PEERJOBS_INDEX_DIR": ""}
    assert CliRunner().invoke(main, ["admin", "totp", "nobody"], env=env).exit_code != 0
    enrol(app)
    assert CliRunner().invoke(main, ["admin", "totp", USERNAME, "--remove"], env=env).exit_code == 0
    assert sign_in(app.test_client()).headers["Location"] == "/admin/sources"
