"""In Chromium, at 360×800 and on a desktop: the posting page's benefits block sits above the fold
with the fact box, the results page's benefits view and SSDI filter work without JavaScript, and
axe-core finds nothing serious or critical on them."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from foundation.settings import Settings
from tests.browser_support import SOURCE, VIEWPORTS, live_server, serious_violations, visits
from tests.test_browser_phone import TYPICAL, typical
from tests.web_support import indexed_board, seed_postings

HOURS = {"specialist": [40, 40], "coach": [20, 20], "ed": [32, 40], "crisis": [24, 24], "family": None, "mentor": [20, 20]}
#: A posting with a short title and fewer facts: its fact box leaves room on a phone's first screen.
SHORT = dict(typical("short", "Peer Mentor", "drop-in center", "PART_TIME", {}, (17.0, 17.0, None)),
             category=None, facets={"hours_per_week": [20, 20]})
BLOCK_HEIGHT = 160  # the most the block may add below the fact box on a phone, in CSS pixels


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("benefits-board")
    settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'store.db'}", index_dir=folder / "index")
    board = {key: dict(typical(key, *values), facets={"hours_per_week": HOURS[key]}) for key, values in TYPICAL.items()}
    board["short"] = SHORT
    ids = indexed_board(settings, lambda session: seed_postings(session, SOURCE, board))
    with live_server(settings) as origin:
        yield origin, ids


@pytest.fixture
def visit(browser, site):
    yield from visits(browser, site[0], "phone")


def bottom_of(page, selector: str) -> float:
    return page.evaluate("(selector) => document.querySelector(selector).getBoundingClientRect().bottom", selector)


def test_the_fact_box_and_the_benefits_block_fit_a_phone_screen(visit, site):
    page = visit("phone").page
    assert page.goto(f"/jobs/{site[1]['short']}?back=/jobs%3Fq%3Dpeer").status == 200
    expect(page.locator("section.benefits")).to_contain_text("At 20 hours a week this job pays about $1,473 a month")
    assert bottom_of(page, ".factbox") < bottom_of(page, "section.benefits") <= 800


@pytest.mark.parametrize("key", ["ed", "coach", "family"])
def test_the_block_adds_little_below_the_fact_box_and_opens_without_script(browser, site, key):
    context = browser.new_context(viewport=VIEWPORTS["phone"], base_url=site[0], java_script_enabled=False)
    try:
        page = context.new_page()
        assert page.goto(f"/jobs/{site[1][key]}").status == 200
        assert 0 < bottom_of(page, "section.benefits") - bottom_of(page, ".factbox") <= BLOCK_HEIGHT
        if HOURS[key]:
            page.locator("section.benefits summary").click()
            expect(page.get_by_role("link", name=re.compile("Ticket to Work"))).to_be_visible()
        else:
            expect(page.locator("section.benefits")).to_have_text("Hours a week is not stated, so the monthly pay "
                                                                  "at these hours is not known.")
    finally:
        context.close()


def test_the_ssdi_filter_and_the_benefits_view_work_without_javascript(browser, site):
    context = browser.new_context(viewport=VIEWPORTS["phone"], base_url=site[0], java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/jobs?q=peer")
        expect(page.locator("li.card")).to_have_count(7)
        page.get_by_text("Change search").click()
        page.get_by_label("Fits under the SSDI limit at the posted hours").check()
        page.get_by_role("button", name="Search").click()
        page.wait_for_url(re.compile(r"fits_ssdi=1"))
        expect(page.get_by_text(re.compile(r"1 job doesn’t state both pay and hours"))).to_be_visible()
        count = page.locator("li.card").count()
        assert 0 < count < 7
        page.get_by_role("link", name="Show monthly pay at posted hours").click()
        expect(page.locator("li.card .monthly")).to_have_count(count)
        expect(page.locator("li.card .monthly").first).to_contain_text("a month at the posted hours")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_nothing_serious_on_the_benefits_pages(visit, site, axe_source, viewport):
    browsing = visit(viewport)
    paths = {"posting": f"/jobs/{site[1]['ed']}", "unknown hours": f"/jobs/{site[1]['family']}",
             "benefits view": "/jobs?q=peer&view=benefits", "ssdi filter": "/jobs?q=peer&fits_ssdi=1&view=benefits"}
    found = {}
    for name, path in paths.items():
        assert browsing.page.goto(path).status == 200, path
        found[name] = serious_violations(browsing.page, axe_source)
    assert found == {name: [] for name in found}
