"""Job titles read two ways: a matching form for the classifier, and a display form for a peer.

The matching form starts from classify.clean_title (lower case, noise gone, " | " separators)
and adds what real titles vary in: plurals ("Recovery Coaches"), a role written back to front
("Coach, Recovery"), and levels, shifts and codes. Credential abbreviations used as titles
("CRPS-A", "CPRS") are found through the credential lexicon and name the role it gives them.
"""
from __future__ import annotations

import functools
import re

from indexer.taxonomy.credentials import Credential, Lexicon

ROLE_NOUNS = ("specialist", "coach", "advocate", "partner", "navigator", "bridger", "mentor", "worker",
              "supporter", "counselor", "counsellor", "peer", "liaison", "technician", "guide", "companion",
              "ambassador", "facilitator", "assistant", "aide", "apprentice")
_PLURAL = re.compile(r"\b(" + "|".join(ROLE_NOUNS) + r")(?:e?s|')(?=\W|$)")
_NOISE_WORDS = re.compile(
    r"\b(full|part)[\s-]?time\b|\b(prn|per diem|temporary|temp|seasonal|relief|on call|float)\b"
    r"|\b(1st|2nd|3rd|first|second|third|day|evening|night|overnight|weekend|swing)s?( shift)?\b"
    r"|\blevel \w+\b|\b(i{1,3}|iv|v)\b|\b[a-z]*\d[\w.]*\b")
#: Shortened words of titles cut to fit a field ("Peer Supp Spec - Outpt").
_SHORT = {"supp": "support", "spec": "specialist", "cert": "certified", "rec": "recovery", "outpt": "outpatient",
          "inpt": "inpatient", "coord": "coordinator", "advoc": "advocate", "svcs": "services", "hlth": "health"}
_SHORTENED = re.compile(r"\b(" + "|".join(_SHORT) + r")\b\.?")
_GENDERED = re.compile(r"\((a|o|as|os|x|e)\)", re.IGNORECASE)
#: A bare role noun heading a title whose other part names peer work ("Mentor - Peer Support").
_BARE_ROLE = ("navigator", "mentor", "coach", "advocate", "counselor", "bridger", "partner")
_INVERTED = re.compile(r"^\s*([A-Za-z][A-Za-z ]{2,40}?),\s*([A-Za-z][A-Za-z /-]{2,60}?)\s*(?:$|[-–|(])")
#: Words beside an ambiguous abbreviation ("CPS") that leave it a peer title.
_NEUTRAL = frozenset(("certified", "peer", "support", "adult", "family", "youth", "recovery",
                      "full", "part", "time", "prn", "days", "nights", "evenings", "weekends", "and", "coach",
                      "advocate", "mentor", "navigator", "worker", "partner", "new", "hiring", "now", "posting"))
#: Which category a credential's roles give, most specific first.
ROLE_CATEGORIES = (("family", "family_peer_advocate"), ("youth", "youth_peer_advocate"),
                   ("veteran", "veteran_peer_support"), ("forensic", "forensic_peer_specialist"))


def ungendered(title: str) -> str:
    """Spanish titles' "(a)" endings dropped: "Navegador(a) de Pares" -> "Navegador de Pares"."""
    return _GENDERED.sub("", title) if "(" in title else title


def match_form(title: str, cleaned: str) -> str:
    """The cleaned title with role nouns singular, shortened words whole, levels, shifts and codes
    gone, and an inverted role ("Specialist, Peer Support") also read the right way round."""
    text = _NOISE_WORDS.sub(" ", _SHORTENED.sub(lambda m: _SHORT[m.group(1)], _PLURAL.sub(r"\1", cleaned)))
    segments = [" ".join(segment.split()) for segment in text.split("|")]
    if len(segments) > 1 and segments[0] in _BARE_ROLE and any("peer" in s for s in segments[1:]):
        segments.append(f"peer {segments[0]}")
    inverted = _INVERTED.match(title or "")
    if inverted and inverted.group(1).split()[-1].lower().rstrip("s") in ROLE_NOUNS:
        segments.append(_PLURAL.sub(r"\1", f"{inverted.group(2)} {inverted.group(1)}".lower().replace("-", " ")))
    return " | ".join(segment for segment in segments if segment)


def title_credential(title: str, lexicon: Lexicon) -> tuple[str, tuple[Credential, ...]] | None:
    """(abbreviation, credentials it names) when the title carries a peer credential's abbreviation.

    An ambiguous one ("CPS" is also Child Protective Services) counts only beside peer words."""
    for found in _abbreviations(lexicon).finditer(title or ""):
        abbreviation = found.group(0)
        if _needs_context(lexicon, abbreviation) and not _bare(title, found):
            continue
        credentials = lexicon.lookup(abbreviation)
        if credentials:
            return abbreviation, credentials
    return None


def role_category(credential: Credential) -> str:
    """The category a credential's roles give: one specific role (family, youth, veteran, forensic)
    names its category, substance use alone a recovery coach, anything broader a peer specialist."""
    specific = [category for role, category in ROLE_CATEGORIES if role in credential.roles]
    if len(specific) == 1 and "adult" not in credential.roles:
        return specific[0]
    if set(credential.roles) == {"recovery"}:
        return "peer_recovery_coach"
    return "peer_specialist"


def _needs_context(lexicon: Lexicon, abbreviation: str) -> bool:
    """Short, ambiguous or umbrella abbreviations ("CRM", "CPS", "THW") are trusted only bare."""
    return len(abbreviation) <= 3 or lexicon.is_ambiguous(abbreviation) or len(lexicon.lookup(abbreviation)) > 1 \
        and abbreviation.upper() in lexicon.shared


def _bare(title: str, found: re.Match[str]) -> bool:
    """Nothing but peer words beside it; "specialist" only with another ("Support Specialist (THW)",
    not "CRM Specialist")."""
    rest = re.findall(r"[a-z]{3,}", (title[:found.start()] + " " + title[found.end():]).lower())
    return all(word in _NEUTRAL or word == "specialist" for word in rest) and rest != ["specialist"]


@functools.lru_cache(maxsize=4)
def _abbreviations(lexicon: Lexicon) -> re.Pattern[str]:
    """The lexicon's capitalized abbreviations as whole tokens, hyphens or spaces optional."""
    forms = [re.escape(form).replace(r"\-", "[- ]?") for form in lexicon.short_forms if len(form) >= 2]
    return re.compile(r"(?<![A-Za-z0-9])(" + "|".join(forms) + r")(?![A-Za-z0-9])" if forms else r"(?!)")
