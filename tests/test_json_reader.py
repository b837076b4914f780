"""Scraped JSON is read without recursion: deep nesting costs its own value, never the document."""
import json

import pytest

from indexer.parsers.json_reader import REFUSED_DEPTH, TOO_DEEP, JsonError, holds_too_deep, read_json


def nested(levels: int, inner: str = "1") -> str:
    return '{"a":' * levels + inner + "}" * levels


@pytest.mark.parametrize("text", [
    "{}", "[]", '"x"', " 7 ", "-3.5e2", "true", "null", '"\\ud800 lone"', '{"k": "caf\\u00e9", "n": [1, {"m": []}]}',
    '[1, 2.5, -3e2, "a", true, false, null, {"k": [ ]}]', '\n{\t"a" : [ 1 , 2 ] }\r\n',
])
def test_reads_what_the_standard_reader_reads(text):
    assert read_json(text) == json.loads(text)


@pytest.mark.parametrize("text", [
    "", "[", "[1,]", '{"a" 1}', '{"a":1,}', "[1] 2", "nul", "{'a':1}", "[1 2]", '{"a":1', '"open',
])
def test_malformed_json_is_a_value_error(text):
    with pytest.raises(ValueError):
        read_json(text)


def test_bytes_are_utf8_with_or_without_a_bom():
    assert read_json('\ufeff{"t": "é"}'.encode()) == {"t": "é"}
    with pytest.raises(JsonError, match="UTF-8"):
        read_json(b'{"t": "\xff"}')


def test_containers_past_the_depth_cap_become_too_deep_and_the_rest_is_kept():
    document = read_json('{"@graph": [{"title": "Peer specialist"}, {"baseSalary": ' + nested(300) + "}]}",
                         max_depth=8)
    good, hostile = document["@graph"]
    assert good == {"title": "Peer specialist"} and not holds_too_deep(good)
    assert holds_too_deep(hostile)


def test_nesting_just_inside_the_cap_is_kept_whole():
    assert not holds_too_deep(read_json(nested(8), max_depth=8))
    assert read_json(nested(9), max_depth=8)["a"]["a"]["a"]["a"]["a"]["a"]["a"]["a"] is TOO_DEEP


@pytest.mark.parametrize("levels", [REFUSED_DEPTH + 1, 200_000])
def test_nesting_past_the_refused_depth_is_refused_whole(levels):
    with pytest.raises(JsonError, match="nested deeper"):
        read_json("[" * levels + "]" * levels)


def test_text_over_the_size_cap_is_refused_before_reading():
    with pytest.raises(JsonError, match="over the limit"):
        read_json("[" + "1," * 600 + "1]", max_chars=1000)


def test_holds_too_deep_walks_a_very_deep_value_without_recursion():
    value: list = []
    for _ in range(50_000):
        value = [value]
    assert holds_too_deep(value) is False
    value.append(TOO_DEEP)
    assert holds_too_deep(value) is True
