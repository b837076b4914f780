"""The pipeline chain on a real store: a bad item is dropped with a counted reason, others stored.

The chain runs as a crawl runs it: a batch writer puts each posting through clean, validate,
dedupe, normalize and coverage, then upserts it; its counts join the crawl stats."""
import pickle

import pytest
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from crawlers.items import RawPosting
from crawlers.platforms.base import stable_id
from crawlers.writer import pack
from crawlers.writer_process import BatchWriter, PostingChain
from indexer import store
from indexer.store.models import Posting


def raw(**fields):
    base = dict(source_id="hope", external_id="1", url="https://hope.example/1/", title=" Peer Mentor ",
                description_html="<p>Mentor peers.</p>", locations=[], remote=False)
    return RawPosting(**{**base, **fields})


@pytest.fixture
def chain(settings, engine, session):
    store.upsert_source(session, store.SourceRecord("hope", "jsonld", "https://hope.example/", "Hope"))
    session.commit()
    crawler = get_crawler(settings_dict={"PEERJOBS_DATABASE_URL": settings.database_url})
    stats = MemoryStatsCollector(crawler)
    writer = BatchWriter(settings.database_url)

    def run(*items):
        for item in items:
            chain = PostingChain()
            writer.write([dict(item)], chain)
            for key, value in chain.tally.items():
                stats.inc_value(key, value)
    return run, stats


def test_bad_items_are_dropped_with_reasons_and_good_ones_stored(chain, session):
    run, stats = chain
    run(raw(external_id="1"))
    for bad, reason in ((raw(title="   "), "no_title"), (raw(url=None), "no_url"),
                        (raw(title="x" * 400), "title_too_long")):
        run(bad)
        assert stats.get_value(f"peerjobs/dropped/{reason}") == 1
    run(raw(external_id="2", title="Peer Mentor II"))
    titles = sorted(session.scalars(select(Posting.title)))
    assert titles == ["Peer Mentor", "Peer Mentor II"]
    assert stats.get_value("peerjobs/postings/new") == 2


def test_a_store_error_drops_one_item_and_keeps_what_is_stored(chain, session):
    run, stats = chain
    run(raw(external_id="1"))
    run(raw(external_id="2", source_id="no-such-source"))  # foreign key refused
    assert stats.get_value("peerjobs/dropped/store_error") == 1
    assert stats.get_value("item_dropped_count") == 1
    assert [p.external_id for p in session.scalars(select(Posting))] == ["1"]


def test_a_refused_posting_costs_only_itself_in_its_batch(settings, session):
    store.upsert_source(session, store.SourceRecord("hope", "jsonld", "https://hope.example/", "Hope"))
    session.commit()
    batch = [dict(raw(external_id=str(number), title=f"Peer Mentor {number}")) for number in range(5)]
    batch[2]["source_id"] = "no-such-source"
    chain = PostingChain()
    BatchWriter(settings.database_url).write(batch, chain)
    assert sorted(session.scalars(select(Posting.external_id))) == ["0", "1", "3", "4"]
    assert (chain.tally["peerjobs/postings/new"], chain.tally["peerjobs/dropped/store_error"]) == (4, 1)


def test_a_repeat_of_a_posting_stored_before_the_writer_took_over_is_dropped(settings, session):
    store.upsert_source(session, store.SourceRecord("hope", "jsonld", "https://hope.example/", "Hope"))
    session.commit()
    chain = PostingChain(seen=[["hope", "1"]])  # as the writer is told when it takes over
    BatchWriter(settings.database_url).write([dict(raw(external_id="1")), dict(raw(external_id="2"))], chain)
    assert (chain.tally["peerjobs/dropped/duplicate"], chain.tally["peerjobs/postings/new"]) == (1, 1)


def test_a_batch_that_cannot_go_to_the_writer_loses_only_what_cannot_be_sent():
    hostile: list = []
    for _ in range(100_000):
        hostile = [hostile]
    packed, lost = pack([dict(raw(external_id="1")), dict(raw(external_id="2", locations=hostile))])
    assert lost == 1
    assert [item["external_id"] for item in pickle.loads(packed)] == ["1"]


@pytest.mark.parametrize("value, expected", [
    ("PS-12", "PS-12"), (" 42 ", "42"), (42, "42"), ("", None), (None, None),
    ("https://a.example/" + "q" * 300, "sha256:"),
])
def test_stable_id(value, expected):
    result = stable_id(value)
    assert result == expected or (expected == "sha256:" and result.startswith("sha256:") and len(result) == 71)


def test_nul_bidi_controls_and_lone_surrogates_never_reach_the_store(chain, session):
    run, stats = chain
    run(raw(external_id="1", title="Peer\x00 Mentor \u202egnp.exe\u2066 \ud800", employer="Hope\u202d House",
            description_html="<p>Mentor\x00 peers\udfff.</p>"))
    posting = session.scalars(select(Posting)).one()
    assert posting.title == "Peer Mentor gnp.exe"
    assert posting.employer == "Hope House"
    assert "\x00" not in posting.description_html and "\udfff" not in posting.description_html


def test_a_description_over_the_cap_is_cut_and_the_cut_counted(chain, session):
    run, stats = chain
    run(raw(description_html="<p>" + "Support peers in recovery. " * 200_000 + "</p>"))
    posting = session.scalars(select(Posting)).one()
    assert 90_000 < len(posting.description_html) <= 101_000
    assert stats.get_value("peerjobs/field_problems/description_cut") == 1


def test_an_item_a_stage_fails_on_is_dropped_counted_and_the_next_one_stored(chain, session):
    run, stats = chain
    hostile: list = []
    for _ in range(100_000):  # deeper than Python's recursion limit
        hostile = [hostile]
    run(raw(external_id="1", locations=hostile))
    run(raw(external_id="2"))
    assert stats.get_value("peerjobs/dropped/clean_error") == 1
    assert stats.get_value("peerjobs/errors") == 1
    assert [p.external_id for p in session.scalars(select(Posting))] == ["2"]
