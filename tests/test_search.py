"""Queries against a real index built from a real store (SQLite: the subject here is the search)."""
from datetime import date

import pytest

from indexer import store
from indexer.store import db
from indexer.parsers import geo
from indexer import search
from indexer.store.models import Posting
from tests.test_index import fields

DAYTON, COLUMBUS, CINCINNATI = (39.7589, -84.1916), (39.9612, -82.9988), (39.1031, -84.5120)
DENVER, AUSTIN = (39.7392, -104.9903), (30.2672, -97.7431)
ZIP = geo.locate(None, None, "45402")


def posting(title, where=DAYTON, city="Dayton", state="OH", **overrides):
    lat, lon = where if where else (None, None)
    overrides.setdefault("url", f"http://127.0.0.1/careers/{title.replace(' ', '-')}-{city}/")
    return fields(title=title, latitude=lat, longitude=lon, city=city, state=state, **overrides)


CORPUS = {
    "coach": posting("Peer Recovery Coach", category="recovery_coach", pay_hourly_min=18.5,
                     description_text="Coach adults in recovery. <script>alert('x')</script> & more."),
    "columbus": posting("Peer Support Specialist", COLUMBUS, "Columbus",
                        description_text="Support peers at our Columbus clinic."),
    "navigator": posting("Peer Navigator", CINCINNATI, "Cincinnati",
                         description_text="Walk alongside people leaving the hospital."),
    "mentions_navigator": posting("Peer Specialist", DENVER, "Denver", "CO",
                                  description_text="Join a team of peers, nurses and one navigator."),
    "nurse": posting("Registered Nurse", is_peer=False, category=None,
                     description_text="Nursing care for adults in recovery."),
    "closed": posting("Recovery Coach Lead", category="recovery_coach",
                      description_text="Lead the coach team."),
    "remote": posting("Remote Peer Support Specialist", None, None, None, remote=True, postal_code=None,
                      remote_area="US", description_text="Support peers by phone from home."),
    "remote_oregon": posting("Warmline Peer", None, None, "OR", remote=True, postal_code=None,
                             remote_area="OR", description_text="Oregon residents answer calls from home."),
    "remote_ohio": posting("Warmline Peer Operator", None, None, "OH", remote=True, postal_code=None,
                           remote_area="OH", description_text="Ohio residents answer calls from home."),
    # As normalize stores a posting that gave only its ZIP: located from the ZIP.
    "by_zip": posting("Peer Advocate", (ZIP.latitude, ZIP.longitude), ZIP.city, ZIP.state, postal_code="45402",
                      description_text="Advocate for people in crisis."),
    **{f"family{n}": posting(f"Family Peer Advocate {n}", AUSTIN, "Austin", "TX", postal_code="78701",
                             category="family_peer", date_posted=date(2026, 10, n + 1),
                             description_text="Support families raising children with needs.")
       for n in range(7)},
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """external id -> posting id, and an open SearchIndex over the synced store."""
    tmp = tmp_path_factory.mktemp("search")
    engine = db.make_engine(f"sqlite:///{tmp / 'store.db'}")
    db.migrate(engine)
    with db.session_factory(engine)() as session:
        store.upsert_source(session, store.SourceRecord(id="agency", platform="jsonld",
                                                        url="http://127.0.0.1/", employer="Agency"))
        posted = {key: store.upsert_posting(session, "agency", key, value)[0].id
                  for key, value in CORPUS.items()}
        session.get(Posting, posted["closed"]).status = "closed"
        session.commit()
    search.sync(engine, tmp / "index")
    index = search.SearchIndex(tmp / "index")
    yield posted, index
    index.close()
    engine.dispose()


@pytest.fixture
def find(corpus):
    """Run a search; return the results with hits named by their external ids."""
    posted, index = corpus
    names = {value: key for key, value in posted.items()}

    def run(**query):
        results = index.search(search.SearchQuery(**query))
        return results, [names[hit.id] for hit in results.hits]
    return run


def test_stemming_finds_coach_for_coaches(find):
    assert find(q="coaches")[1] == ["coach"]
    assert find(q="COACHING")[1] == ["coach"]


def test_title_match_beats_description_match(find):
    assert find(q="navigator")[1] == ["navigator", "mentions_navigator"]


def test_category_filter_is_or_of_categories(find):
    assert find(category=("recovery_coach",))[1] == ["coach"]
    _, names = find(category=("recovery_coach", "family_peer"), per_page=50)
    assert sorted(names) == sorted(["coach"] + [f"family{n}" for n in range(7)])


def test_non_peer_and_closed_postings_are_excluded_by_default(find):
    assert find(q="nurse")[1] == ["mentions_navigator"]
    assert "nurse" in find(q="nurse", include_non_peer=True)[1]
    assert find(q="lead")[1] == []
    assert find(q="lead", include_closed=True)[1] == ["closed"]


def test_radius_search_around_dayton(find):
    results, names = find(where="Dayton, OH", radius=25, per_page=50)
    assert results.place.label == "Dayton, OH" and results.notice is None
    assert sorted(names) == ["by_zip", "coach", "remote", "remote_ohio"]
    results, names = find(where="Dayton, OH", radius=100, per_page=50)
    assert sorted(names) == ["by_zip", "coach", "columbus", "navigator", "remote", "remote_ohio"]
    distances = [hit.distance_miles for hit in results.hits]
    local = [d for d in distances if d is not None]
    assert distances == local + [None] * (len(distances) - len(local))  # remote last
    assert local == sorted(local) and len(local) == 4
    assert 60 < dict(zip(names, distances))["columbus"] < 80


def test_zip_and_state_places(find):
    assert "coach" in find(where="45402")[1]
    results, names = find(where="Ohio", per_page=50)
    assert results.place.kind == "state"
    assert sorted(names) == ["by_zip", "coach", "columbus", "navigator", "remote", "remote_ohio"]


def test_unknown_place_searches_everywhere_with_a_notice(find):
    everywhere = find()[0]
    results = find(where="Xyzzy")[0]
    assert results.notice == "We could not find the place “Xyzzy”. Showing jobs everywhere."
    assert results.place is None and results.total == everywhere.total


def test_no_results_near_a_place_suggest_a_wider_radius(find):
    results, names = find(q="families", where="Dayton, OH", radius=25)
    assert names == [] and "wider radius" in results.notice


@pytest.mark.parametrize("where", ["", "Austin, TX"])
def test_paging(find, where):
    pages = [find(q="families", where=where, per_page=3, page=n) for n in (1, 2, 3, 4)]
    assert [len(names) for _, names in pages] == [3, 3, 1, 0]
    assert all((r.total, r.pages) == (7, 3) for r, _ in pages)
    assert len({name for _, names in pages for name in names}) == 7


def test_newest_first_without_words(find):
    results, names = find(category=("family_peer",), per_page=50)
    assert names == [f"family{n}" for n in reversed(range(7))]
    assert results.hits[0].posted == date(2026, 10, 7)


@pytest.mark.parametrize("q", ["*", "title:x", '"unbalanced', "AND OR NOT", "x" * 10000,
                               "\x00<script>", "peer AND", "(coach", "coach^5", "[a TO z]", "c?ach*"])
def test_hostile_queries_do_not_raise(find, q):
    results, _ = find(q=q, where=q[:300])
    assert results.total >= 0 and results.pages >= 0


def test_snippets_are_escaped_html_with_marks(find):
    results, _ = find(q="coach")
    snippet = results.hits[0].snippet
    assert "<mark>Coach</mark>" in snippet and "&lt;script&gt;" in snippet
    assert "<script>" not in snippet and "&amp;" in snippet
    plain = next(hit for hit in find(per_page=50)[0].hits if "script" in hit.snippet)
    assert "<script>" not in plain.snippet and "<mark>" not in plain.snippet


def test_hit_fields(find):
    hit = find(q="coach", where="Dayton, OH")[0].hits[0]
    assert (hit.title, hit.city, hit.state, hit.remote, hit.category) == (
        "Peer Recovery Coach", "Dayton", "OH", False, "recovery_coach")
    assert (hit.pay.hourly_min, hit.pay.hourly_max, hit.posted) == (18.5, None, date(2026, 11, 1))
    assert hit.distance_miles < 2


def test_query_values_are_clamped():
    query = search.SearchQuery(radius=1000, page=0, per_page=500, category=["a"])
    assert (query.radius, query.page, query.per_page, query.category) == (100, 1, 50, ("a",))
    assert search.SearchQuery(radius=1, per_page=0).radius == 5


@pytest.mark.parametrize("where", ["Dayton, OH", "45402", "Ohio"])
def test_remote_jobs_limited_to_another_state_are_left_out(find, where):
    names = find(q="peer", where=where, radius=25, per_page=50)[1]
    assert "remote" in names and "remote_ohio" in names
    assert "remote_oregon" not in names


def test_a_remote_job_limited_to_a_state_shows_for_that_state(find):
    names = find(q="warmline", where="Portland, OR", per_page=50)[1]
    assert names == ["remote_oregon"]


def test_snippets_keep_description_lines_apart():
    snippet = search.ANALYZER.snippet("Requirements\nLived experience of recovery\nA valid license.", ["live"])
    assert "Requirements. <mark>Lived</mark> experience of recovery. A valid license" in snippet


@pytest.mark.parametrize("text, terms, expected", [
    ("Peer support for peers.", ["peer"], "<mark>Peer</mark> support for <mark>peers</mark>."),
    ("Coaches & <b>coaching</b>", ["coach"], "<mark>Coaches</mark> &amp; &lt;b&gt;<mark>coaching</mark>&lt;/b&gt;."),
    ("Recovery housing, then supported recovery.", ["recoveri", "support"],
     "<mark>Recovery</mark> housing, then <mark>supported</mark> <mark>recovery</mark>."),
    ("Nothing matches here.", ["peer"], "Nothing matches here."),
    ("word " * 40, [], " ".join(["word"] * 30) + " …"),
])
def test_snippet_marks_words_with_the_query_stem(text, terms, expected):
    assert search.ANALYZER.snippet(text, terms) == expected


def test_snippet_shows_two_passages_of_a_long_description():
    text = "Peer role. " + "Filler words here. " * 40 + "Peer again. " + "More filler. " * 40 + "Peer third."
    snippet = search.ANALYZER.snippet(text, ["peer"])
    assert snippet.count(" … ") == 1 and snippet.count("<mark>Peer</mark>") == 2
    assert len(snippet) < 600 and "third" not in snippet
