"""In Chromium at 360 px and on a desktop: axe-core finds nothing serious or critical on a posting
with its share and report blocks and its "being checked" notice, the report form (and with its
errors), the thank-you page and the admin reports queue; the form works without JavaScript,
the short link opens the posting, and a printed posting hides the share and report blocks."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from indexer import store
from tests.admin_support import admin_settings, seed, sign_in
from tests.browser_support import SOURCE, live_server, posting, serious_violations
from tests.web_support import indexed_board, seed_postings

VIEWPORTS = {"phone": {"width": 360, "height": 800}, "desktop": {"width": 1280, "height": 900}}
APPLY = "https://careers.miamivalley.example/jobs/1/apply"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports-browser")
    settings = admin_settings(folder, f"sqlite:///{folder / 'store.db'}")

    def fill(session):
        seed(session)
        ids = seed_postings(session, SOURCE, {"job": posting(apply_url=APPLY), "checked": posting(
            title="Peer Mentor", url="https://careers.miamivalley.example/jobs/m")})
        for key in ("a", "b", "c"):
            store.add_report(session, ids["checked"], "scam_or_unsafe", "<b>odd</b> pay", key)
        store.add_report(session, ids["job"], "closed", None, "d")
        session.commit()
        return ids
    ids = indexed_board(settings, fill)
    with live_server(settings) as origin:
        yield origin, ids


@pytest.fixture
def context(browser, site, request):
    made = []

    def open_context(viewport: str = "phone", **options):
        made.append(browser.new_context(viewport=VIEWPORTS[viewport], base_url=site[0], **options))
        return made[-1].new_page()
    yield open_context
    for each in made:
        each.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_nothing_serious_on_the_report_pages(context, site, axe_source, viewport):
    page, ids = context(viewport), site[1]
    found = {}
    for name, path in {"posting": f"/jobs/{ids['job']}", "being checked": f"/jobs/{ids['checked']}",
                       "report form": f"/jobs/{ids['job']}/report"}.items():
        assert page.goto(path).status == 200, path
        found[name] = serious_violations(page, axe_source)
    page.get_by_role("button", name="Send the report").click()
    expect(page.locator("#reason-error")).to_have_text("Choose what is wrong.")
    found["form with errors"] = serious_violations(page, axe_source)
    page.get_by_label("It looks like a scam, or it seems unsafe").check()
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your report")
    found["thank-you"] = serious_violations(page, axe_source)
    sign_in(page)
    page.goto("/admin/reports")
    expect(page.locator("li.admin-card").first).to_contain_text("It looks like a scam, or it seems unsafe")
    assert page.locator("li.admin-card").count() >= 5
    found["admin reports"] = serious_violations(page, axe_source)
    assert found == {name: [] for name in found}
    assert page.evaluate("() => document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]


def test_the_form_works_without_javascript_and_the_short_link_opens_the_posting(context, site):
    page, ids = context("phone", java_script_enabled=False), site[1]
    page.goto(f"/jobs/{ids['checked']}")
    expect(page.get_by_text("Several readers reported a problem with this posting. We are checking it.")).to_be_visible()
    page.goto(f"/jobs/{ids['job']}")
    short = page.get_by_label("Short link to copy")
    expect(short).to_have_value(f"{site[0]}/j/{ids['job']}")
    assert page.get_by_role("link", name="Send by text message").get_attribute("href").startswith("sms:?&body=")
    page.get_by_role("link", name="Report a problem with this posting").click()
    page.get_by_label("The pay or the place is wrong").check()
    page.get_by_label("Anything else we should know? (optional)").fill("The pay is $15, not $17.")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your report")
    assert page.goto(f"/j/{ids['job']}").url.endswith(f"/jobs/{ids['job']}")


def test_a_printed_posting_is_the_job_as_text(context, site):
    page, ids = context("desktop"), site[1]
    page.goto(f"/jobs/{ids['job']}")
    page.emulate_media(media="print")
    for hidden in ("section.share", "p.report-link", "header.site", "footer.site"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".factbox")).to_be_visible()
    after = page.evaluate("""() => getComputedStyle(document.querySelector('.posting a.button'), '::after').content""")
    assert APPLY in after
    assert len(page.pdf()) > 1000
