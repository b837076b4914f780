"""Reporting a problem with a posting, sharing it and the admin reports queue, through the real
app and store: CSRF, the rate limit, bad input answered next to its field, hostile text escaped,
"being checked" after several connections, accept and dismiss, `peerjobs labels export`."""
from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from indexer import store
from indexer.taxonomy.evaluate import labeled_records
from peerjobs.cli import main
from tests.admin_support import admin_settings, seed
from tests.browser_support import SOURCE, posting
from tests.test_admin import csrf_token, signed_in
from tests.web_support import seed_postings
from webapp import create_app
from webapp.extensions import limiter

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


@pytest.fixture
def app(tmp_path):
    app = create_app(admin_settings(tmp_path, f"sqlite:///{tmp_path / 'store.db'}"))
    limiter.reset()
    with app.app_context():
        from webapp.db import get_session
        seed(get_session())
        app.config["IDS"] = seed_postings(get_session(), SOURCE, {"job": posting(), "other": posting(
            title="Peer Mentor", url="https://careers.miamivalley.example/jobs/m")})
    yield app
    limiter.reset()


@pytest.fixture
def job_id(app) -> int:
    return app.config["IDS"]["job"]


def client_from(app, address: str = "192.0.2.10"):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def send_report(client, job_id: int, reason: str = "closed", text: str = ""):
    token = csrf_token(client.get(f"/jobs/{job_id}/report").text)
    return client.post(f"/jobs/{job_id}/report", data={"csrf_token": token, "reason": reason, "text": text})


def stored_reports(app) -> list:
    with app.app_context():
        from webapp.db import get_session
        return [report for report, _posting in store.report_queue(get_session())]


def test_the_posting_page_links_to_the_report_form_and_shares_its_short_address(app, job_id):
    page = app.test_client().get(f"/jobs/{job_id}")
    html = page.text
    assert "Set-Cookie" not in page.headers
    assert f'href="/jobs/{job_id}/report">Report a problem with this posting</a>' in html
    short_url = f"http://localhost/j/{job_id}"
    assert f'id="short-url" type="text" readonly value="{short_url}"' in html
    sms = re.search(r'href="(sms:\?&amp;body=[^"]+)"', html).group(1)
    assert unquote(sms) == f"sms:?&amp;body=Peer Support Specialist {short_url}"
    assert "@media print" in app.test_client().get("/static/style.css").text and "being checked" not in html.lower()


def test_the_short_address_leads_to_the_posting(app, job_id):
    client = app.test_client()
    answer = client.get(f"/j/{job_id}")
    assert (answer.status_code, answer.headers["Location"]) == (301, f"/jobs/{job_id}")
    assert client.get("/j/999999").status_code == 404


def test_the_form_is_a_labelled_radio_group_and_an_optional_text_with_its_hint(app, job_id):
    html = app.test_client().get(f"/jobs/{job_id}/report").text
    assert "<legend>What is wrong with this posting?</legend>" in html
    assert html.count('type="radio"') == 5 and 'aria-describedby="text-hint"' in html
    assert "Up to 500 characters" in html and 'maxlength="500"' in html


def test_unknown_postings_have_no_report_form(app):
    client = client_from(app)
    assert client.get("/jobs/999999/report").status_code == 404
    assert client.post("/jobs/999999/report", data={"reason": "closed"}).status_code in (400, 404)
    assert client.get("/jobs/999999/report/sent").status_code == 404


def test_a_report_without_its_csrf_token_is_refused_calmly(app, job_id):
    answer = client_from(app).post(f"/jobs/{job_id}/report", data={"reason": "closed"})
    assert answer.status_code == 400 and "This form has expired" in answer.text
    assert stored_reports(app) == []


@pytest.mark.parametrize("reason, text, error", [
    ("", "", "Choose what is wrong."),
    ("rude", "", "Not a valid choice"),
    ("other", "x" * 501, "Please keep it to 500 characters or fewer."),
])
def test_bad_input_is_answered_next_to_its_field(app, job_id, reason, text, error):
    answer = send_report(client_from(app), job_id, reason, text)
    assert answer.status_code == 400 and error in answer.text
    assert re.search(r'class="error" id="(reason|text)-error">', answer.text)
    assert stored_reports(app) == []


