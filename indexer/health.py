"""Is a source's crawl healthy, degraded or failing? Pure rules, with the reason in plain words.

A run is judged against fixed limits (it failed, robots.txt could not be read, most pages
failed) and against the source's own recent good runs (it found far fewer postings than usual,
pay suddenly missing). A failing run closes no postings, so an outage never empties a source;
a degraded one may close them but tells operators something changed. docs/health.md explains
every rule for operators.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median
from typing import Any, Mapping, Sequence

HEALTHY, DEGRADED, FAILING = "healthy", "degraded", "failing"
STATES = (HEALTHY, DEGRADED, FAILING)
#: Runs in these states are the history a new run is compared with.
GOOD_STATES = (HEALTHY, DEGRADED)
#: How many recent good runs make up "usual" for a source.
RECENT_RUNS = 5
#: Run statuses whose figures mean something (the others failed outright).
USABLE_STATUSES = ("ok", "partial")

#: Above this share of failed pages a run may have missed postings that still exist: failing.
MAX_ERROR_SHARE = 0.2
#: Above this share of failed pages the source is degraded (a few timeouts on a big site are normal).
DEGRADED_ERROR_SHARE = 0.05
#: Below this share of the usual number of postings a run looks broken: failing ...
MIN_SHARE_OF_USUAL = 0.5
#: ... below this share, something changed: degraded ...
DEGRADED_SHARE_OF_USUAL = 0.8
#: ... but only when at least this many postings went missing (a source of two may fill one).
MIN_DROP = 3
#: Above this share of responses answering HTTP 5xx the site is in trouble: failing.
MAX_SERVER_ERROR_SHARE = 0.3
#: Above this share (and at least MIN_SERVER_ERRORS of them) it is degraded.
DEGRADED_SERVER_ERROR_SHARE = 0.05
MIN_SERVER_ERRORS = 2
#: A 4xx share this much above the source's usual share is unusual: degraded ...
UNUSUAL_CLIENT_ERROR_RISE = 0.2
#: ... and with no history, a 4xx share above this is (gone postings answer 404 too).
MAX_CLIENT_ERROR_SHARE = 0.5
MIN_CLIENT_ERRORS = 3
#: Titles on fewer than this share of the postings found: the spider's selectors broke: failing.
MIN_TITLE_SHARE = 0.5
#: A field's present share this far below its usual share: degraded (pay on 90% -> 20%).
COVERAGE_FALL = 0.3
#: Coverage is compared only for runs with at least this many postings.
MIN_COVERAGE_POSTINGS = 5

#: The fields whose coverage is watched, as operators call them.
COVERAGE_FIELDS = ("title", "location", "pay", "date")

_HTTP_FAILURE = re.compile(r"^HTTP (\d{3}) from (\S+)$")
#: Exception class -> what it means, for a robots.txt that could not be read.
_EXCEPTION_WORDS = {
    "TimeoutError": "timed out", "DownloadTimeoutError": "timed out", "TCPTimedOutError": "timed out",
    "ConnectionRefusedError": "connection refused", "DownloadConnectionRefusedError": "connection refused",
    "DNSLookupError": "host not found", "CannotResolveHostError": "host not found",
    "RequestRefused": "its address is not allowed",
}


@dataclass(frozen=True)
class Share:
    """How many of the postings counted carry a field."""

    present: int
    total: int

    @property
    def ratio(self) -> float:
        return self.present / self.total if self.total else 0.0

    @property
    def missing(self) -> int:
        return self.total - self.present


@dataclass(frozen=True)
class RunFigures:
    """What health needs to know about one run."""

    status: str = "ok"
    finished: bool = True
    pages: int = 0
    items: int = 0
    errors: int = 0
    #: title/location/pay/date -> Share of postings carrying it (absent: not counted).
    coverage: Mapping[str, Share] = field(default_factory=dict)
    #: HTTP status -> responses, from the stats downloader/response_status_count/*.
    responses: Mapping[int, int] = field(default_factory=dict)
    #: The run's message (why it failed, or its first error).
    message: str | None = None
    #: Why robots.txt could not be read, e.g. "HTTP 503": the source was deferred (robots.py).
    robots_problem: str | None = None

    @property
    def status_mix(self) -> dict[str, int]:
        """Responses by class: {"2xx": n, "3xx": n, "4xx": n, "5xx": n}."""
        mix = {"2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0}
        for status, count in self.responses.items():
            key = f"{status // 100}xx"
            if key in mix:
                mix[key] += count
        return mix

    def share_of(self, status_class: str) -> float:
        total = sum(self.responses.values())
        return self.status_mix[status_class] / total if total else 0.0

    @property
    def coverage_shares(self) -> dict[str, float]:
        return {name: share.ratio for name, share in self.coverage.items()}


@dataclass(frozen=True)
class Verdict:
    state: str
    reasons: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str | None:
        """The reasons as one sentence for CrawlRun.health_reason; None when healthy."""
        return "; ".join(self.reasons) or None

    @property
    def may_close(self) -> bool:
        """Only a run that is not failing may close the postings it did not find."""
        return self.state != FAILING


# --------------------------------------------------------------------------- figures


def figures(status: str, finished: bool, counts: Mapping[str, Any], stats: Mapping[str, Any] | None = None,
            coverage: Mapping[str, Any] | None = None, message: str | None = None) -> RunFigures:
    """RunFigures from a run's counts (pages, items, errors), kept stats and coverage
    (crawlers/pipelines/coverage.py), as the recorder has them and as CrawlRun stores them."""
    stats = stats or {}
    return RunFigures(
        status=status, finished=finished, pages=int(counts.get("pages") or 0),
        items=int(counts.get("items") or 0), errors=int(counts.get("errors") or 0),
        coverage=coverage_shares(coverage or {}), responses=_statuses(stats, "downloader/response_status_count/"),
        message=message, robots_problem=_robots_problem(stats))


def coverage_shares(coverage: Mapping[str, Any]) -> dict[str, Share]:
    """title/location/pay/date shares from CrawlRun.coverage. Postings dropped for having no
    title count as missing it, so a broken title selector shows here and not only as a drop."""
    fields = coverage.get("fields") or {}

    def counts(name: str) -> tuple[int, int]:
        entry = fields.get(name) or {}
        present = int(entry.get("present") or 0)
        return present, present + int(entry.get("missing") or 0) + int(entry.get("invalid") or 0)

    shares = {}
    title_present, title_total = counts("title")
    title_total += int((coverage.get("dropped") or {}).get("no_title") or 0)
    if title_total:
        shares["title"] = Share(title_present, title_total)
    city, state = counts("city"), counts("state")
    if city[1] or state[1]:
        shares["location"] = Share(max(city[0], state[0]), max(city[1], state[1]))
    for name, source in (("pay", "pay_min"), ("date", "date_posted")):
        present, total = counts(source)
        if total:
            shares[name] = Share(present, total)
    return shares


def _statuses(stats: Mapping[str, Any], prefix: str) -> dict[int, int]:
    found = {}
    for key, value in stats.items():
        if key.startswith(prefix) and key[len(prefix):].isdigit() and isinstance(value, (int, float)):
            found[int(key[len(prefix):])] = int(value)
    return found


def _robots_problem(stats: Mapping[str, Any]) -> str | None:
    unreachable = sorted(code for code in _statuses(stats, "robotstxt/response_status_count/")
                         if code >= 500 or code == 429)
    if unreachable:
        return f"HTTP {unreachable[-1]}"
    for key in stats:
        if key.startswith("robotstxt/exception_count/"):
            name = key[len("robotstxt/exception_count/"):].strip("<>").removeprefix("class ").strip("'")
            name = name.rsplit(".", 1)[-1]
            return _EXCEPTION_WORDS.get(name, name)
    return None


# --------------------------------------------------------------------------- the rules


def judge(run: RunFigures, history: Sequence[RunFigures] = (), deferred: bool = False) -> Verdict:
    """The run's health. `history`: the source's recent good runs, newest first; with none,
    only the fixed limits apply. `deferred`: robots.txt could not be read, so nothing was fetched."""
    if deferred or run.robots_problem:
        problem = f" ({run.robots_problem})" if run.robots_problem else ""
        return Verdict(FAILING, [f"robots.txt could not be read{problem}; nothing was fetched"])
    if run.status not in USABLE_STATUSES:
        return Verdict(FAILING, [_run_status_reason(run)])
    failing: list[str] = []
    degraded: list[str] = []
    if not run.finished:
        failing.append("the run stopped before reading every page, so postings it did not reach may still be open")
    _errors(run, failing, degraded)
    _server_errors(run, failing, degraded)
    _client_errors(run, history, degraded)
    _postings(run, history, failing, degraded)
    _coverage(run, history, failing, degraded)
    if failing:
        return Verdict(FAILING, failing + degraded)
    if degraded:
        return Verdict(DEGRADED, degraded)
    return Verdict(HEALTHY)


def _run_status_reason(run: RunFigures) -> str:
    if run.status == "failed":
        found = _HTTP_FAILURE.match(run.message or "")
        if found:
            status, url = int(found.group(1)), found.group(2)
            tries = run.responses.get(status, 0)
            every = f" on all {tries} tries" if tries > 1 else ""
            return f"the start page ({url}) answered HTTP {status}{every}; no postings were read"
        return f"the run failed: {run.message}" if run.message else "the run failed"
    if run.status == "cancelled":
        return "the run was stopped before it finished"
    if run.status == "timeout":
        return "the run took longer than its time limit and was stopped"
    return f"the run ended as {run.status!r}"


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


def _postings_words(count: int) -> str:
    return f"{count} posting" if count == 1 else f"{count} postings"


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def _errors(run: RunFigures, failing: list[str], degraded: list[str]) -> None:
    if not run.errors:
        return
    share = run.errors / max(run.pages, 1)
    words = (f"{run.errors} of {_pages(run.pages)} failed" if run.errors <= run.pages
             else f"{run.errors} errors in {_pages(run.pages)} read")
    if share > MAX_ERROR_SHARE:
        failing.append(words)
    elif share > DEGRADED_ERROR_SHARE:
        degraded.append(words)


def _server_errors(run: RunFigures, failing: list[str], degraded: list[str]) -> None:
    count, share = run.status_mix["5xx"], run.share_of("5xx")
    words = f"{_percent(share)} of pages answered HTTP 5xx"
    if share > MAX_SERVER_ERROR_SHARE:
        failing.append(words)
    elif share > DEGRADED_SERVER_ERROR_SHARE and count >= MIN_SERVER_ERRORS:
        degraded.append(words)


def _client_errors(run: RunFigures, history: Sequence[RunFigures], degraded: list[str]) -> None:
    count, share = run.status_mix["4xx"], run.share_of("4xx")
    if count < MIN_CLIENT_ERRORS:
        return
    past = [old.share_of("4xx") for old in history if old.responses]
    if past:
        usual = median(past)
        if share > usual + UNUSUAL_CLIENT_ERROR_RISE:
            degraded.append(f"{_percent(share)} of pages answered HTTP 4xx (usually {_percent(usual)})")
    elif share > MAX_CLIENT_ERROR_SHARE:
        degraded.append(f"{_percent(share)} of pages answered HTTP 4xx")


def _no_postings(run: RunFigures, history: Sequence[RunFigures], failing: list[str], degraded: list[str]) -> None:
    """A run that read its listing and found nothing is never healthy: on a first run, or after
    runs that found some, the listing may have changed shape; after runs that found none too,
    the source may list its jobs elsewhere."""
    if not history:
        degraded.append("the listing page held no jobs on the source's first run")
        return
    usual = median(old.items for old in history)
    if usual <= 0:
        degraded.append(f"the listing page held no jobs, nor did it on the last {_runs(len(history))}")
        return
    last = "the last run found" if len(history) == 1 else "the last runs found"
    (failing if usual >= MIN_DROP else degraded).append(
        f"the listing page held no jobs; {last} {int(usual + 0.5)}")


def _runs(count: int) -> str:
    return "run" if count == 1 else f"{count} runs"


def _postings(run: RunFigures, history: Sequence[RunFigures], failing: list[str], degraded: list[str]) -> None:
    if run.items == 0:
        _no_postings(run, history, failing, degraded)
        return
    if not history:
        return
    usual = median(old.items for old in history)
    shown = int(usual + 0.5)
    drop = usual - run.items
    if drop >= MIN_DROP and run.items < MIN_SHARE_OF_USUAL * usual:
        failing.append(f"found {_postings_words(run.items)}; usually {shown}")
    elif drop >= MIN_DROP and run.items < DEGRADED_SHARE_OF_USUAL * usual:
        degraded.append(f"found {_postings_words(run.items)}; usually {shown}")


def _coverage(run: RunFigures, history: Sequence[RunFigures], failing: list[str], degraded: list[str]) -> None:
    title = run.coverage.get("title")
    title_failing = bool(title and title.total >= MIN_DROP and title.ratio < MIN_TITLE_SHARE)
    if title_failing:
        failing.append(f"title missing on {title.missing} of {_postings_words(title.total)} found")
    for name in COVERAGE_FIELDS:
        share = run.coverage.get(name)
        if share is None or share.total < MIN_COVERAGE_POSTINGS or (name == "title" and title_failing):
            continue
        past = [old.coverage[name].ratio for old in history if name in old.coverage and old.coverage[name].total]
        if not past:
            continue
        usual = median(past)
        if usual - share.ratio >= COVERAGE_FALL:
            usually_missing = int((1 - usual) * share.total + 0.5)
            degraded.append(f"{name} missing on {share.missing} of {_postings_words(share.total)} "
                            f"(usually missing on {usually_missing} of {share.total})")
