"""The whole report as a peer on SSDI makes it, in Chromium on a phone: "fits under the SSDI
limit" near Dayton, a posting's monthly pay against this year's SGA amount and its credential
card, "report a problem" -> closed, the re-check of the employer's page (a loopback site that
answers 404), and the operator sees the report and the re-check's result in the admin area."""
from __future__ import annotations

import re
from datetime import date
from http.server import BaseHTTPRequestHandler

import pytest
from playwright.sync_api import expect

from indexer import benefits, store
from indexer.store import db
from peerjobs.scheduling.rechecks import recheck_command
from tests.support.loopback import serving_handler
from tests.admin_support import admin_settings, seed, sign_in
from tests.browser_support import SOURCE, live_server, posting
from tests.web_support import indexed_board, seed_postings

CPRS = {"certification": {"status": "obtain", "names": ["CPRS"], "months": 12}}


class GoneSite(BaseHTTPRequestHandler):
    """The employer's site: no robots.txt rules, and every job page is gone."""

    def do_GET(self):
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(b"<html><body><h1>Page not found</h1></body></html>")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def employer_site():
    with serving_handler(GoneSite) as origin:
        yield origin


def board(employer: str) -> dict[str, dict]:
    part_time = dict(employment_type="PART_TIME", pay_min=18.5, pay_max=18.5, pay_hourly_min=18.5, pay_hourly_max=18.5)
    return {
        "fits": posting(title="Certified Peer Recovery Supporter", url=f"{employer}/jobs/cprs-20",
                        facets={**CPRS, "hours_per_week": [20, 20]}, category="peer_recovery_coach", **part_time,
                        description_text="Part-time peer recovery support, 20 hours a week. CPRS within 12 months."),
        "over": posting(title="Peer Support Specialist", url=f"{employer}/jobs/pss-40",
                        facets={"hours_per_week": [40, 40]}, description_text="Full-time peer support, 40 hours a week."),
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory, employer_site):
    folder = tmp_path_factory.mktemp("issue-flow")
    settings = admin_settings(folder, f"sqlite:///{folder / 'store.db'}")

    def fill(session):
        seed(session)
        return seed_postings(session, SOURCE, board(employer_site))
    ids = indexed_board(settings, fill)
    with live_server(settings) as origin:
        yield origin, ids, settings


def test_a_peer_on_ssdi_reports_a_closed_job_and_the_operator_sees_the_re_check(browser, site):
    origin, ids, settings = site
    context = browser.new_context(viewport={"width": 360, "height": 800}, base_url=origin)
    try:
        page = context.new_page()
        page.goto("/")
        page.get_by_label("What").fill("peer jobs near dayton")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url(re.compile(r"/jobs\?"))
        page.get_by_text("Change search").click()
        page.get_by_label("Fits under the SSDI limit at the posted hours").check()
        page.get_by_role("button", name="Search").click()
        page.wait_for_url(re.compile(r"fits_ssdi=1"))
        expect(page.locator("li.card")).to_have_count(1)
        page.get_by_role("link", name=re.compile("Certified Peer Recovery Supporter")).click()
        page.wait_for_url(re.compile(rf"/jobs/{ids['fits']}"))

        sga = f"${benefits.sga_for(date.today()):,}"
        block = page.locator("section.benefits")
        expect(block).to_contain_text(re.compile(r"At 20 hours a week this job pays about \$1,60\d a month"))
        block.locator("summary").click()
        expect(block).to_contain_text(re.compile(rf"under .*{re.escape(sga)} SSDI SGA amount"))
        expect(page.get_by_role("heading", name="Certified Peer Recovery Supporter (CPRS)")).to_be_visible()

        page.get_by_role("link", name="Report a problem with this posting").click()
        page.get_by_label("The job is closed or filled").check()
        page.get_by_role("button", name="Send the report").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your report")
        expect(page.get_by_text("We check the employer’s page for this job right away")).to_be_visible()

        said: list[str] = []
        assert recheck_command(settings, {}, True, echo=said.append) == 0
        assert said and said[0].endswith("closed: the page answered HTTP 404")

        sign_in(page)
        page.get_by_role("link", name="Reports").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Reports")
        card = page.locator("li.admin-card").first
        expect(card).to_contain_text("The job is closed or filled")
        expect(card).to_contain_text("Certified Peer Recovery Supporter")
        expect(card).to_contain_text("closed: the page answered HTTP 404")
        expect(card).to_contain_text("posting")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
    engine = db.make_engine(settings.database_url)
    with db.session_factory(engine)() as session:
        job = store.get_posting(session, ids["fits"])
        assert (job.status, job.closed_reason) == ("closed", "re-checked after a report: the page answered HTTP 404")
    engine.dispose()