def test_a_report_is_stored_and_thanked_for(app, job_id):
    answer = send_report(client_from(app), job_id, "closed", f"  {HOSTILE}  ")
    assert answer.status_code == 303
    thanks = client_from(app).get(answer.headers["Location"])
    assert "Thank you for your report" in thanks.text
    assert "We check the employer’s page for this job right away" in thanks.text
    [report] = stored_reports(app)
    assert (report.reason, report.text, report.status) == ("closed", HOSTILE, "open")
    assert report.recheck_requested_at is not None and "192.0.2.10" not in report.reporter_key


def test_five_reports_an_hour_from_one_address(app, job_id):
    client = client_from(app, "192.0.2.20")
    assert [send_report(client, job_id, "other").status_code for _ in range(5)] == [303] * 5
    refused = send_report(client, job_id, "other")
    assert refused.status_code == 429 and "Please wait a little" in refused.text
    assert send_report(client_from(app, "192.0.2.21"), job_id, "other").status_code == 303


def test_several_connections_make_the_posting_being_checked(app, job_id):
    for number in range(2):
        send_report(client_from(app, f"192.0.2.3{number}"), job_id, "other")
        send_report(client_from(app, f"192.0.2.3{number}"), job_id, "other")
    assert "We are checking it" not in app.test_client().get(f"/jobs/{job_id}").text
    send_report(client_from(app, "192.0.2.39"), job_id, "scam_or_unsafe")
    assert "Several readers reported a problem with this posting. We are checking it." in \
        app.test_client().get(f"/jobs/{job_id}").text


def test_the_reports_queue_needs_a_signed_in_admin(app, job_id):
    send_report(client_from(app), job_id, "other")
    report_id = stored_reports(app)[0].id
    stranger = app.test_client()
    assert stranger.get("/admin/reports").status_code == 302
    assert stranger.post(f"/admin/reports/{report_id}/accept").status_code == 403
    client = signed_in(app)
    assert client.post(f"/admin/reports/{report_id}/accept").status_code == 400  # no CSRF token
    assert stored_reports(app)[0].status == "open"


def test_the_queue_shows_open_reports_with_their_text_escaped(app, job_id):
    send_report(client_from(app), job_id, "wrong_pay_or_place", HOSTILE)
    html = signed_in(app).get("/admin/reports").text
    assert "The pay or the place is wrong" in html and "1 open" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert f'href="/jobs/{job_id}"' in html


def test_accepting_not_peer_work_labels_the_posting_and_takes_it_out_of_peer_work(app, job_id, tmp_path):
    send_report(client_from(app), job_id, "not_peer_work")
    report_id = stored_reports(app)[0].id
    client = signed_in(app)
    token = csrf_token(client.get("/admin/reports").text)
    done = client.post(f"/admin/reports/{report_id}/accept", data={"csrf_token": token})
    assert done.status_code == 303
    assert "Accepted" in client.get("/admin/reports").text
    with app.app_context():
        from webapp.db import get_session
        job = store.get_posting(get_session(), job_id)
        assert (job.is_peer, job.classification) == (False, "operator: not peer work")
    output = tmp_path / "labels.jsonl"
    env = {"PEERJOBS_DATA_DIR": str(tmp_path), "PEERJOBS_DATABASE_URL": app.config["PEERJOBS_SETTINGS"].database_url}
    result = CliRunner().invoke(main, ["labels", "export", str(output)], env=env)
    assert result.exit_code == 0, result.output
    assert "1 labeled examples written" in result.output
    assert [(record["title"], record["category"]) for record in labeled_records(output)] == \
        [("Peer Support Specialist", None)]
    assert json.loads(output.read_text().splitlines()[0])["employer"] == "Miami Valley Recovery Services"


def test_accepting_closed_closes_and_dismissing_changes_nothing(app, job_id):
    other = app.config["IDS"]["other"]
    send_report(client_from(app), job_id, "closed")
    send_report(client_from(app), other, "closed")
    by_posting = {report.posting_id: report.id for report in stored_reports(app)}
    client = signed_in(app)
    token = csrf_token(client.get("/admin/reports").text)
    client.post(f"/admin/reports/{by_posting[job_id]}/accept", data={"csrf_token": token})
    client.post(f"/admin/reports/{by_posting[other]}/dismiss", data={"csrf_token": token})
    with app.app_context():
        from webapp.db import get_session
        statuses = {pid: store.get_posting(get_session(), pid).status for pid in (job_id, other)}
    assert statuses == {job_id: "closed", other: "open"}
    assert {report.status for report in stored_reports(app)} == {"accepted", "dismissed"}
    assert client.post("/admin/reports/999999/dismiss", data={"csrf_token": token}).status_code == 404
