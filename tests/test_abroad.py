"""A job placed only abroad is stored with its country and found by no US place, state or radius search."""
import pytest

from indexer import search, store
from indexer.cards import posting_card
from indexer.normalize import normalize
from indexer.store import db
from indexer.store.models import Posting

LABELS = {
    "toronto": ["Toronto, Ontario, Canada"], "london": ["London, UK"], "yokneam": ["Israel, Yokneam"],
    "remote_canada": ["Remote - Canada"], "manila": ["Manila, Philippines"], "paris": ["Paris, France"],
    "calgary": [{"city": "Calgary", "region": "AB", "country": "CA"}],
    "ontario_field": [{"city": "Toronto", "region": "Ontario", "postal_code": "M5V 2T6", "country": "CAN"}],
    "dayton": ["Dayton, OH"], "london_ky": ["London, KY"], "remote_us": ["Remote - US"],
    "toronto_oh": ["Toronto, Ohio"],
}
COUNTRIES = {"toronto": "CA", "london": "GB", "yokneam": "IL", "remote_canada": "CA", "manila": "PH", "paris": "FR",
             "calgary": "CA", "ontario_field": "CA", "dayton": "US", "london_ky": "US", "remote_us": "US",
             "toronto_oh": "US"}
ABROAD = {key for key, country in COUNTRIES.items() if country != "US"}


def raw(key, locations):
    return {"url": f"https://agency.example/jobs/{key}/", "title": f"Peer Support Specialist {sorted(LABELS).index(key)}",
            "description_html": "<p>Share your lived experience of recovery with peers.</p>",
            "employer": "Agency (invented)", "locations": locations}


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("abroad")
    engine = db.make_engine(f"sqlite:///{tmp / 'store.db'}")
    db.migrate(engine)
    with db.session_factory(engine)() as session:
        store.upsert_source(session, store.SourceRecord(id="agency", platform="jsonld",
                                                        url="https://agency.example/", employer="Agency"))
        ids = {key: store.upsert_posting(session, "agency", key, normalize(raw(key, value)).fields)[0].id
               for key, value in LABELS.items()}
        session.commit()
        rows = {key: session.get(Posting, ids[key]) for key in ids}
        columns = {key: (row.country, row.state, row.latitude, row.remote_area, row.city) for key, row in rows.items()}
    search.sync(engine, tmp / "index")
    index = search.SearchIndex(tmp / "index")
    names = {value: key for key, value in ids.items()}
    yield columns, lambda **query: {names[hit.id] for hit in index.search(search.SearchQuery(per_page=50, **query)).hits}
    index.close()
    engine.dispose()


def test_the_store_keeps_each_postings_country(stored):
    columns, _ = stored
    assert {key: country for key, (country, *_) in columns.items()} == COUNTRIES
    for key in ABROAD:
        country, state, latitude, remote_area, _ = columns[key]
        assert state is None and latitude is None, key
        assert remote_area == ("abroad" if key == "remote_canada" else None), key
    assert columns["remote_us"][3] == "US" and columns["london_ky"][1] == "KY"


def test_every_posting_is_found_without_a_place(stored):
    assert stored[1]() == set(LABELS)


@pytest.mark.parametrize("query, found", [
    ({"where": "Ohio"}, {"dayton", "toronto_oh", "remote_us"}),
    ({"state": ("OH",)}, {"dayton", "toronto_oh"}),
    ({"where": "Toronto, OH", "radius": 50}, {"toronto_oh", "remote_us"}),
    ({"where": "Toronto", "radius": 50}, {"remote_us"}),  # the biggest Toronto is Toronto, SD
    ({"where": "London, KY", "radius": 25}, {"london_ky", "remote_us"}),
    ({"where": "Kentucky"}, {"london_ky", "remote_us"}),
    ({"where": "Paris, TX", "radius": 25}, {"remote_us"}),
    ({"where": "Manila, AR", "radius": 25}, {"remote_us"}),
    ({"where": "Lexington, KY", "radius": 100}, {"london_ky", "remote_us"}),
    ({"where": "Steubenville, OH", "radius": 25}, {"toronto_oh", "remote_us"}),
    ({"where": "Dayton, OH", "radius": 25, "remote": True}, {"remote_us"}),
])
def test_no_us_place_or_state_search_finds_a_posting_abroad(stored, query, found):
    assert stored[1](**query) == found


@pytest.mark.parametrize("key, shown", [
    ("toronto", "Toronto, Canada"), ("london", "London, United Kingdom"), ("yokneam", "Yokneam, Israel"),
    ("remote_canada", "Remote, outside the US"), ("dayton", "Dayton, OH"), ("london_ky", "London, KY"),
])
def test_a_card_names_the_country_abroad(stored, key, shown):
    country, state, _, remote_area, city = stored[0][key]
    row = Posting(id=1, title="Peer Support Specialist", city=city, state=state, country=country,
                  remote=remote_area is not None, remote_area=remote_area)
    assert posting_card(row).place == shown
