"""The discovery queue's review, as plain functions: a proposal's platform keys read from the edit
form and checked by the platform rules, and the source id an accepted proposal gets."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from foundation import sources_file

MAX_OPTIONS_TEXT = 4000
MAX_ID = 60
STATUS_WORDS = {"pending": "To review", "accepted": "Accepted", "rejected": "Rejected",
                "dead_end": "Nothing found", "covered": "Already a source"}
SORT_WORDS = {"confidence": "Best confidence first", "newest": "Newest first"}
PER_PAGE = 50


def read_options(text: str) -> tuple[dict[str, Any], str | None]:
    """The extra keys typed as `key: value` lines (YAML); ({}, why) when they cannot be read."""
    if not text.strip():
        return {}, None
    if len(text) > MAX_OPTIONS_TEXT:
        return {}, f"at most {MAX_OPTIONS_TEXT} characters"
    try:
        found = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}, "write one “key: value” a line"
    if not isinstance(found, dict) or not all(isinstance(key, str) for key in found):
        return {}, "write one “key: value” a line"
    common = sorted(set(found) & sources_file.COMMON_KEYS)
    if common:
        return {}, f"{', '.join(common)} cannot be set here: each has a field of its own or is set on accepting"
    return found, None


def options_text(options: dict[str, Any] | None) -> str:
    return yaml.safe_dump(options, sort_keys=True, allow_unicode=True).strip() if options else ""


def entry_problems(platform: str, url: str, options: dict[str, Any], rules, employer: str = "check") -> dict[str, str]:
    """Field -> what is wrong, by the sources file's rules ("options" for the extra keys)."""
    entry = sources_file.resolve_auto({**options, "id": "proposal", "platform": platform, "url": url,
                                       "employer": employer})
    found: dict[str, str] = {}
    for problem in sources_file.check_entry(entry, 1, rules):
        field = problem.field if problem.field in ("platform", "url") else "options"
        message = problem.message if field != "options" else f"{problem.field}: {problem.message}"
        found.setdefault(field, message)
    return found


def resolved_platform(platform: str, url: str) -> str:
    return sources_file.auto_platform(url) if platform == "auto" else platform


def slug(name: str) -> str:
    """'Harbor Light Recovery Center, Inc.' -> 'harbor-light-recovery-center-inc'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return words[:MAX_ID].rstrip("-") or "source"


def proposed_id(name: str, taken: set[str]) -> str:
    """The organization's name as a source id no source has yet."""
    base = slug(name)
    if base not in taken:
        return base
    number = 2
    while f"{base[:MAX_ID - 4]}-{number}" in taken:
        number += 1
    return f"{base[:MAX_ID - 4]}-{number}"


def id_problem(source_id: str, taken: set[str]) -> str | None:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,99}", source_id or ""):
        return "Use lower-case letters, digits, “-” or “_”, starting with a letter or digit."
    if source_id in taken:
        return f"A source with the id “{source_id}” exists already; choose another."
    return None
