"""What the admin pages show, worked out from the store and the schedules: plain functions that
the views call and the tests drive directly."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Iterable, Sequence

from sqlalchemy.orm import Session

from indexer import store
from indexer.store.models import CrawlRun, WidgetCount, utcnow
from foundation import sources_file
from foundation.settings import Settings
from foundation.schedules import (
    Schedules, SchedulesError, effective_cron, load_schedules, validate_cron,
)

#: Health word -> (what the page says, sort rank: the ones needing attention first).
#: "unhealthy" is the word runs recorded before "degraded" and "failing" existed.
HEALTH = {
    "failing": ("Failing", 0),
    "unhealthy": ("Failing", 0),
    "degraded": ("Degraded", 1),
    None: ("Not checked yet", 2),
    "healthy": ("Healthy", 3),
}
#: Run statuses that mean the crawl did its job (the rest failed, timed out or were stopped).
GOOD_STATUSES = ("ok", "partial", "running")
SPARKLINE_RUNS = 30
WIDGET_DAYS = 30


def health_state(word: str | None) -> str:
    """The CSS-safe state for a stored health word: failing, degraded, healthy or unknown."""
    if word in ("failing", "unhealthy"):
        return "failing"
    if word in ("degraded", "healthy"):
        return word
    return "unknown"


def health_label(word: str | None) -> str:
    return HEALTH.get(word, HEALTH[None])[0]


def health_rank(word: str | None) -> int:
    return HEALTH.get(word, HEALTH[None])[1]


# --------------------------------------------------------------------------- sources


@dataclass(frozen=True)
class SourceLine:
    """One source on the sources page."""

    id: str
    employer: str
    platform: str
    url: str
    enabled: bool
    #: "set here" when the admin area's switch decides, else "sources file".
    enabled_origin: str
    schedule: str
    #: Where the schedule comes from: "set here by NAME", "sources file", "default for PLATFORM", "default".
    schedule_origin: str
    #: The admin area's override as stored ("" when none), shown in the edit field.
    override: str
    #: Why a stored override is ignored (it stopped being valid), else None.
    override_problem: str | None
    #: What applies without an override, and where that comes from.
    default_schedule: str
    default_origin: str
    health: str | None
    health_reason: str | None
    failing_runs: int
    last_run: CrawlRun | None
    open_postings: int
    running: bool
    #: Where the running crawl is: its words, and its log as a link (a Scrapyd node's) or a path.
    job: JobWhere | None
    queued_at: datetime | None
    next_run_at: datetime | None

    @property
    def state(self) -> str:
        return health_state(self.health)

    @property
    def health_label(self) -> str:
        return health_label(self.health)


@dataclass
class SourcesView:
    lines: list[SourceLine]
    #: Problems with the configuration files, said on the page rather than hidden.
    notices: list[str] = field(default_factory=list)
    schedules: Schedules = field(default_factory=Schedules)

    def counts(self) -> dict[str, int]:
        found = {"failing": 0, "degraded": 0, "unknown": 0, "healthy": 0}
        for line in self.lines:
            found[line.state] += 1
        return found


def own_schedules(path: Path) -> dict[str, str]:
    """Source id -> its own `schedule:` in the sources file, read without the spiders' rules:
    the scheduler checks the platform keys, and the web app need not load the spiders."""
    return {source.id: source.schedule for source in sources_file.load_sources(path).sources if source.schedule}


def read_schedules(settings: Settings) -> tuple[Schedules, dict[str, str], list[str]]:
    """The schedules, each source's own schedule, and what went wrong reading them."""
    notices = []
    try:
        schedules = load_schedules()
    except SchedulesError as error:
        schedules = Schedules()
        notices.append(f"The schedules file cannot be used, so the built-in defaults are shown: {error}")
    try:
        own = own_schedules(settings.sources_file)
    except sources_file.SourcesFileError as error:
        own = {}
        notices.append(f"The sources file {settings.sources_file} cannot be read: {error}")
    return schedules, own, notices


def schedule_of(platform: str, own: str | None, control, schedules: Schedules) -> tuple[str, str, str | None]:
    """(cron, where it comes from, why the stored override is ignored) for one source."""
    problem = None
    override = getattr(control, "schedule", None)
    if override:
        problem = validate_cron(override, schedules.tz)
    if own and validate_cron(own, schedules.tz) is not None:
        own = None  # the scheduler skips an entry with a bad schedule; its default is what would apply
    cron = effective_cron(SimpleNamespace(platform=platform, schedule=own), control, schedules)
    if override and problem is None:
        origin = f"set here by {control.updated_by}" if control.updated_by else "set here"
    elif own:
        origin = "sources file"
    elif platform in schedules.platform_crawl:
        origin = f"default for {platform}"
    else:
        origin = "default"
    return cron, origin, problem


