"""The credential lexicon loader: YAML in, frozen typed entries out, looked up by spelling and state."""
from __future__ import annotations

import dataclasses

import pytest
import yaml

from indexer.taxonomy.credentials import CredentialsError, lexicon_from, load_credentials, months_in, spelling_key

DATA = {
    "ambiguous_abbreviations": [{"abbreviation": "CPS", "other_meanings": ["Child Protective Services"]}],
    "shared_abbreviations": [{"abbreviation": "THW", "state": "OR", "ids": ["or_pss", "or_fss"]}],
    "credentials": [
        {"id": "fl_crps_a", "state": "FL", "name": "Certified Recovery Peer Specialist - Adult",
         "abbreviations": ["CRPS-A"], "issuer": "Florida Certification Board", "roles": ["adult", "recovery"],
         "medicaid_billing": "not stated", "time_to_certify": "12 months", "source": "https://example.org/fl",
         "confirmed": True},
        {"id": "ga_cps", "state": "GA", "name": "Certified Peer Specialist", "abbreviations": ["CPS"],
         "roles": ["adult"], "medicaid_billing": True, "time_to_certify": "not stated",
         "source": "https://example.org/ga", "confirmed": False},
        {"id": "mo_cps", "state": "MO", "name": "Certified Peer Specialist", "abbreviations": ["CPS"],
         "roles": ["adult"], "time_to_certify": "90 days", "source": "https://example.org/mo"},
    ],
}


def test_entries_are_frozen_and_typed():
    lexicon = lexicon_from(DATA)
    florida = lexicon.lookup("CRPS-A")[0]
    assert (florida.state, florida.roles, florida.medicaid_billing, florida.months_to_certify) == (
        "FL", ("adult", "recovery"), None, 12)
    assert lexicon.lookup("CPS", "GA")[0].medicaid_billing is True
    with pytest.raises(dataclasses.FrozenInstanceError):
        florida.state = "GA"


@pytest.mark.parametrize("spelling, state, ids", [
    ("CRPS-A", None, ["fl_crps_a"]), ("crps a", None, ["fl_crps_a"]), ("CRPSA", "FL", ["fl_crps_a"]),
    ("CPS", None, ["ga_cps", "mo_cps"]), ("cps", "mo", ["mo_cps"]), ("CPS", "TX", []),
    ("Certified Recovery Peer Specialist - Adult", None, ["fl_crps_a"]), ("CRSS", None, []),
])
def test_lookup_by_any_spelling_within_a_state(spelling, state, ids):
    assert [credential.id for credential in lexicon_from(DATA).lookup(spelling, state)] == ids


def test_ambiguous_and_shared_abbreviations_are_known():
    lexicon = lexicon_from(DATA)
    assert lexicon.is_ambiguous("cps") and not lexicon.is_ambiguous("CRPS-A")
    assert lexicon.shared == frozenset({"THW"}) and lexicon.short_forms == ("CRPS-A", "CPS")


@pytest.mark.parametrize("entry, message", [
    ({"id": "x", "state": "FL", "name": "X", "abbreviations": ["X"], "roles": ["adult"]}, "missing ['source']"),
    ({"id": "x", "state": "FL", "name": "X", "abbreviations": ["X"], "roles": ["elder"], "source": "s"},
     "unknown roles ['elder']"),
])
def test_a_wrong_entry_is_named(entry, message):
    with pytest.raises(CredentialsError, match=message.replace("[", r"\[").replace("]", r"\]")):
        lexicon_from({"credentials": [entry]})


def test_the_file_is_read_once_and_a_bad_file_says_which(tmp_path):
    path = tmp_path / "credentials.yaml"
    path.write_text(yaml.safe_dump(DATA), encoding="utf-8")
    assert load_credentials(path) is load_credentials(path)
    (tmp_path / "bad.yaml").write_text("credentials: {", encoding="utf-8")
    with pytest.raises(CredentialsError, match="bad.yaml"):
        load_credentials(tmp_path / "bad.yaml")


@pytest.mark.parametrize("text, months", [
    ("12 months", 12), ("6 months", 6), ("90 days", 3), ("2 years", 24), ("not stated", None),
    ("12 months after core training (provisional certificate meanwhile)", 12),
])
def test_months_in(text, months):
    assert months_in(text) == months


def test_the_shipped_lexicon_covers_every_state_dc_and_the_va():
    lexicon = load_credentials()
    states = {credential.state for credential in lexicon.credentials}
    assert len(states - {"US"}) >= 51 and any(c.agency == "va" for c in lexicon.credentials)
    assert {c.state for c in lexicon.lookup("CRPS-F")} == {"FL"} and spelling_key("CPS-AD") == "cpsad"
