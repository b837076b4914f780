"""The results and posting pages as a peer meets them: the search echoed, cards with what a job
pays by the hour and by the year, the way back to the results, and advice that fits an empty search."""
from __future__ import annotations

import html as html_lib
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from tests.support import folder_settings
from tests.test_webapp import AGENCY, fields, page
from tests.web_support import indexed_board, seed_postings
from webapp import create_app

COLUMBUS = dict(city="Columbus", state="OH", postal_code="43215", latitude=39.96, longitude=-83.00)
KETTERING = dict(city="Kettering", state="OH", postal_code="45429", latitude=39.69, longitude=-84.17)
BOARD = {
    "salaried": fields(title="Peer Recovery Coach - Req #20931", category="peer_recovery_coach", pay_unit="YEAR",
                       pay_min=42000.0, pay_max=50000.0, pay_hourly_min=20.19, pay_hourly_max=24.04,
                       pay_annual_min=42000.0, pay_annual_max=50000.0, employment_type="FULL_TIME",
                       description_text="Our agency has served the Miami Valley since 1972 and is proud of it. "
                                        "The recovery coach meets people in the emergency department."),
    "hourly": fields(title="Peer Support Specialist", pay_annual_min=38480.0, pay_annual_max=43680.0,
                     url="https://agency.example/careers/2/", **KETTERING),
    "bridger": fields(title="Peer Bridger", category="peer_bridger", url="https://agency.example/careers/3/", **COLUMBUS),
}


@pytest.fixture(scope="module")
def ids(tmp_path_factory):
    settings = folder_settings(tmp_path_factory.mktemp("results-page"))
    found = indexed_board(settings, lambda session: seed_postings(session, AGENCY, BOARD))
    return found | {"client": create_app(settings, TESTING=True).test_client()}


@pytest.fixture(scope="module")
def client(ids):
    return ids["client"]


def card(html: str, posting_id: int) -> str:
    return next(c for c in html.split('<li class="card">')[1:] if f'href="/jobs/{posting_id}?' in c).split("</ol>")[0]


def card_link(html: str, posting_id: int) -> str:
    return html_lib.unescape(re.search(rf'href="(/jobs/{posting_id}\?[^"]+)"', html).group(1))


def test_the_heading_echoes_the_words_and_a_zip_names_its_town(client):
    assert "<h1 class=\"count\">1 recovery coach job near Dayton, OH 45409 within 5 miles</h1>" in \
        page(client, "/jobs?q=recovery+coach&where=45409&radius=5")
    assert '<h1 class="count">1 peer bridger job</h1>' in page(client, "/jobs?category=peer_bridger")


def test_a_card_shows_the_display_title_hourly_and_annual_pay_hours_and_the_matched_sentence(client, ids):
    shown = card(page(client, "/jobs?q=emergency&where=Dayton,+OH"), ids["salaried"])
    assert ">Peer Recovery Coach</a></h2>" in shown and "20931" not in shown
    assert "$20.19–$24.04 an hour" in shown and "$42,000–$50,000 a year" in shown and "Full-time" in shown
    assert re.search(r'<p class="snippet">The recovery coach meets people in the <mark>emergency</mark>', shown)


def test_annual_figures_worked_out_from_hourly_pay_are_not_shown_as_posted(client, ids):
    shown = card(page(client, "/jobs?where=Dayton,+OH"), ids["hourly"])
    assert "$18.50–$21.00 an hour" in shown and "a year" not in shown


def test_result_links_carry_the_search_and_the_posting_leads_back_to_it(client, ids):
    results = "/jobs?q=peer&where=Dayton,+OH&radius=10&employment_type=PART_TIME"
    link = card_link(page(client, results), ids["hourly"])
    assert parse_qs(urlsplit(link).query)["back"] == [results]
    posting = page(client, link)
    back = re.findall(r'<a class="tap" href="([^"]+)"><span aria-hidden="true">← </span>Back to results</a>', posting)
    assert [html_lib.unescape(href) for href in back] == [results]
    assert '<link rel="canonical" href="http://localhost/jobs/%d">' % ids["hourly"] in posting


@pytest.mark.parametrize("back", ["https://evil.example/jobs?q=peer", "//evil.example/jobs", "/admin/", "/jobs/1"])
def test_a_back_address_off_the_results_page_is_never_linked(client, ids, back):
    posting = page(client, f"/jobs/{ids['hourly']}?back={quote(back, safe='')}")
    assert "Back to results" not in posting and "evil.example" not in posting


def test_an_empty_radius_offers_the_nearest_wider_radius_that_has_jobs_with_its_count(client):
    html = page(client, "/jobs?q=bridger&where=Dayton,+OH&radius=10")
    assert "No jobs matched within 10 miles, but 1 job did within 100 miles." in html
    assert re.search(r'href="/jobs\?q=bridger&amp;where=Dayton,\+OH&amp;radius=100">Search within 100 miles</a> \(1 job\)', html)
    assert "within 25 miles" not in html.split("</h1>")[1] and "within 50 miles" not in html  # none there
    assert "Use fewer or simpler words" not in html


def test_with_no_jobs_in_any_radius_the_next_radius_is_named(client):
    html = page(client, "/jobs?q=zebra&where=Dayton,+OH&radius=10")
    assert 'href="/jobs?q=zebra&amp;where=Dayton,+OH">Search within 25 miles</a>' in html
    assert "Use fewer or simpler words" in html


def test_an_empty_search_with_a_typing_slip_offers_the_correction(client):
    html = page(client, "/jobs?q=bridgr&exact=1")  # searched as typed: the engine corrects nothing
    assert "It may be a typing slip:" in html and ">search for bridger</a>" in html
    assert "See all jobs" not in html


def test_near_me_without_a_place_asks_for_one_and_offers_the_location_button(client):
    html = page(client, "/jobs?q=peer+near+me")
    assert "Near where?" in html and '<label for="near-where">Town and state, or ZIP</label>' in html
    assert '<button type="button" class="secondary" data-locate hidden>Use my location</button>' in html
    assert '<script src="/static/locate.js" defer></script>' in html
    assert '<input type="hidden" name="q" value="peer">' in html
    assert "locate.js" not in page(client, "/jobs?q=peer+near+me&where=Dayton,+OH")


def test_a_shared_location_becomes_the_nearest_town(client):
    response = client.get("/jobs?q=peer+near+me&lat=39.76&lon=-84.19&radius=10")
    assert response.status_code == 302
    assert response.headers["Location"] == "/jobs?q=peer&where=Dayton,+OH&radius=10"
    assert client.get("/jobs?q=peer&lat=nope&lon=1").status_code == 200
    abroad = page(client, "/jobs?q=peer+near+me&lat=48.85&lon=2.35")  # Paris
    assert "We could not find a US town near the location your browser shared." in abroad


def test_the_feed_link_is_explained_and_the_favicon_linked(client):
    html = page(client, "/jobs?q=peer")
    assert "News feed of new jobs for this search</a>" in html and "a news reader app checks for you" in html
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert client.get("/static/favicon.svg").data.startswith(b"<svg")



def test_the_posting_page_shows_the_display_title_and_both_pay_figures(client, ids):
    html = page(client, f"/jobs/{ids['salaried']}")
    assert "<h1>Peer Recovery Coach</h1>" in html and "<title>Peer Recovery Coach · PeerJobs</title>" in html
    assert "<dd>$20.19–$24.04 an hour ($42,000–$50,000 a year)</dd>" in html
    assert "<dd>$18.50–$21.00 an hour</dd>" in page(client, f"/jobs/{ids['hourly']}")
    assert "Req #20931" in html  # the structured data keeps the employer's title
