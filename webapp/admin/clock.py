"""Times in the operator's time zone (PEERJOBS_ADMIN_TIMEZONE): stored times are naive UTC, and
every time the admin area shows names its zone. Cron schedules are not moved: they stay in the
scheduler's zone (config/schedules.yaml, UTC unless set there)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from foundation.schedules import Schedules, next_fire
from indexer.store.models import utcnow


def local(moment: datetime, zone: str) -> datetime:
    """A stored (naive UTC) time as it reads in `zone`."""
    return moment.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone))


def when(moment: datetime | None, zone: str = "UTC") -> str:
    """'9 May 2026, 14:03 UTC', or '9 May 2026, 09:03 CDT' in America/Chicago."""
    if moment is None:
        return ""
    shown = local(moment, zone)
    return f"{shown.day} {shown:%b %Y, %H:%M} {shown.tzname() or zone}"


def short(moment: datetime | None, zone: str = "UTC") -> str:
    """'9 May, 09:03 CDT': for a table cell."""
    if moment is None:
        return ""
    shown = local(moment, zone)
    return f"{shown.day} {shown:%b, %H:%M} {shown.tzname() or zone}"


@dataclass(frozen=True)
class NextRun:
    """A source's next scheduled crawl in the schedules' zone (where cron is read) and the operator's."""

    moment: datetime
    in_schedule_zone: str
    in_admin_zone: str
    #: The scheduler has planned it (else it is worked out from the cron expression here).
    planned: bool


def next_runs(line, schedules: Schedules, zone: str, now: datetime | None = None) -> NextRun | None:
    """When the source is crawled next, for its page; None for a disabled source."""
    if not line.enabled:
        return None
    moment = line.next_run_at or next_fire(line.schedule, now or utcnow(), schedules.tz)
    if moment is None:
        return None
    return NextRun(moment, when(moment, schedules.timezone), when(moment, zone), line.next_run_at is not None)


def when_stamp(text: str | None, zone: str = "UTC") -> str:
    """A time kept as ISO text (a provenance's accepted_at, UTC) shown like the others."""
    try:
        moment = datetime.fromisoformat(text) if text else None
    except ValueError:
        return text or ""
    if moment is not None and moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return when(moment, zone)
