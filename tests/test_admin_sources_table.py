"""The sources page for a thousand sources, through the real app and store (SQLite and
PostgreSQL): search, filters, sorts and pages that keep the query, bulk actions with CSRF, and
its size for 2,000 sources."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from benchmarks.admin_sources import fill
from crawlers.sources import spider_rules
from indexer import store
from indexer.store.models import SourceControl
from tests.admin_support import admin_settings, seed
from tests.test_admin import csrf_token, schedules_file, signed_in  # noqa: F401  (an autouse fixture)
from webapp import create_app
from webapp.extensions import limiter

ROW = re.compile(r'<tr id="source-([\w-]+)" class="row-(\w+)">(.*?)</tr>', re.S)


def build_app(folder, database_url, sources: int):
    app = create_app(admin_settings(folder, database_url), SOURCE_RULES=spider_rules())
    limiter.reset()
    with app.app_context():
        from webapp.db import get_session
        seed(get_session())
        fill(get_session(), sources)
    return app


@pytest.fixture
def app(tmp_path, database_url):
    yield build_app(tmp_path, database_url, 120)
    limiter.reset()


@pytest.fixture
def client(app):
    return signed_in(app)


def rows(html: str) -> list[tuple[str, str, list[str]]]:
    """(id, health, the cells' text) of each row shown."""
    found = []
    for source_id, health, body in ROW.findall(html):
        cells = [re.sub(r"<[^>]+>", " ", cell).split() for cell in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]
        found.append((source_id, health, [" ".join(cell) for cell in cells]))
    return found


def every_page(client, query: str) -> list[tuple[str, str, list[str]]]:
    """The rows of every page, following the page's own Next links."""
    found, path = [], f"/admin/sources{query}"
    while path:
        html = client.get(path).text
        found += rows(html)
        link = re.search(r'<a href="([^"]+)" rel="next">', html)
        path = link.group(1).replace("&amp;", "&") if link else None
    return found


def test_pages_of_fifty_cover_every_source_once(client, app):
    first = client.get("/admin/sources").text
    assert len(rows(first)) == 50 and "1–50 of 125" in first
    shown = every_page(client, "")
    assert len(shown) == 125 and len({source_id for source_id, _, _ in shown}) == 125
    ranks = {"failing": 0, "degraded": 1, "unknown": 2, "healthy": 3}
    assert [ranks[health] for _, health, _ in shown] == sorted(ranks[health] for _, health, _ in shown)


def test_filters_keep_their_query_across_pages_and_match_what_they_say(client):
    failing = every_page(client, "?health=failing&sort=open")
    counted = int(re.search(r"(\d+) failing", client.get("/admin/sources").text).group(1))
    assert len(failing) == counted and {health for _, health, _ in failing} == {"failing"}
    opened = [int(cells[5]) for _, _, cells in failing]
    assert opened == sorted(opened, reverse=True)
    page_two = client.get("/admin/sources?enabled=yes&sort=open&page=2").text
    assert '<a href="/admin/sources?enabled=yes&amp;sort=open" rel="prev">' in page_two  # the filters kept
    assert '<a href="/admin/sources?enabled=yes&amp;sort=open&amp;page=3" rel="next">' in page_two

    ohio = every_page(client, "?state=OH")
    assert ohio and all(cells[7] == "OH" for _, _, cells in ohio)
    disabled = every_page(client, "?enabled=no")
    assert disabled and all(cells[8] == "No" for _, _, cells in disabled)
    discovered = every_page(client, "?origin=discovered")
    assert len(discovered) == 40 and all("discovered" in cells[1] for _, _, cells in discovered)


def test_search_finds_ids_employers_and_urls_and_sorts_by_peer_postings(client):
    by_employer = every_page(client, "?q=agency+7")
    assert by_employer and all("Agency 7" in cells[1] for _, _, cells in by_employer)
    assert [source_id for source_id, _, _ in every_page(client, "?q=agency42.example")] == ["source-00042"]
    assert [source_id for source_id, _, _ in every_page(client, "?q=BROKEN")] == ["broken"]
    assert "No source matches" in client.get("/admin/sources?q=100%25").text  # a % is a character, not a wildcard
    peer = [int(cells[6]) for _, _, cells in every_page(client, "?sort=peer")]
    assert peer == sorted(peer, reverse=True) and peer[0] > 0


def test_bulk_actions_change_the_checked_rows_and_return_to_the_same_list(client, app):
    sessions = app.extensions["peerjobs_sessions"]
    token = csrf_token(client.get("/admin/sources").text)
    back = "?health=failing&sort=open"
    response = client.post("/admin/sources/bulk", data={"csrf_token": token, "action": "disable", "back": back,
                                                         "ids": ["broken", "legacy", "no-such-source"]})
    assert response.status_code == 303 and response.headers["Location"] == "/admin/sources" + back
    with sessions() as session:
        controls = {c.source_id: c for c in session.scalars(select(SourceControl))}
    assert controls["broken"].enabled is False and controls["legacy"].enabled is False
    assert "no-such-source" not in controls
    assert "2 sources disabled: broken, legacy." in client.get("/admin/sources").text

    client.post("/admin/sources/bulk", data={"csrf_token": token, "action": "run", "ids": ["steady"]})
    with sessions() as session:
        assert [source_id for source_id, _ in store.run_requests(session)] == ["steady"]
    nothing = client.post("/admin/sources/bulk", data={"csrf_token": token, "action": "enable"},
                          follow_redirects=True)
    assert "Check at least one source first." in nothing.text
    wrong = client.post("/admin/sources/bulk", data={"csrf_token": token, "action": "delete", "ids": ["steady"]},
                        follow_redirects=True)
    assert "Choose enable, disable or run now." in wrong.text
    forged = client.post("/admin/sources/bulk", data={"csrf_token": "forged", "action": "enable", "ids": ["broken"]})
    assert forged.status_code == 400
    with sessions() as session:
        assert session.get(SourceControl, "broken").enabled is False


def test_a_back_link_is_only_ever_a_query_of_the_list(client):
    token = csrf_token(client.get("/admin/sources").text)
    response = client.post("/admin/sources/bulk", data={"csrf_token": token, "action": "enable", "ids": ["broken"],
                                                         "back": "//evil.example/?health=failing"})
    assert response.headers["Location"] == "/admin/sources"  # no site, no path: only a query read again


def test_the_page_for_two_thousand_sources_stays_small(tmp_path):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'store.db'}", 2000)
    client = signed_in(app)
    for path in ("/admin/sources", "/admin/sources?sort=peer&page=7", "/admin/sources?q=agency"):
        response = client.get(path)
        assert response.status_code == 200 and len(rows(response.text)) == 50
        assert len(response.data) < 150 * 1024, (path, len(response.data))
    limiter.reset()
