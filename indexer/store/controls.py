"""SourceControl rows as the scheduler and the operator notices use them: "run now" requests
and whether operators were told a source is failing. The admin area's changes are in operators."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from indexer.store.models import SourceControl


def source_control(session: Session, source_id: str) -> SourceControl | None:
    return session.get(SourceControl, source_id)


def source_controls(session: Session) -> dict[str, SourceControl]:
    """Every control row, by source id."""
    return {control.source_id: control for control in session.scalars(select(SourceControl))}


def run_requests(session: Session) -> list[tuple[str, datetime]]:
    """(source id, when "run now" was asked) of every waiting request, oldest first."""
    return [(control.source_id, control.run_requested_at) for control in session.scalars(
        select(SourceControl).where(SourceControl.run_requested_at.is_not(None))
        .order_by(SourceControl.run_requested_at, SourceControl.source_id))]


def clear_run_request(session: Session, source_id: str, requested_at: datetime) -> bool:
    """Take the request made at `requested_at`, keeping updated_at; False when it was taken or renewed."""
    result = session.execute(update(SourceControl).where(
        SourceControl.source_id == source_id, SourceControl.run_requested_at == requested_at,
    ).values(run_requested_at=None, updated_at=SourceControl.updated_at)
     .execution_options(synchronize_session=False))
    return result.rowcount == 1


def set_failing_notified(session: Session, source_id: str, when: datetime | None) -> None:
    """Remember when operators were told the source is failing (None: forget it)."""
    control = session.get(SourceControl, source_id)
    if control is None:
        control = SourceControl(source_id=source_id)
        session.add(control)
    control.failing_notified_at = when
