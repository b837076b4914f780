"""Pay as posted (min, max, unit, the phrase) and normalized to hourly and annual figures.

Units: HOUR, DAY, WEEK, BIWEEK, MONTH, YEAR; a year is 2080 hours. Structured salaries (schema.org
baseSalary and the ATS shapes) are read here; prose is read by indexer.pay_text, and units and
plausible figures are indexer.pay_units'.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.parsers.pay_text import figures_in
from indexer.parsers.pay_units import HOURS_PER, UNIT_IN, guess_unit, ordered, plausible, word_unit

__all__ = ["HOURS_PER", "HOURS_PER_YEAR", "Pay", "unit_of", "pay_from_structured", "pay_from_text",
           "says_no_figures", "structured_pay_problem"]

HOURS_PER_YEAR = 2080.0
_CODES = {"PH": "HOUR", "PD": "DAY", "PW": "WEEK", "BW": "BIWEEK", "2WEEK": "BIWEEK", "PM": "MONTH",
          "PA": "YEAR", "PY": "YEAR", "ANNUAL": "YEAR", "HOURLY": "HOUR"}
_DIGIT = re.compile(r"\d")
_NO_FIGURES = re.compile(r"\b(?:doe|negotiable|competitive|commensurate|depending on experience)\b", re.I)
_MIN_KEYS = ("minValue", "min", "minimum", "minimumSalary", "MinimumRange", "minSalary", "minimumRate")
_MAX_KEYS = ("maxValue", "max", "maximum", "maximumSalary", "MaximumRange", "maxSalary", "maximumRate")
_FIGURE = r"\$?\s*(\d[\d,]*(?:\.\d+)?)"
#: A structured value that is a range as text: "95000-140000", "$18 - $25", "18 to 25".
_RANGE_TEXT = re.compile(rf"^\s*{_FIGURE}\s*(?:-+|–|—|to)\s*{_FIGURE}\s*$", re.I)
_UNIT_KEYS = ("unitText", "interval", "salaryInterval", "RateIntervalCode", "unit", "Description")


@dataclass(frozen=True)
class Pay:
    minimum: float | None
    maximum: float | None
    unit: str | None
    text: str | None = None

    @property
    def hourly(self) -> tuple[float | None, float | None]:
        return self._scaled(1.0, 2)

    @property
    def annual(self) -> tuple[float | None, float | None]:
        return self._scaled(HOURS_PER_YEAR, 0)

    def _scaled(self, hours: float, digits: int) -> tuple[float | None, float | None]:
        per = HOURS_PER.get(self.unit or "")
        if not per:
            return None, None
        low, high = (None if v is None else round(v * hours / per, digits) for v in (self.minimum, self.maximum))
        return low, high


def unit_of(text: object) -> str | None:
    """"HOUR", "Per Year", "per-hour-wage", "PA" (USAJOBS), "Bi-Weekly" -> a unit; None if none."""
    if not isinstance(text, str):
        return None
    upper = text.strip().upper()
    if upper in HOURS_PER or upper in _CODES:
        return _CODES.get(upper, upper)
    found = UNIT_IN.search(text.replace("-", " ").replace("_", " "))
    return word_unit(found.group("word")) if found else None


def pay_from_text(text: str | None) -> Pay | None:
    """The pay a text states, with the phrase that states it; None when it gives no figures."""
    if not isinstance(text, str) or not _DIGIT.search(text):
        return None
    found = figures_in(text)
    return Pay(*found) if found else None


def says_no_figures(text: str | None) -> bool:
    """"DOE", "Negotiable", "Competitive": pay is mentioned but not given."""
    return isinstance(text, str) and bool(_NO_FIGURES.search(text))


def _number(value: object) -> float | None:
    if isinstance(value, dict):
        return _number(value.get("amountValue", value.get("value")))
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(str(value).replace(",", "").replace("$", "").strip())
    except ValueError:
        return None
    return number if 0 < number < 1e7 else None


def _first(mapping: dict, keys: tuple[str, ...]) -> object:
    return next((mapping[key] for key in keys if mapping.get(key) not in (None, "")), None)


def _span(value: object) -> tuple[float | None, float | None]:
    """A structured `value`: one figure (45000, "45000") or a range as text ("95000-140000")."""
    if isinstance(value, str):
        found = _RANGE_TEXT.match(value)
        if found:
            return ordered(_number(found.group(1)), _number(found.group(2)))
    single = _number(value)
    return single, single


def _figures(salary: dict) -> tuple[float | None, float | None, str | None]:
    """(low, high, the unit it states) of a structured salary, before any plausibility check."""
    value = salary.get("value")
    inner = value if isinstance(value, dict) else salary.get("payGradeRange")
    inner = inner if isinstance(inner, dict) else salary
    unit = unit_of(_first(inner, _UNIT_KEYS)) or unit_of(_first(salary, _UNIT_KEYS))
    single_low, single_high = _span(inner.get("value"))
    low, high = ordered(_number(_first(inner, _MIN_KEYS)) or single_low,
                        _number(_first(inner, _MAX_KEYS)) or single_high)
    return low, high, unit


def pay_from_structured(salary: object) -> Pay | None:
    """schema.org MonetaryAmount, Lever salaryRange, NEOGOV, USAJOBS, ADP or ApplicantPro shapes.

    Figures may be numbers or text ("45000", "$45,000", "95000-140000"). A unit that makes the
    figures implausible (18 "YEAR") is a mislabel: the size decides instead."""
    if not isinstance(salary, dict):
        return None
    low, high, unit = _figures(salary)
    value = salary.get("value")
    if low is None and high is None and isinstance(value, str):
        return pay_from_text(f"Pay: {value}" + (f" per {unit.lower()}" if unit else ""))
    if not plausible(low, high, unit):
        unit = guess_unit(high or low)
    return Pay(low, high, unit) if plausible(low, high, unit) else None


def structured_pay_problem(salary: object) -> str | None:
    """Why a structured salary that gives figures was refused (None when it was read, or gave none)."""
    if not isinstance(salary, dict) or pay_from_structured(salary) is not None:
        return None
    low, high, unit = _figures(salary)
    if low is None and high is None:
        return None
    shown = "-".join(f"{figure:,.2f}".rstrip("0").rstrip(".")
                     for figure in dict.fromkeys(v for v in (low, high) if v is not None))
    return f"pay: {shown} {unit or '(no unit)'} is not a plausible pay for any unit; refused"
