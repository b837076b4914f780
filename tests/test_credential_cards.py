"""Credential cards and the per-state credential lists: table tests over a small lexicon."""
from __future__ import annotations

import pytest

from indexer.taxonomy.credential_cards import ICRC_WORDS, credential_cards, time_to_earn
from indexer.taxonomy.credential_states import (
    medicaid_in_words, roles_in_words, search_words, state_credentials, states_with_credentials, status_in_words,
)
from indexer.taxonomy.credentials import lexicon_from, load_credentials


def entry(ident, state, abbreviations, **extra):
    return {"id": ident, "state": state, "name": extra.pop("name", f"Name of {ident}"),
            "abbreviations": abbreviations, "roles": extra.pop("roles", ["adult"]),
            "source": f"https://{ident}.example/", "issuer": f"Board of {ident}", **extra}


LEXICON = lexicon_from({
    "ambiguous_abbreviations": [{"abbreviation": "CPS"}],
    "credentials": [
        entry("pa_cps", "PA", ["CPS", "Certified Peer Specialist"], reciprocity=["IC&RC reciprocity"],
              time_to_certify="12 months", medicaid_billing=True),
        entry("pa_crs", "PA", ["CRS"], roles=["recovery"]),
        entry("oh_cps", "OH", ["CPS", "OhioCPS"], time_to_certify="6 months", status="legacy"),
        entry("or_pss", "OR", ["PSS", "THW"], reciprocity=["wa_cpc", "gone_id"], name="Peer Support Specialist"),
        entry("or_pws", "OR", ["PWS", "THW"]),
        entry("wa_cpc", "WA", ["CPC"], name="Certified Peer Counselor", reciprocity=[]),
        entry("us_ncps", "US", ["NCPS"], name="National Certified Peer Specialist", medicaid_billing=False),
        entry("usva_pss", "US", ["VA PSS"], agency="va", roles=["veteran"]),
    ],
})

CARDS = [
    # (facet, posting state) -> [(id, where, earn after hire, time, reciprocity, icrc, accepts none, check)]
    ({"status": "obtain", "names": ["CPS"], "months": 6}, "PA",
     [("pa_cps", "Pennsylvania", True, "within 6 months, the posting says", (), True, False, False)]),
    ({"status": "obtain", "names": ["CPS"], "months": None}, "PA",
     [("pa_cps", "Pennsylvania", True, "usually 12 months", (), True, False, False)]),
    ({"status": "required", "names": ["CPS"], "months": 6}, "OH",  # months only count for "obtain"
     [("oh_cps", "Ohio", False, "usually 6 months", (), False, False, True)]),
    ({"status": "preferred", "names": ["CRS"], "months": None}, "PA",
     [("pa_crs", "Pennsylvania", False, "not stated", (), False, False, True)]),
    ({"status": "required", "names": ["PSS"], "months": None}, "or",
     [("or_pss", "Oregon", False, "not stated", ("Certified Peer Counselor (Washington)",), False, False, False)]),
    ({"status": "required", "names": ["CPC"], "months": None}, "WA",
     [("wa_cpc", "Washington", False, "not stated", (), False, True, False)]),
    ({"status": "required", "names": ["NCPS", "CPS"], "months": None}, "PA",  # the state's first
     [("pa_cps", "Pennsylvania", False, "usually 12 months", (), True, False, False),
      ("us_ncps", "National", False, "not stated", (), False, False, True)]),
    ({"status": "required", "names": ["VA PSS"], "months": None}, None,
     [("usva_pss", "U.S. Department of Veterans Affairs", False, "not stated", (), False, False, True)]),
]


@pytest.mark.parametrize("facet, state, expected", CARDS)
def test_cards_say_what_the_posting_and_the_lexicon_know(facet, state, expected):
    cards = credential_cards(facet, state, LEXICON)
    assert [(c.credential_id, c.where, c.earn_after_hire, c.time_to_earn, c.reciprocity, c.icrc, c.accepts_none,
             c.check_with_board) for c in cards] == expected


