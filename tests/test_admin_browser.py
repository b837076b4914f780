"""In Chromium: an operator signs in, finds the failing source first in the sources table with its
reason, filters it, changes a schedule, runs a source from the table, reads a source's history,
reviews the discovery queue (a correction refused, then an accepted proposal that becomes a
source) and signs out; the admin cookie is HttpOnly and SameSite=Strict; axe-core finds nothing
serious on any admin page at phone and desktop widths, and no page is wider than a phone's screen."""
from __future__ import annotations

import dataclasses
import re

import pytest
from playwright.sync_api import expect

from crawlers.sources import spider_rules
from indexer import store
from indexer.store import db
from tests.admin_support import BROKEN_REASON, admin_settings, seed, seed_traffic, sign_in
from tests.browser_support import live_server, serious_violations
from webapp.extensions import limiter

VIEWPORTS = {"phone": {"width": 360, "height": 800}, "desktop": {"width": 1280, "height": 900}}
PAGES = {"overview": "/admin/overview", "overview, 90 days": "/admin/overview?days=90",
         "sources": "/admin/sources", "sources filtered": "/admin/sources?health=failing&q=b",
         "history": "/admin/sources/broken", "never crawled": "/admin/sources/fresh",
         "discovery": "/admin/discovery", "discovery, all": "/admin/discovery?status=all", "proposal": "/admin/discovery/3",
         "discovered source": "/admin/sources/lakeside",
         "runs": "/admin/runs", "widgets": "/admin/widgets", "subscriptions": "/admin/subscriptions"}


def seed_queue(session) -> None:
    """Three proposals (ids 1 to 3), the second accepted already as the source "lakeside"."""
    for org in ("harborlight", "lakeside", "northwind"):
        store.save_proposal(session, store.ProposalRecord(
            org_key=f"{org}.example", org_name=f"{org.title()} Recovery Center", website=f"https://{org}.example/",
            city="Toledo", state="OH", platform="greenhouse", url=f"https://job-boards.greenhouse.io/{org}",
            evidence=[f"link to https://job-boards.greenhouse.io/{org} on /careers", "4 postings on the board"],
            confidence=0.85, trial={"postings": 4, "peer_postings": 3}))
    lakeside = store.find_proposal(session, "lakeside.example")
    store.accept_proposal(session, lakeside.id, "lakeside", enabled=True, by="ops")
    session.commit()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("admin-browser")
    settings = dataclasses.replace(admin_settings(folder, f"sqlite:///{folder / 'store.db'}"),
                                   admin_timezone="America/Chicago")
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    with db.session_factory(engine)() as session:
        seed(session)
        seed_traffic(session)
        seed_queue(session)
    engine.dispose()
    with live_server(settings, SOURCE_RULES=spider_rules()) as origin:
        limiter.reset()
        yield origin
        limiter.reset()


@pytest.fixture
def context(browser, site):
    opened = []

    def open_context(viewport: str = "desktop"):
        opened.append(browser.new_context(viewport=VIEWPORTS[viewport], base_url=site))
        page = opened[-1].new_page()
        blocked = []
        page.on("console", lambda message: blocked.append(message.text)
                if "Content Security Policy" in message.text else None)
        return opened[-1], page, blocked

    yield open_context
    for each in opened:
        each.close()


