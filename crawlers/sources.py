"""config/sources.yaml read into typed source configs; a bad entry is reported, not fatal."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from indexer.parsers.sanitize import is_web_url
from foundation.shipped import shipped_path

DEFAULT_SOURCES_FILE = Path(__file__).resolve().parent.parent / "config" / "sources.yaml"
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
COMMON_KEYS = {"id", "platform", "url", "employer", "enabled", "schedule"}


def platform_keys() -> dict[str, frozenset[str]]:
    """Platform name -> the extra keys its spider understands (each spider class declares its own)."""
    from crawlers.platforms import platform_keys as from_spiders
    return from_spiders()


def platform_problems(platform: str, entry: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, reason) for values the platform's spider cannot use (a bad selector, a bad number)."""
    from crawlers.platforms import spider_for
    check = getattr(spider_for(platform), "entry_problems", None)
    return check(entry) if check else []


#: `platform: auto` picks by the URL's host: (host, or ".suffix" for any subdomain) -> platform.
AUTO_HOSTS: tuple[tuple[str, str], ...] = (
    ("boards.greenhouse.io", "greenhouse"), ("job-boards.greenhouse.io", "greenhouse"),
    ("boards-api.greenhouse.io", "greenhouse"),
    ("jobs.lever.co", "lever"), ("api.lever.co", "lever"), ("jobs.eu.lever.co", "lever"),
    ("jobs.smartrecruiters.com", "smartrecruiters"), ("careers.smartrecruiters.com", "smartrecruiters"),
    ("api.smartrecruiters.com", "smartrecruiters"),
    (".myworkdayjobs.com", "workday"), (".rec.pro.ukg.net", "ultipro"),
    (".bamboohr.com", "bamboohr"),
    ("recruiting.paylocity.com", "paylocity"),
    (".icims.com", "icims"),
    ("workforcenow.adp.com", "adp"), ("workforcenow.cloud.adp.com", "adp"),
    ("data.usajobs.gov", "usajobs"), ("www.usajobs.gov", "usajobs"), ("usajobs.gov", "usajobs"),
    ("governmentjobs.com", "neogov"), ("www.governmentjobs.com", "neogov"),
    ("schooljobs.com", "neogov"), ("www.schooljobs.com", "neogov"),
    (".e3applicants.com", "e3applicants"),
)
_ULTIPRO = re.compile(r"^recruiting\d*\.ultipro\.(com|ca)$")


def auto_platform(url: str) -> str:
    """The platform a board URL belongs to, by its host; `jsonld` for any other careers page."""
    host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    if _ULTIPRO.match(host):
        return "ultipro"
    for known, platform in AUTO_HOSTS:
        if host == known or (known.startswith(".") and host.endswith(known)):
            return platform
    return "jsonld"


class SourcesFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass(frozen=True)
class SourceConfig:
    id: str
    platform: str
    url: str
    employer: str
    enabled: bool = True
    options: dict[str, Any] = field(default_factory=dict)
    #: Cron expression of its scheduled crawls; None: the default (config/schedules.yaml).
    schedule: str | None = None


@dataclass(frozen=True)
class SourceProblem:
    source_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"source {self.source_id!r}: {self.field}: {self.message}"


@dataclass
class SourceList:
    sources: list[SourceConfig]
    problems: list[SourceProblem]

    def get(self, source_id: str) -> SourceConfig | None:
        return next((s for s in self.sources if s.id == source_id), None)


def load_sources(path: Path | str | None = None) -> SourceList:
    path = shipped_path(path or DEFAULT_SOURCES_FILE)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SourcesFileError(f"{path}: {error}") from error
    entries = (document or {}).get("sources") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise SourcesFileError(f"{path}: expected a top-level 'sources:' list")
    return parse_entries(entries)


def parse_entries(entries: list[Any]) -> SourceList:
    result = SourceList([], [])
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        entry = resolve_auto(entry)
        problems = check_entry(entry, position)
        source_id = _label(entry, position)
        if source_id in seen:
            problems.append(SourceProblem(source_id, "id", "appears more than once"))
        seen.add(source_id)
        if problems:
            result.problems.extend(problems)
        else:
            result.sources.append(_build(entry))
    return result


def resolve_auto(entry: Any) -> Any:
    """An entry with `platform: auto` gets the platform its URL's host names."""
    if isinstance(entry, dict) and entry.get("platform") == "auto" and isinstance(entry.get("url"), str):
        return dict(entry, platform=auto_platform(entry["url"]))
    return entry


def _label(entry: Any, position: int) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return entry["id"]
    return f"#{position}"


def check_entry(entry: Any, position: int) -> list[SourceProblem]:
    label = _label(entry, position)
    if not isinstance(entry, dict):
        return [SourceProblem(label, "entry", "must be a mapping of keys to values")]
    problems = []
    known = platform_keys()
    checks = (
        ("id", lambda v: isinstance(v, str) and _ID.match(v), "lower-case letters, digits, '-' or '_'"),
        ("platform", lambda v: v in known, f"auto or one of {', '.join(sorted(known))}"),
        ("url", lambda v: isinstance(v, str) and is_web_url(v), "an absolute http(s) URL"),
        ("employer", lambda v: isinstance(v, str) and v.strip(), "the employer's name"),
    )
    for key, valid, expected in checks:
        if not valid(entry.get(key)):
            problems.append(SourceProblem(label, key, f"expected {expected}, got {entry.get(key)!r}"))
    if not isinstance(entry.get("enabled", True), bool):
        problems.append(SourceProblem(label, "enabled", "expected true or false"))
    if entry.get("schedule") is not None:
        from peerjobs.scheduling.schedules import validate_cron
        schedule_problem = validate_cron(entry["schedule"])
        if schedule_problem:
            problems.append(SourceProblem(label, "schedule", schedule_problem))
    allowed = COMMON_KEYS | known.get(entry.get("platform"), frozenset())
    for key in sorted(set(entry) - allowed):
        problems.append(SourceProblem(label, key, f"unknown key for platform {entry.get('platform')!r}"))
    if not problems:
        problems += [SourceProblem(label, key, message)
                     for key, message in platform_problems(entry["platform"], entry)]
    return problems


def _build(entry: dict[str, Any]) -> SourceConfig:
    options = {k: v for k, v in entry.items() if k not in COMMON_KEYS}
    return SourceConfig(
        id=entry["id"], platform=entry["platform"], url=entry["url"].strip(),
        employer=entry["employer"].strip(), enabled=entry.get("enabled", True), options=options,
        schedule=entry["schedule"].strip() if entry.get("schedule") else None,
    )
