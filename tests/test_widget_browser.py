"""The widget in Chromium at phone size, on a peer network's site (another loopback origin): both
embed forms search, page, open a job and sign up for an alert (mail caught by aiosmtpd); a strict
CSP and hostile CSS do not break it; a site not on the list gets no jobs; bad ids are explained."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from foundation.settings import Settings
from tests.browser_support import BOARD, live_server, seed_board, serious_violations
from tests.support.smtp import free_port, smtp_server
from tests.widget_support import (NETWORK_ID, NETWORK_NAME, Site, api_total, clicks_counted, frame_snippet,
                                  frame_tag, host_page, host_site, mail_to, script_snippet, search,
                                  tab_to, write_networks)

PHONE = {"width": 390, "height": 844}
WAIT_MS = 5000
HOSTILE_CSS = """
div, ul, li, input, button, select, label, a, p, h2 {
  font-size: 1px !important; color: transparent !important; visibility: hidden !important;
  display: none !important; line-height: 0 !important; font-family: Wingdings !important;
}
#peerjobs-widget { all: unset; font-family: Wingdings; line-height: 0; }
"""
RECORD_VIOLATIONS = """window.cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (event) => window.cspViolations.push(event.violatedDirective + " " + event.blockedURI), true);"""


@dataclass
class Visit:
    context: BrowserContext
    page: Page
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """PeerJobs on port A with the sample board; the network's site B (listed) and a site C (not)."""
    folder = tmp_path_factory.mktemp("widget-browser")
    with smtp_server() as (smtp_url, inbox), host_site() as listed, host_site() as unlisted:
        port = free_port()
        settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'store.db'}",
                            index_dir=folder / "index", smtp_url=smtp_url, public_url=f"http://127.0.0.1:{port}",
                            secret_key_value="widget-test",
                            networks_file=write_networks(folder / "networks.yaml", [listed.origin]))
        ids = seed_board(settings)
        with live_server(settings, port) as origin:
            yield Site(origin, settings, inbox, ids, listed, unlisted)


@pytest.fixture
def visit(browser):
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    opened = Visit(context, page)
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on("console", lambda message: opened.console.append(f"{message.type}: {message.text}"))
    yield opened
    context.close()


def open_first_result(site: Site, visit: Visit, scope) -> Page:
    """Opens the first result: a new tab at PeerJobs' posting page, one more click counted."""
    link = scope.locator("li a").first
    title = link.evaluate("link => link.firstChild.textContent")
    before = clicks_counted(site.settings)
    with visit.context.expect_page() as opened:
        link.click()
    tab = opened.value
    expect(tab.get_by_role("heading", level=1)).to_have_text(title)
    assert tab.url == f"{site.origin}/jobs/{site.job_id(title)}"
    assert clicks_counted(site.settings) == before + 1
    return tab


def sign_up(site: Site, scope, address: str, searched: str) -> None:
    """The widget's alert form sends the search on show; the confirmation names the network."""
    scope.get_by_role("button", name="Email me new jobs like these").click()
    scope.get_by_label("Email address").fill(address)
    scope.get_by_role("button", name="Send confirmation email").click()
    expect(scope.get_by_text("Check your inbox")).to_be_visible()
    body = mail_to(site.inbox, address)
    assert f"via {NETWORK_NAME}" in body and searched in body


def nothing_kept(page: Page) -> bool:
    return page.evaluate("() => localStorage.length + sessionStorage.length === 0 && document.cookie === ''")


