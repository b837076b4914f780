"""Each labeled answer of the sample homepages is a source that really crawls: every expected
source is crawled once (API platforms through `routes()`) and yields the peer-support
postings its label counts."""
from __future__ import annotations

from collections import Counter

import pytest

from peerjobs.demo.homepages import HELDOUT_FILE, HOMEPAGES_FILE, HomepageWorld
from tests.crawl_support import crawl_entries, runs_and_postings


@pytest.mark.parametrize("catalog", [HOMEPAGES_FILE, HELDOUT_FILE], ids=["homepages", "heldout"])
def test_every_expected_source_crawls_and_finds_postings(catalog, sqlite_settings, monkeypatch):
    monkeypatch.setenv("PEERJOBS_USAJOBS_API_KEY", "demo-key")
    monkeypatch.setenv("PEERJOBS_USAJOBS_EMAIL", "demo@peerjobs.invalid")
    with HomepageWorld(catalog) as world:
        entries = {}
        for org in world.organizations:
            entry = world.trial_source(org)
            if entry and entry["url"] not in {e["url"] for e in entries.values()}:
                entries[org.id] = entry
        crawl_entries(list(entries.values()), sqlite_settings, PEERJOBS_ALLOWED_PRIVATE_HOSTS=["127.0.0.1"])
    runs, postings = runs_and_postings(sqlite_settings)
    status = {run.source_id: run.status for run in runs}
    assert {entry["id"]: status.get(entry["id"]) for entry in entries.values()} == \
        {entry["id"]: "ok" for entry in entries.values()}
    peers = Counter(p.source_id for p in postings if p.is_peer)
    for org in world.organizations:
        if org.id in entries and org.peer_postings is not None:
            assert peers[entries[org.id]["id"]] == org.peer_postings, org.id
    assert all(peers[entry["id"]] > 0 for entry in entries.values())
    assert all(org.peer_postings is not None for org in world.organizations if org.id in entries)
