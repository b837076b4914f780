"""config/schedules.yaml, and the cron expression each source is crawled on.

A source's schedule is, first found: the admin area's override (SourceControl.schedule), the
`schedule:` key of its entry in config/sources.yaml, the default of its platform, the default
for every source. Cron expressions are the classic five fields, read as crontab(5) reads them
(0 or 7 is Sunday) and evaluated in the configured time zone (UTC unless set).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, Mapping, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from apscheduler.triggers.cron import CronTrigger

from foundation.settings import variable
from foundation.shipped import shipped_path



class SourceControl(Protocol):
    """The admin area's settings for a source (the store's SourceControl row)."""
    schedule: str | None
    enabled: bool | None


class SourceConfig(Protocol):
    """A source entry (foundation.sources_file.SourceConfig)."""
    platform: str
    enabled: bool
    schedule: str | None

DEFAULT_SCHEDULES_FILE = Path(__file__).resolve().parents[1] / "config" / "schedules.yaml"
SCHEDULES_ENV = "PEERJOBS_SCHEDULES_FILE"
ALERT_FREQUENCIES = ("instant", "daily", "weekly")
#: The longest expression SourceControl.schedule holds.
MAX_CRON_LENGTH = 100
#: How long a crawl lock outlives the time limit: a dead scheduler's lock frees after this.
LOCK_MARGIN = timedelta(minutes=10)

_NICKNAMES = {
    "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *",
    "@weekly": "0 0 * * 0", "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
}
_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


class SchedulesError(ValueError):
    """config/schedules.yaml cannot be used; the message lists every problem."""


@dataclass(frozen=True)
class Schedules:
    #: When a source with no schedule of its own is crawled.
    default_crawl: str = "0 */6 * * *"
    #: Platform -> cron, for sources of that platform with no schedule of their own.
    platform_crawl: Mapping[str, str] = field(default_factory=dict)
    #: Frequency -> when its alerts go out; None turns that frequency's sending off.
    alerts: Mapping[str, str | None] = field(default_factory=lambda: {
        "instant": "0 * * * *", "daily": "0 13 * * *", "weekly": "0 13 * * 1"})
    #: When the search index is brought up to date with the store (None: never on a clock).
    index_sync: str | None = "*/30 * * * *"
    #: When today's snapshot of sources by health and open postings by state is taken (again),
    #: as well as once crawls have finished; None: the scheduler takes none.
    figures_snapshot: str | None = "20 * * * *"
    #: Also sync the index once crawls have finished, so their postings are found soon.
    sync_index_after_crawls: bool = True
    max_parallel_crawls: int = 4
    #: A crawl still running after this is stopped and recorded as a timeout.
    crawl_time_limit_minutes: float = 60
    #: Operators hear about a source once this many of its runs in a row have failed.
    notify_after_failing_runs: int = 3
    #: The time zone cron expressions are read in.
    timezone: str = "UTC"
    #: How often the scheduler looks for "run now", schedule edits and finished crawls.
    poll_seconds: float = 5

    @property
    def crawl_time_limit(self) -> timedelta:
        return timedelta(minutes=self.crawl_time_limit_minutes)

    @property
    def lock_ttl(self) -> timedelta:
        return self.crawl_time_limit + LOCK_MARGIN

    @property
    def tz(self) -> tzinfo:
        return zone(self.timezone)


def zone(name: str) -> tzinfo:
    return timezone.utc if name.upper() == "UTC" else ZoneInfo(name)


def crontab(text: str) -> str:
    """The expression with its day-of-week field spelled in day names.

    APScheduler counts weekdays from Monday = 0 while crontab counts from Sunday = 0, so
    "0 9 * * 1" would run on Tuesdays; names mean the same to both. Ranges and steps are
    written out (crontab's "*/2" is Sunday, Tuesday, Thursday, Saturday)."""
    text = _NICKNAMES.get(text.strip().lower(), text.strip())
    parts = text.split()
    if len(parts) != 5:
        raise ValueError(f"expected 5 fields (minute hour day month weekday), got {len(parts)}")
    parts[4] = ",".join(_weekday_item(item) for item in parts[4].split(","))
    return " ".join(parts)


def _weekday_item(item: str) -> str:
    span, _, step_text = item.partition("/")
    step = _number(step_text, "weekday step") if step_text else 1
    if step < 1:
        raise ValueError(f"weekday step must be 1 or more, got {step_text!r}")
    if span == "*":
        if step == 1:
            return "*"
        first, last = 0, 6
    elif "-" in span:
        start, _, end = span.partition("-")
        first, last = _weekday(start), _weekday(end)
        if last == 0 and first > 0:  # "5-7": Friday to Sunday
            last = 7
        if first > last:
            raise ValueError(f"weekday range {span!r} runs backwards")
    else:
        first = _weekday(span)
        last = 6 if step_text else first
    return ",".join(_DAY_NAMES[day % 7] for day in range(first, last + 1, step))


def _weekday(text: str) -> int:
    lowered = text.strip().lower()
    if lowered in _DAY_NAMES:
        return _DAY_NAMES.index(lowered)
    day = _number(lowered, "weekday")
    if not 0 <= day <= 7:
        raise ValueError(f"weekday must be 0-7 (0 and 7: Sunday) or a day name, got {text!r}")
    return day % 7


def _number(text: str, what: str) -> int:
    if not text.isdigit():
        raise ValueError(f"{what} must be a number, got {text!r}")
    return int(text)


def cron_trigger(text: str, tz: tzinfo | str = timezone.utc) -> CronTrigger:
    """APScheduler's trigger for a crontab expression; ValueError says what is wrong with it."""
    return CronTrigger.from_crontab(crontab(text), timezone=zone(tz) if isinstance(tz, str) else tz)


def validate_cron(text: Any, tz: tzinfo | str = timezone.utc) -> str | None:
    """Why `text` is not a usable schedule, in words; None when it is."""
    if not isinstance(text, str) or not text.strip():
        return "expected a cron expression such as \"0 */6 * * *\" (minute hour day month weekday)"
    if len(text) > MAX_CRON_LENGTH:
        return f"longer than {MAX_CRON_LENGTH} characters"
    try:
        trigger = cron_trigger(text, tz)
    except (ValueError, TypeError) as error:
        return f"not a cron expression: {error}"
    start = datetime.now(timezone.utc)
    if trigger.get_next_fire_time(None, start) is None:
        return "never comes round (no date matches it)"
    return None


def next_fire(cron: str, after: datetime, tz: tzinfo | str = timezone.utc,
              inclusive: bool = False) -> datetime | None:
    """The first time strictly after `after` (or at it, when `inclusive`) the expression
    names; naive UTC in and out, as the store keeps times."""
    start = after.replace(tzinfo=timezone.utc)
    if not inclusive:
        start += timedelta(microseconds=1)
    found = cron_trigger(cron, tz).get_next_fire_time(None, start)
    return None if found is None else found.astimezone(timezone.utc).replace(tzinfo=None)


def effective_cron(source: "SourceConfig", control: "SourceControl | None", schedules: Schedules) -> str:
    """The source's override from the admin area, else its own `schedule:`, else its
    platform's default, else the default for every source."""
    if control is not None and control.schedule and validate_cron(control.schedule, schedules.tz) is None:
        return control.schedule.strip()
    own = getattr(source, "schedule", None)
    if own:
        return own
    return schedules.platform_crawl.get(source.platform) or schedules.default_crawl


def effective_enabled(source: "SourceConfig", control: "SourceControl | None") -> bool:
    """The admin area's switch when set, else the entry's `enabled:`."""
    if control is not None and control.enabled is not None:
        return bool(control.enabled)
    return bool(source.enabled)


def schedules_path(path: Path | str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    return shipped_path(path or variable(SCHEDULES_ENV, environ) or DEFAULT_SCHEDULES_FILE)


def load_schedules(path: Path | str | None = None, environ: Mapping[str, str] | None = None) -> Schedules:
    """The schedules file (the argument, else PEERJOBS_SCHEDULES_FILE, else
    config/schedules.yaml); the built-in defaults when the default file is absent."""
    chosen = schedules_path(path, environ)
    explicit = bool(path or variable(SCHEDULES_ENV, environ))
    try:
        document = yaml.safe_load(chosen.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        if explicit:
            raise SchedulesError(f"{chosen}: no such file") from error
        return Schedules()
    except (OSError, yaml.YAMLError) as error:
        raise SchedulesError(f"{chosen}: {error}") from error
    return parse_schedules(document or {}, str(chosen))


def parse_schedules(document: Any, label: str = "schedules") -> Schedules:
    """Schedules from the file's mapping; SchedulesError lists every bad or unknown key."""
    if not isinstance(document, dict):
        raise SchedulesError(f"{label}: expected a mapping of keys to values")
    known = {item.name for item in fields(Schedules)}
    problems = [f"{key}: unknown key (known: {', '.join(sorted(known))})" for key in document if key not in known]
    values = {key: value for key, value in document.items() if key in known}
    timezone_name = values.get("timezone", "UTC")
    try:
        tz = zone(timezone_name) if isinstance(timezone_name, str) else None
    except (ZoneInfoNotFoundError, ValueError):
        tz = None
    if tz is None:
        problems.append(f"timezone: not a time zone name such as UTC or America/New_York: {timezone_name!r}")
        tz = timezone.utc
    problems += _cron_problems(values, tz)
    problems += _number_problems(values)
    if problems:
        raise SchedulesError(f"{label}: " + "; ".join(problems))
    if "alerts" in values:
        values["alerts"] = {**Schedules().alerts, **values["alerts"]}
    return Schedules(**values)


def _cron_problems(values: dict, tz: tzinfo) -> list[str]:
    problems = []
    for key in ("default_crawl", "index_sync", "figures_snapshot"):
        if key in values and not (key != "default_crawl" and values[key] is None):
            error = validate_cron(values[key], tz)
            if error:
                problems.append(f"{key}: {error}")
    for key, allowed in (("platform_crawl", None), ("alerts", ALERT_FREQUENCIES)):
        mapping = values.get(key, {})
        if not isinstance(mapping, dict):
            problems.append(f"{key}: expected a mapping of names to cron expressions")
            continue
        for name, cron in mapping.items():
            if allowed and name not in allowed:
                problems.append(f"{key}.{name}: unknown (known: {', '.join(allowed)})")
            elif not (key == "alerts" and cron is None):
                error = validate_cron(cron, tz)
                if error:
                    problems.append(f"{key}.{name}: {error}")
    return problems


def _number_problems(values: dict) -> list[str]:
    problems = []
    checks = (("max_parallel_crawls", int, 1), ("notify_after_failing_runs", int, 1),
              ("crawl_time_limit_minutes", (int, float), 0), ("poll_seconds", (int, float), 0))
    for key, kind, minimum in checks:
        value = values.get(key)
        if key in values and (isinstance(value, bool) or not isinstance(value, kind) or value < minimum
                              or (minimum == 0 and value == 0)):
            problems.append(f"{key}: expected a {'whole ' if kind is int else ''}number "
                            f"{'of at least ' + str(minimum) if minimum else 'above 0'}, got {value!r}")
    if "sync_index_after_crawls" in values and not isinstance(values["sync_index_after_crawls"], bool):
        problems.append("sync_index_after_crawls: expected true or false")
    return problems


def describe_duration(limit: timedelta) -> str:
    """A time limit as a reason reads it: "1 hour", "90 minutes", "2 seconds"."""
    seconds = limit.total_seconds()
    for unit, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            amount = int(seconds // size)
            return f"{amount} {unit}{'' if amount == 1 else 's'}"
    return f"{seconds:g} second{'' if seconds == 1 else 's'}"
