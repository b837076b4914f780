"""SQLAlchemy models: the store is the source of truth for every other view."""
from __future__ import annotations

import secrets
from datetime import date, datetime, timezone

from sqlalchemy import (
    JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    """Naive UTC: stored the same way on SQLite and PostgreSQL."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def new_link_nonce() -> str:
    return secrets.token_urlsafe(16)


class Base(DeclarativeBase):
    pass


class Source(Base):
    """One agency careers page or ATS board, mirrored from config/sources.yaml."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    platform: Mapped[str] = mapped_column(String(40))
    url: Mapped[str] = mapped_column(Text)
    employer: Mapped[str] = mapped_column(String(300))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    #: "curated": listed in config/sources.yaml; "discovered": accepted from the discovery queue and
    #: kept only here, in the database.
    origin: Mapped[str] = mapped_column(String(20), default="curated", server_default="curated")
    #: Where a discovered source came from: the proposal, the organization's website, the evidence,
    #: who accepted it and when.
    provenance: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Posting(Base):
    """One job, however many sources list it (see PostingSource).

    source_id/external_id name the sighting whose fields the posting shows (its primary source).
    """

    __tablename__ = "postings"
    __table_args__ = (
        UniqueConstraint("source_id", "external_id", name="uq_postings_source_external"),
        Index("ix_postings_changed_at", "changed_at"),
        Index("ix_postings_fingerprint", "fingerprint"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(500))
    url: Mapped[str] = mapped_column(Text)
    apply_url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(String(500))
    #: The title cleaned for reading (indexer.taxonomy.display_title); `title` is as posted.
    display_title: Mapped[str | None] = mapped_column(String(500))
    employer: Mapped[str | None] = mapped_column(String(300))
    description_html: Mapped[str] = mapped_column(Text, default="")
    description_text: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str | None] = mapped_column(String(120))
    state: Mapped[str | None] = mapped_column(String(2))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    remote: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Where a remote job's applicants may live: a state code, "US" for anywhere; None if not remote.
    remote_area: Mapped[str | None] = mapped_column(String(20))
    #: The country of the posting's places: "US", a country abroad by ISO code ("CA"), None if unnamed.
    country: Mapped[str | None] = mapped_column(String(2))
    #: Every place the posting names, the first being the one in city/state/...: a list of
    #: {"city", "state", "postal_code", "latitude", "longitude"}.
    locations: Mapped[list] = mapped_column(JSON, default=list)
    employment_type: Mapped[str | None] = mapped_column(String(40))
    pay_min: Mapped[float | None] = mapped_column(Float)
    pay_max: Mapped[float | None] = mapped_column(Float)
    pay_unit: Mapped[str | None] = mapped_column(String(10))
    pay_text: Mapped[str | None] = mapped_column(Text)
    pay_hourly_min: Mapped[float | None] = mapped_column(Float)
    pay_hourly_max: Mapped[float | None] = mapped_column(Float)
    pay_annual_min: Mapped[float | None] = mapped_column(Float)
    pay_annual_max: Mapped[float | None] = mapped_column(Float)
    date_posted: Mapped[date | None] = mapped_column(Date)
    valid_through: Mapped[datetime | None] = mapped_column(DateTime)
    category: Mapped[str | None] = mapped_column(String(60))
    is_peer: Mapped[bool] = mapped_column(Boolean, default=False)
    classification: Mapped[str | None] = mapped_column(Text)
    #: What peers filter on, from the taxonomy: certification, lived experience, settings, ...
    facets: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="open")
    #: Employer, title and place, normalized (indexer.identity): finds the job in other sources.
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    last_verified_open: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_reason: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    first_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PostingSource(Base):
    """One source's sighting of a posting: where it was listed and how many runs missed it."""

    __tablename__ = "posting_sources"
    __table_args__ = (
        UniqueConstraint("source_id", "external_id", name="uq_posting_sources_source_external"),
        Index("ix_posting_sources_posting", "posting_id"),
        Index("ix_posting_sources_url_key", "url_key"),
        Index("ix_posting_sources_apply_key", "apply_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id", ondelete="CASCADE"))
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(500))
    url: Mapped[str] = mapped_column(Text)
    apply_url: Mapped[str | None] = mapped_column(Text)
    #: indexer.identity.canonical_url of url and apply_url, for matching another source's links.
    url_key: Mapped[str | None] = mapped_column(String(2000))
    apply_key: Mapped[str | None] = mapped_column(String(2000))
    first_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: Consecutive healthy runs of this source that did not list the posting.
    missing_runs: Mapped[int] = mapped_column(Integer, default=0)


