"""Readers' reports of a problem with a posting, the operators' queue, and the re-checks a
"closed" report asks for."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from indexer.store.models import Posting, PostingReport, utcnow

REASONS = ("closed", "wrong_pay_or_place", "not_peer_work", "scam_or_unsafe", "other")
MAX_REPORT_TEXT = 500
#: Open reports from this many different connections mark a posting "being checked".
BEING_CHECKED_AT = 3
HANDLED = ("accepted", "dismissed")


@dataclass(frozen=True)
class Recheck:
    report_id: int
    posting_id: int
    url: str


def add_report(session: Session, posting_id: int, reason: str, text: str | None, reporter_key: str,
               now: datetime | None = None) -> PostingReport:
    """A new open report; a "closed" one asks for a re-check of the posting's page at once."""
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    now = now or utcnow()
    report = PostingReport(posting_id=posting_id, reason=reason, text=(text or "")[:MAX_REPORT_TEXT] or None,
                           reporter_key=reporter_key, created_at=now, status="open",
                           recheck_requested_at=now if reason == "closed" else None)
    session.add(report)
    session.flush()
    return report


def independent_open_reports(session: Session, posting_id: int) -> int:
    """Open reports of the posting, counting each connection once a day."""
    return session.scalar(select(func.count(func.distinct(PostingReport.reporter_key))).where(
        PostingReport.posting_id == posting_id, PostingReport.status == "open")) or 0


def being_checked(session: Session, posting_id: int) -> bool:
    return independent_open_reports(session, posting_id) >= BEING_CHECKED_AT


def report_queue(session: Session, limit: int = 200) -> list[tuple[PostingReport, Posting]]:
    """Open reports first, oldest first; then handled ones, newest first."""
    is_open = case((PostingReport.status == "open", 0), else_=1)
    newest_handled = case((PostingReport.status == "open", PostingReport.created_at), else_=None)
    query = (select(PostingReport, Posting).join(Posting, Posting.id == PostingReport.posting_id)
             .order_by(is_open, newest_handled, PostingReport.created_at.desc(), PostingReport.id.desc())
             .limit(limit))
    return [(report, posting) for report, posting in session.execute(query)]


def count_open_reports(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(PostingReport).where(
        PostingReport.status == "open")) or 0


def get_report(session: Session, report_id: int) -> PostingReport | None:
    return session.get(PostingReport, report_id)


def handle_report(session: Session, report: PostingReport, status: str, by: str,
                  now: datetime | None = None) -> PostingReport:
    if status not in HANDLED:
        raise ValueError(f"unknown status {status!r}")
    report.status, report.handled_at, report.handled_by = status, now or utcnow(), by
    session.flush()
    return report


def rechecks_due(session: Session, limit: int = 50) -> list[Recheck]:
    """Reports waiting for their re-check, oldest first, with the posting's page."""
    query = (select(PostingReport.id, Posting.id, Posting.url)
             .join(Posting, Posting.id == PostingReport.posting_id)
             .where(PostingReport.recheck_requested_at.is_not(None))
             .order_by(PostingReport.recheck_requested_at, PostingReport.id).limit(limit))
    return [Recheck(*row) for row in session.execute(query)]


def record_recheck(session: Session, report_id: int, result: str, now: datetime | None = None) -> None:
    report = session.get(PostingReport, report_id)
    if report is None:
        return
    report.recheck_result, report.recheck_at, report.recheck_requested_at = result[:1000], now or utcnow(), None
    session.flush()
