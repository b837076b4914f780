"""The least time in recovery a posting asks for, in months: "2 years of continuous recovery" -> 24.

Pure, over lower-case text one sentence a line (as facets pass it). A sentence that rules a
minimum out ("no minimum time in recovery required") gives nothing; years of work experience
are not time in recovery.
"""
from __future__ import annotations

import re

from indexer.parsers.text_sections import negated_near

WORD_NUMBERS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24}
_AMOUNT = r"(\d{1,2}|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"(years?|yrs?|months?)"
_QUALITY = r"(?:of\s+)?(?:continuous\s+|sustained\s+|consecutive\s+|stable\s+|active\s+|long[\s-]term\s+)?"
#: "2 years of recovery services experience" is about work, not the person's recovery.
_NOT_PERSONAL = (r"(?!\s+(?:services?|field|work|settings?|programs?|support services|industry|centers?|housing"
                 r"|agenc(?:y|ies)|organizations?|environment|coach(?:ing)?|specialist))")
_PATTERNS = (
    re.compile(r"\b" + _AMOUNT + r"\+?\s*(?:\(\d{1,2}\)\s*)?(?:or more\s+)?" + _UNIT + r"\s+" + _QUALITY
               + r"(?:time\s+in\s+|in\s+|of\s+)?(?:personal\s+|their\s+|own\s+)?recovery\b" + _NOT_PERSONAL),
    re.compile(r"\brecovery\s+(?:of|for)\s+(?:at least\s+|a minimum of\s+)?" + _AMOUNT + r"\+?\s*" + _UNIT + r"\b"),
    re.compile(r"\b(?:in\s+)?recovery\s+(?:for\s+)?(?:at least\s+|a minimum of\s+|minimum\s+(?:of\s+)?)"
               + _AMOUNT + r"\+?\s*" + _UNIT + r"\b"),
)
MAX_MONTHS = 240


def recovery_months(text: str) -> int | None:
    """Months of recovery asked for (the least when several are named); None when none is asked."""
    if "recovery" not in text:
        return None
    found = [months for line in text.split("\n") if "recovery" in line for months in _months_in(line)]
    return min(found) if found else None


def _months_in(sentence: str) -> list[int]:
    return [months for pattern in _PATTERNS for match in pattern.finditer(sentence)
            if (months := _to_months(match.group(1), match.group(2))) is not None
            and not negated_near(sentence, *match.span())]


def _to_months(amount: str, unit: str) -> int | None:
    number = int(amount) if amount.isdigit() else WORD_NUMBERS[amount]
    months = number * 12 if unit.startswith(("year", "yr")) else number
    return months if 0 < months <= MAX_MONTHS else None
