"""In Chromium at 360×800: the fact box of a typical posting, and of one with every fact, (its facts read from its text as a
crawl reads them) and the benefits block's summary end above the fold; axe-core finds nothing serious or
critical on a posting with conditions or on results with condition filters, at phone and desktop."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from foundation.settings import Settings
from indexer.taxonomy.facets import peer_fields
from tests.browser_support import SOURCE, VIEWPORTS, live_server, serious_violations, visits
from tests.test_browser_phone import TYPICAL, typical
from tests.web_support import indexed_board, seed_postings

FACTS = {"hours_per_week": [32, 40], "schedule": ["days", "weekends"], "settings": ["emergency_department"],
         "requirements": ["drivers_license", "background_check"], "education": "high_school",
         "record_friendly": True, "recovery_months": 12,
         "certification": {"status": "obtain", "names": ["OCPS"], "months": 3}}
PLAIN = {"hours_per_week": None, "schedule": [], "requirements": [], "education": "not_stated"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fold-board")
    settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'store.db'}", index_dir=folder / "index")
    board = {key: read(typical(key, *TYPICAL[key])) for key in ("specialist", "coach", "ed")}
    board["full"] = dict(typical("full", "Peer Recovery Specialist", *TYPICAL["ed"][1:]), facets=FACTS)
    board["plain"] = dict(typical("plain", "Recovery Coach", *TYPICAL["coach"][1:]), facets=PLAIN)
    ids = indexed_board(settings, lambda session: seed_postings(session, SOURCE, board))
    with live_server(settings) as origin:
        yield origin, ids


def read(posting: dict) -> dict:
    """The posting as a crawl would store it: category, facts and display title read from its text."""
    return posting | peer_fields(posting)


@pytest.fixture
def visit(browser, site):
    yield from visits(browser, site[0], "phone")


def bottom_of(page, selector: str) -> float:
    return page.evaluate("(selector) => document.querySelector(selector).getBoundingClientRect().bottom", selector)


@pytest.mark.parametrize("key", ["specialist", "coach", "ed", "plain", "full"])
def test_a_typical_fact_box_and_the_benefits_summary_fit_a_phone_screen(visit, site, key):
    page = visit("phone").page
    assert page.goto(f"/jobs/{site[1][key]}?back=/jobs%3Fq%3Dpeer").status == 200
    expect(page.locator(".factbox")).to_contain_text("Asks for")
    if key == "ed":  # "Ohio Peer Recovery Supporter certification, or willingness to earn it within 90 days"
        expect(page.locator(".factbox")).to_contain_text("You can earn it after you are hired: a state certification")
    assert bottom_of(page, ".factbox") < bottom_of(page, "section.benefits") <= VIEWPORTS["phone"]["height"]


def test_the_full_posting_names_every_condition(visit, site):
    page = visit("phone").page
    page.goto(f"/jobs/{site[1]['full']}")
    box = page.locator(".factbox")
    for said in ("Full-time, 32-40 hours a week", "Days, weekends", "Driver's license", "background check",
                 "Not an automatic barrier", "At least 1 year", "High school diploma or GED", "OCPS"):
        expect(box).to_contain_text(said)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_nothing_serious_on_conditions(visit, site, axe_source, viewport):
    browsing = visit(viewport)
    paths = {"posting": f"/jobs/{site[1]['full']}", "plain posting": f"/jobs/{site[1]['plain']}",
             "filters": "/jobs?q=peer&weekly_hours=30_plus&schedule=days&no_car_mentioned=1&record_friendly=1",
             "filter panel open": "/jobs?q=peer&no_degree_needed=1"}
    found = {}
    for name, path in paths.items():
        assert browsing.page.goto(path).status == 200
        if name == "filter panel open":
            browsing.page.get_by_text("Filter jobs").click()
        found[name] = serious_violations(browsing.page, axe_source)
    assert found == {name: [] for name in found}