def test_script_form_on_a_listed_site_searches_pages_opens_and_signs_up(visit, site):
    page = visit.page
    page.goto(site.listed.put("/script.html", host_page(script_snippet(site.origin))))
    widget, status = page.locator("#peerjobs-widget"), page.locator("#peerjobs-widget [aria-live=polite]")
    expect(widget.locator("li")).to_have_count(5)
    expect(status).to_have_text(f"{api_total(site.origin)} jobs found")
    assert page.evaluate("""() => { const target = document.getElementById("peerjobs-widget");
        return target.querySelectorAll("li").length === 0 && target.firstElementChild.shadowRoot !== null; }""")

    tab_to(page, widget.get_by_label("What", exact=True))
    page.keyboard.type("peer support specialist")
    tab_to(page, widget.get_by_label("Where", exact=True))
    page.keyboard.type("Columbus, OH")
    page.keyboard.press("Enter")
    total = api_total(site.origin, q="peer support specialist", where="Columbus, OH")
    assert total > 5
    expect(status).to_have_text(f"{total} jobs found")
    expect(widget.locator("li").first).to_contain_text("Columbus, OH")

    widget.get_by_role("button", name="More results").click()
    expect(widget.locator("li")).to_have_count(10)
    expect(widget.locator("li").nth(5).get_by_role("link")).to_be_focused()

    tab = open_first_result(site, visit, widget)
    sign_up(site, widget, "script.reader@example.org", "Columbus")
    assert {re.match(r"https?://[^/]+", url)[0] for url in visit.requests} == {site.listed.origin, site.origin}
    assert visit.context.cookies() == [] and nothing_kept(page) and nothing_kept(tab)


def test_frame_form_on_a_listed_site_searches_pages_grows_opens_and_signs_up(visit, site):
    page = visit.page
    page.goto(site.listed.put("/frame.html", host_page(frame_snippet(site))))
    frame_element = page.locator("iframe.peerjobs-frame")
    assert frame_element.get_attribute("src") == f"{site.origin}/embed?network={NETWORK_ID}"
    widget = page.frame_locator("iframe.peerjobs-frame").locator("#peerjobs-widget")
    expect(widget.locator("li")).to_have_count(5)

    search(widget, "peer support specialist", "Columbus, OH")
    total = api_total(site.origin, q="peer support specialist", where="Columbus, OH")
    expect(widget.locator("[aria-live=polite]")).to_have_text(f"{total} jobs found")
    frame = frame_element.element_handle().content_frame()
    fits = "() => document.documentElement.scrollHeight <= innerHeight"
    frame.wait_for_function(fits, timeout=WAIT_MS)
    before = int(frame_element.get_attribute("height"))

    widget.get_by_role("button", name="More results").click()
    expect(widget.locator("li")).to_have_count(10)
    page.wait_for_function("height => +document.querySelector('iframe.peerjobs-frame').height > height + 200",
                           arg=before, timeout=WAIT_MS)
    frame.wait_for_function(fits, timeout=WAIT_MS)

    open_first_result(site, visit, widget)
    sign_up(site, widget, "frame.reader@example.org", "Columbus")


def test_a_frame_below_the_fold_takes_its_full_height_before_it_is_scrolled_to(visit, site):
    """Chromium pauses rendering in off-screen frames from other sites; the height still arrives."""
    page = visit.page
    page.goto(site.listed.put("/below.html", host_page('<p style="height:3000px">Our news</p>' + frame_snippet(site))))
    widget = page.frame_locator("iframe.peerjobs-frame").locator("#peerjobs-widget")
    expect(widget.locator("li")).to_have_count(5)
    page.wait_for_function("() => +document.querySelector('iframe.peerjobs-frame').height > 800", timeout=WAIT_MS)
    assert page.evaluate("() => scrollY") == 0


def test_strict_csp_and_hostile_css_leave_a_working_readable_widget(visit, site):
    page = visit.page
    policy = (f"default-src 'none'; script-src {site.origin}; connect-src {site.origin}; frame-src {site.origin}; "
              "style-src 'self'; require-trusted-types-for 'script'")
    site.listed.put("/hostile.css", HOSTILE_CSS, "text/css")
    url = site.listed.put("/strict.html", host_page(script_snippet(site.origin),
                          head='<link rel="stylesheet" href="/hostile.css">'),
                          headers={"Content-Security-Policy": policy})
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(url)
    widget = page.locator("#peerjobs-widget")
    expect(widget.locator("li")).to_have_count(5)
    title = widget.locator("li a").first
    expect(title).to_be_visible()
    size, colour, font = title.evaluate(
        "link => { const style = getComputedStyle(link); return [parseFloat(style.fontSize), style.color, style.fontFamily]; }")
    assert size >= 14 and colour not in ("transparent", "rgba(0, 0, 0, 0)") and "Wingdings" not in font

    search(widget, "recovery coach")
    expect(widget.locator("[aria-live=polite]")).to_have_text(f"{api_total(site.origin, q='recovery coach')} jobs found")
    assert page.evaluate("window.cspViolations") == []
    assert [line for line in visit.console if "Content Security Policy" in line or line.startswith("error")] == []


