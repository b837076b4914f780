"""config/networks.yaml read into Network objects: every mistake in an entry named in words, the
entry left out and the good ones kept; origins compared the way browsers send them."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml

from foundation.settings import DEFAULT_NETWORKS_FILE
from indexer.taxonomy import load_taxonomy
from indexer.networks import DEFAULT_ACCENT, Network, NetworkError, load_networks, parse_network
from indexer.network_values import contrast_on_white, is_network_id, origin_of

TAXONOMY = load_taxonomy()
DROP = object()  # an entry() value that leaves the field out
FULL = {
    "id": "ohio-peers", "name": "Ohio Peer Network", "origins": ["https://peers.example", "http://127.0.0.1:8090"],
    "filters": {"states": ["OH"], "categories": ["peer_specialist", "peer_recovery_coach"],
                "where": "Dayton, OH", "radius": 50, "remote": False},
    "accent": "#1d4ed8", "results": 10, "show_filters": True, "show_alerts": True,
}


def entry(**changes) -> dict:
    """FULL with some fields changed (DROP: left out); `filters` changes merge into its filters."""
    changed = dict(FULL, filters=dict(FULL["filters"]))
    for name, value in changes.items():
        if name.startswith("filters_"):
            changed["filters"][name[len("filters_"):]] = value
        elif value is DROP:
            changed.pop(name)
        else:
            changed[name] = value
    return changed


# One entry ------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    (entry(), Network(id="ohio-peers", name="Ohio Peer Network",
                      origins=("https://peers.example", "http://127.0.0.1:8090"), states=("OH",),
                      categories=("peer_specialist", "peer_recovery_coach"), where="Dayton, OH", radius=50,
                      remote=False, accent="#1d4ed8", results=10, show_filters=True, show_alerts=True)),
    ({"id": "a", "name": "A", "origins": ["https://a.example"]},          # only what is required
     Network(id="a", name="A", origins=("https://a.example",), accent=DEFAULT_ACCENT)),
    (entry(name="  Ohio \t Peer   Network "), {"name": "Ohio Peer Network"}),
    (entry(origins=["HTTPS://Peers.Example:443/", "https://peers.example", "http://[::1]:8090"]),
     {"origins": ("https://peers.example", "http://[::1]:8090")}),
    (entry(filters_states=["Ohio", "oh", "KY"]), {"states": ("OH", "KY")}),
    (entry(filters_states="OH", filters_categories="peer_mentor"), {"states": ("OH",), "categories": ("peer_mentor",)}),
    (entry(filters=DROP), {"states": (), "categories": (), "where": "", "radius": 25, "remote": False}),
    (entry(filters_remote=True, filters_radius=100, filters_where=""), {"remote": True, "radius": 100, "where": ""}),
    (entry(accent="#1D4ED8"), {"accent": "#1d4ed8"}),
    (entry(accent="#000"), {"accent": "#000"}),
    (entry(results=1), {"results": 1}),
    (entry(results=20, show_filters=False, show_alerts=False),
     {"results": 20, "show_filters": False, "show_alerts": False}),
    (entry(), {"language": "en"}),
    (entry(language="es"), {"language": "es"}),
])
def test_good_entries_become_networks(raw, expected):
    network = parse_network(raw, TAXONOMY)
    if isinstance(expected, Network):
        assert network == expected
    else:
        assert {name: getattr(network, name) for name in expected} == expected


@pytest.mark.parametrize("raw, words", [
    ("ohio-peers", "each network must be a mapping"),
    (["ohio-peers"], "each network must be a mapping"),
    (entry(colour="#1d4ed8"), "unknown field “colour”; the fields are id, name, origins"),
    (entry(id="Ohio_Peers"), "id must be 1 to 60 lower-case letters, digits and hyphens"),
    (entry(id="-ohio"), "id must be"),
    (entry(id="ohio-"), "id must be"),
    (entry(id="o" * 61), "id must be"),
    (entry(id=7), "id must be"),
    (entry(id=DROP), "id must be"),
    (entry(name=DROP), "ohio-peers: name must be text of 1 to 80 characters"),
    (entry(name="   "), "name must be text"),
    (entry(name="N" * 81), "name must be text"),
    (entry(name=["Ohio"]), "name must be text"),
    (entry(origins=["https://peers.example/jobs"]), "“https://peers.example/jobs” is not an origin; write "
                                                     "scheme://host[:port] with no path"),
    (entry(origins=["https://peers.example/?embed=1"]), "“https://peers.example/?embed=1” is not an origin"),
    (entry(origins=["https://peers.example#top"]), "is not an origin"),
    (entry(origins=["https://admin:secret@peers.example"]), "“https://admin:secret@peers.example” is not an origin"),
    (entry(origins=["https://admin@peers.example"]), "is not an origin"),
    (entry(origins=["ftp://peers.example"]), "“ftp://peers.example” is not an origin"),
    (entry(origins=["https://*.peers.example"]), "“https://*.peers.example” is not an origin"),
    (entry(origins=["*"]), "“*” is not an origin"),
    (entry(origins=["peers.example"]), "“peers.example” is not an origin"),
    (entry(origins=["https://peers.example:99999"]), "is not an origin"),
    (entry(origins=["https://peers.example", 8090]), "“8090” is not an origin"),
    (entry(origins="https://peers.example"), "origins must be a list of sites like https://peers.example"),
    (entry(origins=[]), "origins must be a list"),
    (entry(origins=DROP), "origins must be a list"),
    (entry(filters=["OH"]), "filters must be a mapping of states, categories, where, radius, remote"),
    (entry(filters_state="OH"), "unknown filter “state”; the filters are states, categories"),
    (entry(filters_states=["OH", "ZZ"]), "states must be US states, like OH or Ohio"),
    (entry(filters_states=[39]), "states must be US states"),
    (entry(filters_categories=["peer_specialist", "registered_nurse"]),
     "unknown category “registered_nurse”; the categories are in config/taxonomy.yaml"),
    (entry(filters_radius=30), "radius must be one of 5, 10, 25, 50, 100 (miles)"),
    (entry(filters_radius="50"), "radius must be one of"),
    (entry(filters_radius=True), "radius must be one of"),
    (entry(filters_where="D" * 101), "where must be a place of at most 100 characters"),
    (entry(filters_where=["Dayton"]), "where must be a place"),
    (entry(filters_remote="no"), "filters.remote must be true or false"),
    (entry(accent="blue"), "accent must be a colour like #1d4ed8"),
    (entry(accent="#12345"), "accent must be a colour"),
    (entry(accent="1d4ed8"), "accent must be a colour"),
    (entry(accent="#ffcc00"), "accent #ffcc00 has a contrast of 1.5:1 with white text; it needs at least 4.5:1"),
    (entry(accent="#777777"), "accent #777777 has a contrast of 4.5:1"),          # 4.48: rounds up, still refused
    (entry(results=0), "results must be a whole number from 1 to 20"),
    (entry(results=21), "results must be a whole number from 1 to 20"),
    (entry(results=True), "results must be a whole number"),
    (entry(results="10"), "results must be a whole number"),
    (entry(results=2.5), "results must be a whole number"),
    (entry(show_alerts="yes"), "ohio-peers: show_alerts must be true or false"),
    (entry(language="spanish"), "ohio-peers: language must be one of en, es"),
    (entry(language="fr"), "ohio-peers: language must be one of en, es"),
    (entry(show_filters=1), "show_filters must be true or false"),
])
def test_each_mistake_is_named(raw, words):
    with pytest.raises(NetworkError) as raised:
        parse_network(raw, TAXONOMY)
    assert words in str(raised.value)


def test_the_contrast_in_the_message_is_the_real_one():
    with pytest.raises(NetworkError, match=rf"{contrast_on_white('#ffcc00'):.1f}:1"):
        parse_network(entry(accent="#ffcc00"), TAXONOMY)
    assert parse_network(entry(accent="#767676"), TAXONOMY).accent == "#767676"   # 4.54: the lightest grey allowed


# Values ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, origin", [
    ("https://peers.example", "https://peers.example"),
    ("https://Peers.EXAMPLE/", "https://peers.example"),
    ("HTTPS://PEERS.EXAMPLE:443", "https://peers.example"),
    ("http://peers.example:80", "http://peers.example"),
    ("http://peers.example:443", "http://peers.example:443"),
    ("https://peers.example:80", "https://peers.example:80"),
    ("http://127.0.0.1:8090", "http://127.0.0.1:8090"),
    ("  http://localhost:8090  ", "http://localhost:8090"),
    ("http://[::1]:8090", "http://[::1]:8090"),
    ("https://[2001:DB8::1]:443", "https://[2001:db8::1]"),
    ("null", None),
    ("", None),
    (None, None),
    (443, None),
    ("peers.example", None),
    ("//peers.example", None),
    ("https://", None),
    ("ftp://peers.example", None),
    ("file:///etc/passwd", None),
    ("javascript:alert(1)", None),
    ("https://peers.example/jobs", None),
    ("https://peers.example?x=1", None),
    ("https://peers.example#x", None),
    ("https://user@peers.example", None),
    ("https://user:pass@peers.example", None),
    ("https://*.peers.example", None),
    ("https://peers.example:99999", None),
    ("https://peers.example:port", None),
])
def test_origins_are_normalized_as_browsers_send_them(text, origin):
    assert origin_of(text) == origin


@pytest.mark.parametrize("colour, ratio", [
    ("#000", 21.0), ("#000000", 21.0), ("#fff", 1.0), ("#FFFFFF", 1.0), ("#767676", 4.54), ("#777777", 4.48),
    ("#1d4ed8", 6.70), ("#ffcc00", 1.51),
])
def test_contrast_on_white(colour, ratio):
    assert contrast_on_white(colour) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize("value, valid", [
    ("a", True), ("ohio-peers", True), ("2-peers-3", True), ("o" * 60, True),
    ("", False), ("o" * 61, False), ("Ohio", False), ("ohio_peers", False), ("-ohio", False), ("ohio-", False),
    ("ohio peers", False), ("ohio/peers", False), ("ohio-peers\n", False), (None, False), (7, False),
])
def test_network_ids(value, valid):
    assert is_network_id(value) is valid


def test_a_network_allows_only_its_own_origins():
    network = parse_network(entry(), TAXONOMY)
    assert network.allows("https://peers.example") and network.allows("HTTPS://peers.example:443")
    for origin in (None, "null", "http://peers.example", "https://peers.example:8443", "https://evil.example",
                   "https://peers.example.evil.example", "http://localhost:8090"):
        assert not network.allows(origin), origin


# The file ---------------------------------------------------------------------------------------

def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "networks.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_keeps_its_good_networks_and_names_each_one_left_out(tmp_path, caplog):
    entries = [entry(), entry(id="bad-one", show_alerts="yes"), entry(id="kentucky", name="Kentucky Peers"),
               entry(name="Ohio again"), "just text"]
    path = write(tmp_path, yaml.safe_dump({"networks": entries}))
    with caplog.at_level(logging.WARNING, logger="indexer.networks"):
        networks = load_networks(path, TAXONOMY)
    assert sorted(networks.by_id) == ["kentucky", "ohio-peers"]
    assert networks.get("ohio-peers").name == "Ohio Peer Network"             # the first of a taken id stays
    assert [network.id for network in networks] == ["kentucky", "ohio-peers"]  # by name
    assert len(networks) == 2 and networks.get(None) is None and networks.get("bad-one") is None
    assert networks.problems == [
        "networks.yaml, network 2: bad-one: show_alerts must be true or false; left out",
        "networks.yaml, network 4: the id ohio-peers is taken; left out",
        "networks.yaml, network 5: each network must be a mapping with id, name and origins; left out",
    ]
    assert [record.getMessage() for record in caplog.records] == networks.problems


@pytest.mark.parametrize("text, words", [
    ("networks:\n  - id: ohio-peers\n    name: [unclosed\n", "cannot be read"),
    ("networks: [\n", "cannot be read"),
    ("\tnetworks: []\n", "cannot be read"),
    ("- id: ohio-peers\n  name: Ohio\n", "expected “networks:” followed by a list of networks"),
    ("peers:\n  - id: ohio-peers\n", "expected “networks:”"),
    ("networks: ohio-peers\n", "expected “networks:”"),
    ("networks:\n", "expected “networks:”"),
    ("", "expected “networks:”"),
])
def test_a_file_that_cannot_be_used_gives_no_networks_and_says_why(tmp_path, text, words):
    networks = load_networks(write(tmp_path, text), TAXONOMY)
    assert len(networks) == 0 and list(networks) == []
    [problem] = networks.problems
    assert str(tmp_path / "networks.yaml") in problem and words in problem


def test_a_file_that_is_not_text_says_so(tmp_path):
    path = tmp_path / "networks.yaml"
    path.write_bytes(b"networks: \xff\xfe\n")
    [problem] = load_networks(path, TAXONOMY).problems
    assert "cannot be read" in problem


def test_no_file_means_no_networks_and_no_problem(tmp_path):
    networks = load_networks(tmp_path / "missing.yaml", TAXONOMY)
    assert (len(networks), networks.problems) == (0, [])
    empty = load_networks(write(tmp_path, "networks: []\n"), TAXONOMY)
    assert (len(empty), empty.problems) == (0, [])


def test_the_shipped_file_loads_without_problems():
    networks = load_networks(DEFAULT_NETWORKS_FILE, TAXONOMY)
    assert networks.problems == []
    example = networks.get("example-peer-network")
    assert example is not None and example.name == "Example Peer Network"
    assert example.origins == ("http://127.0.0.1:8090", "http://localhost:8090")
    assert example.states == ("OH",) and contrast_on_white(example.accent) >= 4.5
    assert example.language == "en"
    spanish = networks.get("red-ejemplo-de-pares")
    assert spanish is not None and spanish.language == "es" and spanish.origins == example.origins
