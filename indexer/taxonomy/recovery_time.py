"""The least time in recovery a posting asks for, in months: "2 years of continuous recovery" -> 24.

Pure, over lower-case text one sentence a line (as facets pass it). A sentence that rules a
minimum out ("no minimum time in recovery required") gives nothing; years of work experience
are not time in recovery.
"""
from __future__ import annotations

import re

from indexer.parsers.text_sections import negated_near

WORD_NUMBERS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24,
                "ninety": 90, "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "seis": 6, "doce": 12,
                "dieciocho": 18}
_AMOUNT = r"(\d{1,2}|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"(years?'?|yrs?|months?|days|a[ñn]os?|mes(?:es)?)"
_QUALITY = (r"(?:of\s+|de\s+|en\s+)?(?:continuous\s+|sustained\s+|consecutive\s+|stable\s+|active\s+|long[\s-]term\s+"
            r"|lived\s+|demonstrated\s+)?")
#: The person's own recovery, in the words postings use for it ("clean" only as "clean and sober" or alone).
_STATE = (r"(?:recovery|recuperaci[óo]n|sobriety|sober|clean and sober|clean time|clean(?=\s*(?:[.,;)]|$|time|from|date))"
          r"|abstinen(?:ce|t)|remission|(?:drug|alcohol|substance)(?: and (?:drug|alcohol))?[\s-]free"
          r"|free (?:from|of) (?:substances?|drugs?|alcohol)(?: use)?)")
#: "2 years of recovery services experience" is about work, not the person's recovery.
_NOT_PERSONAL = (r"(?!\s+(?:services?|field|work|settings?|programs?|support services|industry|centers?|housing"
                 r"|agenc(?:y|ies)|organizations?|environment|coach(?:ing)?|specialist))")
_PATTERNS = (
    re.compile(r"\b" + _AMOUNT + r"\+?\s*(?:\(\d{1,2}\)\s*)?(?:or more\s+)?" + _UNIT + r"\s+" + _QUALITY
               + r"(?:time\s+in\s+|in\s+|of\s+|into\s+)?(?:personal\s+|their\s+|own\s+)?" + _STATE + r"\b" + _NOT_PERSONAL),
    #: "sober for at least 18 months", "in recovery from substance use for at least 12 consecutive months",
    #: "in recovery a minimum of 2 yrs", "sobriety date must be at least 2 years prior to hire".
    re.compile(r"\b" + _STATE + r"(?:\s+(?:from|de)\s+[\w/ -]{1,40}?)?(?:\s+date must be)?:?\s+(?:(?:of|for|de)\s+)?"
               r"\(?(?:at least\s+|a minimum of\s+|minimum\s+(?:of\s+)?|m[íi]nimo\s+(?:de\s+)?)?"
               + _AMOUNT + r"\+?\s*(?:\(\d{1,2}\)\s*)?(?:consecutive\s+|continuous\s+)?" + _UNIT
               + r"(?!\w)(?!\s+(?:of\s+)?(?:work\s+|paid\s+)?experience)"),
    #: "mínimo dos años en recuperación", "minimum of 24 months in recovery".
    re.compile(r"\bm[íi]nimo\s+(?:de\s+)?" + _AMOUNT + r"\s+" + _UNIT + r"\s+" + _QUALITY + _STATE),
)
MAX_MONTHS = 240
_UNIT_WORDS = re.compile(r"year|yr|month|days|año|ano|mes")
_STATE_WORDS = ("recover", "recuperac", "sobri", "sober", "clean", "abstinen", "remission", "free")


def recovery_months(text: str) -> int | None:
    """Months of recovery asked for (the least when several are named); None when none is asked."""
    if not any(word in text for word in _STATE_WORDS):
        return None
    found = [months for line in text.split("\n") if _UNIT_WORDS.search(line)
             and any(word in line for word in _STATE_WORDS) for months in _months_in(line)]
    return min(found) if found else None


def _months_in(sentence: str) -> list[int]:
    return [months for pattern in _PATTERNS for match in pattern.finditer(sentence)
            if (months := _to_months(match.group(1), match.group(2))) is not None
            and not negated_near(sentence, *match.span())]


def _to_months(amount: str, unit: str) -> int | None:
    number = int(amount) if amount.isdigit() else WORD_NUMBERS[amount]
    if unit == "days":
        return number // 30 if 30 <= number <= 730 else None
    months = number * 12 if unit.startswith(("year", "yr", "añ", "an")) else number
    return months if 0 < months <= MAX_MONTHS else None
