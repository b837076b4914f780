"""Ranking checked against a relevance set (tests/data/relevance): a corpus of postings written
as one role each, normalized and indexed as a crawl would, and queries with the recall and top
results a good answer has; then every name of every role typed into the box, against the role's
filter; then filler words and single typos, against the search without them."""
from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest
import yaml

from indexer import search, store
from indexer.normalize import normalize
from indexer.parsers.remote_scope import area_states
from indexer.search.roles import CREDENTIALS_FILE, role_vocabulary
from indexer.search.understanding import FILLER, credential_names, role_names, understand
from indexer.store import db
from indexer.taxonomy import load_taxonomy

DATA = Path(__file__).parent / "data" / "relevance"
QUERIES = yaml.safe_load((DATA / "queries.yaml").read_text(encoding="utf-8"))
BASES = ["recovery coach", "peer specialist", "family peer advocate", "warmline", "peer navigator",
         "youth peer support", "forensic peer specialist", "peer mentor"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """(rows by posting id, open index) over the corpus, stored on SQLite and rebuilt."""
    tmp = tmp_path_factory.mktemp("relevance")
    engine = db.make_engine(f"sqlite:///{tmp / 'store.db'}")
    db.migrate(engine)
    rows = [json.loads(line) for line in (DATA / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    by_id = {}
    with db.session_factory(engine)() as session:
        store.upsert_source(session, store.SourceRecord(id="agency", platform="jsonld", url="https://jobs.example.org/",
                                                        employer="Agency"))
        for number, row in enumerate(rows):
            item = {key: value for key, value in row.items() if key not in ("label", "tags")}
            by_id[store.upsert_posting(session, "agency", str(number), normalize(item).fields)[0].id] = row
        session.commit()
    search.rebuild(engine, tmp / "index")
    index = search.SearchIndex(tmp / "index")
    yield by_id, index
    index.close()
    engine.dispose()


def ids(index, **query) -> set[int]:
    return set(index.matching_ids(search.SearchQuery(**query)).tolist())


def recall(found: set[int], wanted: set[int]) -> float:
    return len(found & wanted) / len(wanted) if wanted else 1.0


def _search(case: dict) -> dict:
    return {key: case[key] for key in ("q", "where", "remote", "radius") if key in case}


@pytest.mark.parametrize("case", QUERIES, ids=[case["q"] + (f" @ {case['where']}" if "where" in case else "")
                                              for case in QUERIES])
def test_relevance(corpus, case):
    by_id, index = corpus
    results = index.search(search.SearchQuery(per_page=50, **_search(case)))
    shown = ids(index, where=results.place.label, radius=results.query.radius, remote=case.get("remote", False)) \
        if results.place else ids(index)
    wanted = {pid for pid in shown if by_id[pid]["label"] == case["role"]}
    assert recall(ids(index, **_search(case)), wanted) >= case["recall"]
    top = results.hits[:case["top"]]
    assert len(top) == min(case["top"], len(wanted)) and all(by_id[hit.id]["label"] == case["role"] for hit in top)
    assert all(case["tag"] in by_id[hit.id]["tags"] for hit in top) if "tag" in case else True
    if case.get("in_area"):
        state = results.place.state
        assert all(area_states(hit.remote_area) in (["US"], [state]) or state in area_states(hit.remote_area)
                   for hit in results.hits if hit.remote)


def names_of(category) -> list[str]:
    """The role's names and abbreviations in the taxonomy, and the lexicon's credentials of the role."""
    vocabulary = role_vocabulary(search.ANALYZER)
    credentials = [name for name in credential_names(yaml.safe_load(CREDENTIALS_FILE.read_text(encoding="utf-8")))
                   if category.id in understand(name, vocabulary).role_ids]
    return list(dict.fromkeys(role_names(category) + credentials))


def test_typed_role_names_find_what_the_role_filter_finds(corpus, capsys):
    _, index = corpus
    table = []
    for category in load_taxonomy().categories:
        role = ids(index, category=(category.id,))
        for name in names_of(category) if role else []:
            table.append((category.id, name, len(role), recall(ids(index, q=name), role)))
    with capsys.disabled():
        print(f"\n{'role':<26} {'typed':<40} {'filter':>6} {'recall':>7}")
        for role_id, name, size, share in table:
            print(f"{role_id:<26} {name:<40} {size:>6} {share:>7.0%}")
        print(f"median {statistics.median(share for *_, share in table):.0%}, lowest {min(s for *_, s in table):.0%}")
    assert statistics.median(share for *_, share in table) >= 0.9
    assert min(share for *_, share in table) >= 0.7


def _typos(text: str) -> list[str]:
    """One edit to the longest word: a letter dropped, two swapped, one doubled."""
    word = max(text.split(), key=len)
    middle = len(word) // 2
    edits = [word[:middle] + word[middle + 1:], word[:middle - 1] + word[middle] + word[middle - 1] + word[middle + 1:],
             word[:middle] + word[middle] + word[middle:]]
    return [text.replace(word, edit, 1) for edit in edits]


@pytest.mark.parametrize("base", BASES)
def test_filler_words_and_single_typos_keep_the_results(corpus, base):
    _, index = corpus
    wanted = ids(index, q=base)
    variants = [f"{base} {word}" for word in sorted(FILLER)] + [f"{base} near me", f"hiring {base} now"] + _typos(base)
    kept = {variant: recall(ids(index, q=variant), wanted) for variant in variants}
    assert wanted and min(kept.values()) >= 0.9, {variant: share for variant, share in kept.items() if share < 0.9}
