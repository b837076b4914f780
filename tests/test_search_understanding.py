"""The search box read as people type it (pure), and what the engine does with that reading."""
from __future__ import annotations

import time

import pytest

from indexer import search, store
from indexer.parsers import geo
from indexer.search import ANALYZER
from indexer.search.understanding import build_vocabulary, role_names, understand
from indexer.store import db
from indexer.taxonomy import load_taxonomy
from tests.test_index import fields

TAXONOMY = load_taxonomy()
VOCABULARY = build_vocabulary(TAXONOMY.categories, ANALYZER.stem)
PLACES = {"dayton", "columbus, oh", "45402", "ohio"}


@pytest.mark.parametrize("typed, text, roles, near_me, place", [
    ("recovery coach", "recovery coach", {"peer_recovery_coach"}, False, ""),
    ("Recovery Coaches", "Recovery Coaches", {"peer_recovery_coach"}, False, ""),
    ("FPA", "FPA", {"family_peer_advocate"}, False, ""),
    ("crpa", "crpa", {"peer_recovery_coach"}, False, ""),
    ("cps jobs near dayton", "cps", {"peer_specialist"}, False, "dayton"),
    ("peer specialist in Columbus, OH", "peer specialist", {"peer_specialist"}, False, "Columbus, OH"),
    ("peer jobs near 45402", "peer", set(), False, "45402"),
    ("recovery coach jobs hiring now near me", "recovery coach", {"peer_recovery_coach"}, True, ""),
    ("peer in recovery", "peer in recovery", set(), False, ""),  # "recovery" is no place: kept as a word
    ("peer employment specialist", "peer employment specialist", {"vocational_specialist"}, False, ""),
    ("bilingual family partner positions", "bilingual family partner", {"family_peer_advocate"}, False, ""),
    ("peer supervisor", "peer supervisor", {"peer_supervisor"}, False, ""),
    ("jobs", "", set(), False, ""),
    ("*:* AND (", "AND", set(), False, ""),
    ("peer near Columbus, OH, ", "peer", set(), False, "Columbus, OH"),
    # Spanish: the roles' search_es phrases, with or without accents, and Spanish place words
    ("especialista de pares cerca de Dayton", "especialista de pares", {"peer_specialist"}, False, "Dayton"),
    ("consejero de recuperación", "consejero de recuperación", {"peer_recovery_coach"}, False, ""),
    ("Consejero de Recuperacion", "Consejero de Recuperacion", {"peer_recovery_coach"}, False, ""),
    ("empleos de apoyo entre pares cerca de mí", "de apoyo entre pares", {"peer_specialist"}, True, ""),
    ("defensora de familias en Columbus, OH", "defensora de familias", {"family_peer_advocate"}, False,
     "Columbus, OH"),
    ("trabajo en recuperación", "en recuperación", set(), False, ""),  # "recuperación" is no place
])
def test_understand(typed, text, roles, near_me, place):
    understood = understand(typed, VOCABULARY, lambda words: words.lower() in PLACES)
    assert (understood.text, set(understood.role_ids), understood.near_me, understood.place) == (text, roles, near_me, place)


@pytest.mark.parametrize("typed, text, place", [
    ("peer jobs columbus", "peer", "columbus"),
    ("peer specialist dayton oh", "peer specialist", "dayton oh"),
    ("peer specialist Dayton, OH", "peer specialist", "Dayton, OH"),
    ("crss illinois", "crss", "illinois"),
    ("recovery coach 45402", "recovery coach", "45402"),
    ("peer bridger nyc", "peer bridger", "nyc"),
    ("recovery coach new york ny", "recovery coach", "new york ny"),
    ("peer mentor", "peer mentor", ""),  # Mentor, OH is too small to be meant
    ("peer support oh", "peer support oh", ""),  # a state code counts typed in capitals only
    ("peer support OH", "peer support", "OH"),
    ("columbus", "columbus", ""),  # a place alone is what the search is about: the words stay
    ("family peer advocate", "family peer advocate", ""),
    ("especialista de pares columbus", "especialista de pares", "columbus"),
])
def test_a_place_closing_the_search_is_taken_out_without_in_or_near(typed, text, place):
    understood = understand(typed, VOCABULARY, is_typed_place=lambda words: geo.typed_place(words) is not None)
    assert (understood.text, understood.place) == (text, place)


def test_hostile_text_is_read_quickly():
    started = time.perf_counter()
    for text in ("in " + "a" * 1000 + "!", "near " + "ab " * 300 + "1", "in" + " in" * 400):
        understand(text, VOCABULARY, lambda words: False)
    assert time.perf_counter() - started < 0.5


def test_every_role_has_names_and_credentials_name_their_roles():
    names = {category.id: role_names(category) for category in TAXONOMY.categories}
    assert all(names.values())
    assert {"crss", "cprs", "crpa", "crps"} <= set(names["peer_recovery_coach"])
    assert "cps" in names["peer_specialist"] and "fpa" in names["family_peer_advocate"]


