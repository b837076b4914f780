"""The public pages over a small, varied board: filters, empty states, roles, pay, canonical links."""
from __future__ import annotations

import html as html_lib
import re
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from markupsafe import escape

from foundation.benefits_file import read_benefits
from foundation.settings import Settings
from indexer.taxonomy import load_taxonomy
from tests.support import folder_settings
from tests.test_webapp import AGENCY, fields, page
from tests.web_support import indexed_board, seed_postings
from webapp import create_app
from webapp.pay.figures import PayFigure, hourly_rate, pay_figures

TAXONOMY = load_taxonomy()
OHIO_PAY = dict(pay_min=None, pay_max=None, pay_unit=None)


def facets(settings=(), certification="none"):
    return {"certification": {"status": certification, "names": []}, "lived_experience": [], "populations": [],
            "settings": list(settings), "paid": "paid", "bilingual": False, "languages": [], "seniority": "unknown"}


def place(city, state, postal_code, latitude, longitude):
    return dict(city=city, state=state, postal_code=postal_code, latitude=latitude, longitude=longitude,
                locations=[dict(city=city, state=state, postal_code=postal_code, latitude=latitude, longitude=longitude)])


DAYTON = place("Dayton", "OH", "45409", 39.71, -84.19)
COLUMBUS = place("Columbus", "OH", "43215", 39.96, -83.00)
CLEVELAND = place("Cleveland", "OH", "44114", 41.50, -81.69)
PITTSBURGH = place("Pittsburgh", "PA", "15222", 40.44, -79.99)
NOWHERE = dict(city=None, state=None, postal_code=None, latitude=None, longitude=None, locations=[])

#: Hourly pay by design: peer specialists in Ohio post 18-20 (19), 20 and 22-24 (23): median 20.00.
BOARD = {
    "dayton_specialist": dict(title="Peer Support Specialist", **DAYTON, pay_hourly_min=18.0, pay_hourly_max=20.0,
                              facets=facets(["outpatient"])),
    "dayton_specialist_2": dict(title="Peer Specialist II", **DAYTON, pay_hourly_min=20.0, pay_hourly_max=None,
                                employment_type="FULL_TIME", facets=facets(["inpatient"], "required")),
    "columbus_specialist": dict(title="Certified Peer Specialist", **COLUMBUS, pay_hourly_min=22.0, pay_hourly_max=24.0,
                                facets=facets(["outpatient"])),
    "cleveland_coach": dict(title="Peer Recovery Coach", **CLEVELAND, pay_hourly_min=17.0, pay_hourly_max=17.0,
                            category="peer_recovery_coach", facets=facets(["emergency_department"])),
    "pittsburgh_bridger": dict(title="Peer Bridger", **PITTSBURGH, pay_hourly_min=None, pay_hourly_max=None,
                               category="peer_bridger", facets=facets(["inpatient"]),
                               date_posted=date.today() - timedelta(days=20)),
    "closed_specialist": dict(title="Peer Specialist Nights", **DAYTON, pay_hourly_min=40.0, pay_hourly_max=40.0),
    "not_peer": dict(title="Staff Therapist", **DAYTON, pay_hourly_min=50.0, pay_hourly_max=50.0,
                     is_peer=False, category=None),
    "remote_warmline": dict(title="Warmline Peer Supporter", **NOWHERE, remote=True, remote_area="US",
                            pay_hourly_min=16.0, pay_hourly_max=16.0, category="warmline_peer", facets=facets(["warmline"])),
}


def seed_board(session) -> dict[str, int]:
    postings = {name: fields(**{**OHIO_PAY, "url": f"https://agency.example/careers/{name}/", "facets": facets(),
                                **values}) for name, values in BOARD.items()}
    return seed_postings(session, AGENCY, postings, closed=["closed_specialist"])


@pytest.fixture(scope="module")
def board_settings(tmp_path_factory) -> Settings:
    """One board per module: these tests only read it."""
    return folder_settings(tmp_path_factory.mktemp("board"))