def test_an_operator_reads_health_changes_a_schedule_runs_a_source_and_signs_out(context):
    browser_context, page, blocked = context("desktop")
    sign_in(page)

    cookie = next(c for c in browser_context.cookies() if c["name"] == "peerjobs_admin")
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"]) == (True, "Strict", "/admin")
    assert page.evaluate("() => document.cookie").find("peerjobs_admin") == -1

    rows = page.locator("table.source-table tbody tr")
    expect(rows.first.get_by_role("link", name="broken", exact=True)).to_be_visible()
    expect(rows.first.get_by_text(BROKEN_REASON)).to_be_visible()
    expect(page.locator("#source-steady")).to_contain_text("CST")  # the operator's zone, named

    page.get_by_label("Search id, employer or URL").fill("slow")
    page.get_by_role("button", name="Show").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Slow Health")
    page.get_by_role("link", name="Clear").click()

    page.get_by_label("Check fresh").check()
    page.get_by_role("button", name="Run checked now").click()
    expect(page.get_by_role("status")).to_contain_text("1 source queued for a run: fresh.")
    expect(page.locator("#source-fresh")).to_contain_text("Queued")

    page.get_by_role("link", name="steady", exact=True).click()
    page.get_by_label("Schedule for steady").fill("0 4 * * 1-5")
    page.get_by_role("button", name="Save schedule").click()
    expect(page.get_by_role("status")).to_contain_text("steady: schedule set to 0 4 * * 1-5.")
    expect(page.locator(".admin-facts")).to_contain_text("set here by ops")
    expect(page.locator(".admin-actions")).to_contain_text("Cron times are kept and read in UTC")

    page.goto("/admin/sources/broken")
    page.get_by_label("Schedule for broken").fill("every so often")
    page.get_by_role("button", name="Save schedule").click()
    expect(page.get_by_role("alert")).to_contain_text("cannot be used")
    expect(page.get_by_label("Schedule for broken")).to_have_value("every so often")
    expect(page.get_by_role("heading", level=1)).to_have_text("broken")
    expect(page.locator(".last-error")).to_contain_text(BROKEN_REASON)
    expect(page.get_by_role("img", name=re.compile("^Items found per run"))).to_be_visible()

    page.get_by_role("link", name="Discovery", exact=True).click()
    page.get_by_role("link", name="Harborlight Recovery Center").click()
    page.get_by_label("Extra keys").fill("selector: div.jobs")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.get_by_role("alert")).to_contain_text("selector: unknown key for platform 'greenhouse'")
    page.get_by_label("Extra keys").fill("")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.get_by_role("status")).to_contain_text("The proposal is corrected.")
    expect(page.get_by_label("Source id")).to_have_value("harborlight-recovery-center")
    page.get_by_label("Yes, enabled").check()
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("harborlight-recovery-center")
    expect(page.locator(".provenance")).to_contain_text("link to https://job-boards.greenhouse.io/harborlight")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_role("status")).to_have_text("You are signed out.")
    assert [c for c in browser_context.cookies() if c["name"] == "peerjobs_admin"] == []
    page.goto("/admin/runs")
    assert "/admin/login" in page.url
    assert blocked == []


def test_the_overview_charts_read_on_a_phone_with_their_figures_a_click_away(context):
    _browser_context, page, blocked = context("phone")
    sign_in(page)
    page.get_by_role("link", name="Overview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
    for name in ("Subscriptions per day", "Digests per day", "Sources by health", "Open peer postings, top 5 states"):
        chart = page.get_by_role("img", name=name)
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert 250 < box["width"] <= 360 and box["height"] > 120, (name, box)
    legend = page.locator("svg.chart").nth(2).locator("text").all_text_contents()
    assert {"Failing", "Degraded", "Healthy", "Not checked yet"} <= set(legend)
    table = page.get_by_role("region", name="Sources by health, figures")
    expect(table).to_be_hidden()
    page.get_by_text("Sources by health: the figures").click()
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader", name="Failing")).to_be_visible()
    font = page.evaluate("() => document.querySelector('svg.chart text').getBoundingClientRect().height")
    assert font >= 11, font  # the labels keep a readable size at 360 px
    assert blocked == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_nothing_serious_on_the_admin_pages(context, axe_source, viewport):
    _browser_context, page, blocked = context(viewport)
    page.goto("/admin/login")
    found = {"login": serious_violations(page, axe_source)}
    widths = {"login": page.evaluate("() => document.documentElement.scrollWidth")}
    sign_in(page)
    for name, path in PAGES.items():
        response = page.goto(path)
        assert response.status == 200, path
        found[name] = serious_violations(page, axe_source)
        widths[name] = page.evaluate("() => document.documentElement.scrollWidth")
    page.goto("/admin/sources/legacy")
    page.get_by_label("Schedule for legacy").fill("61 * * * *")
    page.get_by_role("button", name="Save schedule").click()
    expect(page.get_by_role("alert")).to_be_visible()
    found["schedule error"] = serious_violations(page, axe_source)
    page.goto("/admin/discovery/3")
    page.get_by_role("button", name="Reject").click()  # the browser asks for the reason first
    page.get_by_label("Board or careers page URL").fill("https://jobs.lever.co/x")
    page.get_by_label("Platform").fill("myspace")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    found["proposal error"] = serious_violations(page, axe_source)
    widths["proposal error"] = page.evaluate("() => document.documentElement.scrollWidth")
    assert found == {name: [] for name in found}
    assert all(width <= VIEWPORTS[viewport]["width"] for width in widths.values()), widths
    assert blocked == []