REMOTE = dict(latitude=None, longitude=None, city=None, postal_code=None, remote=True, category="warmline_peer")
CORPUS = {
    "dayton_specialist": fields(title="Peer Support Specialist", description_text="Support adults in recovery."),
    "dayton_specialist_2": fields(title="Peer Specialist", description_text="Lead groups at our clinic."),
    "coach_titled_otherwise": fields(title="Recovery Support Specialist", category="peer_recovery_coach",
                                     description_text="Meet people after an overdose."),
    "remote_northwest": fields(title="Warmline Peer", state=None, remote_area="ID OR WA", **REMOTE,
                               description_text="Open to candidates in WA, OR, ID."),
    "remote_colorado": fields(title="Warmline Peer", state="CO", remote_area="CO", **REMOTE,
                              description_text="Colorado residents only."),
    "remote_abroad": fields(title="Warmline Peer", state=None, remote_area="abroad", **REMOTE,
                            description_text="Remote within Canada."),
    "remote_anywhere": fields(title="Warmline Peer", state=None, remote_area="US", **REMOTE,
                              description_text="Open to anyone in the US."),
    "denver_warmline": fields(title="Warmline Peer", category="warmline_peer", city="Denver", state="CO",
                              latitude=39.7392, longitude=-104.9903, description_text="Open to anyone in the US."),
}


@pytest.fixture(scope="module")
def find(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("understanding")
    engine = db.make_engine(f"sqlite:///{tmp / 'store.db'}")
    db.migrate(engine)
    with db.session_factory(engine)() as session:
        store.upsert_source(session, store.SourceRecord(id="agency", platform="jsonld", url="http://127.0.0.1/",
                                                        employer="Agency"))
        names = {store.upsert_posting(session, "agency", key, dict(value, url=f"http://127.0.0.1/{key}"))[0].id: key
                 for key, value in CORPUS.items()}
        session.commit()
    search.rebuild(engine, tmp / "index")
    index = search.SearchIndex(tmp / "index")

    def run(**query):
        results = index.search(search.SearchQuery(per_page=50, **query))
        return results, [names[hit.id] for hit in results.hits]
    yield run
    index.close()
    engine.dispose()


def test_a_role_name_finds_the_roles_postings_whatever_their_title(find):
    assert find(q="recovery coach")[1] == ["coach_titled_otherwise"]


def test_a_spanish_role_name_finds_the_english_postings_of_the_role(find):
    assert find(q="coach de recuperación")[1] == ["coach_titled_otherwise"]
    assert find(q="consejero de recuperacion")[1] == ["coach_titled_otherwise"]


def test_a_typo_is_corrected_and_the_words_typed_stay_one_click_away(find):
    results, names = find(q="peer specalist jobs")
    assert (results.corrected, results.suggestion) == ("peer specialist jobs", "peer specialist jobs")
    assert set(names) == {"dayton_specialist", "dayton_specialist_2"}
    typed, names = find(q="peer specalist jobs", exact=True)
    assert (typed.corrected, typed.suggestion) == (None, "peer specialist jobs")


def test_partial_matches_come_back_after_full_ones(find):
    assert find(q="peer specialist clinic groups")[1][0] == "dayton_specialist_2"
    assert find(q="peer plumber")[1]  # no posting has both: those with either come back


def test_near_me_without_a_place_is_flagged_and_a_place_typed_in_the_box_is_used(find):
    assert find(q="peer jobs near me")[0].needs_place
    assert not find(q="peer jobs near me", where="Dayton, OH")[0].needs_place
    results, names = find(q="peer specialist jobs near dayton")
    assert results.place.label == "Dayton, OH" and set(names) == {"dayton_specialist", "dayton_specialist_2"}
    results, names = find(q="peer specialist dayton oh")
    assert results.place.label == "Dayton, OH" and set(names) == {"dayton_specialist", "dayton_specialist_2"}
    assert find(q="peer specialist dayton oh", where="Columbus, OH")[0].place.label == "Columbus, OH"


@pytest.mark.parametrize("where, remote, expected", [
    ("Boise, ID", True, {"remote_northwest", "remote_anywhere"}),
    ("Oregon", True, {"remote_northwest", "remote_anywhere"}),
    ("Denver, CO", True, {"remote_colorado", "remote_anywhere"}),
    ("Dayton, OH", True, {"remote_anywhere"}),
    ("Colorado", False, {"remote_colorado", "remote_anywhere", "denver_warmline"}),
])
def test_a_remote_job_is_shown_only_where_its_people_may_live(find, where, remote, expected):
    assert set(find(q="warmline", where=where, remote=remote)[1]) == expected


def test_under_best_match_a_job_in_the_area_comes_before_an_equal_remote_one(find):
    names = find(q="warmline anyone", where="Denver, CO")[1]
    assert names.index("denver_warmline") < names.index("remote_anywhere")


LEXICON = {"credentials": [
    {"abbreviations": ["CPS", "Certified Peer Specialist"], "name": "Certified Peer Specialist", "roles": ["adult", "family"]},
    {"abbreviations": ["CRPS-F"], "name": "Certified Recovery Peer Specialist - Family", "roles": ["family"]},
    {"abbreviations": ["PR", "MHPSS"], "name": "Mental Health Peer Support Specialist", "roles": ["adult", "astrology"]},
]}


@pytest.mark.parametrize("typed, roles", [
    ("crps-f jobs", {"family_peer_advocate"}),
    ("mhpss", {"peer_specialist"}),
    ("cps", {"peer_specialist"}),  # the taxonomy's reading of a name comes first
    ("certified peer specialist", {"peer_specialist"}),
    ("pr", set()),  # two letters: too short to trust
])
def test_a_credential_of_the_lexicon_finds_the_roles_it_covers(typed, roles):
    vocabulary = build_vocabulary(TAXONOMY.categories, ANALYZER.stem, LEXICON)
    assert set(understand(typed, vocabulary).role_ids) == roles
