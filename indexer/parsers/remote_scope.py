"""Where the people a remote job is open to must live, as its description says: "Colorado
residents only", "must reside in Ohio", "open to candidates in WA, OR, ID", "remote within Canada".

Pure: text in, a set of state codes out ({ABROAD} for a country other than the US; empty when the
text states no limit or names the whole US). State codes count only in capitals ("in OR near
Denver" names no state).
"""
from __future__ import annotations

import re

from indexer.parsers import geo
from indexer.parsers.countries import US, country_code

ABROAD = "abroad"
MAX_AREA_CHARS = 20  # the store's column: seven states as "AK CO ID OR UT WA WY"
_LIST = r"(?P<list>[A-Za-z][A-Za-z .,/&-]{1,120})"
_STATE_WORDS = r"(?P<list>(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+|[A-Z]{2})"
#: "the state of", "the Commonwealth of", "one of the following states:" before the list.
_STATES_OF = (r"(?i:the\s+(?:state|states|commonwealth)\s+of\s+|(?:one\s+of\s+)?(?:the\s+following|these)\s+"
              r"states\s*:?\s*)?")
_WHO = r"(?:(?:who\s+(?:live|reside)|living|residing|located|based)\s+)?"
_LIMITS = [
    re.compile(r"(?i:resid(?:e|es|ing|ents?|ency)|liv(?:e|es|ing)|located|based|domiciled)\s+(?i:(?:with)?in)\s+"
               + _STATES_OF + _LIST),
    re.compile(r"(?i:residents?\s+of|(?:open|available|limited|restricted)\s+(?:only\s+)?to\s+(?:(?:candidates|applicants|"
               r"residents|people|those|individuals)\s+)?" + _WHO + r"(?:anywhere\s+)?(?:in|of|from|within))\s+"
               + _STATES_OF + _LIST),
    re.compile(r"(?i:remote|telework|work from home)\s*(?i:\(|-|–|,)?\s*(?i:(?:with)?in|for)\s+(?i:the\s+(?:state|commonwealth)\s+of\s+)?" + _LIST),
    re.compile(r"(?i:(?:hire|employ|recruit)\s+(?:(?:people|candidates|applicants|staff|employees|residents)\s+)?" + _WHO
               + r"(?:in|from|within))\s+" + _STATES_OF + _LIST),
    re.compile(r"(?i:must\s+be\s+(?:an?\s+)?)" + _STATE_WORDS + r"\s+(?i:residents?)\b"),
    re.compile(_STATE_WORDS + r"\s+(?i:residency\s+(?:is\s+)?required)"),
]
_RESIDENTS_ONLY = re.compile(_STATE_WORDS + r"\s+(?i:residents?\s+only)\b")
_NEGATED = re.compile(r"(?i:\b(?:not|no\s+need\s+to|needn't|don't|do\s+not)\s+(?:\w+\s+){0,3}$)")
_SEPARATOR = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b|\s(?=[A-Z]{2}\b))\s*")
_END = re.compile(r"[.;:!?()\n]|\s(?:only|and\s+(?:must|have|be)|who|with|to|for|at|is|are)\b", re.I)
_US = re.compile(r"^(?:the\s+)?(?:u\.?s\.?a?\.?|united\s+states(?:\s+of\s+america)?|america|us)$", re.I)
COUNTRIES = frozenset({"canada", "mexico", "united kingdom", "uk", "england", "ireland", "india", "philippines",
                       "the philippines", "australia", "new zealand", "germany", "france", "spain", "brazil",
                       "colombia", "south africa", "kenya", "nigeria", "israel", "japan", "singapore", "europe",
                       "the united kingdom", "latin america", "the eu", "the uk", "ontario", "british columbia"})


def remote_scope(text: str) -> frozenset[str]:
    """The states (or {ABROAD}) the text limits its applicants to; empty when it states no limit."""
    text = (text or "")[:20000]
    for match in _matches(text):
        if _NEGATED.search(text[max(0, match.start() - 40):match.start()]):
            continue
        found = _areas(match.group("list"))
        if found:
            return found
    return frozenset()


def _matches(text: str):
    for pattern in _LIMITS:
        yield from pattern.finditer(text)
    yield from _RESIDENTS_ONLY.finditer(text)


def _areas(listed: str) -> frozenset[str]:
    """The states a list names, read up to its first word that is none: {ABROAD} for a country."""
    listed = _END.split(listed, maxsplit=1)[0]
    states: set[str] = set()
    for item in filter(None, (part.strip(" -") for part in _SEPARATOR.split(listed))):
        if (item.lower() in COUNTRIES or country_code(item) not in (None, US)) and not states:
            return frozenset({ABROAD})
        code = _state(item)
        if code is None:
            break
        states.add(code)
    return frozenset(states)


def _state(item: str) -> str | None:
    item = re.sub(r"^(?i:the)\s+", "", item)
    if _US.match(item):
        return None
    if len(item) == 2:
        return geo.state_code(item) if item.isupper() else None
    return geo.state_code(item) if len(item.split()) <= 3 else None


def area_code(states: frozenset[str] | set[str]) -> str:
    """States as the store keeps a remote area: sorted codes, space-separated, at most seven."""
    return " ".join(sorted(states))[:MAX_AREA_CHARS].strip()


def area_states(code: str | None) -> list[str]:
    return (code or "").split()
