"""The web app against a real store and a real search index, through Flask's test client."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from indexer import store
from indexer.search import rebuild
from foundation.settings import Settings
from indexer.taxonomy import load_taxonomy
from tests.support import folder_settings
from tests.web_support import indexed_board, seed_postings
from webapp import create_app
from indexer.wording import (
    category_label, checked_in_words, day_in_words, distance_in_words, employment_type_in_words, pay_in_words,
    place_in_words, posted_in_words, setting_label, state_name,
)
from webapp.postings.content import apply_link, safe_description
from indexer.search.params import parse_query, query_args

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
AGENCY = store.SourceRecord(id="agency", platform="jsonld", url="https://agency.example/careers/",
                            employer="Miami Valley Recovery")
HOSTILE_DESCRIPTION = (
    '<h2>What you will do</h2><p onclick="steal()">Walk alongside people in recovery.</p>'
    '<script>alert("x")</script><img src="x" onerror="alert(1)">'
    '<ul><li>Share your story</li></ul><a href="javascript:alert(2)">Click</a>'
    '<a href="https://agency.example/benefits">Benefits</a><iframe src="https://evil.example/"></iframe>'
)


def fields(**overrides):
    base = dict(
        url="https://agency.example/careers/1/", apply_url="https://agency.example/careers/1/apply",
        title="Peer Support Specialist", employer="Miami Valley Recovery",
        description_html="<p>Help people in recovery.</p>", description_text="Help people in recovery.",
        city="Dayton", state="OH", postal_code="45409", latitude=39.71, longitude=-84.19, remote=False,
        employment_type="PART_TIME", pay_min=18.5, pay_max=21.0, pay_unit="HOUR",
        pay_hourly_min=18.5, pay_hourly_max=21.0, date_posted=date.today() - timedelta(days=3),
        category="peer_specialist", is_peer=True,
    )
    base.update(overrides)
    return base


def seed(session) -> dict[str, int]:
    """A small board: a Dayton job, a far one, a hostile one, a closed one, and enough to page."""
    postings = {
        "dayton": fields(),
        "far": fields(title="Peer Recovery Coach Cleveland", city="Cleveland", state="OH", postal_code="44114",
                      latitude=41.50, longitude=-81.69, category="peer_recovery_coach",
                      url="https://agency.example/c/"),
        "hostile": fields(title="Peer Advocate", description_html=HOSTILE_DESCRIPTION, category="peer_advocate"),
        "js_apply": fields(title="Peer Bridger", apply_url="javascript:alert(document.cookie)",
                           category="peer_bridger"),
        "closed": fields(title="Peer Mentor"),
        **{f"more-{n}": fields(title=f"Peer Specialist {n}", url=f"https://agency.example/careers/more-{n}/")
           for n in range(24)},
    }
    return seed_postings(session, AGENCY, postings, closed=["closed"])


@pytest.fixture(scope="module")
def board_settings(tmp_path_factory) -> Settings:
    """One board per module: the page tests only read it."""
    return folder_settings(tmp_path_factory.mktemp("webapp-board"))


@pytest.fixture(scope="module")
def board(board_settings):
    """A migrated store with the sample board, and its search index built."""
    return indexed_board(board_settings, seed)


@pytest.fixture(scope="module")
def app(board_settings, board):
    return create_app(board_settings, TESTING=True)


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


# Pages ------------------------------------------------------------------------------------------

def test_home_has_a_labelled_what_box_where_box_and_one_button(client):
    html = page(client, "/")
    assert re.search(r'<label for="q">What</label>', html)
    assert re.search(r'<label for="where">Where</label>', html)
    assert re.search(r'<label for="radius">[^<]+</label>', html)
    assert 'name="q"' in html and 'placeholder="peer specialist, recovery coach"' in html
    assert 'name="where"' in html and 'placeholder="City and state, or ZIP"' in html
    assert re.findall(r'<option value="(\d+)"', html) == ["5", "10", "25", "50", "100"]
    assert '<option value="25" selected>' in html
    assert html.count("<button") == 1 and ">Search</button>" in html
    assert '<html lang="en">' in html and 'href="#main"' in html and '<main id="main"' in html
    assert "It keeps no record of your searches." in html


def test_search_near_dayton_finds_the_dayton_job_and_not_the_far_one(client):
    html = page(client, "/jobs?q=peer&where=Dayton,+OH")
    assert "Peer Support Specialist" in html
    assert "Cleveland" not in html
    assert re.search(r"<h1[^>]*>\d+ peer jobs near Dayton, OH within 25 miles</h1>", html)
    assert 'value="peer"' in html and 'value="Dayton, OH"' in html


def test_a_card_shows_pay_distance_date_hours_and_role(client, board):
    html = page(client, "/jobs?q=support&where=Dayton,+OH")
    card = next(c for c in html.split('<li class="card">') if f'href="/jobs/{board["dayton"]}?back=' in c)
    assert "$18.50–$21.00 an hour" in card
    assert re.search(r"(\d+ miles?|Less than a mile) away", card)
    assert "Posted 3 days ago" in card
    assert "Part-time" in card and "Peer specialist" in card
    assert "Miami Valley Recovery" in card


def test_posting_page_shows_sanitized_description_and_a_safe_apply_link(client, board):
    html = page(client, f"/jobs/{board['hostile']}").replace('<script type="application/ld+json">', "", 1)
    assert "Walk alongside people in recovery." in html and "Share your story" in html
    for hostile in ("<script", "alert", "onclick", "onerror", "<img", "<iframe", "javascript:", "evil.example"):
        assert hostile not in html
    assert '<a href="https://agency.example/benefits" rel="nofollow noopener noreferrer">' in html
    assert "<h3>What you will do</h3>" in html  # below the page's own h1 and h2
    apply = re.findall(r'<a class="button" href="([^"]+)" rel="noopener noreferrer">Apply on the employer', html)
    assert apply and set(apply) == {"https://agency.example/careers/1/apply"}
    assert "target=" not in html


def test_a_javascript_apply_url_never_becomes_a_link(client, board):
    html = page(client, f"/jobs/{board['js_apply']}")
    assert "Peer Bridger" in html
    assert "Apply on the employer" not in html and "javascript:" not in html


def test_a_closed_posting_says_so_calmly_and_offers_no_apply_link(client, board):
    html = page(client, f"/jobs/{board['closed']}")
    assert "This job is no longer accepting applications. We last saw it open on" in html
    assert "Apply on the employer" not in html


def test_posting_facts_box(client, board):
    html = page(client, f"/jobs/{board['dayton']}")
    facts = html.split('<dl class="factbox">', 1)[1].split("</dl>", 1)[0]
    for words in ("Dayton, OH", "$18.50–$21.00 an hour", "Part-time", "Peer specialist",
                  "<dt>Posted</dt><dd>3 days ago; seen open today</dd>", "<dt>Hours</dt><dd>Part-time"):
        assert words in facts


@pytest.mark.parametrize("url", ["/jobs/999999", "/jobs/99999999999999999999", "/jobs/abc", "/nowhere"])
def test_unknown_pages_answer_404_in_plain_words(client, url):
    html = page(client, url, 404)
    assert "We could not find that page" in html and 'href="/"' in html


@pytest.mark.parametrize("query", [
    "radius=abc", "radius=-5", "radius=1e9", "page=-4", "page=99999", "page=1.5", "page=%EF%BC%92",
    "q=" + "peer%20" * 1500, "where=%00", "where=%FF%FE", "q=%00%01peer", "category=%3Cscript%3E",
    "category=peer_specialist&category=nope&category=", "where=" + "9" * 5000, "q=AND+OR+NOT+(", "q=*",
    "q=title:peer", "where=Nowhere,+ZZ",
])
def test_bad_parameters_answer_200_not_500(client, query):
    html = page(client, "/jobs?" + query)
    assert "<h1" in html


def test_long_words_are_capped_before_they_reach_the_page(client):
    html = page(client, "/jobs?q=" + "x" * 10_000)
    assert "x" * 201 not in html


def test_a_state_search_says_in_the_state_and_offers_no_radius(client):
    html = page(client, "/jobs?q=peer&where=Ohio")
    assert re.search(r"<h1[^>]*>\d+ peer jobs in Ohio</h1>", html)
    assert "within" not in html.split("<h1", 1)[1].split("</h1>", 1)[0]


def test_a_place_we_cannot_find_is_said_plainly(client):
    html = page(client, "/jobs?q=peer&where=Nowhere+Town,+ZZ")
    assert '<p class="notice" role="status">' in html and "Nowhere Town" in html


def test_before_the_index_is_built_the_pages_still_answer(sqlite_settings):
    client = create_app(sqlite_settings, TESTING=True).test_client()
    for url in ("/", "/roles/", "/roles/peer_bridger", "/pay", "/jobs.atom?q=peer", "/sitemap.xml", "/robots.txt"):
        assert client.get(url).status_code == 200, url
    html = page(client, "/jobs?q=peer")
    assert "No jobs" in html and '<p class="notice" role="status">' in html


def test_paging_links_keep_the_search(client):
    first = page(client, "/jobs?q=peer&where=Dayton,+OH")
    next_href = re.search(r'<a rel="next" href="([^"]+)">Next</a>', first).group(1).replace("&amp;", "&")
    assert "q=peer" in next_href and "where=Dayton,+OH" in next_href and "page=2" in next_href
    assert 'rel="prev"' not in first
    second = page(client, next_href)
    prev_href = re.search(r'<a rel="prev" href="([^"]+)">Previous</a>', second).group(1).replace("&amp;", "&")
    assert "q=peer" in prev_href and "where=Dayton,+OH" in prev_href and "page=" not in prev_href


def test_a_page_past_the_end_points_back_to_the_first(client):
    html = page(client, "/jobs?q=peer&where=Dayton,+OH&page=400")
    assert "There are no more jobs after page 2." in html
    assert 'href="/jobs?q=peer&amp;where=Dayton,+OH">Go to the first page' in html


def test_an_empty_search_offers_a_wider_radius_and_all_jobs(client):
    html = page(client, "/jobs?q=zebra&where=Dayton,+OH")
    assert "No jobs near Dayton, OH" in html and "A few things to try" in html
    assert 'href="/jobs?q=zebra&amp;where=Dayton,+OH&amp;radius=50">Search within 50 miles' in html
    assert 'href="/jobs">See all jobs' in html


def test_every_response_carries_the_security_headers_and_no_cookie(board_settings, board):
    app = create_app(board_settings)
    app.add_url_rule("/boom", "boom", lambda: 1 / 0)
    client = app.test_client()
    urls = ["/", "/jobs", "/jobs?q=peer&where=45402", f"/jobs/{board['dayton']}",
            f"/jobs/{board['closed']}", "/jobs/424242", "/static/style.css", "/boom"]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404, 500)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, (url, name)
        assert "Set-Cookie" not in response.headers, url
    assert "Something went wrong on our side" in client.get("/boom").get_data(as_text=True)


def test_pages_load_nothing_from_elsewhere_and_need_no_script(client, board):
    """The one script element is JSON-LD: data for search engines, never run by the browser."""
    for url in ("/", "/jobs?q=peer", f"/jobs/{board['hostile']}", "/roles/", "/pay"):
        html = page(client, url)
        assert re.findall(r"<script[^>]*>", html) in ([], ['<script type="application/ld+json">'])
        assert "style=" not in html and "src=" not in html
        loaded = re.findall(r'<link rel="(?:stylesheet|icon|preload)"[^>]*href="([^"]*)"', html)
        assert loaded == ["/static/style.css", "/static/favicon.svg"], url


@pytest.mark.parametrize("query", ["q=peer&where=Dayton,+OH", "per_page=50"])
def test_results_page_with_its_stylesheet_is_small(client, query):
    html = client.get("/jobs?" + query).get_data()
    css = client.get("/static/style.css").get_data()
    assert len(css) < 12 * 1024  # the page and its stylesheet stay far under 60 KB
    assert len(html) + len(css) < 60 * 1024


def test_a_posting_page_offers_up_to_four_similar_jobs_not_itself(client, board):
    html = page(client, f"/jobs/{board['dayton']}")
    similar = html.split('<h2 id="similar">', 1)[1].split("</section>", 1)[0]
    shown = re.findall(r'<a href="/jobs/(\d+)">', similar)
    assert len(shown) == 4 and str(board["dayton"]) not in shown


def test_posting_page_on_each_database(settings, session):
    """The one view that reads the store directly, on SQLite and on PostgreSQL."""
    ids = seed(session)
    engine = session.get_bind()
    rebuild(engine, settings.index_dir)
    html = page(create_app(settings, TESTING=True).test_client(), f"/jobs/{ids['dayton']}")
    assert "Peer Support Specialist" in html and "Apply on the employer" in html


# Pure parts -------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    ({}, dict(q="", where="", radius=25, page=1, category=())),
    ({"q": "  peer   specialist ", "where": "Dayton, OH"}, dict(q="peer specialist", where="Dayton, OH")),
    ({"radius": "abc", "page": "-4"}, dict(radius=25, page=1)),
    ({"radius": "30", "page": "3"}, dict(radius=25, page=3)),
    ({"radius": "1000000", "page": "99999"}, dict(radius=100, page=500)),
    ({"radius": "", "page": ""}, dict(radius=25, page=1)),
    ({"where": "\x00\x00"}, dict(where="")),
    ({"q": "x" * 10_000}, dict(q="x" * 200)),
    ({"category": ["peer_specialist", "<b>", "peer_specialist", ""]}, dict(category=("peer_specialist",))),
])
def test_parse_query_never_raises_and_falls_back_to_defaults(args, expected):
    query = parse_query(args)
    for name, value in expected.items():
        assert getattr(query, name) == value, name


def test_query_args_leave_defaults_out():
    assert query_args(parse_query({"q": "peer", "radius": "25"}), page=2) == {"q": "peer", "page": 2}


@pytest.mark.parametrize("low, high, unit, words", [
    (18.5, 21, "HOUR", "$18.50–$21.00 an hour"),
    (18.5, None, "HOUR", "From $18.50 an hour"),
    (None, 21, "HOUR", "Up to $21.00 an hour"),
    (20, 20, "HOUR", "$20.00 an hour"),
    (42000, 50000, "YEAR", "$42,000–$50,000 a year"),
    (1600, 1900, "BIWEEK", "$1,600–$1,900 every two weeks"),
    (None, None, "HOUR", ""),
    (18, 20, None, ""),
])
def test_pay_in_words(low, high, unit, words):
    assert pay_in_words(low, high, unit) == words


def test_every_pay_unit_the_parsers_store_has_words():
    from indexer.parsers.pay_units import HOURS_PER
    assert all(pay_in_words(10, 12, unit) for unit in HOURS_PER)


@pytest.mark.parametrize("days, words", [
    (0, "Posted today"), (-2, "Posted today"), (1, "Posted yesterday"), (3, "Posted 3 days ago"),
    (20, "Posted 2 weeks ago"), (90, "Posted on August 3, 2026"),
])
def test_posted_in_words(days, words):
    today = date(2026, 11, 1)
    assert posted_in_words(today - timedelta(days=days), today=today) == words


def test_small_words():
    assert employment_type_in_words("PART_TIME") == "Part-time"
    assert employment_type_in_words("OTHER") == "" and employment_type_in_words(None) == ""
    assert category_label("peer_recovery_coach", load_taxonomy()) == "Recovery coach"
    assert category_label("peer_something_new", load_taxonomy()) == "Peer something new"
    assert category_label("peer_recovery_coach") == "Peer recovery coach" and category_label(None) == ""
    assert distance_in_words(4.2) == "4 miles away" and distance_in_words(0.4) == "Less than a mile away"
    assert distance_in_words(1.2) == "1 mile away" and distance_in_words(None) == ""
    assert place_in_words("Dayton", "OH") == "Dayton, OH" and place_in_words(None, None, True) == "Remote"
    assert place_in_words(None, "OH", True) == "Remote, for people in Ohio"
    assert place_in_words("Dayton", "OH", True) == "Dayton, OH, or remote"
    today = date(2026, 11, 1)
    assert checked_in_words(datetime(2026, 10, 30, 23, 59), today) == "Checked open 2 days ago"
    assert checked_in_words(datetime(2026, 3, 3), today) == "Checked open on March 3, 2026"
    assert checked_in_words(None) == "" and day_in_words(date(2026, 3, 3)) == "March 3, 2026"
    assert setting_label("act_team", load_taxonomy()) == "ACT team" and state_name("OH") == "Ohio"


def test_apply_link_and_description_rules():
    assert apply_link("javascript:alert(1)", "https://a.example/") is None
    assert apply_link(None, "https://a.example/job") == "https://a.example/job"
    assert apply_link("//evil.example/", None) is None and apply_link("/apply", None) is None
    assert str(safe_description('<a href="/relative">x</a><p style="color:red">y</p>')) == '<a rel="nofollow noopener noreferrer">x</a><p>y</p>'
