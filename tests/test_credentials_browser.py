"""In Chromium: axe-core finds nothing serious on the credentials pages, a posting page with a
credential card and "Pay not posted", and the pay page, at 360 px and on a desktop; the card and
the pay note are visible, and nothing leaves the site."""
from __future__ import annotations

import pytest

from tests.browser_support import live_server, serious_violations
from tests.credentials_support import seed
from tests.support import folder_settings
from tests.web_support import indexed_board

VIEWPORTS = {"phone": {"width": 360, "height": 800}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    settings = folder_settings(tmp_path_factory.mktemp("credentials-browser"))
    ids = indexed_board(settings, seed)
    with live_server(settings) as origin:
        yield origin, ids


def pages(ids: dict[str, int]) -> dict[str, str]:
    return {"credentials": "/credentials/", "Maryland": "/credentials/md", "Oregon": "/credentials/or",
            "posting with a card and no pay": f"/jobs/{ids['md_no_pay']}", "pay": "/pay"}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_nothing_serious_on_the_credential_and_pay_pages(browser, site, axe_source, viewport):
    origin, ids = site
    context = browser.new_context(viewport=VIEWPORTS[viewport], base_url=origin)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        found = {}
        for name, path in pages(ids).items():
            response = page.goto(path)
            assert response.status == 200, path
            found[name] = serious_violations(page, axe_source)
        assert found == {name: [] for name in found}
        assert [url for url in requests if not url.startswith(origin + "/")] == []
    finally:
        context.close()


def test_the_card_and_the_pay_note_show_on_a_phone(browser, site):
    origin, ids = site
    context = browser.new_context(viewport=VIEWPORTS["phone"], base_url=origin)
    page = context.new_page()
    try:
        page.goto(f"/jobs/{ids['md_no_pay']}")
        assert page.get_by_text("Pay not posted").is_visible()
        assert page.get_by_role("heading", name="Certified Peer Recovery Specialist (CPRS)").is_visible()
        page.get_by_role("link", name="Peer credentials in Maryland").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Peer credentials in Maryland"
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
