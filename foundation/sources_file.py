"""config/sources.yaml read into typed entries: YAML in, `SourceList` out, no spider imported.

Which extra keys each platform accepts (and its own value checks) is handed in as
`PlatformRules`; without rules (the admin area only lists the file) any platform name and key
is taken as written and only the common keys are checked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

import yaml

from foundation.schedules import validate_cron
from foundation.shipped import shipped_path

DEFAULT_SOURCES_FILE = Path(__file__).resolve().parent.parent / "config" / "sources.yaml"
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
COMMON_KEYS = {"id", "platform", "url", "employer", "enabled", "schedule"}

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
    (".applicantpro.com", "applicantpro"), (".isolvedhire.com", "applicantpro"),
    ("www.paycomonline.net", "paycom"),
    ("jobapscloud.com", "jobaps"), (".jobapscloud.com", "jobaps"), ("jobaps.com", "jobaps"), (".jobaps.com", "jobaps"),
    ("careers.pageuppeople.com", "pageup"),
    (".recruitee.com", "recruitee"),
    ("apply.workable.com", "workable"),
    (".breezy.hr", "breezy"),
    (".applytojob.com", "jazzhr"),
    (".dayforcehcm.com", "dayforce"),
    (".oraclecloud.com", "oraclecloud"),
    (".taleo.net", "taleo"),
)
_ULTIPRO = re.compile(r"^recruiting\d*\.ultipro\.(com|ca)$")


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


def _no_problems(platform: str, entry: dict[str, Any]) -> list[tuple[str, str]]:
    return []


@dataclass(frozen=True)
class PlatformRules:
    """Platform name -> the extra keys it reads, and its own checks of their values."""
    keys: Mapping[str, frozenset[str]]
    problems: Callable[[str, dict[str, Any]], list[tuple[str, str]]] = _no_problems


def auto_platform(url: str) -> str:
    """The platform a board URL belongs to, by its host; `jsonld` for any other careers page."""
    host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    if _ULTIPRO.match(host):
        return "ultipro"
    for known, platform in AUTO_HOSTS:
        if host == known or (known.startswith(".") and host.endswith(known)):
            return platform
    return "jsonld"


def is_web_url(url: Any) -> bool:
    """An absolute http(s) URL."""
    if not isinstance(url, str) or not url.strip():
        return False
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def read_entries(path: Path | str | None = None) -> list[Any]:
    """The file's `sources:` list as written; SourcesFileError when the file cannot be read."""
    path = shipped_path(path or DEFAULT_SOURCES_FILE)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SourcesFileError(f"{path}: {error}") from error
    entries = (document or {}).get("sources") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise SourcesFileError(f"{path}: expected a top-level 'sources:' list")
    return entries


def load_sources(path: Path | str | None = None, rules: PlatformRules | None = None) -> SourceList:
    return parse_entries(read_entries(path), rules)


def parse_entries(entries: list[Any], rules: PlatformRules | None = None) -> SourceList:
    result = SourceList([], [])
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        entry = resolve_auto(entry)
        problems = check_entry(entry, position, rules)
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


def check_entry(entry: Any, position: int, rules: PlatformRules | None = None) -> list[SourceProblem]:
    label = _label(entry, position)
    if not isinstance(entry, dict):
        return [SourceProblem(label, "entry", "must be a mapping of keys to values")]
    problems = [SourceProblem(label, key, message) for key, message in _common_problems(entry, rules)]
    if rules is not None:
        allowed = COMMON_KEYS | rules.keys.get(entry.get("platform"), frozenset())
        problems += [SourceProblem(label, key, f"unknown key for platform {entry.get('platform')!r}")
                     for key in sorted(set(entry) - allowed)]
        if not problems:
            problems += [SourceProblem(label, key, message) for key, message in rules.problems(entry["platform"], entry)]
    return problems


def _common_problems(entry: dict[str, Any], rules: PlatformRules | None) -> list[tuple[str, str]]:
    platforms = "a platform name" if rules is None else f"auto or one of {', '.join(sorted(rules.keys))}"
    checks = (
        ("id", lambda v: isinstance(v, str) and _ID.match(v), "lower-case letters, digits, '-' or '_'"),
        ("platform", lambda v: isinstance(v, str) and (rules is None or v in rules.keys), platforms),
        ("url", is_web_url, "an absolute http(s) URL"),
        ("employer", lambda v: isinstance(v, str) and v.strip(), "the employer's name"),
    )
    problems = [(key, f"expected {expected}, got {entry.get(key)!r}")
                for key, valid, expected in checks if not valid(entry.get(key))]
    if not isinstance(entry.get("enabled", True), bool):
        problems.append(("enabled", "expected true or false"))
    if entry.get("schedule") is not None and (schedule_problem := validate_cron(entry["schedule"])):
        problems.append(("schedule", schedule_problem))
    return problems


def _build(entry: dict[str, Any]) -> SourceConfig:
    options = {k: v for k, v in entry.items() if k not in COMMON_KEYS}
    return SourceConfig(
        id=entry["id"], platform=entry["platform"], url=entry["url"].strip(),
        employer=entry["employer"].strip(), enabled=entry.get("enabled", True), options=options,
        schedule=entry["schedule"].strip() if entry.get("schedule") else None,
    )


def discovered_entry(source: Any) -> dict[str, Any]:
    """A source kept in the database (accepted from the discovery queue) as an entry of this file."""
    return {**dict(source.options or {}), "id": source.id, "platform": source.platform, "url": source.url,
            "employer": source.employer, "enabled": bool(source.enabled)}


def merge_sources(listed: SourceList, discovered: list[Any], rules: PlatformRules | None = None) -> SourceList:
    """The file's sources, then the discovered ones `rules` accept; an id in the file is the file's."""
    checked = parse_entries([discovered_entry(source) for source in discovered], rules)
    in_file = {source.id for source in listed.sources} | {problem.source_id for problem in listed.problems}
    merged = SourceList(list(listed.sources), list(listed.problems) + list(checked.problems))
    for source in checked.sources:
        if source.id in in_file:
            merged.problems.append(SourceProblem(
                source.id, "id", "discovered, and in the sources file too: the file's entry is used"))
        else:
            merged.sources.append(source)
    return merged