class CrawlRun(Base):
    """One crawl of one source, with the figures an operator needs to judge it."""

    __tablename__ = "crawl_runs"
    __table_args__ = (Index("ix_crawl_runs_source_started", "source_id", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20), default="running")
    pages: Mapped[int] = mapped_column(Integer, default=0)
    items: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str | None] = mapped_column(Text)
    stats: Mapped[dict] = mapped_column(JSON, default=dict)
    #: 'healthy' | 'degraded' | 'failing' (indexer.health); failing runs close nothing; health_reason says why.
    health: Mapped[str | None] = mapped_column(String(10))
    health_reason: Mapped[str | None] = mapped_column(Text)
    #: Per field: present/missing/invalid counts and invalid reasons; "dropped": items by reason.
    coverage: Mapped[dict | None] = mapped_column(JSON)


class SourceControl(Base):
    """What operators change from the admin area, kept apart from the YAML mirror in Source.

    None in a column means "as config/sources.yaml says"."""

    __tablename__ = "source_controls"

    source_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    #: A cron expression that replaces the source's schedule from the YAML.
    schedule: Mapped[str | None] = mapped_column(String(100))
    enabled: Mapped[bool | None] = mapped_column(Boolean)
    #: Set by "run now"; the scheduler crawls the source and clears it.
    run_requested_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: When operators were told the source is failing; cleared when it recovers.
    failing_notified_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(100))


class CrawlLock(Base):
    """One row while a source is being crawled: no two schedulers crawl it at once."""

    __tablename__ = "crawl_locks"

    source_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    #: Who holds it: "host:pid:scheduler-id", or a Scrapyd node and job id.
    holder: Mapped[str] = mapped_column(String(300))
    acquired_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: After this the lock is stale: its holder died or the run outlived its time limit.
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    run_id: Mapped[int | None] = mapped_column(Integer)
    #: Where the crawl runs: {"kind": "local", "pid": ...} or {"kind": "scrapyd", "node": ..., "job": ...}.
    job: Mapped[dict | None] = mapped_column(JSON)


class SchedulerState(Base):
    """When each scheduled job last ran, so a restarted scheduler catches up once, not per slot."""

    __tablename__ = "scheduler_state"

    job_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    last_run_at: Mapped[datetime | None] = mapped_column(DateTime)
    next_run_at: Mapped[datetime | None] = mapped_column(DateTime)


class AdminUser(Base):
    __tablename__ = "admin_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: Base32 key of the second factor (webapp/admin/totp.py); None when the account has none.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    #: The time step of the last code accepted: a code works once.
    totp_last_step: Mapped[int | None] = mapped_column(Integer)