def sources_view(session: Session, settings: Settings, now: datetime | None = None,
                 only: list[str] | None = None) -> SourcesView:
    """Every source in the store (or those of `only`), the ones needing attention first."""
    schedules, own, notices = read_schedules(settings)
    statuses = store.source_statuses(session, now, only)
    healths = store.source_health(session, [status.source.id for status in statuses])
    lines = []
    for status in statuses:
        source, control = status.source, status.control
        cron, origin, problem = schedule_of(source.platform, own.get(source.id), control, schedules)
        default_cron, default_origin, _ = schedule_of(source.platform, own.get(source.id), None, schedules)
        verdict = healths.get(source.id)
        overridden = control is not None and control.enabled is not None
        lines.append(SourceLine(
            id=source.id, employer=source.employer, platform=source.platform, url=source.url,
            enabled=bool(control.enabled) if overridden else bool(source.enabled),
            enabled_origin="set here" if overridden else "sources file",
            schedule=cron, schedule_origin=origin, override=(control.schedule or "") if control else "",
            override_problem=problem, default_schedule=default_cron,
            default_origin="the sources file" if default_origin == "sources file" else f"the {default_origin}",
            health=verdict.state if verdict else None, health_reason=verdict.reason if verdict else None,
            failing_runs=verdict.failing_runs if verdict else 0,
            last_run=status.last_run, open_postings=status.open_postings, running=status.running,
            job=job_where(status.job),
            queued_at=control.run_requested_at if control else None, next_run_at=status.next_run_at))
    lines.sort(key=lambda line: (health_rank(line.health), line.id))
    return SourcesView(lines=lines, notices=notices, schedules=schedules)


@dataclass(frozen=True)
class JobWhere:
    words: str
    log_url: str | None = None
    log_path: str | None = None


def job_where(job: dict | None) -> JobWhere | None:
    """A running crawl's place in words, from the job the dispatcher recorded
    (peerjobs.scheduling.dispatch and scrapyd): a Scrapyd node and job, or a local process."""
    if not isinstance(job, dict):
        return None
    log = job.get("log") if isinstance(job.get("log"), str) else None
    if job.get("kind") == "scrapyd":
        words = f"on Scrapyd node {job.get('node', '?')}, job {job.get('job', '?')}"
        return JobWhere(words, log_url=log if log and log.startswith(("http://", "https://")) else None)
    if job.get("kind") == "local":
        host = f" on {job['host']}" if job.get("host") else ""
        pid = f" (process {job['pid']})" if job.get("pid") else ""
        return JobWhere(f"in a local process{host}{pid}", log_path=log)
    if job.get("kind") == "command":
        host = f" on {job['host']}" if job.get("host") else ""
        return JobWhere(f"by a `peerjobs crawl` command{host}")
    return None


def last_problem(runs: Sequence[CrawlRun]) -> CrawlRun | None:
    """The newest run that failed or was judged failing: what the history page puts first."""
    for run in runs:
        if run.status not in GOOD_STATUSES or health_state(run.health) == "failing":
            return run
    return None


def problem_text(run: CrawlRun) -> str:
    """Why the run went wrong, in the words the crawl and the health rules left."""
    parts = [text for text in (run.health_reason, run.message) if text]
    if len(parts) == 2 and parts[1] in parts[0]:
        parts = parts[:1]
    return "; ".join(parts) or f"the run ended as “{run.status}” without saying why"


# --------------------------------------------------------------------------- words and numbers


def when(moment: datetime | None) -> str:
    """'9 May 2026, 14:03 UTC': stored times are naive UTC."""
    if moment is None:
        return ""
    return f"{moment.day} {moment:%b %Y, %H:%M} UTC"


