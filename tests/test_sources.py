"""Sources are data: a bad entry is reported with its id and field and skips only itself."""
from pathlib import Path

import pytest

from crawlers.sources import DEFAULT_SOURCES_FILE, SourcesFileError, load_sources, parse_entries

GOOD = {"id": "hope-center", "platform": "jsonld", "url": "https://hope.example/careers/",
        "employer": "Hope Center", "enabled": True}


@pytest.mark.parametrize("change, field", [
    ({"id": "Bad Id!"}, "id"),
    ({"platform": "myspace"}, "platform"),
    ({"url": "ftp://hope.example/"}, "url"),
    ({"url": "javascript:alert(1)"}, "url"),
    ({"employer": ""}, "employer"),
    ({"enabled": "yes"}, "enabled"),
    ({"colour": "blue"}, "colour"),
])
def test_bad_entry_is_reported_and_others_survive(change, field):
    listed = parse_entries([dict(GOOD, **change), dict(GOOD, id="other")])
    assert [s.id for s in listed.sources] == ["other"]
    assert [(p.field) for p in listed.problems] == [field]


def test_duplicate_ids_and_non_mapping_entries():
    listed = parse_entries([GOOD, GOOD, "just a string"])
    assert [s.id for s in listed.sources] == ["hope-center"]
    assert [(p.source_id, p.field) for p in listed.problems] == [("hope-center", "id"), ("#3", "entry")]


def test_platform_keys_become_options():
    listed = parse_entries([dict(GOOD, link_selector="a.job::attr(href)")])
    assert listed.sources[0].options == {"link_selector": "a.job::attr(href)"}


def test_unreadable_file_is_one_clear_error(tmp_path: Path):
    broken = tmp_path / "sources.yaml"
    broken.write_text("sources: [ {id: x,,\n")
    with pytest.raises(SourcesFileError, match="sources.yaml"):
        load_sources(broken)
    broken.write_text("- just a list\n")
    with pytest.raises(SourcesFileError, match="sources:"):
        load_sources(broken)


def test_shipped_sources_all_validate():
    listed = load_sources(DEFAULT_SOURCES_FILE)
    assert listed.problems == []
    assert len(listed.sources) >= 10
    assert all(source.url.startswith("https://") for source in listed.sources)
