"""Credential cards, the per-state credential pages, "Pay not posted" and the pay page's counts,
through Flask's test client over a SQLite store and a real search index."""
from __future__ import annotations

import re
import pytest

from indexer.taxonomy.credentials import load_credentials
from tests.credentials_support import seed
from tests.support import folder_settings
from tests.web_support import indexed_board
from webapp import create_app

@pytest.fixture(scope="module")
def board(tmp_path_factory):
    settings = folder_settings(tmp_path_factory.mktemp("credentials-board"))
    ids = indexed_board(settings, seed)
    return settings, ids


@pytest.fixture(scope="module")
def client(board):
    return create_app(board[0], TESTING=True).test_client()


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def maryland():
    return [c for c in load_credentials().credentials if c.state == "MD"]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_posting_that_lets_you_earn_a_credential_shows_its_card_before_the_description(client, board):
    html = page(client, f"/jobs/{board[1]['md_no_pay']}")
    card = html[html.index('class="credential-cards"'):html.index("About this job")]
    words = text(card)
    assert "Certified Peer Recovery Specialist (CPRS)" in words
    assert "This job lets you earn it after you are hired: within 12 months, the posting says." in words
    assert "International Certification &amp; Reciprocity Consortium" in card
    assert 'href="/credentials/md"' in card


def test_a_card_with_known_reciprocity_names_the_other_states_credentials(client, board):
    words = text(page(client, f"/jobs/{board[1]['or_pss']}"))
    assert "This job does not say you can earn it after hire. Time allowed: not stated." in words
    assert "(Washington)" in words and "(Idaho)" in words and "Check with the board" not in words


def test_a_card_says_so_when_the_issuer_accepts_no_other_states_credential(client, board):
    html = page(client, f"/jobs/{board[1]['il_crss']}")
    words = text(html[html.index('class="credential-cards"'):html.index("About this job")])
    assert "The issuer accepts no other state’s credential toward it. Check with the board" in words
    assert "Pay not posted" not in html


def test_a_posting_without_credentials_has_no_card(client, board):
    assert "credential-cards" not in page(client, f"/jobs/{board[1]['md_text_pay']}")


def test_pay_not_posted_shows_only_without_pay_in_a_state_whose_law_is_in_effect(client, board):
    html = page(client, f"/jobs/{board[1]['md_no_pay']}")
    box = html[html.index('<dl class="factbox">'):html.index("</dl>")]
    assert "Pay not posted" in box and "Maryland’s law asks many employers to post pay ranges" in box
    assert 'href="https://offitkurman.com/' in box
    for key in ("md_paid", "md_text_pay", "oh_no_pay"):
        assert "Pay not posted" not in page(client, f"/jobs/{board[1][key]}"), key
    assert "$20 an hour" in page(client, f"/jobs/{board[1]['md_text_pay']}")


def test_the_credentials_index_lists_every_state_and_links_each(client):
    html = page(client, "/credentials/")
    links = re.findall(r'href="/credentials/([a-z]{2})"', html)
    assert len(links) == 51 and "pa" in links and "dc" in links and links.index("va") > links.index("vt")
    assert 'href="/credentials/"' in page(client, "/")  # from the footer


def test_a_state_page_lists_its_credentials_with_search_and_role_links(client):
    html = page(client, "/credentials/md")
    words = text(html)
    assert "Peer credentials in Maryland" in words and "Certified Peer Recovery Specialist" in words
    assert re.search(r'href="/jobs\?q=CPRS&amp;state=MD"', html)
    assert 'href="/roles/peer_recovery_coach"' in html
    assert "Time to earn it after hire" in words
    assert words.count("Medicaid billing") == sum(c.medicaid_billing is not None for c in maryland())


def test_a_state_page_says_when_a_credential_is_no_longer_issued(client):
    legacy = [c for c in load_credentials().credentials if c.status == "legacy"][0]
    words = text(page(client, f"/credentials/{legacy.state.lower()}"))
    assert "No longer issued, or being replaced" in words


def test_a_state_search_link_finds_the_jobs_that_name_the_credential(client):
    html = page(client, "/jobs?q=CPRS&state=MD")
    assert "Peer Recovery Specialist" in html and "Portland" not in html


@pytest.mark.parametrize("path, status", [("/credentials/zz", 404), ("/credentials/us", 404),
                                          ("/credentials/pennsylvania", 404), ("/credentials/PA", 301)])
def test_unknown_states_are_not_found_and_capitals_redirect(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    if status == 301:
        assert response.headers["Location"].endswith("/credentials/pa")


def test_the_pay_page_counts_open_peer_jobs_without_pay_per_state_with_a_law(client):
    html = page(client, "/pay")
    table = html[html.index("Open peer-support jobs that post no pay"):]
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', table))
    # Oregon and Ohio have no such law; the closed and the non-peer Maryland jobs are left out
    assert rows == {"Maryland": "3", "Illinois": "1"} and list(rows) == ["Maryland", "Illinois"]
    assert "<td>1 (33%)</td>" in table and "<td>0 (0%)</td>" in table
