"""One posting reads the same wherever it is listed: the results page, its own page, the API,
the widget, the Atom feed and a digest email all show the card's place and the pay rule's words."""
from __future__ import annotations

import html
from datetime import datetime

import pytest

from alerts import emails
from indexer.cards import posting_card
from indexer.search import SearchIndex, SearchQuery
from indexer.store import db, deliveries
from tests.support import folder_settings
from tests.test_webapp import AGENCY, fields
from tests.web_support import indexed_board, seed_postings
from webapp import create_app
from webapp.widget.documents import job_json
from indexer.networks import Network

POSTINGS = {
    "yearly": fields(title="Peer Specialist Yearly", city=None, postal_code=None, latitude=None, longitude=None,
                     state="CO", remote=True, remote_area="CO", pay_min=41000.0, pay_max=46000.0,
                     pay_unit="YEAR", pay_hourly_min=19.71, pay_hourly_max=22.12, pay_annual_min=41000.0,
                     pay_annual_max=46000.0, url="https://agency.example/careers/yearly/"),
    "words": fields(title="Peer Specialist Words", pay_min=None, pay_max=None, pay_unit=None, pay_text="DOE",
                    pay_hourly_min=None, pay_hourly_max=None, url="https://agency.example/careers/words/"),
    "hourly": fields(title="Peer Specialist Hourly", url="https://agency.example/careers/hourly/"),
}
SHOWN = {  # key -> (place, pay, yearly)
    "yearly": ("Remote, for people in Colorado", "$19.71–$22.12 an hour", "$41,000–$46,000 a year"),
    "words": ("Dayton, OH", "DOE", ""),
    "hourly": ("Dayton, OH", "$18.50–$21.00 an hour", ""),
}


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    settings = folder_settings(tmp_path_factory.mktemp("cards"))
    ids = indexed_board(settings, lambda session: seed_postings(session, AGENCY, POSTINGS))
    return settings, ids


@pytest.fixture(scope="module")
def client(board):
    return create_app(board[0], TESTING=True).test_client()


def text_of(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("key", sorted(SHOWN))
def test_the_results_page_and_the_posting_page_show_the_same_card(board, client, key):
    place, pay, yearly = SHOWN[key]
    results = text_of(client.get("/jobs?q=" + POSTINGS[key]["title"].replace(" ", "+")))
    posting = text_of(client.get(f"/jobs/{board[1][key]}"))
    for page in (results, posting):
        assert place in page and pay in page and (not yearly or yearly in page)


def test_the_api_widget_and_feed_carry_the_same_words(board, client):
    hits = {job["id"]: job for job in client.get("/api/v1/jobs?q=peer+specialist&per_page=10").get_json()["jobs"]}
    feed = text_of(client.get("/jobs.atom?q=peer+specialist"))
    for key, (place, pay, _) in SHOWN.items():
        posting_id = board[1][key]
        assert (hits[posting_id]["place"], hits[posting_id]["pay"]) == (place, pay)
        assert client.get(f"/api/v1/jobs/{posting_id}").get_json()["pay"]["shown"] == pay
        assert f"{place} · {pay}" in feed
    index = SearchIndex(board[0].index_dir)
    network = Network(id="cards", name="Cards", origins=())
    with client.application.test_request_context():
        for hit in index.search(SearchQuery(q="peer specialist")).hits:
            key = next(key for key, value in board[1].items() if value == hit.id)
            assert (job_json(network, hit)["place"], job_json(network, hit)["pay"]) == SHOWN[key][:2]


def test_a_digest_shows_the_same_card(board):
    settings, ids = board
    engine = db.make_engine(settings.database_url)
    try:
        with db.session_factory(engine)() as session:
            rows = deliveries.digest_postings(session, ids.values())
    finally:
        engine.dispose()
    cards = [posting_card(rows[ids[key]]) for key in sorted(SHOWN)]
    item = deliveries.OutboxItem(1, "<m@jobs.example>", tuple(card.id for card in cards), 0, 0,
                                 datetime(2026, 12, 1), 3, "sam@example.org", {"q": "peer"}, "weekly", None, "n0nce")
    message = emails.compose(settings, item, cards)
    text = message.get_body(("plain",)).get_content()
    for key in sorted(SHOWN):
        assert SHOWN[key][0] in text and SHOWN[key][1] in text
