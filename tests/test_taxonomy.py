"""The taxonomy file: every contracted category and setting, page-ready text, clear errors."""
from __future__ import annotations

import pytest

from indexer.taxonomy.fastmatch import Matcher, literal_hints
from indexer.taxonomy import TaxonomyError, load_taxonomy, phrase_pattern

CATEGORY_IDS = {
    "peer_specialist", "peer_recovery_coach", "peer_advocate", "family_peer_advocate", "youth_peer_advocate",
    "peer_mentor", "peer_bridger", "peer_navigator", "forensic_peer_specialist", "veteran_peer_support",
    "peer_counselor", "community_support_worker", "vocational_specialist", "peer_supervisor", "warmline_peer",
}
SETTING_IDS = {
    "homeless_outreach", "housing", "inpatient", "emergency_department", "employment_program", "clubhouse",
    "jail_prison", "diversion", "outpatient", "recreation", "act_team", "warmline", "primary_care", "respite",
    "school", "community",
}


def test_every_contracted_category_and_setting_is_there():
    taxonomy = load_taxonomy()
    assert {category.id for category in taxonomy.categories} == CATEGORY_IDS
    assert {setting.id for setting in taxonomy.settings} == SETTING_IDS
    assert {category.id for category in taxonomy.title_order} == CATEGORY_IDS


@pytest.mark.parametrize("category_id", sorted(CATEGORY_IDS))
def test_each_category_has_page_ready_text(category_id):
    category = load_taxonomy().category(category_id)
    assert category.label and category.label[0].isupper()
    assert category.description.endswith(".") and category.description.count(". ") == 0
    assert set(category.about) == {"what", "where", "certification"}
    assert all(len(text.split()) >= 15 for text in category.about.values())


def test_lookups_and_cache():
    taxonomy = load_taxonomy()
    assert load_taxonomy() is taxonomy
    assert taxonomy.category("peer_bridger").label == "Peer bridger"
    assert taxonomy.category("nope") is None and taxonomy.category(None) is None
    assert taxonomy.setting("act_team").label == "ACT team"
    assert taxonomy.setting("moon") is None


@pytest.mark.parametrize("body, named", [
    ("- id: x\n  label: X\n  description: D.\n  about: {what: a, where: b}\n", "category x: missing about.certification"),
    ("- id: y\n  label: Y\n  description: D.\n  about: {what: a, where: b, certification: c}\n"
     "  patterns: ['peer(']\n", "category y: bad pattern 'peer('"),
])
def test_a_wrong_entry_is_named(tmp_path, body, named):
    path = tmp_path / "taxonomy.yaml"
    path.write_text("categories:\n" + body)
    with pytest.raises(TaxonomyError, match=named.replace("(", r"\(")):
        load_taxonomy(path)


def test_unreadable_file_is_a_taxonomy_error(tmp_path):
    with pytest.raises(TaxonomyError, match="cannot read"):
        load_taxonomy(tmp_path / "missing.yaml")


@pytest.mark.parametrize("phrase, title, matches", [
    ("peer support specialist", "peer support specialist | act team", True),
    ("re-entry peer", "re entry peer specialist", True),
    ("peer mentor", "peer mentoring", False),
    ("crss", "crss | peer recovery", True),
])
def test_phrase_patterns_match_whole_words(phrase, title, matches):
    assert bool(Matcher(phrase_pattern(phrase)).search(title)) is matches


@pytest.mark.parametrize("pattern, hints", [
    ("street outreach", (("street outreach",),)),
    (r"support(ed|ive) housing", (("support", "housing"),)),
    (r"\bshelters?\b", (("shelter",),)),
    (r"(\bpeers?\b|recovery coach).*lead", (("lead",),)),
    (r"(\bpeers?\b|recovery coach)[^|]*", (("peer",), ("recovery coach",))),
    (r"(?<!high )\bschools?\b", (("school",),)),
    (r"\b(rn|lpn)\b|nurse", None),
])
def test_literal_hints_are_what_a_match_must_contain(pattern, hints):
    assert literal_hints(pattern) == hints


def test_a_case_sensitive_pattern_reads_the_original_text():
    emergency = Matcher(r"(?-i:\bED\b)")
    assert emergency.search("recovery coach | ed linkage", "Recovery Coach | ED Linkage")
    assert not emergency.search("special ed teacher", "Special ed teacher")
