"""Pay as posted (min, max, unit) and normalized to hourly figures."""
from __future__ import annotations

import re
from dataclasses import dataclass

HOURS_PER = {"HOUR": 1.0, "DAY": 8.0, "WEEK": 40.0, "MONTH": 2080.0 / 12, "YEAR": 2080.0}

_UNIT_WORDS = (
    ("HOUR", re.compile(r"hour|hourly|/\s*hr\b|an hr\b|per hr\b", re.I)),
    ("YEAR", re.compile(r"year|annual|annually|/\s*yr\b|salary", re.I)),
    ("MONTH", re.compile(r"month|/\s*mo\b", re.I)),
    ("WEEK", re.compile(r"week", re.I)),
    ("DAY", re.compile(r"\bday\b|daily", re.I)),
)
_AMOUNT = r"\$\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?"
_RANGE = re.compile(_AMOUNT + r"(?:\s*(?:-|–|—|to)\s*" + _AMOUNT + r")?" + r"([^$\n.;]{0,30})", re.I)


@dataclass(frozen=True)
class Pay:
    minimum: float | None
    maximum: float | None
    unit: str | None
    text: str | None = None

    @property
    def hourly(self) -> tuple[float | None, float | None]:
        factor = HOURS_PER.get(self.unit or "")
        if not factor:
            return None, None
        return (_round(self.minimum, factor), _round(self.maximum, factor))


def _round(value: float | None, factor: float) -> float | None:
    return None if value is None else round(value / factor, 2)


def unit_of(text: object) -> str | None:
    if not isinstance(text, str):
        return None
    upper = text.strip().upper()
    if upper in HOURS_PER:
        return upper
    for unit, pattern in _UNIT_WORDS:
        if pattern.search(text):
            return unit
    return None


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value > 0 else None
    if isinstance(value, str):
        cleaned = value.replace(",", "").replace("$", "").strip()
        try:
            number = float(cleaned)
        except ValueError:
            return None
        return number if number > 0 else None
    return None


def pay_from_structured(salary: object) -> Pay | None:
    """schema.org MonetaryAmount: value may be a number or a QuantitativeValue."""
    if not isinstance(salary, dict):
        return None
    value = salary.get("value")
    unit = unit_of(salary.get("unitText"))
    if isinstance(value, dict):
        unit = unit_of(value.get("unitText")) or unit
        low, high = _number(value.get("minValue")), _number(value.get("maxValue"))
        single = _number(value.get("value"))
        low, high = low or single, high or single
    else:
        low = high = _number(value)
    if low is None and high is None:
        return None
    return _ordered(low, high, unit)


def _ordered(low: float | None, high: float | None, unit: str | None, text: str | None = None) -> Pay:
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Pay(low, high, unit or _guess_unit(high or low), text)


def _guess_unit(amount: float | None) -> str | None:
    """An amount with no unit: hourly when it looks like a wage, yearly when like a salary."""
    if amount is None:
        return None
    if amount < 200:
        return "HOUR"
    if amount >= 15000:
        return "YEAR"
    return None


def pay_from_text(text: str | None) -> Pay | None:
    """The first dollar amount or range in free text, with the unit that follows it."""
    if not text:
        return None
    match = _RANGE.search(text)
    if not match:
        return None
    low = _amount(match.group(1), match.group(2))
    high = _amount(match.group(3), match.group(4)) if match.group(3) else low
    return _ordered(low, high, unit_of(match.group(5)), match.group(0).strip())


def _amount(whole: str, cents: str | None) -> float:
    return float(whole.replace(",", "") + ("." + cents if cents else ""))
