"""Pay units, their hours, and the figures plausible for each.

Units: HOUR, DAY, WEEK, BIWEEK, MONTH, YEAR (schema.org's, plus BIWEEK for public-sector pay); a
year is 2080 hours. A figure outside its unit's range is a typo, a bonus or not pay at all: an
hourly rate of $2 or $900, a year of $3,000.
"""
from __future__ import annotations

import re

HOURS_PER = {"HOUR": 1.0, "DAY": 8.0, "WEEK": 40.0, "BIWEEK": 80.0, "MONTH": 2080.0 / 12, "YEAR": 2080.0}
PLAUSIBLE = {"HOUR": (7.25, 150), "DAY": (55, 1200), "WEEK": (280, 6000), "BIWEEK": (560, 12000),
             "MONTH": (1200, 26000), "YEAR": (10000, 300000)}
UNIT_WORD = (r"(?P<word>hourly|hours?|hrs?|bi-?\s?weekly|bi-?week|every\s(?:two|2|other)\sweeks?|"
             r"weekly|weeks?|wk|monthly|months?|mo|daily|days?|annually|annual|annum|yearly|years?|yr)\b")
UNIT_IN = re.compile(r"\b" + UNIT_WORD, re.I)


def word_unit(word: str) -> str:
    """"hourly", "hr", "Bi-Weekly", "annum" -> HOUR, BIWEEK, YEAR ..."""
    word = word.lower().replace("-", "").replace(" ", "")
    for prefix, unit in (("bi", "BIWEEK"), ("every", "BIWEEK"), ("h", "HOUR"), ("w", "WEEK"),
                         ("mo", "MONTH"), ("da", "DAY")):
        if word.startswith(prefix):
            return unit
    return "YEAR"


def guess_unit(amount: float | None) -> str | None:
    """An amount with no unit: hourly when it looks like a wage, yearly when like a salary."""
    if amount is None:
        return None
    if PLAUSIBLE["HOUR"][0] <= amount <= PLAUSIBLE["HOUR"][1]:
        return "HOUR"
    return "YEAR" if 15000 <= amount <= 250000 else None


def plausible(low: float | None, high: float | None, unit: str | None) -> bool:
    if unit not in PLAUSIBLE or (low is None and high is None):
        return False
    bottom, top = PLAUSIBLE[unit]
    return all(bottom <= v <= top for v in (low, high) if v is not None)


def ordered(low: float | None, high: float | None) -> tuple[float | None, float | None]:
    if low is not None and high is not None and low > high:
        return high, low
    return low, high
