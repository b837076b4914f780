"""The whole search as a peer on a 360×800 phone makes it: "cps jobs near dayton" typed in the box
alone, at least three local jobs on the first screen with the search echoed, none of them remote
only for another state, Part-time chosen, a posting opened and the same results again."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from foundation.settings import Settings
from tests.browser_support import SOURCE, live_server
from tests.test_browser_phone import TYPICAL, cards_on_first_screen, typical
from tests.web_support import indexed_board, seed_postings

COLORADO_ONLY = dict(title="Remote Peer Support Specialist", city=None, state=None, postal_code=None, latitude=None,
                     longitude=None, remote=True, remote_area="CO", url="https://careers.miamivalley.example/remote-co")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("journey-board")
    settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'store.db'}", index_dir=folder / "index")
    board = {key: typical(key, *values) for key, values in TYPICAL.items()}
    board["remote-co"] = {**typical("remote-co", *TYPICAL["specialist"]), **COLORADO_ONLY}
    ids = indexed_board(settings, lambda session: seed_postings(session, SOURCE, board))
    with live_server(settings) as origin:
        yield origin, ids


def test_cps_jobs_near_dayton_part_time_a_posting_and_back(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 800}, base_url=site[0])
    try:
        page = context.new_page()
        page.goto("/")
        page.get_by_label("What").fill("cps jobs near dayton")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url(re.compile(r"/jobs\?"))
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^\d+ cps jobs near Dayton, OH"))
        assert cards_on_first_screen(page) >= 3
        assert "Remote Peer Support Specialist" not in page.locator("main").inner_text()
        page.get_by_text("Filter jobs").click()
        page.get_by_role("link", name=re.compile(r"^Part-time\b")).click()
        page.wait_for_url(re.compile(r"employment_type=PART_TIME"))
        results_url = page.url
        expect(page.locator("details.filters")).not_to_have_attribute("open", "")
        chip = page.get_by_role("list", name="Filters in use").get_by_role("link")
        expect(chip).to_have_text(re.compile(r"Remove filter: Part-time"))
        assert cards_on_first_screen(page) == 2
        page.locator("li.card h2 a").first.click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        page.get_by_role("link", name="Back to results").first.click()
        assert page.url == results_url
    finally:
        context.close()