@pytest.mark.parametrize("facet, state", [
    (None, "PA"), ({}, "PA"), ({"status": "none", "names": []}, "PA"),
    ({"status": "required", "names": ["CPS"]}, None),      # no state: one abbreviation, many states
    ({"status": "required", "names": ["CPS"]}, "TX"),      # not this state's credential
    ({"status": "required", "names": ["state", "VA"]}, "PA"),
])
def test_no_card_where_no_credential_is_known(facet, state):
    assert credential_cards(facet, state, LEXICON) == ()


def test_cards_stop_at_the_limit_and_keep_the_abbreviation_the_posting_used():
    cards = credential_cards({"status": "required", "names": ["THW", "CPC", "NCPS"]}, "OR", LEXICON, limit=2)
    assert [(c.credential_id, c.abbreviation) for c in cards] == [("or_pss", "THW"), ("or_pws", "THW")]
    assert credential_cards({"names": ["CPS"]}, "PA", None) == ()


def test_icrc_is_explained_in_plain_words():
    card = credential_cards({"status": "required", "names": ["CPS"]}, "PA", LEXICON)[0]
    assert card.icrc_note == ICRC_WORDS and "International Certification & Reciprocity Consortium" in ICRC_WORDS
    other = credential_cards({"status": "required", "names": ["CRS"]}, "PA", LEXICON)[0]
    assert other.icrc_note == "" and other.source == "https://pa_crs.example/"


@pytest.mark.parametrize("months, expected", [
    (1, "within 1 month, the posting says"), (18, "within 18 months, the posting says"),
    (None, "usually 12 months"), (0, "usually 12 months"), (True, "usually 12 months"), ("6", "usually 12 months"),
])
def test_time_to_earn_prefers_the_posting(months, expected):
    assert time_to_earn(months, LEXICON.credentials[0]) == expected
    assert time_to_earn(None, LEXICON.credentials[1]) == "not stated"


def test_states_are_listed_by_name_with_their_counts_and_without_national_entries():
    assert [(s.code, s.name, s.count) for s in states_with_credentials(LEXICON)] == [
        ("OH", "Ohio", 1), ("OR", "Oregon", 2), ("PA", "Pennsylvania", 2), ("WA", "Washington", 1)]


@pytest.mark.parametrize("code, expected", [
    ("pa", ["pa_cps", "pa_crs"]), ("OR", ["or_pss", "or_pws"]), ("us", []), ("zz", []), ("", []),
])
def test_a_state_lists_its_own_credentials(code, expected):
    assert [c.id for c in state_credentials(LEXICON, code)] == expected


@pytest.mark.parametrize("ident, status", [("oh_cps", "No longer issued, or being replaced"), ("pa_cps", "")])
def test_a_credential_that_is_not_simply_active_says_so(ident, status):
    assert status_in_words(next(c for c in LEXICON.credentials if c.id == ident)) == status


@pytest.mark.parametrize("ident, roles, medicaid, words", [
    ("pa_cps", "peer support for adults (mental health)", "Yes", "CPS"),  # ambiguous, but the only short form
    ("pa_crs", "recovery support (substance use)", "not stated", "CRS"),
    ("oh_cps", "peer support for adults (mental health)", "not stated", "CPS"),
    ("us_ncps", "peer support for adults (mental health)", "No", "NCPS"),
    ("usva_pss", "peer support for veterans", "not stated", "Name of usva_pss"),  # no short form
])
def test_state_page_words(ident, roles, medicaid, words):
    credential = next(c for c in LEXICON.credentials if c.id == ident)
    assert roles_in_words(credential) == roles
    assert medicaid_in_words(credential).startswith(medicaid)
    assert search_words(credential, LEXICON) == words


def test_the_shipped_lexicon_gives_every_state_and_dc_and_reciprocity_names_that_exist():
    lexicon = load_credentials()
    codes = {state.code for state in states_with_credentials(lexicon)}
    assert len(codes) == 51 and "DC" in codes and "US" not in codes
    card = credential_cards({"status": "required", "names": ["PSS"]}, "OR", lexicon)[0]
    assert card.credential_id == "or_pss" and len(card.reciprocity) == 4
    assert all("(Washington)" in name or "(Idaho)" in name for name in card.reciprocity)
