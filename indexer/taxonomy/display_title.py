"""The title a peer reads: requisition numbers, pay, bonuses, "*NEW*" and repeated codes taken
out, ALL CAPS set in title case with acronyms kept (CPS, ACT, VA). The title as posted is kept
beside it and stays searchable."""
from __future__ import annotations

import functools
import re

from indexer.taxonomy.credentials import lexicon_or_none

_NOISE = re.compile(
    r"\b(req(uisition)?|ref|job\s*(id|code|#)?|posting|position)\.?\s*(#|no\.?|number|id)?\s*:?\s*#?[a-z]*-?\d[\w-]*"
    r"|#\s*[\w-]*\d[\w-]*|\b(jr|r|req)-?\d{4,}\b|\(\s*\d[\w-]*\s*\)|\[\s*\d[\w-]*\s*\]|(?<=[-|,]\s)\d{4,}[\w-]*\b"
    r"|\(?\$\s*[\d,.]+k?(\s*(-|–|to)\s*\$?\s*[\d,.]+k?)?(\s*(/|per|an?)\s*(hr|hour|hourly|yr|year|annually))?\)?"
    r"|\b(up\s+to\s+)?(\$?[\d,]+\s+)?(sign[\s-]*on|retention|hiring|relocation)\s+bonus(es)?( available)?!?"
    r"|\*+\s*new\s*\*+|\bnew!|^\s*(now\s+)?hiring\s*[:!-]?|\b(now hiring|urgently hiring|hiring now)\b!?",
    re.IGNORECASE)
_EMPTY = re.compile(r"\(\s*[-,/|]?\s*\)|\[\s*\]")
_SEPARATOR_RUN = re.compile(r"(\s*[-–|~/,]\s*){2,}")
_EDGES = " -–|~/,:;*"
ACRONYMS = frozenset((
    "ACT", "FACT", "VA", "VAMC", "VHA", "SUD", "MH", "BH", "PRN", "RN", "LPN", "TAY", "IPS", "WRAP", "ED", "ER",
    "OTP", "IOP", "HIV", "LGBTQ", "ASL", "CHW", "THW", "NAMI", "CIT", "FTE", "GS", "HUD", "VASH", "ACCESS", "CSU",
    "PACT", "ICM", "CCBHC", "FQHC", "NYC", "DC", "USA", "US", "II", "III", "IV", "FT", "PT", "MAT", "MOUD",
))
_SMALL = frozenset(("of", "and", "the", "for", "in", "to", "a", "an", "at", "on", "with", "or", "de", "y", "en"))
STATES = frozenset("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
                   "NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR".split())
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


def display_title(title: str) -> str:
    """The title cleaned for reading; the title as posted when nothing readable would be left."""
    text = _EMPTY.sub(" ", _NOISE.sub(" ", title or ""))
    text = _SEPARATOR_RUN.sub(lambda m: " - " if "-" in m.group(0) or "|" in m.group(0) else ", ", text)
    text = " - ".join(_unrepeated([part.strip(_EDGES) for part in text.split(" - ")]))
    text = " ".join(text.split()).strip(_EDGES)
    if _shouting(text):
        text = _title_case(text)
    return text or " ".join((title or "").split())


def _unrepeated(parts: list[str]) -> list[str]:
    """Each part once ("Peer Specialist - CPS - CPS"), empty parts gone."""
    seen: set[str] = set()
    kept = []
    for part in parts:
        if part and part.lower() not in seen:
            seen.add(part.lower())
            kept.append(part)
    return kept


def _shouting(text: str) -> bool:
    words = [word for word in _WORD.findall(text) if len(word) > 2]
    return bool(words) and sum(word.isupper() for word in words) * 3 >= len(words) * 2


def _title_case(text: str) -> str:
    """ALL CAPS in title case; acronyms, credentials and a state after a comma kept."""
    kept = _acronyms()
    def word(match: re.Match[str]) -> str:
        token, start = match.group(0), match.start()
        if any(char.isdigit() for char in token):
            return token.lower() if token.upper() not in kept else token
        if token.upper() in kept or (token.upper() in STATES and text[max(0, start - 2):start] == ", "):
            return token.upper()
        if len(token) == 1 and text[start - 1:start] == "-":
            return token.upper()
        if token.lower() in _SMALL and start > 0:
            return token.lower()
        return token[0].upper() + token[1:].lower()
    return _WORD.sub(word, text)


@functools.lru_cache(maxsize=1)
def _acronyms() -> frozenset[str]:
    lexicon = lexicon_or_none()
    forms = {part for form in (lexicon.short_forms if lexicon else ()) for part in re.split(r"[-\s]", form)}
    return ACRONYMS | {form for form in forms if len(form) >= 2}
