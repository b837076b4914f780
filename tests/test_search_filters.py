"""Filters, facets, sort orders and "did you mean" against a real index over a real store."""
from datetime import datetime, timedelta, timezone

import pytest

from indexer import store
from indexer.store import db
from indexer import search
from tests.test_index import fields

TODAY = datetime.now(timezone.utc).date()
DAYTON, COLUMBUS, AUSTIN, DENVER = (39.7589, -84.1916), (39.9612, -82.9988), (30.2672, -97.7431), (39.7392, -104.9903)


def facets(status="none", settings=()):
    return {"certification": {"status": status, "names": []}, "settings": list(settings)}


def posting(title, where, city, state, **overrides):
    lat, lon = where or (None, None)
    return fields(title=title, latitude=lat, longitude=lon, city=city, state=state, postal_code=None,
                  url=f"http://127.0.0.1/careers/{title.replace(' ', '-')}/",
                  description_text=f"{title}: walk alongside people in recovery.", **overrides)


CORPUS = {
    "dayton": posting("Peer Support Specialist", DAYTON, "Dayton", "OH", category="peer_specialist",
                      facets=facets("required", ["housing", "outpatient"]), pay_hourly_min=18.0,
                      pay_hourly_max=22.0, pay_min=18.0, pay_max=22.0, pay_unit="HOUR",
                      date_posted=TODAY - timedelta(days=2)),
    "columbus": posting("Recovery Coach", COLUMBUS, "Columbus", "OH", category="peer_recovery_coach",
                        employment_type="PART_TIME", facets=facets("preferred", ["emergency_department"]),
                        date_posted=TODAY - timedelta(days=10)),
    "austin": posting("Peer Recovery Specialist", AUSTIN, "Austin", "TX", category="peer_recovery_coach",
                      facets=None, pay_hourly_min=25.0, pay_hourly_max=30.0, pay_min=25.0, pay_max=30.0,
                      pay_unit="HOUR", date_posted=TODAY - timedelta(days=20)),
    "denver": posting("Family Peer Advocate", DENVER, "Denver", "CO", category="family_peer_advocate",
                      employment_type="PER_DIEM", facets=facets("none", ["housing"]), pay_min=40000.0,
                      pay_annual_min=40000.0, pay_unit="YEAR", date_posted=None),
    "remote": posting("Warmline Peer Operator", None, None, None, remote=True, remote_area="US",
                      category="warmline_peer", employment_type="PART_TIME", facets=facets("obtain", ["warmline"]),
                      date_posted=TODAY - timedelta(days=5)),
    "nurse": posting("Registered Nurse", DAYTON, "Dayton", "OH", is_peer=False, category=None,
                     date_posted=TODAY - timedelta(days=1)),
}


@pytest.fixture(scope="module")
def find(tmp_path_factory):
    """Run a search; return the results with hits named by their corpus keys."""
    tmp = tmp_path_factory.mktemp("filters")
    engine = db.make_engine(f"sqlite:///{tmp / 'store.db'}")
    db.migrate(engine)
    with db.session_factory(engine)() as session:
        store.upsert_source(session, store.SourceRecord(id="agency", platform="jsonld",
                                                        url="http://127.0.0.1/", employer="Agency"))
        names = {store.upsert_posting(session, "agency", key, value)[0].id: key for key, value in CORPUS.items()}
        session.commit()
    search.rebuild(engine, tmp / "index")
    index = search.SearchIndex(tmp / "index")

    def run(**query):
        results = index.search(search.SearchQuery(per_page=50, **query))
        return results, [names[hit.id] for hit in results.hits]
    yield run
    index.close()
    engine.dispose()