@pytest.fixture(scope="module")
def ids(board_settings):
    return indexed_board(board_settings, seed_board)


@pytest.fixture(scope="module")
def client(board_settings, ids):
    return create_app(board_settings, TESTING=True).test_client()


def links(html: str) -> dict[str, str]:
    """Link text (tags stripped, spaces collapsed) -> href, for every <a> on a page."""
    found = {}
    for href, inner in re.findall(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', html, re.S):
        found[" ".join(re.sub(r"<[^>]+>", " ", inner).split())] = html_lib.unescape(href)
    return found


def card_titles(html: str) -> set[str]:
    return set(re.findall(r'<li class="card">\s*<h2><a href="[^"]+">([^<]+)</a>', html))


def args(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


# Home and results -------------------------------------------------------------------------------

def test_home_lists_every_role_with_its_plain_description(client):
    html = page(client, "/")
    for category in TAXONOMY.categories:
        assert str(escape(category.description)) in html
        assert f'href="/jobs?category={category.id}"' in html and f'href="/roles/{category.id}"' in html


def test_a_role_filter_link_narrows_the_results_and_a_chip_takes_it_away(client):
    everything = page(client, "/jobs")
    assert card_titles(everything) >= {"Peer Support Specialist", "Peer Recovery Coach", "Peer Bridger"}
    coach_link = links(everything)["Recovery coach 1"]
    assert args(coach_link)["category"] == ["peer_recovery_coach"]
    coaches = page(client, coach_link)
    assert card_titles(coaches) == {"Peer Recovery Coach"}
    assert '<a href="/jobs" aria-current="true">Recovery coach <span class="n">1</span></a>' in coaches
    remove = links(coaches)["Remove filter: Recovery coach ×"]
    assert "category" not in args(remove)


def test_facet_counts_under_the_current_search(client):
    html = page(client, "/jobs?where=Ohio")
    found = links(html)
    assert args(found["Peer specialist 3"]) == {"where": ["Ohio"], "category": ["peer_specialist"]}
    assert "Outpatient treatment 2" in found and "Hospital (inpatient) 1" in found
    assert "Peer bridger 1" not in found  # Pittsburgh is not in Ohio


@pytest.mark.parametrize("switch, expected", [
    ("Remote jobs only", {"Warmline Peer Supporter"}),
    ("No certification needed to apply", {"Peer Support Specialist", "Certified Peer Specialist",
                                         "Peer Recovery Coach", "Peer Bridger", "Warmline Peer Supporter"}),
    ("Past week", {"Peer Support Specialist", "Peer Specialist II", "Certified Peer Specialist",
                   "Peer Recovery Coach", "Warmline Peer Supporter"}),
])
def test_switch_and_date_links_filter_without_script(client, switch, expected):
    html = page(client, links(page(client, "/jobs"))[switch])
    assert card_titles(html) <= expected and card_titles(html)


def test_the_search_form_keeps_filters_as_hidden_fields(client):
    html = page(client, "/jobs?q=peer&category=peer_specialist&setting=outpatient&remote=1&sort=date")
    form = html.split('<form class="search"', 1)[1].split("</form>", 1)[0]
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)
    assert ("category", "peer_specialist") in hidden and ("setting", "outpatient") in hidden
    assert ("sort", "date") in hidden and any(name == "remote" for name, _ in hidden)
    assert 'name="q" type="search" value="peer"' in form and 'id="min_hourly"' in form


def test_min_hourly_from_the_form_filters_and_shows_as_a_chip(client):
    html = page(client, "/jobs?min_hourly=21")
    assert card_titles(html) == {"Certified Peer Specialist"}
    assert "min_hourly" not in args(links(html)["Remove filter: At least $21.00 an hour ×"])


def test_cards_carry_a_role_badge_and_both_dates(client, ids):
    html = page(client, "/jobs?where=Dayton,+OH")
    card = next(c for c in html.split('<li class="card">') if f'href="/jobs/{ids["dayton_specialist"]}?back=' in c)
    assert '<p class="badge">Peer specialist</p>' in card
    assert "Posted 3 days ago" in card and "Checked open today" in card
    assert "$18.00–$20.00 an hour" in card and re.search(r"(\d+ miles?|Less than a mile) away", card)


def test_an_empty_search_offers_a_wider_radius_and_a_related_role(client):
    html = page(client, "/jobs?category=peer_bridger&where=Dayton,+OH")
    found = links(html)
    assert "Search within 50 miles" in found
    related = found["Peer specialist jobs nearby"]
    assert args(related) == {"where": ["Dayton, OH"], "category": ["peer_specialist"]}
    assert card_titles(page(client, related)) == {"Peer Support Specialist", "Peer Specialist II"}


def test_sort_links_offer_nearest_only_around_a_town(client):
    assert "Nearest" in links(page(client, "/jobs?where=Dayton,+OH&radius=100"))
    assert "Nearest" not in links(page(client, "/jobs?where=Ohio"))
    nearest = page(client, "/jobs?where=Columbus,+OH&radius=100&sort=distance")
    assert card_titles(nearest) and next(iter(re.findall(r'<h2><a href="[^"]+">([^<]+)</a>', nearest))) == \
        "Certified Peer Specialist"


def test_a_misspelt_search_shows_what_it_probably_meant_and_offers_the_words_typed(client):
    html = page(client, "/jobs?q=peer+bridgr&where=Pittsburgh,+PA")
    assert "Showing results for <strong>peer bridger</strong>" in html and card_titles(html) == {"Peer Bridger"}
    assert links(html)["search instead for peer bridgr"] == "/jobs?q=peer+bridgr&where=Pittsburgh,+PA&exact=1"
    typed = page(client, "/jobs?q=peer+bridgr&where=Pittsburgh,+PA&exact=1")
    assert links(typed)["peer bridger"] == "/jobs?q=peer+bridger&where=Pittsburgh,+PA"
    assert "Did you mean" not in page(client, "/jobs?q=peer+bridger")


def test_near_me_without_a_place_asks_for_one(client):
    html = page(client, "/jobs?q=recovery+coach+jobs+near+me")
    assert "enter your town or ZIP code" in html and card_titles(html) == {"Peer Recovery Coach"}
    assert "enter your town or ZIP code" not in page(client, "/jobs?q=recovery+coach+near+me&where=Dayton,+OH&radius=100")


# Posting pages ----------------------------------------------------------------------------------

def similar_titles(html: str) -> list[str]:
    section = html.split('<h2 id="similar">', 1)[1].split("</section>", 1)[0] if 'id="similar"' in html else ""
    return re.findall(r'<a href="/jobs/\d+">([^<]+)</a>', section)


def test_similar_jobs_are_the_same_role_nearby_and_never_the_job_itself(client, ids):
    assert similar_titles(page(client, f"/jobs/{ids['dayton_specialist']}")) == ["Peer Specialist II"]
    assert similar_titles(page(client, f"/jobs/{ids['cleveland_coach']}")) == []  # no other coach near Cleveland


def test_a_closed_posting_still_points_to_open_jobs_like_it(client, ids):
    html = page(client, f"/jobs/{ids['closed_specialist']}")
    assert "This job is no longer accepting applications. We last saw it open on" in html
    assert set(similar_titles(html)) == {"Peer Support Specialist", "Peer Specialist II"}


# Roles and pay ----------------------------------------------------------------------------------

@pytest.mark.parametrize("category", TAXONOMY.categories, ids=lambda category: category.id)
def test_every_role_has_its_own_page(client, category):
    html = page(client, f"/roles/{category.id}")
    assert f"<h1>{escape(category.label)}</h1>" in html
    for part in ("what", "where", "certification"):
        assert str(escape(category.about[part])) in html
    assert f'href="/jobs?category={category.id}"' in html


def test_a_role_page_counts_its_open_jobs(client):
    assert "See 3 jobs open now" in page(client, "/roles/peer_specialist")


@pytest.mark.parametrize("url", ["/roles/nope", "/roles/peer_specialist_x", "/roles/%3Cscript%3E"])
def test_an_unknown_role_is_404(client, url):
    page(client, url, 404)


def test_the_roles_index_lists_every_role(client):
    html = page(client, "/roles/")
    for category in TAXONOMY.categories:
        assert f'href="/roles/{category.id}"' in html


def test_pay_page_figures_come_from_open_peer_postings(client):
    html = page(client, "/pay")
    rows = {re.sub(r"(<[^>]+>)+", "|", row).strip("|") for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)}
    assert "Peer specialist|3|$20.00|$19.00–$23.00" in rows  # the closed $40 and non-peer $50 left out
    assert "Ohio|4|$19.50|$17.00–$23.00" in rows
    assert "Recovery coach|1|Too few jobs to show a figure" in rows
    assert "Peer bridger" not in html  # states no pay


