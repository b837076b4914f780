"""Request arguments -> SearchQuery: every field, odd values falling back, errors in words."""
import pytest
from werkzeug.datastructures import MultiDict

from indexer.search import SearchQuery
from indexer.search.params import errors, parse_query, query_args


@pytest.mark.parametrize("args, expected", [
    ({}, SearchQuery()),
    ({"q": " peer\x00 coach ", "where": "Dayton,  OH"}, SearchQuery(q="peer coach", where="Dayton, OH")),
    ({"radius": "50", "page": "2", "per_page": "10"}, SearchQuery(radius=50, page=2, per_page=10)),
    ({"radius": "7"}, SearchQuery(radius=5)),  # snaps to the nearest choice
    ({"per_page": "500"}, SearchQuery()), ({"per_page": "0"}, SearchQuery()), ({"per_page": "ten"}, SearchQuery()),
    ({"category": ["peer_specialist", "peer_bridger,peer_mentor", "<b>"]},
     SearchQuery(category=("peer_specialist", "peer_bridger", "peer_mentor"))),
    ({"employment_type": ["full_time", "PART_TIME", "SOMETIMES"]}, SearchQuery(employment_type=("FULL_TIME", "PART_TIME"))),
    ({"state": ["oh", "Texas", "ZZ"]}, SearchQuery(state=("OH", "TX"))),
    ({"setting": ["housing", "Warmline", "a b"]}, SearchQuery(setting=("housing", "warmline"))),
    ({"posted_within": "7"}, SearchQuery(posted_within=7)), ({"posted_within": "5"}, SearchQuery()),
    ({"posted_within": "-1"}, SearchQuery()),
    ({"min_hourly": "18.50"}, SearchQuery(min_hourly=18.5)), ({"min_hourly": "$20"}, SearchQuery(min_hourly=20)),
    ({"min_hourly": "nan"}, SearchQuery()), ({"min_hourly": "1e9"}, SearchQuery()), ({"min_hourly": "-3"}, SearchQuery()),
    ({"remote": "1", "pay_disclosed": "true", "no_certification_required": "on"},
     SearchQuery(remote=True, pay_disclosed=True, no_certification_required=True)),
    ({"remote": "0", "include_closed": "maybe"}, SearchQuery()),
    ({"include_non_peer": "yes", "include_closed": "TRUE"}, SearchQuery(include_non_peer=True, include_closed=True)),
    ({"sort": "date"}, SearchQuery(sort="date")), ({"sort": "distance"}, SearchQuery(sort="distance")),
    ({"sort": "price"}, SearchQuery()), ({"sort": ["date"]}, SearchQuery()),
    ({"q": 5, "radius": None, "page": 3.5, "remote": 2}, SearchQuery()),
])
def test_parse_query(args, expected):
    assert parse_query(args) == expected


def test_parse_query_reads_repeated_arguments():
    args = MultiDict([("category", "peer_specialist"), ("category", "peer_mentor"), ("state", "OH")])
    assert parse_query(args) == SearchQuery(category=("peer_specialist", "peer_mentor"), state=("OH",))


@pytest.mark.parametrize("query", [
    SearchQuery(),
    SearchQuery(q="peer", where="Dayton, OH", radius=50, category=("peer_specialist", "peer_mentor"), remote=True,
                employment_type=("PART_TIME",), posted_within=14, pay_disclosed=True, min_hourly=18.5,
                no_certification_required=True, setting=("housing",), state=("OH",), sort="date", page=3,
                per_page=10, include_non_peer=True, include_closed=True),
    SearchQuery(min_hourly=20, sort="distance"),
])
def test_query_args_reproduce_the_query(query):
    args = query_args(query)
    assert parse_query(MultiDict([(k, v) for k, vs in args.items() for v in (vs if isinstance(vs, list) else [vs])])) == query


def test_query_args_leave_defaults_out_and_apply_changes():
    query = SearchQuery(q="peer", remote=True, setting=("housing",))
    assert query_args(query) == {"q": "peer", "remote": 1, "setting": ["housing"]}
    assert query_args(query, remote=False, setting=[], page=2) == {"q": "peer", "page": 2}
    assert query_args(query, min_hourly=20.0, posted_within=None) == {
        "q": "peer", "remote": 1, "setting": ["housing"], "min_hourly": 20}


@pytest.mark.parametrize("args, messages", [
    ({}, []),
    ({"q": "*:* AND (", "where": "x" * 500, "radius": "25", "page": "2"}, []),
    ({"radius": "1000"}, ["radius must be between 5 and 100"]),
    ({"radius": "abc"}, ["radius must be between 5 and 100"]),
    ({"posted_within": "5"}, ["posted_within must be one of 1, 3, 7, 14, 30"]),
    ({"sort": "cheapest"}, ["sort must be relevance, date or distance"]),
    ({"per_page": "51"}, ["per_page must be between 1 and 50"]),
    ({"page": "0"}, ["page must be a whole number from 1 to 500"]),
    ({"min_hourly": "lots"}, ["min_hourly must be an amount of dollars an hour, like 18 or 18.50, up to 1000"]),
    ({"remote": "perhaps"}, ["remote must be true or false"]),
    ({"category": ["peer_specialist", "astronaut"]}, ["unknown category “astronaut”"]),
    ({"setting": "moon_base"}, ["unknown setting “moon_base”"]),
    ({"state": "ZZ", "employment_type": "FULL_TIME"}, ["unknown state “ZZ”"]),
    ({"employment_type": "SOMETIMES"}, ["unknown employment type “SOMETIMES”"]),
    ({"radius": "0", "sort": "x"}, ["radius must be between 5 and 100", "sort must be relevance, date or distance"]),
])
def test_errors(args, messages):
    assert errors(args) == messages
    parse_query(args)  # and the pages still get a query
