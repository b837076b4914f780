"""The peer-role taxonomy (config/taxonomy.yaml) read once into typed, precompiled objects."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.taxonomy.fastmatch import Matcher
from foundation.shipped import read_yaml

TAXONOMY_FILE = Path(__file__).resolve().parents[2] / "config" / "taxonomy.yaml"
ABOUT_KEYS = ("what", "where", "certification")


class TaxonomyError(ValueError):
    """The taxonomy file is unreadable or one of its entries is wrong."""


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    description: str
    about: dict[str, str]
    #: `about_es`: the same paragraphs in Spanish, by the same keys (a key left out: shown in English).
    about_es: dict[str, str] = field(default_factory=dict)
    synonyms: tuple[str, ...] = ()
    #: Spanish phrases a searcher may type for the role (`search_es`); they classify no title.
    search_phrases: tuple[str, ...] = ()
    #: Title rules (synonyms and patterns) and needs_evidence match the cleaned, lower-case title.
    title_rule: Matcher | None = None
    #: Context matches the title as posted, employer clues the employer; both via lower case.
    context: tuple[Matcher, ...] = ()
    needs_evidence: Matcher | None = None
    employer: tuple[Matcher, ...] = ()
    #: Description clues, matched against the lower-case description.
    description_rules: tuple[Matcher, ...] = ()


@dataclass(frozen=True)
class Setting:
    id: str
    label: str
    #: Matched against lower-case title and description text.
    patterns: tuple[Matcher, ...] = ()


@dataclass(frozen=True, eq=False)
class Taxonomy:
    categories: list[Category]
    settings: list[Setting]
    #: Categories in the order a title's several matches are decided.
    title_order: list[Category]
    not_peer: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    #: Both matched against the lower-case description.
    peer_evidence: tuple[Matcher, ...] = ()
    not_peer_statement: Matcher | None = None
    #: Matched against the cleaned title: the work around a bare "peer".
    peer_title_context: tuple[Matcher, ...] = ()

    def category(self, category_id: str | None) -> Category | None:
        return self._categories_by_id.get(category_id or "")

    def setting(self, setting_id: str | None) -> Setting | None:
        return self._settings_by_id.get(setting_id or "")

    @functools.cached_property
    def any_title_rule(self) -> Matcher:
        """Does the title name any peer role at all? One search instead of one per category."""
        rules = [category.title_rule.pattern for category in self.categories if category.title_rule]
        return Matcher("|".join(rules) or r"(?!)")

    @functools.cached_property
    def any_not_peer(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in self.not_peer) or r"(?!)")

    @functools.cached_property
    def _categories_by_id(self) -> dict[str, Category]:
        return {category.id: category for category in self.categories}

    @functools.cached_property
    def _settings_by_id(self) -> dict[str, Setting]:
        return {setting.id: setting for setting in self.settings}


def taxonomy_or_none() -> Taxonomy | None:
    """The shipped taxonomy, or None when it cannot be read: for checks and wording that can
    do without it (the error itself is raised, and logged, where the taxonomy is required)."""
    try:
        return load_taxonomy()
    except (OSError, ValueError):
        return None


@functools.lru_cache(maxsize=4)
def load_taxonomy(path: Path | str | None = None) -> Taxonomy:
    """Read and check the taxonomy once; a wrong entry raises TaxonomyError naming it."""
    data, source = read_yaml(path, TAXONOMY_FILE, TaxonomyError, "the taxonomy")
    if not isinstance(data, dict):
        raise TaxonomyError(f"{source}: expected a mapping at the top")
    categories = [_category(entry) for entry in _entries(data, "categories")]
    return Taxonomy(
        categories=categories,
        settings=[_setting(entry) for entry in _entries(data, "settings")],
        title_order=_title_order(data.get("title_order") or [], categories),
        not_peer=[(_compile(entry.get("pattern"), "not_peer"), str(entry.get("reason") or ""))
                  for entry in _entries(data, "not_peer")],
        peer_evidence=_matchers(data.get("peer_evidence") or [], "peer_evidence"),
        not_peer_statement=_matchers([data.get("not_peer_statement")], "not_peer_statement")[0],
        peer_title_context=_matchers(data.get("peer_title_context") or [], "peer_title_context"),
    )


def phrase_pattern(phrase: str) -> str:
    """A title phrase as a regex over a cleaned title (hyphens read as spaces): whole words."""
    words = [re.escape(word) for word in re.split(r"[\s-]+", phrase.strip().lower()) if word]
    return r"\b" + " ".join(words) + r"\b"


def _entries(data: dict, key: str) -> list[dict]:
    entries = data.get(key) or []
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise TaxonomyError(f"{key}: expected a list of mappings")
    return entries


def _category(entry: dict[str, Any]) -> Category:
    category_id = str(entry.get("id") or "")
    about = entry.get("about") or {}
    missing = [key for key in ("label", "description") if not entry.get(key)]
    missing += [f"about.{key}" for key in ABOUT_KEYS if not about.get(key)]
    if not category_id or missing:
        raise TaxonomyError(f"category {category_id or '?'}: missing {', '.join(missing) or 'id'}")
    where = f"category {category_id}"
    synonyms = tuple(str(phrase) for phrase in entry.get("synonyms") or [])
    return Category(
        id=category_id, label=str(entry["label"]), description=str(entry["description"]).strip(),
        about={key: str(about[key]).strip() for key in ABOUT_KEYS}, synonyms=synonyms,
        about_es={key: str(value).strip() for key, value in (entry.get("about_es") or {}).items()
                  if key in ABOUT_KEYS and value},
        search_phrases=tuple(str(phrase) for phrase in entry.get("search_es") or []),
        title_rule=_one_of([phrase_pattern(s) for s in synonyms] + list(entry.get("patterns") or []), where),
        context=_combined(entry.get("context") or [], where),
        needs_evidence=_one_of([phrase_pattern(s) for s in entry.get("needs_evidence") or []], where),
        employer=_combined(entry.get("employer_clues") or [], where),
        description_rules=_matchers(entry.get("description_clues") or [], where),
    )


def _setting(entry: dict[str, Any]) -> Setting:
    setting_id = str(entry.get("id") or "")
    if not setting_id or not entry.get("label"):
        raise TaxonomyError(f"setting {setting_id or '?'}: needs an id and a label")
    return Setting(setting_id, str(entry["label"]), _matchers(entry.get("patterns") or [], f"setting {setting_id}"))


def _title_order(ids: list[str], categories: list[Category]) -> list[Category]:
    by_id = {category.id: category for category in categories}
    unknown = [category_id for category_id in ids if category_id not in by_id]
    if unknown:
        raise TaxonomyError(f"title_order: unknown categories {unknown}")
    listed = [by_id[category_id] for category_id in ids]
    return listed + [category for category in categories if category.id not in ids]


def _combined(patterns: list[str], where: str) -> tuple[Matcher, ...]:
    """Patterns as one alternation, and the case-sensitive `(?-i:...)` ones each on their own."""
    matchers = _matchers(patterns, where)
    plain = [matcher.pattern for matcher in matchers if not matcher.case_sensitive]
    joined = (Matcher("|".join(plain)),) if plain else ()
    return joined + tuple(matcher for matcher in matchers if matcher.case_sensitive)


def _one_of(patterns: list[str], where: str) -> Matcher | None:
    """Several title patterns as one alternation: one search per category, not one per synonym."""
    for pattern in patterns:
        _compile(pattern, where)
    return Matcher("|".join(patterns)) if patterns else None


def _compile(pattern: Any, where: str) -> re.Pattern[str]:
    """Patterns are written for lower-case text; `(?-i:...)` marks a case-sensitive one."""
    if not isinstance(pattern, str) or not pattern:
        raise TaxonomyError(f"{where}: expected a pattern, got {pattern!r}")
    try:
        return re.compile(pattern)
    except re.error as error:
        raise TaxonomyError(f"{where}: bad pattern {pattern!r}: {error}") from error


def _matchers(patterns: list[str], where: str) -> tuple[Matcher, ...]:
    for pattern in patterns:
        _compile(pattern, where)
    return tuple(Matcher(pattern) for pattern in patterns)