# Every page -------------------------------------------------------------------------------------

def public_urls(ids) -> list[str]:
    return ["/", "/jobs", "/jobs?q=peer&where=Dayton,+OH&page=2", f"/jobs/{ids['dayton_specialist']}",
            f"/jobs/{ids['closed_specialist']}", "/roles/", "/roles/peer_bridger", "/pay"]


def test_every_page_names_its_canonical_address(client, ids):
    for url in public_urls(ids):
        canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', page(client, url))
        assert len(canonical) == 1 and canonical[0].startswith("http://localhost/"), url
    results = page(client, "/jobs?radius=25&where=Dayton,+OH&page=2&q=peer&bogus=1")
    assert '<link rel="canonical" href="http://localhost/jobs?q=peer&amp;where=Dayton,+OH&amp;page=2">' in results


def test_no_page_sets_a_cookie(client, ids):
    for url in public_urls(ids) + ["/jobs.atom", "/sitemap.xml", "/robots.txt", "/roles/nope"]:
        assert "Set-Cookie" not in client.get(url).headers, url


def test_pages_link_only_to_this_site_except_the_apply_button(client, ids):
    for url in public_urls(ids):
        html = page(client, url)
        apply = set(re.findall(r'<a class="button" href="([^"]+)" rel="noopener noreferrer">Apply', html))
        apply.add(read_benefits().counseling_url)  # the benefits block's free counseling link
        for address in re.findall(r'(?:href|src|action)="([^"]+)"', html):
            host = urlsplit(html_lib.unescape(address)).netloc
            assert host in ("", "localhost") or address in apply, (url, address)


# Pure parts -------------------------------------------------------------------------------------

@pytest.mark.parametrize("low, high, rate", [(18.0, 20.0, 19.0), (20.0, None, 20.0), (None, 21.5, 21.5),
                                             (17.0, 17.0, 17.0), (None, None, None)])
def test_one_hourly_rate_per_posting(low, high, rate):
    assert hourly_rate(low, high) == rate


def test_pay_figures_group_count_and_hold_back_small_groups():
    rows = [("peer_specialist", "OH", 18.0, 20.0), ("peer_specialist", "OH", 22.0, None),
            ("peer_specialist", "PA", 30.0, 30.0), ("peer_mentor", "PA", 15.0, None),
            (None, "PA", 16.0, None), ("peer_mentor", None, None, None), ("peer_mentor", "OH", 0.0, None)]
    by_role = pay_figures(rows, 0)
    assert by_role == [PayFigure("peer_specialist", 3, 22.0, 19.0, 30.0), PayFigure("peer_mentor", 1, 15.0, 15.0, 15.0)]
    assert [figure.enough for figure in by_role] == [True, False]
    assert [(figure.key, figure.count, figure.median) for figure in pay_figures(rows, 1)] == [("PA", 3, 16.0), ("OH", 2, 20.5)]
