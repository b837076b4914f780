"""In Chromium: a peer finds a part-time recovery coach job near Dayton and reaches the apply link;
axe-core finds nothing serious on the main pages at phone and desktop widths; nothing leaves the
site, nothing is stored in the browser, and the results page stays light."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from foundation.settings import Settings
from tests.browser_support import APPLY_URL, VIEWPORTS, live_server, seed_board, serious_violations, visits

MAX_RESULTS_PAGE_BYTES = 60 * 1024


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The sample board served by the real app on loopback: (origin, posting ids)."""
    folder = tmp_path_factory.mktemp("browser-board")
    settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'store.db'}",
                        index_dir=folder / "index")
    ids = seed_board(settings)
    with live_server(settings) as origin:
        yield origin, ids


@pytest.fixture
def visit(browser, site):
    yield from visits(browser, site[0], "desktop")


def test_a_peer_finds_a_part_time_recovery_coach_job_near_dayton_and_reaches_the_apply_link(visit):
    browsing = visit("phone")
    page = browsing.page
    page.goto("/")
    page.get_by_label("What").fill("recovery coach")
    page.get_by_label("Where").fill("Dayton, OH")
    page.get_by_label("Distance").select_option("25")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/jobs\?"))
    assert parse_qs(urlsplit(page.url).query) == {"q": ["recovery coach"], "where": ["Dayton, OH"], "radius": ["25"]}
    cards = page.locator("li.card")
    expect(cards).to_have_count(2)  # the Dayton and Kettering coaches; not the one in Cleveland

    page.get_by_text("Filter jobs").click()
    page.get_by_role("link", name=re.compile(r"^Part-time\b")).click()
    page.wait_for_url(re.compile(r"employment_type=PART_TIME"))
    expect(cards).to_have_count(1)

    cards.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer Recovery Coach (Part-time)")
    apply = page.get_by_role("link", name=re.compile("Apply on the employer"))
    expect(apply.first).to_be_visible()
    assert apply.first.get_attribute("href") == APPLY_URL
    assert set(apply.first.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
    browsing.assert_private()


def axe_pages(ids: dict[str, int]) -> dict[str, str]:
    return {"home": "/", "results": "/jobs?q=recovery+coach&where=Dayton,+OH",
            "posting": f"/jobs/{ids['coach_part_time']}", "closed posting": f"/jobs/{ids['closed']}",
            "role": "/roles/peer_recovery_coach", "corrected results": "/jobs?q=recovry+coach+jobs",
            "near me without a place": "/jobs?q=recovery+coach+near+me",
            "Spanish results": "/es/jobs?q=recovery+coach&where=Dayton,+OH",
            "Spanish posting": f"/es/jobs/{ids['coach_part_time']}"}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_nothing_serious_on_the_main_pages(visit, site, axe_source, viewport):
    browsing = visit(viewport)
    found = {}
    for name, path in axe_pages(site[1]).items():
        response = browsing.page.goto(path)
        assert response.status == 200, path
        found[name] = serious_violations(browsing.page, axe_source)
    assert found == {name: [] for name in found}
    browsing.assert_private()


def test_the_axe_check_does_find_problems(visit, axe_source):
    """A page with an unlabelled field and unreadable text must not pass, or passing means nothing."""
    page = visit("desktop").page
    page.set_content('<html><body><main><input type="text">'
                     '<p style="color:#eee;background:#fff">faint</p></main></body></html>')
    rules = {violation["rule"] for violation in serious_violations(page, axe_source)}
    assert {"label", "html-has-lang", "color-contrast"} <= rules


def test_the_results_page_with_everything_it_loads_is_under_60_kb(visit):
    browsing = visit("desktop")
    responses = []
    browsing.page.on("response", lambda response: responses.append(response))
    assert browsing.page.goto("/jobs?q=peer+support&where=Ohio").status == 200
    expect(browsing.page.locator("li.card")).to_have_count(20)
    browsing.page.wait_for_load_state("load")
    sizes = {response.url: len(response.body()) for response in responses if response.status == 200}
    assert any(".css" in url for url in sizes), sizes
    assert sum(sizes.values()) < MAX_RESULTS_PAGE_BYTES, sizes
    browsing.assert_private()


def test_pages_answer_with_the_security_headers(visit, site):
    browsing = visit("desktop")
    for path in axe_pages(site[1]).values():
        headers = browsing.page.goto(path).headers
        policy = headers["content-security-policy"]
        for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
            assert directive in policy, (path, directive)
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert "set-cookie" not in headers