def iso(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def ago(moment: datetime | None, now: datetime | None = None) -> str:
    """'just now', '5 min ago', '3 h ago', '2 days ago'; 'in 20 min' for a time to come."""
    if moment is None:
        return ""
    seconds = ((now or utcnow()) - moment).total_seconds()
    ahead = seconds < 0
    seconds = abs(seconds)
    if seconds < 60:
        return "just now" if not ahead else "in under a minute"
    for size, unit in ((86400, "day"), (3600, "h"), (60, "min")):
        if seconds >= size:
            amount = int(seconds // size)
            words = f"{amount} {unit}{'s' if unit == 'day' and amount != 1 else ''}"
            return f"in {words}" if ahead else f"{words} ago"
    return ""


def duration(run: CrawlRun, now: datetime | None = None) -> str:
    """'2 min 5 s', '2 min', '45 s', '1 h 3 min'; a run still going counts up to now."""
    if run.started_at is None:
        return ""
    end = run.finished_at or (now or utcnow())
    seconds = max(0, int((end - run.started_at).total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"
    return f"{seconds} s"


@dataclass(frozen=True)
class Sparkline:
    """An inline SVG's polyline for a few numbers, with the words a screen reader says for it."""

    points: str
    width: int
    height: int
    label: str
    last_x: float
    last_y: float


def sparkline(values: Sequence[int], width: int = 240, height: int = 48, pad: int = 4,
              what: str = "Items found per run") -> Sparkline | None:
    """Oldest value on the left; the lowest at the bottom, the highest at the top. None without values."""
    values = list(values)
    if not values:
        return None
    low, high = min(values), max(values)
    span = high - low or 1
    step = (width - 2 * pad) / (len(values) - 1) if len(values) > 1 else 0
    coords = []
    for position, value in enumerate(values):
        x = pad + position * step if len(values) > 1 else width / 2
        y = height - pad - (value - low) / span * (height - 2 * pad) if high != low else height / 2
        coords.append((round(x, 1), round(y, 1)))
    if len(coords) == 1:
        coords = [(pad, coords[0][1]), (width - pad, coords[0][1])]
    runs = f"the last {len(values)} runs" if len(values) > 1 else "the last run"
    label = (f"{what}, {runs}, oldest first: from {low} to {high}, latest {values[-1]}"
             if high != low else f"{what}, {runs}: {low} each time")
    return Sparkline(points=" ".join(f"{x:g},{y:g}" for x, y in coords), width=width, height=height,
                     label=label, last_x=coords[-1][0], last_y=coords[-1][1])


def items_sparkline(runs: Sequence[CrawlRun], limit: int = SPARKLINE_RUNS) -> Sparkline | None:
    """Items per finished run, from runs given newest first."""
    finished = [run.items or 0 for run in runs if run.finished_at is not None][:limit]
    return sparkline(list(reversed(finished)))


# --------------------------------------------------------------------------- widgets


@dataclass(frozen=True)
class NetworkTotal:
    network: str
    searches: int
    clicks: int
    days: int
    #: The network's name in networks.yaml; None for an id no longer configured there.
    name: str | None = None


def widget_totals(rows: Iterable[WidgetCount], names: dict[str, str] | None = None) -> list[NetworkTotal]:
    """Per network: searches and clicks summed over the rows, most searched first; then the
    configured networks (id -> name) without counts yet, at zero, so a new one is seen too."""
    names = names or {}
    sums: dict[str, list[int]] = {}
    for row in rows:
        entry = sums.setdefault(row.network, [0, 0, 0])
        entry[0] += row.searches or 0
        entry[1] += row.clicks or 0
        entry[2] += 1
    counted = sorted((NetworkTotal(network, *entry, name=names.get(network)) for network, entry in sums.items()),
                     key=lambda total: (-total.searches, total.network))
    quiet = [NetworkTotal(network, 0, 0, 0, name=name) for network, name in names.items() if network not in sums]
    return counted + sorted(quiet, key=lambda total: (total.name.lower(), total.network))


def widget_since(today: date | None = None, days: int = WIDGET_DAYS) -> date:
    return (today or utcnow().date()) - timedelta(days=days - 1)


# --------------------------------------------------------------------------- subscriptions

STATUSES = ("pending", "active", "paused")
FREQUENCIES = ("instant", "daily", "weekly")


def subscription_table(counts: dict[tuple[str, str], int]) -> dict:
    """Rows by status, columns by frequency, with totals; statuses or frequencies not known
    here (a later version's) still count, in rows and columns of their own."""
    statuses = list(STATUSES) + sorted({s for s, _ in counts} - set(STATUSES))
    frequencies = list(FREQUENCIES) + sorted({f for _, f in counts} - set(FREQUENCIES))
    rows = [(status, [counts.get((status, frequency), 0) for frequency in frequencies],
             sum(counts.get((status, frequency), 0) for frequency in frequencies)) for status in statuses]
    column_totals = [sum(counts.get((status, frequency), 0) for status in statuses) for frequency in frequencies]
    return {"frequencies": frequencies, "rows": rows, "totals": column_totals, "total": sum(counts.values())}