@pytest.mark.parametrize("query, expected", [
    ({"category": ("peer_recovery_coach",)}, {"columbus", "austin"}),
    ({"category": ("peer_recovery_coach", "warmline_peer")}, {"columbus", "austin", "remote"}),
    ({"employment_type": ("PART_TIME",)}, {"columbus", "remote"}),
    ({"state": ("OH",)}, {"dayton", "columbus"}),
    ({"setting": ("housing",)}, {"dayton", "denver"}),
    ({"setting": ("housing", "warmline")}, {"dayton", "denver", "remote"}),
    ({"setting": ("no_such_setting",)}, set()),
    ({"remote": True}, {"remote"}),
    ({"posted_within": 3}, {"dayton", "denver"}),  # Denver gave no date: the day it was first seen
    ({"posted_within": 7}, {"dayton", "denver", "remote"}),
    ({"pay_disclosed": True}, {"dayton", "austin", "denver"}),
    ({"min_hourly": 24}, {"austin"}),
    ({"min_hourly": 20}, {"dayton", "austin"}),  # the top of the range counts
    ({"no_certification_required": True}, {"columbus", "austin", "denver", "remote"}),
    ({"include_non_peer": True, "state": ("OH",)}, {"dayton", "columbus", "nurse"}),
    ({"q": "recovery", "state": ("OH",)}, {"columbus", "dayton"}),
    ({"q": "coach", "posted_within": 30, "employment_type": ("PART_TIME",)}, {"columbus"}),
])
def test_filters(find, query, expected):
    results, names = find(**query)
    assert set(names) == expected and results.total == len(expected)


def test_facets_count_under_the_query_but_not_their_own_filter(find):
    results = find(category=("peer_recovery_coach",))[0]
    assert dict(results.facets["category"]) == {
        "peer_specialist": 1, "peer_recovery_coach": 2, "family_peer_advocate": 1, "warmline_peer": 1}
    assert results.facets["employment_type"] == [("FULL_TIME", 1), ("PART_TIME", 1)]
    assert results.facets["state"] == [("OH", 1), ("TX", 1)]
    assert results.facets["setting"] == [("emergency_department", 1)]


def test_facets_are_sorted_by_count_and_ignore_missing_values(find):
    results = find()[0]
    assert results.facets["setting"][0] == ("housing", 2)
    assert [count for _, count in results.facets["state"]] == sorted(
        (count for _, count in results.facets["state"]), reverse=True)
    assert "" not in dict(results.facets["state"]) and results.total == 5
    assert dict(find(setting=("housing",))[0].facets["setting"])["warmline"] == 1


def test_sort_by_date_and_distance(find):
    assert find(sort="date")[1] == ["denver", "dayton", "remote", "columbus", "austin"]  # Denver: first seen today
    results, names = find(where="Dayton, OH", radius=100, sort="distance")
    assert names == ["dayton", "columbus", "remote"]
    assert [hit.distance_miles is None for hit in results.hits] == [False, False, True]


def test_distance_without_a_place_falls_back_to_relevance(find):
    # "recovery coach" names a role: its postings come too, the one using the words first
    assert find(q="recovery coach", sort="distance")[1] == find(q="recovery coach")[1] == ["columbus", "austin"]
    assert find(q="peer", sort="distance")[1] == find(q="peer")[1]


def test_hits_carry_settings_and_when_last_seen_open(find):
    hit = find(q="support", state=("OH",))[0].hits[0]
    assert hit.setting == ("housing", "outpatient") and hit.employment_type == "FULL_TIME"
    assert isinstance(hit.last_verified, datetime) and (hit.pay.hourly_min, hit.pay.hourly_max) == (18.0, 22.0)


@pytest.mark.parametrize("q, suggestion", [
    ("recovry", "recovery"), ("Recovry coach", "recovery coach"), ("peer specalist", "peer specialist"),
    ("peer", None), ("", None), ("xqzzvw", None), ("*:* AND (", None),
])
def test_did_you_mean(find, q, suggestion):
    results = find(q=q)[0]
    assert (results.suggestion.lower() if results.suggestion else None) == suggestion


def test_a_ten_thousand_character_query_is_text(find):
    results = find(q="peer " * 2000, where="x" * 10000)[0]
    assert results.total == find(q="peer")[0].total == 4 and results.notice


def test_closed_and_non_peer_never_count_in_facets(find):
    everything = find(include_non_peer=True)[0]
    assert dict(everything.facets["state"])["OH"] == 3
    assert dict(find()[0].facets["state"])["OH"] == 2


def test_an_index_without_postings_answers_every_query(engine, tmp_path):
    search.rebuild(engine, tmp_path / "index")
    index = search.SearchIndex(tmp_path / "index")
    results = index.search(search.SearchQuery(q="peer", where="Dayton, OH", setting=("housing",), sort="distance"))
    assert (results.total, results.hits, results.notice) == (0, [], "No jobs found within 25 miles of Dayton, OH. Try a wider radius.")
    assert results.facets == {"category": [], "employment_type": [], "state": [], "setting": []}
    index.close()