def test_a_site_not_on_the_list_gets_no_jobs_in_either_form(visit, site):
    page = visit.page
    page.goto(site.unlisted.put("/script.html", host_page(script_snippet(site.origin))))
    widget = page.locator("#peerjobs-widget")
    expect(widget.get_by_role("status")).to_contain_text("list")
    shown = widget.inner_text()
    assert widget.locator("li").count() == 0 and not any(fields["title"] in shown for fields in BOARD.values())

    page.goto(site.unlisted.put("/frame.html", host_page(frame_tag(site.origin, NETWORK_ID))))
    assert f"{site.origin}/embed?network={NETWORK_ID}" in visit.requests
    frame = page.locator("iframe.peerjobs-frame").element_handle().content_frame()
    assert not frame.url.startswith(site.origin)
    assert frame.locator("#peerjobs-widget").count() == 0
    assert any("frame-ancestors" in line for line in visit.console)


@pytest.mark.parametrize("network_id, words", [
    ("no-such-network", "PeerJobs has no network “no-such-network”"), ("Not_An_Id!", "network id")])
def test_unknown_and_malformed_network_ids_are_explained_in_both_forms(visit, site, network_id, words):
    page = visit.page
    page.goto(site.listed.put("/bad-script.html", host_page(script_snippet(site.origin, network_id))))
    expect(page.locator("#peerjobs-widget").get_by_role("status")).to_contain_text(words)

    page.goto(site.listed.put("/bad-frame.html", host_page(frame_tag(site.origin, network_id))))
    expect(page.frame_locator("iframe.peerjobs-frame").get_by_role("alert")).to_contain_text(words)


def test_axe_finds_nothing_serious_on_a_host_page_in_the_frame_or_on_the_snippet_page(visit, site, axe_source):
    page, found = visit.page, {}
    for name, url in [("host page", site.listed.put("/axe.html", host_page(script_snippet(site.origin)))),
                      ("frame", f"{site.origin}/embed?network={NETWORK_ID}"),
                      ("snippet page", f"{site.origin}/widget?network={NETWORK_ID}")]:
        page.goto(url)
        expect(page.locator("#peerjobs-widget li")).to_have_count(5)
        page.get_by_role("button", name="Email me new jobs like these").click()
        expect(page.get_by_label("Email address")).to_be_focused()
        found[name] = serious_violations(page, axe_source)
    assert found == {"host page": [], "frame": [], "snippet page": []}


def test_keyboard_focus_on_the_search_button_is_visible(visit, site):
    page = visit.page
    page.goto(site.listed.put("/focus.html", host_page(script_snippet(site.origin))))
    button = page.locator("#peerjobs-widget").get_by_role("button", name="Search", exact=True)
    expect(button).to_be_visible()
    tab_to(page, button)
    style, width = button.evaluate("node => [getComputedStyle(node).outlineStyle, getComputedStyle(node).outlineWidth]")
    assert style != "none" and float(width.removesuffix("px")) >= 2


def test_snippets_copied_from_the_generator_page_work_on_another_site(visit, site):
    page = visit.page
    page.goto(f"{site.origin}/widget?network={NETWORK_ID}")
    copied = {form: page.locator(f"#{form}-snippet").input_value() for form in ("script", "frame")}
    assert all(site.origin in snippet for snippet in copied.values())
    total = api_total(site.origin, q="recovery coach")
    for form, snippet in copied.items():
        page.goto(site.listed.put(f"/copied-{form}.html", host_page(snippet)))
        scope = page if form == "script" else page.frame_locator("iframe")
        widget = scope.locator("#peerjobs-widget")
        expect(widget.locator("li")).to_have_count(5)
        search(widget, "recovery coach")
        expect(widget.locator("[aria-live=polite]")).to_have_text(f"{total} jobs found")
        expect(widget.locator("li").first).to_be_visible()
