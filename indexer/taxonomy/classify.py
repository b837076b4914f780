"""Is a posting peer-support work, and which role? The title decides first; the rest refines.

Rules come from config/taxonomy.yaml (indexer.taxonomy). Precision on is_peer matters most: a
non-peer job shown to peers costs more than a missed one, so a title that only might be peer
work ("Community Support Worker") needs peer evidence in the description.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from indexer.taxonomy.credentials import lexicon_or_none
from indexer.taxonomy.fastmatch import Matcher
from indexer.taxonomy.titles import match_form, role_category, title_credential, ungendered
from indexer.taxonomy.vocabulary import Category, Taxonomy, load_taxonomy

#: Requisition numbers, pay and bonuses, "*NEW*": noise that titles carry.
_TITLE_NOISE = re.compile(
    r"\b(req(uisition)?|ref|job\s*(id|code))\.?\s*(#|no\.?|number)?\s*:?\s*[\w-]*\d[\w-]*"
    r"|#\s*[\w-]*\d[\w-]*"
    r"|\$\s*[\d,.]+k?(\s*(-|–|to)\s*\$?\s*[\d,.]+k?)?(\s*(/|per)\s*(hr|hour|hourly|yr|year))?"
    r"|\b(up\s+to\s+)?(sign[\s-]*on|retention|hiring|relocation)\s+bonus(es)?!?"
    r"|\*+\s*new\s*\*+",
    re.IGNORECASE,
)
_TITLE_SEPARATORS = re.compile(r"\s+[-–—~]+\s+|--+|[–—|/()\[\]{}:,;*•~]")
_NEGATION = re.compile(r"\b(no|not|without|never)\b|n't\b")
_SENTENCE_END = re.compile(r"[.!?\n]")
_PEER_WORD = re.compile(r"\bpeers?\b")
#: Setting ids (from the facets or a source's config) that place a generic role.
SETTING_CATEGORIES = {"jail_prison": "forensic_peer_specialist", "diversion": "forensic_peer_specialist",
                      "warmline": "warmline_peer"}
GENERIC_CATEGORY = "peer_specialist"


@dataclass(frozen=True)
class Classification:
    category: str | None
    is_peer: bool
    confidence: float
    #: The rule or evidence that decided, for an operator to read.
    rule: str


def classify(title: str, description: str = "", employer: str = "",
             setting: str | Iterable[str] = "", taxonomy: Taxonomy | None = None) -> Classification:
    """Classify one posting; `setting` is workplace text or setting ids (e.g. ["jail_prison"])."""
    taxonomy = taxonomy or load_taxonomy()
    raw_title = ungendered(title or "")
    plain = clean_title(raw_title)
    description = (description or "").lower()
    if taxonomy.any_not_peer.search(plain):
        reason = next(reason for pattern, reason in taxonomy.not_peer if pattern.search(plain))
        return Classification(None, False, 0.95, f"not peer work: {reason!r} in the title")
    cleaned = match_form(raw_title, plain)
    statement = _not_peer_statement(taxonomy, description)
    named = _title_category(taxonomy, raw_title, cleaned) or _credential_title(taxonomy, raw_title)
    if named and statement:
        return Classification(None, False, 0.9, f"not peer work: the description says {statement!r}")
    if named:
        return _refined(taxonomy, named, description, employer or "", setting)
    return _with_evidence(taxonomy, cleaned, description, statement)


def clean_title(title: str) -> str:
    """Lower case, noise removed, separators as " | ", hyphens as spaces: 'peer specialist | act team'."""
    text = _TITLE_NOISE.sub(" ", title)
    text = _TITLE_SEPARATORS.sub(" | ", text).lower().replace("-", " ")
    segments = [" ".join(segment.split()) for segment in text.split("|")]
    return " | ".join(segment for segment in segments if segment)


def _title_category(taxonomy: Taxonomy, raw_title: str, cleaned: str) -> tuple[Category, str] | None:
    """The first category in title order that the title names, or whose context it carries."""
    if not taxonomy.any_title_rule.search(cleaned):
        return None
    for category in taxonomy.title_order:
        match = _matched(category.title_rule, cleaned) or _first_clue(category.context, raw_title)
        if match:
            return category, match
    return None


def _credential_title(taxonomy: Taxonomy, raw_title: str) -> tuple[Category, str] | None:
    """A title that is, or carries, a peer credential's abbreviation ("CRPS-A", "CPRS - Adult"):
    the role its lexicon names say ("Certified Peer Counselor"), else the roles it lists."""
    lexicon = lexicon_or_none()
    found = title_credential(raw_title, lexicon) if lexicon else None
    if not found:
        return None
    votes = Counter(_named_category(taxonomy, credential.name) or role_category(credential)
                    for credential in found[1])
    category = taxonomy.category(votes.most_common(1)[0][0])
    if category and category.id == GENERIC_CATEGORY:
        category = next((c for c in taxonomy.title_order if _first_clue(c.context, raw_title)), category)
    return (category, f"credential {found[0]}") if category else None


def _named_category(taxonomy: Taxonomy, name: str) -> str | None:
    named = _title_category(taxonomy, name, match_form(name, clean_title(name)))
    return named[0].id if named else None


def _refined(taxonomy: Taxonomy, named: tuple[Category, str], description: str, employer: str,
             setting: str | Iterable[str]) -> Classification:
    """A generic title ("Peer Specialist") takes its place from employer, setting or description."""
    category, matched = named
    title_rule = f"title {matched!r}"
    if category.id != GENERIC_CATEGORY:
        return Classification(category.id, True, 0.95, f"{title_rule} -> {category.id}")
    for clue, placed in _placements(taxonomy, description, employer, setting):
        return Classification(placed.id, True, 0.85, f"{title_rule} + {clue} -> {placed.id}")
    return Classification(category.id, True, 0.9, f"{title_rule} -> {category.id}")


def _placements(taxonomy: Taxonomy, description: str, employer: str, setting: str | Iterable[str]):
    """(clue, category) pairs, strongest first, that place a generic peer role."""
    setting_text = setting if isinstance(setting, str) else ""
    setting_ids = () if isinstance(setting, str) else tuple(setting or ())
    for text, name in ((employer, "employer"), (setting_text, "setting")):
        for category in taxonomy.title_order if text else ():
            rules = category.employer if name == "employer" else category.employer + category.context
            match = _first_clue(rules, text)
            if match:
                yield f"{name} {match!r}", category
    for setting_id in setting_ids:
        placed = taxonomy.category(SETTING_CATEGORIES.get(setting_id))
        if placed:
            yield f"setting {setting_id!r}", placed
    for category in taxonomy.title_order if description else ():
        found = [m.group(0) for rule in category.description_rules if (m := rule.search(description, description))]
        if len(found) >= 2:
            yield f"description {found[0]!r} and {found[1]!r}", category


def _with_evidence(taxonomy: Taxonomy, cleaned: str, description: str, statement: str | None) -> Classification:
    """A title that may name peer work counts only with peer evidence in the description."""
    for category in taxonomy.title_order:
        matched = _matched(category.needs_evidence, cleaned)
        if not matched:
            continue
        evidence = None if statement else peer_evidence(taxonomy, description)
        if evidence:
            return Classification(category.id, True, 0.75,
                                   f"title {matched!r} + description {evidence!r} -> {category.id}")
        in_title = None if statement else _title_evidence(taxonomy, cleaned, matched)
        if in_title:
            return Classification(category.id, True, 0.75, f"title {matched!r} + title {in_title!r} -> {category.id}")
        return Classification(None, False, 0.7,
                              f"not peer work: title {matched!r} without peer evidence in the description")
    return Classification(None, False, 0.9, "not peer work: no peer-role words in the title")


def _title_evidence(taxonomy: Taxonomy, cleaned: str, matched: str) -> str | None:
    """Peer evidence the title itself gives: "- Lived Experience Required", "(Peer)" beside the role."""
    found = peer_evidence(taxonomy, cleaned)
    if found:
        return found
    if matched == "peer":
        return next((m.group(0) for matcher in taxonomy.peer_title_context if (m := matcher.search(cleaned))), None)
    return "peer" if "peer" not in matched and _PEER_WORD.search(cleaned) else None


def peer_evidence(taxonomy: Taxonomy, text: str) -> str | None:
    """The first peer-work phrase in a sentence that does not negate it (text in lower case)."""
    for matcher in taxonomy.peer_evidence:
        for match in matcher.finditer(text):
            if not _NEGATION.search(_sentence(text, match.start(), match.end())):
                return match.group(0)
    return None


def _not_peer_statement(taxonomy: Taxonomy, description: str) -> str | None:
    match = taxonomy.not_peer_statement.search(description) if description else None
    return match.group(0) if match else None


def _sentence(text: str, start: int, end: int) -> str:
    before = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    after = _SENTENCE_END.search(text, end)
    return text[before:after.start() if after else min(len(text), end + 300)]


def _first_clue(matchers: Iterable[Matcher], text: str) -> str | None:
    lower = text.lower()
    for matcher in matchers:
        match = matcher.search(lower, text)
        if match:
            return match.group(0).strip()
    return None


def _matched(pattern: Matcher | None, text: str) -> str | None:
    match = pattern.search(text) if pattern else None
    return match.group(0).strip() if match else None
