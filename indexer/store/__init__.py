"""The store: the only package that builds SQL, for sources, postings, their sightings and runs.

Callers use `from indexer import store` and the names below; the modules split it by concern.
"""
from indexer.store import deliveries  # the alert outbox; its marks read best as deliveries.mark_sent(...)
from indexer.store.bulk import bulk_insert_postings
from indexer.store.discovery import (
    ProposalError, ProposalRecord, accept_proposal, discovered_sources, edit_proposal, find_proposal, get_proposal,
    proposal_counts, proposal_with_board, proposals, reject_proposal, save_proposal,
)
from indexer.store.closing import close_expired, close_gone, close_missing, close_reported, recheck_urls
from indexer.store.health import SourceHealth, recent_good_runs, source_health
from indexer.store.admins import (
    add_admin, add_admin_session, admin_session, admins, delete_admin, delete_admin_session,
    delete_stale_admin_sessions, find_admin, get_admin, set_admin_totp,
)
from indexer.store.controls import (
    clear_run_request, run_requests, set_failing_notified, source_control, source_controls,
)
from indexer.store.locks import (
    acquire_lock, expired_locks, lock_of, locks_held, release_expired_lock, release_lock, set_lock_job, take_over_lock,
)
from indexer.store.operators import (
    SourceStatus, SubscriptionFigures, open_postings_by_source, recent_runs, request_run, runs_of_source,
    set_enabled, set_schedule, source_statuses, subscription_figures, widget_counts,
)
from indexer.store.postings import (
    POSTING_FIELDS, UpsertOutcome, content_hash, mark_closed, set_peer_fields, upsert_posting,
)
from indexer.store.reads import (
    count_postings, get_posting, open_peer_hourly_pay, open_peer_pay_by_state, open_peer_postings_for_sitemap,
    posting_ids,
    postings_changed_since, postings_page, postings_with_sources, sources_of,
)
from indexer.store.sighting_batches import record_sighting, record_sightings
from indexer.store.runs import finish_run, latest_run_start, latest_runs, runs_since, start_run
from indexer.store.scheduler_state import (
    add_scheduler_state, claim_job, due_jobs, scheduler_state, scheduler_states, set_next_run,
)
from indexer.store.sources import SourceRecord, get_source, upsert_source
from indexer.store.source_table import SourcePage, SourceQuery, SourceRow, known_source_ids, source_ids, source_page, source_row
from indexer.store.widgets import count_widget_use
from indexer.store.labels import add_label, labeled_examples, override_not_peer
from indexer.store.reports import (
    BEING_CHECKED_AT, MAX_REPORT_TEXT, REASONS, Recheck, add_report, being_checked, count_open_reports,
    get_report, handle_report, independent_open_reports, record_recheck, rechecks_due, report_queue,
)
from indexer.store.deliveries import (
    delivered_since, deliveries_of, digest_postings, due_deliveries, outbox_items, record_digests,
    subscriptions_to_check,
)
from indexer.store.subscriptions import (
    add_subscription, confirm_subscription, confirmation_sent_since, delete_subscription, delete_unconfirmed,
    erase_deleted, find_subscription, get_subscription, linked_subscription, pause_subscription, resume_subscription,
    set_confirmation_sent, set_frequency, subscriptions_of,
)

__all__ = [
    "ProposalError", "ProposalRecord", "accept_proposal", "discovered_sources", "edit_proposal", "find_proposal",
    "get_proposal", "proposal_counts", "proposal_with_board", "proposals", "reject_proposal", "save_proposal",
    "POSTING_FIELDS", "SourceRecord", "UpsertOutcome", "bulk_insert_postings", "close_expired", "close_gone",
    "close_missing", "content_hash", "count_postings", "finish_run", "get_posting", "latest_runs", "mark_closed",
    "open_peer_hourly_pay", "open_peer_pay_by_state", "open_peer_postings_for_sitemap", "posting_ids", "postings_changed_since",
    "postings_page", "postings_with_sources", "recheck_urls", "set_peer_fields",
    "sources_of", "start_run", "record_sighting", "record_sightings", "upsert_posting", "upsert_source",
    "SourceHealth", "recent_good_runs", "source_health",
    "add_admin", "add_admin_session", "admin_session", "admins", "delete_admin", "delete_admin_session",
    "delete_stale_admin_sessions", "find_admin", "get_admin", "set_admin_totp",
    "clear_run_request", "run_requests", "set_failing_notified", "source_control", "source_controls",
    "acquire_lock", "lock_of", "expired_locks", "locks_held", "release_expired_lock", "release_lock", "set_lock_job",
    "take_over_lock",
    "latest_run_start", "runs_since", "get_source",
    "SourcePage", "SourceQuery", "SourceRow", "known_source_ids", "source_ids", "source_page", "source_row",
    "add_scheduler_state", "claim_job", "due_jobs", "scheduler_state", "scheduler_states", "set_next_run",
    "SourceStatus", "SubscriptionFigures", "open_postings_by_source", "recent_runs", "request_run",
    "runs_of_source", "set_enabled", "set_schedule", "source_statuses", "subscription_figures",
    "widget_counts", "count_widget_use",
    "add_subscription", "confirm_subscription", "confirmation_sent_since", "delete_subscription",
    "delete_unconfirmed", "erase_deleted", "find_subscription", "get_subscription", "linked_subscription",
    "pause_subscription",
    "resume_subscription", "set_confirmation_sent", "set_frequency", "subscriptions_of",
    "deliveries", "delivered_since", "deliveries_of", "digest_postings", "due_deliveries", "outbox_items",
    "record_digests", "subscriptions_to_check",
    "close_reported", "add_label", "labeled_examples", "override_not_peer",
    "BEING_CHECKED_AT", "MAX_REPORT_TEXT", "REASONS", "Recheck", "add_report", "being_checked",
    "count_open_reports", "get_report", "handle_report", "independent_open_reports", "record_recheck",
    "rechecks_due", "report_queue",
]
