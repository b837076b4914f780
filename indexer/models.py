"""SQLAlchemy models: the store is the source of truth for every other view."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (
    JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    """Naive UTC: stored the same way on SQLite and PostgreSQL."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


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
    #: 'healthy' runs may close postings; 'unhealthy' ones say why in health_reason.
    health: Mapped[str | None] = mapped_column(String(10))
    health_reason: Mapped[str | None] = mapped_column(Text)
    #: Per field: present/missing/invalid counts and invalid reasons; "dropped": items by reason.
    coverage: Mapped[dict | None] = mapped_column(JSON)
