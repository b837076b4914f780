"""config/credentials.yaml, the peer credential lexicon, has the shape docs/credentials.md describes.

Pure data checks: the file is read once with PyYAML; nothing else is imported or started.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from indexer.parsers.geo import STATES, TERRITORIES

LEXICON = Path(__file__).resolve().parents[1] / "config" / "credentials.yaml"

#: The 50 states and DC (geo also knows the territories, which the lexicon does not cover yet).
STATE_NAMES = {code: name for code, name in STATES.items() if code not in TERRITORIES}
ROLES = {"adult", "family", "youth", "veteran", "recovery", "forensic"}
REQUIRED = ("id", "state", "name", "abbreviations", "name_es", "issuer", "roles",
            "medicaid_billing", "time_to_certify", "source", "source_year", "confirmed")
OPTIONAL = ("agency", "name_es_note", "reciprocity", "status", "see_also", "note")
STATUSES = {"legacy", "new", "provisional", "trainee", "proposed"}
ICRC = "IC&RC reciprocity"
ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+\S*$")


@lru_cache(maxsize=1)
def lexicon() -> dict:
    with LEXICON.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def entries() -> list[dict]:
    return lexicon()["credentials"]


def jurisdiction(entry: dict) -> tuple[str, str]:
    """The scope an abbreviation must be unique in: the state, and the VA apart from other US entries."""
    return entry["state"], entry.get("agency", "")


def normalized(text: str) -> str:
    return " ".join(text.split()).casefold()


def test_top_level_keys():
    data = lexicon()
    assert set(data) == {"version", "checked", "allowed_roles", "shared_abbreviations",
                         "ambiguous_abbreviations", "credentials"}
    assert set(data["allowed_roles"]) == ROLES
    assert len(entries()) > 0


def test_every_state_dc_and_the_va_are_present():
    states = {entry["state"] for entry in entries()}
    missing = set(STATE_NAMES) - states
    assert not missing, f"no entries for {sorted(missing)}"
    assert "US" in states, "no national credentials"
    assert any(entry.get("agency") == "va" for entry in entries()), "no Department of Veterans Affairs entry"


def test_states_are_known_codes_and_agency_is_only_va():
    for entry in entries():
        assert entry["state"] in STATE_NAMES or entry["state"] == "US", entry["id"]
        if "agency" in entry:
            assert entry["agency"] == "va" and entry["state"] == "US", entry["id"]


def test_ids_are_unique_snake_case_and_prefixed_by_jurisdiction():
    ids = [entry["id"] for entry in entries()]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids {duplicates}"
    for entry in entries():
        assert ID.match(entry["id"]), entry["id"]
        prefix = "usva" if entry.get("agency") == "va" else entry["state"].lower()
        assert entry["id"].startswith(prefix + "_"), entry["id"]


def test_every_entry_has_exactly_the_documented_keys():
    for entry in entries():
        missing = [key for key in REQUIRED if key not in entry]
        assert not missing, f"{entry.get('id')}: missing {missing}"
        unknown = set(entry) - set(REQUIRED) - set(OPTIONAL)
        assert not unknown, f"{entry['id']}: unknown keys {sorted(unknown)}"


def test_text_fields_are_non_empty_strings():
    for entry in entries():
        for key in ("name", "name_es", "issuer", "time_to_certify"):
            assert isinstance(entry[key], str) and entry[key].strip(), f"{entry['id']}: {key}"
        for key in ("name_es_note", "note"):
            if key in entry:
                assert isinstance(entry[key], str) and entry[key].strip(), f"{entry['id']}: {key}"


def test_abbreviations_are_a_non_empty_list_of_non_empty_strings():
    for entry in entries():
        abbreviations = entry["abbreviations"]
        assert isinstance(abbreviations, list) and abbreviations, entry["id"]
        for abbreviation in abbreviations:
            assert isinstance(abbreviation, str) and abbreviation.strip(), entry["id"]
            assert abbreviation == abbreviation.strip(), f"{entry['id']}: {abbreviation!r}"
        lowered = [normalized(a) for a in abbreviations]
        assert len(lowered) == len(set(lowered)), f"{entry['id']}: repeated abbreviation"


def test_roles_are_from_the_allowed_set():
    for entry in entries():
        roles = entry["roles"]
        assert isinstance(roles, list) and roles, entry["id"]
        assert set(roles) <= ROLES, f"{entry['id']}: {sorted(set(roles) - ROLES)}"
        assert len(roles) == len(set(roles)), entry["id"]


def test_medicaid_billing_status_and_source_year():
    for entry in entries():
        assert entry["medicaid_billing"] in (True, False, "not stated"), entry["id"]
        assert entry.get("status", "legacy") in STATUSES, entry["id"]
        year = entry["source_year"]
        assert isinstance(year, int) and not isinstance(year, bool) and 2000 <= year <= 2030, entry["id"]


def test_each_entry_has_a_source_url_and_a_confirmed_flag():
    for entry in entries():
        assert isinstance(entry["source"], str) and URL.match(entry["source"]), entry["id"]
        assert isinstance(entry["confirmed"], bool), entry["id"]
        for url in entry.get("see_also", []):
            assert isinstance(url, str) and URL.match(url), entry["id"]


def test_unconfirmed_entries_say_why():
    for entry in entries():
        if not entry["confirmed"]:
            assert entry.get("note"), f"{entry['id']} is unconfirmed without a note"


def test_reciprocity_names_known_credentials():
    ids = {entry["id"] for entry in entries()}
    for entry in entries():
        if "reciprocity" not in entry:
            continue
        assert isinstance(entry["reciprocity"], list), entry["id"]
        for item in entry["reciprocity"]:
            assert item == ICRC or (item in ids and item != entry["id"]), f"{entry['id']}: {item!r}"


def test_shared_abbreviations_are_well_formed():
    ids = {entry["id"]: entry for entry in entries()}
    for shared in lexicon()["shared_abbreviations"]:
        assert set(shared) == {"abbreviation", "state", "ids", "why"}, shared
        assert len(shared["ids"]) >= 2, shared
        for credential_id in shared["ids"]:
            entry = ids[credential_id]
            assert entry["state"] == shared["state"], credential_id
            assert normalized(shared["abbreviation"]) in map(normalized, entry["abbreviations"]), credential_id


def test_no_abbreviation_names_two_credentials_of_one_jurisdiction_unless_shared():
    owners: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for entry in entries():
        state, agency = jurisdiction(entry)
        for abbreviation in entry["abbreviations"]:
            owners[(state, agency, normalized(abbreviation))].add(entry["id"])
    allowed = {(shared["state"], "", normalized(shared["abbreviation"])): set(shared["ids"])
               for shared in lexicon()["shared_abbreviations"]}
    clashes = {key: sorted(found) for key, found in owners.items()
               if len(found) > 1 and allowed.get(key) != found}
    assert not clashes, f"abbreviations naming several credentials: {clashes}"


def test_ambiguous_abbreviations_are_used_by_some_entry():
    used = {normalized(a) for entry in entries() for a in entry["abbreviations"]}
    for item in lexicon()["ambiguous_abbreviations"]:
        assert set(item) == {"abbreviation", "other_meanings"}, item
        assert item["other_meanings"] and all(isinstance(m, str) and m for m in item["other_meanings"]), item
        assert normalized(item["abbreviation"]) in used, item["abbreviation"]


def group_rank(entry: dict) -> tuple[int, str]:
    if entry["state"] == "US":
        return (2, "") if entry.get("agency") == "va" else (1, "")
    return (0, STATE_NAMES[entry["state"]])


def test_entries_are_grouped_by_state_name_then_national_then_va():
    ranks = [group_rank(entry) for entry in entries()]
    assert ranks == sorted(ranks), "entries out of order: states by name, then US, then the VA"


@pytest.mark.parametrize("credential_id, abbreviation", [
    ("pa_cps", "CPS"), ("pa_crs", "CRS"), ("ga_cps_ad", "CPS-AD"), ("ga_cps_p", "CPS-P"),
    ("ga_cps_y", "CPS-Y"), ("fl_crps_a", "CRPS-A"), ("fl_crps_f", "CRPS-F"), ("fl_crps_v", "CRPS-V"),
    ("fl_crps_y", "CRPS-Y"), ("il_crss", "CRSS"), ("il_cprs", "CPRS"), ("mi_cpss", "CPSS"),
    ("mi_cprc", "CPRC"), ("ny_crpa", "CRPA"), ("wa_cpc", "CPC"), ("ma_carc", "CARC"),
    ("or_pss", "THW"), ("ca_mcpss", "Medi-Cal Peer Support Specialist"), ("us_ncprss", "NCPRSS"),
    ("us_cfps", "CPSP"), ("tx_prs", "PRS"), ("ga_cares", "CARES"),
])
def test_abbreviations_seen_in_postings_are_listed(credential_id, abbreviation):
    entry = next(e for e in entries() if e["id"] == credential_id)
    assert abbreviation in entry["abbreviations"]
