"""The search engine's notices in the page's language: in English the engine's own words, in
Spanish the same notice said from the same results (webapp.i18n.notices)."""
from __future__ import annotations

import html

import pytest

from indexer.search import NOT_READY
from indexer.search.params import parse_query
from indexer.search.query import SearchResults
from tests.support import folder_settings
from tests.test_webapp import AGENCY, fields, page
from tests.web_support import indexed_board, seed_postings
from webapp import create_app
from webapp.i18n.notices import notice_words
from webapp.search_index import get_index
from webapp.widget.language import speak


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    settings = folder_settings(tmp_path_factory.mktemp("i18n-notices"))
    indexed_board(settings, lambda session: seed_postings(session, AGENCY, {"dayton": fields()}))
    return create_app(settings, TESTING=True)


SEARCHES = [
    ({"where": "Zzyzx Nowhere"}, "No encontramos el lugar “Zzyzx Nowhere”. Le mostramos empleos de todas partes."),
    ({"where": "Wyoming"}, "No encontramos empleos en Wyoming."),
    ({"where": "Cheyenne, WY", "radius": "25"},
     "No encontramos empleos a 25 millas o menos de Cheyenne, WY. Pruebe con una distancia mayor."),
    ({"where": "Cheyenne, WY", "radius": "100"}, "No encontramos empleos a 100 millas o menos de Cheyenne, WY."),
]


@pytest.mark.parametrize("args, spanish", SEARCHES)
def test_each_notice_is_the_engines_in_english_and_said_again_in_spanish(app, args, spanish):
    with app.test_request_context("/jobs"):
        results = get_index().search(parse_query(args))
        assert results.notice and notice_words(results) == results.notice
    with app.test_request_context("/es/jobs"):
        speak("es")
        assert notice_words(results) == spanish


@pytest.mark.parametrize("args, spanish", SEARCHES[:2])
def test_the_spanish_results_page_shows_the_notice_in_spanish(app, args, spanish):
    query = "&".join(f"{name}={value}" for name, value in args.items())
    assert spanish in html.unescape(page(app.test_client(), f"/es/jobs?{query}"))


def test_search_not_ready_in_both_languages(app):
    results = SearchResults(parse_query({}), 0, [], 1, 0, None, NOT_READY)
    with app.test_request_context("/jobs"):
        assert notice_words(results) == NOT_READY
    with app.test_request_context("/es/jobs"):
        speak("es")
        assert notice_words(results) == "La búsqueda todavía no está lista: aún no se ha creado el índice de empleos."
        assert notice_words(SearchResults(parse_query({}), 0, [], 1, 0, None, None)) is None

