"""Facts from config/ in Spanish: every role has its Spanish `about_es` beside the English (so no
role page falls back), a Spanish role page shows it, and a field whose Spanish is missing shows
the English marked lang="en" and "(en inglés)" instead of passing for Spanish."""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import replace

import pytest
from babel.messages.pofile import read_po

from indexer.taxonomy import load_taxonomy
from indexer.taxonomy.vocabulary import ABOUT_KEYS
from tests.support import folder_settings
from tests.test_i18n_catalog import SPANISH
from tests.test_webapp import page
from webapp import create_app

TAXONOMY = load_taxonomy()


@pytest.mark.parametrize("category", TAXONOMY.categories, ids=lambda category: category.id)
def test_every_role_has_its_spanish_beside_the_english(category):
    assert sorted(category.about_es) == sorted(ABOUT_KEYS)
    for key in ABOUT_KEYS:
        spanish, english = category.about_es[key], category.about[key]
        assert spanish != english and len(spanish) > 0.7 * len(english), (category.id, key)
    with SPANISH.open("rb") as source:
        catalog = read_po(source, locale="es")
    for message in (category.label, category.description):  # the name and the plain description
        assert catalog.get(message) is not None and catalog.get(message).string, (category.id, message)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return create_app(folder_settings(tmp_path_factory.mktemp("i18n-facts")), TESTING=True).test_client()


def test_a_spanish_role_page_shows_the_roles_spanish_and_no_english_marker(client):
    html = page(client, "/es/roles/peer_specialist")
    specialist = TAXONOMY.category("peer_specialist")
    for key in ABOUT_KEYS:
        assert f"<p>{specialist.about_es[key]}</p>".replace('"', "&#34;") in html
    assert "(en inglés)" not in html and 'lang="en"' not in html.split("<main")[1]
    english = page(client, "/roles/peer_specialist")
    assert f"<p>{specialist.about['what']}</p>" in english and specialist.about_es["what"] not in english


def test_a_missing_spanish_field_falls_back_to_english_marked_as_english(client):
    app = client.application
    taxonomy = app.extensions["peerjobs_taxonomy"]
    coach = taxonomy.category("peer_recovery_coach")
    partial = replace(coach, about_es={key: text for key, text in coach.about_es.items() if key != "where"})
    with app.test_request_context("/es/roles/peer_recovery_coach"):
        from flask import g, render_template
        g.lang = "es"
        html = render_template("role.html", category=partial, total=0)
    assert re.search(r'<p lang="en">' + re.escape(coach.about["where"]) +
                     r' <span class="in-english" lang="es">\(en inglés\)</span></p>', html.replace("&#39;", "'"))
    assert f"<p>{coach.about_es['what']}</p>" in html


def test_every_credential_has_its_spanish_name_beside_the_official_one():
    from indexer.taxonomy.credentials import load_credentials
    credentials = load_credentials().credentials
    assert len(credentials) > 100
    missing = [credential.id for credential in credentials if not credential.name_es]
    assert not missing
    assert all(credential.name_es != credential.name for credential in credentials
               if credential.name.lower() != credential.name_es.lower())


def test_a_spanish_credentials_page_keeps_the_official_name_and_explains_it_in_spanish(client):
    from indexer.taxonomy.credentials import load_credentials
    pennsylvania = [c for c in load_credentials().credentials if c.state == "PA"]
    html = html_lib.unescape(page(client, "/es/credentials/pa"))
    for credential in pennsylvania:
        assert re.search(r'<h2 id="credential-\d+" lang="en">' + re.escape(credential.name) + "</h2>", html)
        assert f'<p class="name-es">En español: {credential.name_es}</p>' in html
    assert "En español:" not in page(client, "/credentials/pa") and 'class="name-es"' not in page(
        client, "/credentials/pa")


def test_a_credentials_rule_texts_are_in_spanish_and_english_words_as_english(client):
    from indexer.taxonomy import credential_states
    english = html_lib.unescape(page(client, "/credentials/pa"))
    spanish = html_lib.unescape(page(client, "/es/credentials/pa"))
    assert credential_states.ROLE_WORDS["adult"] in english and credential_states.MEDICAID_WORDS[True] in english
    assert "<dd>apoyo entre pares para adultos (salud mental)</dd>" in spanish
    assert "Sí: según la fuente, Medicaid la pide para facturar servicios de pares" in spanish
    assert "<dd>no se indica</dd>" in spanish and "not stated" not in spanish


def test_the_rule_texts_are_the_indexers_words_in_english_and_times_are_said_in_spanish(client):
    from dataclasses import replace as changed
    from flask import g
    from indexer.taxonomy import credential_states
    from indexer.taxonomy.credentials import load_credentials
    from webapp.i18n import credential_words
    assert {k: str(v) for k, v in credential_words.ROLE_WORDS.items()} == credential_states.ROLE_WORDS
    assert {k: str(v) for k, v in credential_words.STATUS_WORDS.items()} == credential_states.STATUS_WORDS
    assert {k: str(v) for k, v in credential_words.MEDICAID_WORDS.items()} == credential_states.MEDICAID_WORDS
    some = load_credentials().credentials[0]
    with client.application.test_request_context("/es/credentials/pa"):
        g.lang = "es"
        said = {text: credential_words.time_to_certify_words(changed(some, time_to_certify=text))
                for text in ("12 months", "1 month", "not stated", "12 months after core training")}
    assert {text: (value.text, value.in_english) for text, value in said.items()} == {
        "12 months": ("12 meses", False), "1 month": ("1 mes", False), "not stated": ("no se indica", False),
        "12 months after core training": ("12 months after core training", True)}
