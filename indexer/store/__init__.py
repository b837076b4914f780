"""The store: the only package that builds SQL, for sources, postings, their sightings and runs.

Callers use `from indexer import store` and the names below; the modules split it by concern.
"""
from indexer.store.bulk import bulk_insert_postings
from indexer.store.closing import close_expired, close_gone, close_missing, recheck_urls
from indexer.store.postings import (
    POSTING_FIELDS, UpsertOutcome, content_hash, mark_closed, set_peer_fields, upsert_posting,
)
from indexer.store.reads import (
    count_postings, get_posting, open_peer_hourly_pay, open_peer_postings_for_sitemap, posting_ids,
    postings_changed_since, postings_page, postings_with_sources, sources_of,
)
from indexer.store.runs import finish_run, latest_runs, recent_healthy_items, start_run
from indexer.store.sources import SourceRecord, upsert_source

__all__ = [
    "POSTING_FIELDS", "SourceRecord", "UpsertOutcome", "bulk_insert_postings", "close_expired", "close_gone",
    "close_missing", "content_hash", "count_postings", "finish_run", "get_posting", "latest_runs", "mark_closed",
    "open_peer_hourly_pay", "open_peer_postings_for_sitemap", "posting_ids", "postings_changed_since",
    "postings_page", "postings_with_sources", "recent_healthy_items", "recheck_urls", "set_peer_fields",
    "sources_of", "start_run", "upsert_posting", "upsert_source",
]
