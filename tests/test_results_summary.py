"""What the results page says about a search, and the way back to it: pure parts, as tables."""
from __future__ import annotations

from dataclasses import replace

import pytest

from indexer.parsers import geo
from indexer.search import SearchQuery, SearchResults
from webapp.search.advice import coordinates, nearest_town
from webapp.search.back import back_args
from webapp.search.summary import heading, needs_place, place_words, searched_words, without_near_me

DAYTON = geo.Place(39.76, -84.19, "Dayton", "OH", None, "city", "Dayton, OH")
ZIP = geo.Place(39.76, -84.19, "Dayton", "OH", "45402", "zip", "45402")
OHIO = geo.Place(40.4, -82.9, None, "OH", None, "state", "Ohio")


def results(total=12, place=None, **query) -> SearchResults:
    return SearchResults(SearchQuery(**query), total, [], 1, 1, place, None)


def label(category: str) -> str:
    return {"peer_recovery_coach": "Recovery coach", "va_peer": "VA peer support"}[category]


@pytest.mark.parametrize("query, words", [
    (dict(q="recovery coach"), "recovery coach"),
    (dict(q="cps jobs"), "cps"),
    (dict(q="peer  specialist positions"), "peer specialist"),
    (dict(q="recovery coach near me"), "recovery coach"),
    (dict(category=("peer_recovery_coach",)), "recovery coach"),
    (dict(category=("va_peer",)), "VA peer support"),
    (dict(category=("va_peer", "peer_recovery_coach")), ""),
    (dict(), ""),
])
def test_the_words_a_heading_echoes(query, words):
    assert searched_words(SearchQuery(**query), results(), label) == words


@pytest.mark.parametrize("q, where, place, words", [
    ("cps jobs near dayton", "", DAYTON, "cps"), ("peer support in dayton oh", "", DAYTON, "peer support"),
    ("peer near dayton", "Dayton, OH", DAYTON, "peer near dayton"), ("peer near dayton", "", None, "peer near dayton"),
])
def test_a_place_read_from_the_words_is_not_echoed_twice(q, where, place, words):
    query = SearchQuery(q=q, where=where)
    assert searched_words(query, SearchResults(query, 3, [], 1, 1, place, None), label) == words


def test_corrected_words_are_echoed_when_the_engine_gives_them():
    found = replace(SearchResults(SearchQuery(q="peer specalist"), 3, [], 1, 1, None, None), corrected="peer specialist")
    assert searched_words(found.query, found, label) == "peer specialist"


@pytest.mark.parametrize("found, words, expected", [
    (results(12, DAYTON), "recovery coach", "12 recovery coach jobs near Dayton, OH within 25 miles"),
    (results(1, DAYTON, radius=50), "peer", "1 peer job near Dayton, OH within 50 miles"),
    (results(3, ZIP), "cps", "3 cps jobs near Dayton, OH 45402 within 25 miles"),
    (results(1234, OHIO), "", "1,234 jobs in Ohio"),
    (results(0, DAYTON), "zebra", "No jobs near Dayton, OH within 25 miles"),
    (results(2), "peer", "2 peer jobs"),
])
def test_the_heading(found, words, expected):
    assert heading(found, words) == expected


def test_a_zip_is_named_with_its_town():
    assert place_words(geo.parse_where("45402")) == "Dayton, OH 45402"
    assert place_words(DAYTON) == "Dayton, OH"


@pytest.mark.parametrize("q, place, asks", [
    ("peer jobs near me", None, True), ("recovery coach nearby", None, True), ("Near Me", None, True),
    ("peer jobs near me", DAYTON, False), ("peer", None, False), ("meadow", None, False),
])
def test_near_me_without_a_place_asks_for_one(q, place, asks):
    assert needs_place(SearchQuery(q=q), results(place=place, q=q)) is asks


@pytest.mark.parametrize("value, args", [
    ("/jobs?q=peer&where=Dayton,+OH", {"q": "peer", "where": "Dayton, OH"}),
    ("/jobs?q=peer&category=peer_specialist&category=peer_bridger&page=2",
     {"q": "peer", "category": ["peer_specialist", "peer_bridger"], "page": 2}),
    ("/jobs", {}),
    ("/jobs?radius=25&bogus=<script>", {}),
    ("https://evil.example/jobs?q=peer", None), ("//evil.example/jobs", None), ("/\\evil.example/jobs", None),
    ("/jobs/../admin", None), ("/admin", None), ("/jobs.atom?q=peer", None), ("javascript:alert(1)", None),
    ("jobs?q=peer", None), ("", None), (None, None), ("/jobs?q=" + "x" * 3000, None),
    ("/es/jobs?q=especialista+de+pares&employment_type=PART_TIME",
     {"q": "especialista de pares", "employment_type": ["PART_TIME"]}),
    ("/es/jobs", {}), ("/fr/jobs?q=peer", None), ("/es/admin", None), ("//evil.example/es/jobs", None),
])
def test_back_takes_only_a_results_address_of_this_site(value, args):
    assert back_args(value) == args


@pytest.mark.parametrize("lat, lon, expected", [
    ("39.76", "-84.19", (39.76, -84.19)), ("40", "-83", (40.0, -83.0)),
    ("91", "0", None), ("39.7", "", None), ("abc", "1", None), (None, None, None), ("1e3", "2", None),
])
def test_coordinates_from_the_location_button(lat, lon, expected):
    assert coordinates(lat, lon) == expected


def test_the_nearest_town_to_a_shared_location():
    assert nearest_town(39.76, -84.19) == "Dayton, OH"
    assert nearest_town(48.85, 2.35) is None  # Paris: no US town within reach


@pytest.mark.parametrize("q, words", [("peer jobs near me", "peer jobs"), ("near me peer", "peer"),
                                      ("recovery coach nearby", "recovery coach"), ("peer", "peer")])
def test_near_me_words_give_way_to_a_place(q, words):
    assert without_near_me(q) == words
