"""In Chromium on a 360×800 phone: a results screen holds at least three typical jobs, every tap
target is big enough, a filter returns to the results with the panel closed and a chip to undo it,
a posting leads back to the same results, and axe-core finds nothing serious on these pages."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from foundation.settings import Settings
from tests.browser_support import SOURCE, VIEWPORTS, live_server, posting, serious_violations, visits
from tests.web_support import indexed_board, seed_postings

ABOUT = ("About us\nMiami Valley Recovery Services has served Montgomery, Greene and Miami counties for fifty "
         "years with outpatient, crisis and residential programs.\n")
DUTIES = ("What you will do\nUse your own lived experience of recovery to offer hope and practical peer support "
          "to adults in our {unit}. Help people set goals, connect them to housing, benefits and mutual-aid "
          "meetings, and walk alongside them through appointments.\nRequirements\nHigh school diploma or GED. "
          "Ohio Peer Recovery Supporter certification, or willingness to earn it within 90 days.\n") * 3
DAYTON, KETTERING = dict(), dict(city="Kettering", postal_code="45429", latitude=39.6895, longitude=-84.1688)
TYPICAL = {  # title, unit, hours, place, pay (hourly low, high, and the yearly figures when posted by the year)
    "specialist": ("Peer Support Specialist - Req #20931", "outpatient clinic", "FULL_TIME", DAYTON, (17.0, 20.0, None)),
    "coach": ("Certified Peer Recovery Supporter (Part-time)", "crisis center", "PART_TIME", KETTERING, (18.5, 21.0, None)),
    "ed": ("Recovery Coach – Emergency Department", "emergency department", "FULL_TIME", DAYTON,
           (20.19, 24.04, (42000.0, 50000.0))),
    "crisis": ("Peer Specialist II - Crisis Stabilization Unit", "crisis stabilization unit", "PART_TIME", KETTERING,
               (19.0, 22.0, None)),
    "family": ("Family Peer Advocate", "family services program", "FULL_TIME", DAYTON, (18.0, 21.0, None)),
    "mentor": ("Peer Mentor, Reentry Program (R-0012345)", "reentry program", "FULL_TIME", DAYTON, (17.5, 19.5, None)),
}
MAIN_ACTIONS = "summary, button, .button, .chips a, .pages a, .tap, header.site a"
TAP_TARGETS = "a, button, summary, input, select"


def typical(key: str, title: str, unit: str, hours: str, place: dict, pay: tuple) -> dict:
    low, high, yearly = pay
    text = ABOUT + DUTIES.format(unit=unit)
    by_year = dict(pay_unit="YEAR", pay_min=yearly[0], pay_max=yearly[1], pay_annual_min=yearly[0],
                   pay_annual_max=yearly[1]) if yearly else dict(pay_min=low, pay_max=high)
    return posting(title=title, employment_type=hours, description_text=text, url=f"https://careers.miamivalley.example/{key}",
                   description_html="".join(f"<p>{line}</p>" for line in text.splitlines()),
                   pay_hourly_min=low, pay_hourly_max=high, date_posted=date.today() - timedelta(days=len(key)),
                   **place, **by_year)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phone-board")
    settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'store.db'}", index_dir=folder / "index")
    board = {key: typical(key, *values) for key, values in TYPICAL.items()}
    ids = indexed_board(settings, lambda session: seed_postings(session, SOURCE, board))
    with live_server(settings) as origin:
        yield origin, ids


@pytest.fixture
def visit(browser, site):
    yield from visits(browser, site[0], "phone")


def cards_on_first_screen(page) -> int:
    return page.evaluate("""() => [...document.querySelectorAll('li.card')]
        .filter(card => card.getBoundingClientRect().bottom <= window.innerHeight).length""")


def matched_words_shown(page) -> list[bool]:
    """For each card, whether its snippet's first matched word shows within the lines it keeps."""
    return page.evaluate("""() => [...document.querySelectorAll('li.card .snippet')].map(snippet => {
        const mark = snippet.querySelector('mark');
        return !!mark && mark.getBoundingClientRect().bottom <= snippet.getBoundingClientRect().bottom + 1; })""")


def small_targets(page, selector: str, width: int, height: int) -> list[str]:
    """Visible targets smaller than width×height CSS pixels, named by their text."""
    return page.evaluate("""([selector, width, height]) => [...document.querySelectorAll(selector)]
        .filter(el => el.checkVisibility() && el.type !== 'hidden' && !el.closest('.skip'))
        .map(el => [el, el.getBoundingClientRect()])
        .filter(([el, box]) => box.width < width || box.height < height)
        .map(([el, box]) => `${el.textContent.trim().slice(0, 40)} ${Math.round(box.width)}x${Math.round(box.height)}`)""",
                         [selector, width, height])


