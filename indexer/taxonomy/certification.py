"""Whether a sentence about a peer credential requires it at hire, prefers it, or lets you earn it.

A sentence is read clause by clause ("CPC at hire, and registration within 30 days" is two
facts), and a clause about CPR, First Aid, a driver's license or a CNA is not about a peer
credential. "Required within 90 days of hire" can be earned after hire; "required at time of
hire" cannot. Pure functions over lower-case text.
"""
from __future__ import annotations

import functools
import re

from indexer.parsers.text_sections import negated
from indexer.taxonomy.credentials import Lexicon, lexicon_or_none, spelling_key

_CLAUSES = re.compile(r";|, and |, but |\. ")
_NOT_PEER = re.compile(
    r"\bcpr\b|first aid|driver|\bcna\b|food (handler|safety)|\bbls\b|\bcphq\b|comptia|\blpt\b|family development"
    r"|prevention (specialist|credential)|\bcps (investigat|worker|case)|child protective|registration|endorsement"
    r"|supervis\w* training")
_MENTION = re.compile(
    r"certif|credential|\b(c?prss?|crss|crpa|ncps|crps|cpc|crs|cpss|cps|carc|pws|pss|fpa|ypa|cfp|psp|prs)\b"
    r"|peer[\w\s]{0,25}training")
_EARN_AFTER = re.compile(
    r"within (\w+|\d+)( \(\d+\))? (days?|months?|years?)|willing(ness)? to (obtain|become|complete|pursue|get|earn)"
    r"|(able|eligible) to (obtain|become)|eligible for certification|certification[\s-]eligible|grace period"
    r"|must (obtain|earn)|(obtained|earned|completed) (within|after|by)|\btrainees?\b|in (process|progress)"
    r"|working toward|after (hire|hiring|you are hired)|if hired without|not yet certified|while seeking"
    r"|will (train|certify)|(paid|free|provide[sd]?) (\w+ ){0,3}(training|certification)|provisional"
    r"|interest in (earning|obtaining)|not required (at|upon) hire|may apply and"
    r"|dentro de (los |las )?\d+ (d[ií]as|meses|años?)|obtenerla|obtenerlo")
_AT_HIRE = re.compile(r"at (the )?time of (hire|appointment)|\bat hire\b|upon hire|prior to (hire|start)"
                      r"|will not be considered")
_REQUIRED = re.compile(r"\brequire[ds]?\b|\bse requiere\b|\bmust\b|\bmandatory\b|\bcurrent(ly)?\b|\bactive\b|\bvalid\b")
_PREFERRED = re.compile(r"prefer|a plus|desired|desirable|ideal|helpful|nice to have|encouraged|bonus")
_NO_CERT = re.compile(r"(no (certification|credential)|(certification|credential) (is )?not (required|needed)"
                      r"|not (required|need) (to be )?certified)(?! (is )?(needed |required )?(to apply|at hire|upon hire))")
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FOLLOW_UP = re.compile(r"\b(it|one|them|trainees?|without (it|one|certification))\b")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9, "twelve": 12,
            "eighteen": 18, "a": 1, "ninety": 90, "sixty": 60, "thirty": 30}
_PERIOD = re.compile(r"(?:within |dentro de (?:los |las )?)(\w+|\d+)(?: \((\d+)\))? (days?|months?|years?|d[ií]as|meses|años?)")
_UNITS = {"día": "day", "dia": "day", "mese": "month", "año": "year"}


def clauses(text: str) -> list[str]:
    """The sentence cut where it starts another fact."""
    return [part.strip() for part in _CLAUSES.split(text) if part and part.strip()]


def is_peer_credential(clause: str) -> bool:
    """A clause that names a certification or peer credential, and not CPR, a license or a CNA."""
    return bool(_MENTION.search(clause)) and not _NOT_PEER.search(clause)


def clause_status(clause: str, section: str | None = None) -> str | None:
    """after_hire, required, preferred or none for one clause about a peer credential."""
    if _NO_CERT.search(clause):
        return "none"
    if _EARN_AFTER.search(clause) and not (_AT_HIRE.search(clause) and not _PERIOD.search(clause)):
        return "after_hire"
    if _PREFERRED.search(clause):
        return "preferred"
    if negated(clause):
        return None
    if _REQUIRED.search(clause) or _AT_HIRE.search(clause):
        return "required"
    return section


def months_allowed(clause: str) -> int | None:
    """The time allowed to earn it, in months: "within 90 days" -> 3, "within one year" -> 12."""
    match = _PERIOD.search(clause)
    if not match:
        return None
    amount = match.group(2) or match.group(1)
    number = int(amount) if amount.isdigit() else _NUMBERS.get(amount)
    if number is None:
        return None
    unit = match.group(3).rstrip("s")
    unit = _UNITS.get(unit, unit)
    return 12 * number if unit == "year" else max(1, round(number / 30)) if unit == "day" else number


def sentence_statuses(text: str, section: str | None = None) -> list[tuple[str, int | None]]:
    """(status, months) per clause about a peer credential; a clause beside one that says it may be
    earned later ("...; we also hire trainees") makes it earnable after hire."""
    parts = [part for part in clauses(text) if not _NOT_PEER.search(part)]
    named = [part for part in parts if _MENTION.search(part) or lexicon_names(part)]
    if not named:
        return []
    found = [(clause_status(part, section), months_allowed(part)) for part in named]
    later = [part for part in parts if part not in named and _EARN_AFTER.search(part)]
    found += [("after_hire", months_allowed(part)) for part in later]
    return [(status, months) for status, months in found if status]


def about_peer_credential(text: str) -> bool:
    """Some clause of the sentence names a credential and is not about CPR, a license, a CNA."""
    return any(_MENTION.search(part) or lexicon_names(part) for part in clauses(text) if not _NOT_PEER.search(part))


def follow_up_status(text: str) -> tuple[str, int | None] | None:
    """A sentence right after one about a credential that lets it be earned later
    ("If hired without it, you must obtain it within 6 months", "We also hire trainees")."""
    if _NOT_PEER.search(text) or not _FOLLOW_UP.search(text) or not _EARN_AFTER.search(text):
        return None
    return "after_hire", months_allowed(text)


def status_of(found: list[tuple[str, int | None]]) -> tuple[str, int | None]:
    """The posting's status from its clauses' (status, months): "no certification is needed" wins,
    then earnable after hire, required, preferred; the months come with the after-hire clause."""
    for status in ("none", "after_hire", "required", "preferred"):
        months = [m for s, m in found if s == status and m]
        if any(s == status for s, _ in found):
            return status, (months[0] if months and status == "after_hire" else None)
    return "none", None


def lexicon_names(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """The lexicon's abbreviations a lower-case text names, as the lexicon spells them."""
    lexicon = lexicon or lexicon_or_none()
    if lexicon is None:
        return []
    spelled = _spelled(lexicon)
    keys = (token.replace("-", "") for token in _TOKEN.findall(text))
    return list(dict.fromkeys(spelled[key] for key in keys if key in spelled))


@functools.lru_cache(maxsize=4)
def _spelled(lexicon: Lexicon) -> dict[str, str]:
    """Spelling key -> the abbreviation as written, for abbreviations of three characters or more."""
    forms = [form for form in lexicon.short_forms if len(form) >= 3]
    return {spelling_key(form): form for form in reversed(forms)}
