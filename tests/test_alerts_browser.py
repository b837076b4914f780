"""In Chromium at phone size: from a results page to a confirmed job alert, reading the
confirmation email from a real SMTP server on loopback; axe-core finds nothing serious on the
alert pages."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from indexer import store
from indexer.store import db
from foundation.settings import Settings
from tests.browser_support import ensure_axe, live_server, seed_board, serious_violations
from tests.support.smtp import free_port, smtp_server
from alerts import tokens

PHONE = {"width": 360, "height": 800}
ADDRESS = "peer.reader@example.org"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(origin, settings, inbox): the sample board served on loopback, its mail caught by aiosmtpd."""
    folder = tmp_path_factory.mktemp("alerts-browser")
    with smtp_server() as (smtp_url, inbox):
        port = free_port()
        settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'store.db'}",
                            index_dir=folder / "index", smtp_url=smtp_url,
                            public_url=f"http://127.0.0.1:{port}", secret_key_value="browser-test")
        seed_board(settings)
        with live_server(settings, port) as origin:
            yield origin, settings, inbox


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport=PHONE, base_url=site[0])
    opened = context.new_page()
    requests: list[str] = []
    opened.on("request", lambda request: requests.append(request.url))
    yield opened
    context.close()
    assert requests and [url for url in requests if not url.startswith(site[0] + "/")] == []


def subscription_id(settings: Settings) -> int:
    engine = db.make_engine(settings.database_url)
    try:
        with db.session_factory(engine)() as session:
            [subscription] = store.subscriptions_of(session, ADDRESS)
            return subscription.id
    finally:
        engine.dispose()


def test_from_a_results_page_to_a_confirmed_alert_with_nothing_serious_for_axe(page, site):
    origin, settings, inbox = site
    axe = ensure_axe().read_text(encoding="utf-8")
    found = {}

    page.goto("/jobs?q=recovery+coach&where=Dayton,+OH&employment_type=PART_TIME&sort=date")
    page.get_by_role("link", name="Email me new jobs like these").click()
    page.wait_for_url(re.compile(r"/alerts/new\?"))
    assert parse_qs(urlsplit(page.url).query) == {
        "q": ["recovery coach"], "where": ["Dayton, OH"], "employment_type": ["PART_TIME"]}
    expect(page.get_by_text("Peer-support jobs matching “recovery coach” within 25 miles of Dayton, OH (part-time)")).to_be_visible()
    found["new"] = serious_violations(page, axe)

    page.get_by_label("Your email address").fill("peer.reader@example")      # no dot: refused by us
    page.get_by_role("button", name="Send me a link to confirm").click()
    expect(page.get_by_text("Type an email address like name@example.org.")).to_be_visible()
    found["new, with a mistake"] = serious_violations(page, axe)

    page.get_by_label("Your email address").fill(ADDRESS)
    page.get_by_label("Once a week").check()
    page.get_by_role("button", name="Send me a link to confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    found["check your email"] = serious_violations(page, axe)

    [message] = inbox.wait_for(1)
    assert inbox.recipients == [[ADDRESS]]
    [confirm_url] = re.findall(r"https?://\S+", message.get_body(("plain",)).get_content())
    assert confirm_url.startswith(f"{origin}/alerts/confirm/")
    page.goto(confirm_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your job alert")
    expect(page.get_by_text("at most once a week")).to_be_visible()
    found["confirm"] = serious_violations(page, axe)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your alert is on")
    found["confirmed"] = serious_violations(page, axe)

    page.get_by_role("link", name="Change or stop this alert").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your job alert")
    expect(page.get_by_label("Once a week")).to_be_checked()
    found["manage"] = serious_violations(page, axe)
    page.get_by_role("button", name="Pause emails").click()
    expect(page.get_by_role("status")).to_contain_text("Paused")
    found["manage, paused"] = serious_violations(page, axe)

    page.goto(tokens.link(settings, "unsubscribe", subscription_id(settings)))
    expect(page.get_by_role("button", name="Unsubscribe")).to_be_visible()
    found["unsubscribe"] = serious_violations(page, axe)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are unsubscribed")
    found["unsubscribed"] = serious_violations(page, axe)

    page.goto("/alerts/confirm/not-a-token")
    found["broken link"] = serious_violations(page, axe)
    assert found == {name: [] for name in found}