class AdminSession(Base):
    """A signed-in browser. Logout deletes the row, so a replayed cookie finds nothing."""

    __tablename__ = "admin_sessions"

    #: SHA-256 of the random token the cookie carries; the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("admin_users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class Subscription(Base):
    """An email alert for one search. Only the address, the search, the frequency and times."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        Index("ix_subscriptions_email", "email"),
        Index("ix_subscriptions_status_frequency", "status", "frequency"),
        # An id is never given again after its row is deleted (SQLite's AUTOINCREMENT; a
        # PostgreSQL sequence never goes back either).
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: Random, named in every link of the alert: a link made for a deleted row opens nothing.
    link_nonce: Mapped[str] = mapped_column(String(32), default=new_link_nonce)
    email: Mapped[str] = mapped_column(String(320))
    #: The search as the results page's query parameters (webapp.search.params.query_args).
    search: Mapped[dict] = mapped_column(JSON, default=dict)
    #: instant (checked hourly), daily or weekly.
    frequency: Mapped[str] = mapped_column(String(10))
    #: pending (not confirmed yet), active, paused (by the subscriber or by bounces).
    status: Mapped[str] = mapped_column(String(10), default="pending")
    #: The widget network it was made through, named in its emails; None from PeerJobs itself.
    network: Mapped[str | None] = mapped_column(String(60))
    #: The language of its pages and emails, 'en' or 'es': that of the page it was made on.
    language: Mapped[str] = mapped_column(String(2), default="en", server_default="en")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    confirm_sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: Postings first seen before this were already considered for a digest.
    seen_through: Mapped[datetime | None] = mapped_column(DateTime)
    last_sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: Consecutive failed deliveries; too many pause the subscription.
    bounces: Mapped[int] = mapped_column(Integer, default=0)
    paused_at: Mapped[datetime | None] = mapped_column(DateTime)


class AlertDelivery(Base):
    """The outbox: a digest is written here before it is sent and marked sent after."""

    __tablename__ = "alert_deliveries"
    __table_args__ = (
        Index("ix_alert_deliveries_subscription", "subscription_id"),
        Index("ix_alert_deliveries_status", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscriptions.id", ondelete="CASCADE"))
    #: The Message-ID header, the same on every attempt.
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    #: The postings the digest shows, in its order.
    posting_ids: Mapped[list] = mapped_column(JSON, default=list)
    #: New matches beyond those shown, which the digest counts and links to.
    more_count: Mapped[int] = mapped_column(Integer, default=0)
    #: pending, sent, or failed (gave up after retries).
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)


class WidgetCount(Base):
    """Searches and click-throughs of one network's widget on one day: counts, no visitors."""

    __tablename__ = "widget_counts"

    network: Mapped[str] = mapped_column(String(60), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    searches: Mapped[int] = mapped_column(Integer, default=0)
    clicks: Mapped[int] = mapped_column(Integer, default=0)


class DailyFigure(Base):
    """One figure of one day, kept when what it counts is gone (indexer.store.figures).

    Events ("confirmed", "sent", ...) are added to as they happen; snapshots ("sources_health",
    "open_peer_by_state") are what was there when the day's snapshot was last taken. `key` splits
    a figure: "all" or "network:ID" for events, a health or a state for snapshots."""

    __tablename__ = "daily_figures"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    figure: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class PostingReport(Base):
    """A reader's "report a problem with this posting". No address, no browser, no account:
    reporter_key is a keyed hash of the connection's address and the day (docs/privacy.md),
    kept so several reports from one connection count once."""

    __tablename__ = "posting_reports"
    __table_args__ = (
        Index("ix_posting_reports_posting_status", "posting_id", "status"),
        Index("ix_posting_reports_recheck", "recheck_requested_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id", ondelete="CASCADE"))
    #: closed, wrong_pay_or_place, not_peer_work, scam_or_unsafe or other.
    reason: Mapped[str] = mapped_column(String(30))
    #: What the reader wrote, as plain text, at most MAX_REPORT_TEXT characters.
    text: Mapped[str | None] = mapped_column(Text)
    reporter_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: open, accepted or dismissed.
    status: Mapped[str] = mapped_column(String(10), default="open")
    handled_at: Mapped[datetime | None] = mapped_column(DateTime)
    handled_by: Mapped[str | None] = mapped_column(String(100))
    #: Set for a "closed" report; cleared when the re-check has run.
    recheck_requested_at: Mapped[datetime | None] = mapped_column(DateTime)
    recheck_result: Mapped[str | None] = mapped_column(Text)
    recheck_at: Mapped[datetime | None] = mapped_column(DateTime)


class PostingLabel(Base):
    """A labeled example an operator made from an accepted report: the posting's text and its
    label, for scoring the classifier (indexer.taxonomy.evaluate)."""

    __tablename__ = "posting_labels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("postings.id", ondelete="SET NULL"))
    #: SHA-256 of the title and description text the label was given for.
    text_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    employer: Mapped[str | None] = mapped_column(String(300))
    description_text: Mapped[str] = mapped_column(Text, default="")
    #: A taxonomy category id, or None: not peer work.
    category: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(100))


class ClassificationOverride(Base):
    """An operator's word on a posting's classification; re-crawls and re-classifying keep it."""

    __tablename__ = "classification_overrides"

    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True)
    is_peer: Mapped[bool] = mapped_column(Boolean, default=False)
    #: What the posting's `classification` then says.
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(100))


class DiscoveryProposal(Base):
    """One organization as discovery found it: a proposed source with its evidence, or a dead end.

    Nothing here is crawled on a schedule: an operator accepts a proposal (it becomes a Source with
    origin "discovered") or rejects it with a reason.
    """

    __tablename__ = "discovery_proposals"
    __table_args__ = (
        Index("ix_discovery_proposals_status", "status"),
        Index("ix_discovery_proposals_board_key", "board_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: The organization by its website's host ("www." dropped): one proposal per organization.
    org_key: Mapped[str] = mapped_column(String(300), unique=True)
    org_name: Mapped[str] = mapped_column(String(300))
    website: Mapped[str] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(120))
    state: Mapped[str | None] = mapped_column(String(2))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    #: pending (to review), accepted, rejected, dead_end (nothing to propose), covered (its board is
    #: already a source).
    status: Mapped[str] = mapped_column(String(12), default="pending")
    platform: Mapped[str | None] = mapped_column(String(40))
    url: Mapped[str | None] = mapped_column(Text)
    #: The platform keys a source entry would carry beyond id, platform, url and employer.
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    #: The board as an identity ("greenhouse:harborlight", or a host), to see it is covered already.
    board_key: Mapped[str | None] = mapped_column(String(300))
    #: What was seen, in words, one line each ("link to https://jobs.lever.co/acme on /careers").
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    #: The trial crawl: {"postings": N, "peer_postings": N, "error": "..."}; None before one ran.
    trial: Mapped[dict | None] = mapped_column(JSON)
    #: Why it is a dead end, why it was rejected, or which source covers it.
    reason: Mapped[str | None] = mapped_column(Text)
    #: The source an accepted (or covered) proposal is.
    source_id: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