def search_from_home(page, what: str, where: str) -> None:
    page.goto("/")
    page.get_by_label("What").fill(what)
    page.get_by_label("Where").fill(where)
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/jobs\?"))


def test_a_phone_screen_shows_three_jobs_the_search_echoed_and_big_enough_targets(visit):
    browsing = visit("phone")
    page = browsing.page
    search_from_home(page, "peer support", "Dayton, OH")
    expect(page.get_by_role("heading", level=1)).to_have_text("6 peer support jobs near Dayton, OH within 25 miles")
    assert cards_on_first_screen(page) >= 3
    assert matched_words_shown(page) == [True] * 6
    first = page.locator("li.card").first
    expect(first.locator("h2")).not_to_contain_text("#")
    assert small_targets(page, TAP_TARGETS, 24, 24) == []
    assert small_targets(page, MAIN_ACTIONS, 0, 44) == []
    page.goto(page.locator("li.card h2 a").first.get_attribute("href"))
    assert small_targets(page, TAP_TARGETS, 24, 24) == []
    assert small_targets(page, MAIN_ACTIONS, 0, 44) == []
    browsing.assert_private()


def test_a_filter_returns_with_the_panel_closed_a_chip_and_the_way_back_from_a_posting(visit):
    browsing = visit("phone")
    page = browsing.page
    search_from_home(page, "peer support", "Dayton, OH")
    page.get_by_text("Filter jobs").click()
    page.get_by_role("link", name=re.compile(r"^Part-time\b")).click()
    page.wait_for_url(re.compile(r"employment_type=PART_TIME"))
    results_url = page.url
    expect(page.locator("details.filters")).not_to_have_attribute("open", "")
    expect(page.get_by_role("heading", level=1)).to_have_text("2 peer support jobs near Dayton, OH within 25 miles")
    chip = page.get_by_role("list", name="Filters in use").get_by_role("link")
    expect(chip).to_have_text(re.compile(r"Remove filter: Part-time"))
    assert cards_on_first_screen(page) == 2
    page.locator("li.card h2 a").first.click()
    page.get_by_role("link", name="Back to results").first.click()
    assert page.url == results_url
    chip.click()
    expect(page.locator("li.card")).to_have_count(6)
    browsing.assert_private()


def test_use_my_location_fills_in_the_nearest_town_only_when_pressed(browser, site):
    context = browser.new_context(viewport=VIEWPORTS["phone"], base_url=site[0], permissions=["geolocation"],
                                  geolocation={"latitude": 39.7589, "longitude": -84.1916})
    try:
        page = context.new_page()
        page.goto("/jobs?q=peer+support+near+me")
        button = page.get_by_role("button", name="Use my location")
        expect(button).to_be_visible()
        button.click()
        page.wait_for_url(re.compile(r"where=Dayton"))
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^6 peer support jobs near Dayton, OH"))
        assert "lat=" not in page.url
    finally:
        context.close()


def axe_pages(ids: dict[str, int]) -> dict[str, str]:
    return {"results": "/jobs?q=peer+support&where=Dayton,+OH", "filtered": "/jobs?q=peer&employment_type=PART_TIME",
            "posting": f"/jobs/{ids['ed']}?back=/jobs%3Fq%3Dpeer", "near me": "/jobs?q=peer+near+me",
            "empty": "/jobs?q=zebra&where=Dayton,+OH&radius=5", "typo": "/jobs?q=specialistt"}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_nothing_serious_on_the_changed_pages(visit, site, axe_source, viewport):
    browsing = visit(viewport)
    found = {}
    for name, path in axe_pages(site[1]).items():
        assert browsing.page.goto(path).status == 200, path
        found[name] = serious_violations(browsing.page, axe_source)
    assert found == {name: [] for name in found}


def test_filters_and_the_near_me_prompt_work_without_javascript(browser, site):
    context = browser.new_context(viewport=VIEWPORTS["phone"], base_url=site[0], java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/jobs?q=peer+support&where=Dayton,+OH")
        page.get_by_text("Filter jobs").click()
        page.get_by_role("link", name=re.compile(r"^Part-time\b")).click()
        expect(page.get_by_role("list", name="Filters in use").get_by_role("link")).to_have_count(1)
        expect(page.locator("li.card")).to_have_count(2)
        page.goto("/jobs?q=peer+support+near+me")
        expect(page.get_by_role("button", name="Use my location")).to_be_hidden()
        page.get_by_label("Town and state, or ZIP").fill("45402")
        page.get_by_role("button", name="Search near this place").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("6 peer support jobs near Dayton, OH 45402 within 25 miles")
    finally:
        context.close()
