"""The conditions of a job (hours, schedule, what is asked for, record, time in recovery,
education) as read from a posting's stored facets, and the words the pages show for them.

Pure. Facets come from the database, so every value is checked: an odd one counts as not stated.
Absence in the posting's text is "not mentioned" or "not stated", never "not needed".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SCHEDULE_WORDS = {"days": "days", "evenings": "evenings", "nights": "nights", "weekends": "weekends",
                  "on_call": "on call", "rotating": "rotating shifts"}
ASKED_WORDS = {"drivers_license": "driver's license", "own_vehicle": "own car",
               "background_check": "background check", "drug_screen": "drug screen"}
EDUCATION_WORDS = {"none": "No degree or diploma needed", "high_school": "High school diploma or GED",
                   "degree": "A degree", "not_stated": "Not stated"}
NOT_STATED = "Not stated"
NOTHING_ASKED = "No driver's license, car or background check mentioned"
RECORD_FRIENDLY = "Not an automatic barrier"
RECORD_NOT_MENTIONED = "Not mentioned"
NO_MINIMUM = "No minimum stated"
MINIMUM_UNSTATED = "Asked for; how long is not stated"


@dataclass(frozen=True)
class Conditions:
    hours_per_week: tuple[float, float] | None = None
    schedule: tuple[str, ...] = ()
    asked_for: tuple[str, ...] = ()  # keys of ASKED_WORDS the posting mentions
    record_friendly: bool = False
    recovery_months: int | None = None
    recovery_asked: bool = False  # the posting asks for time in recovery, stated in months or not
    education: str = "not_stated"

    @classmethod
    def from_facets(cls, facets: Any) -> Conditions:
        facets = facets if isinstance(facets, dict) else {}
        requirements = _words(facets.get("requirements"))
        months = facets.get("recovery_months")
        months = months if isinstance(months, int) and not isinstance(months, bool) and months > 0 else None
        return cls(hours_per_week=_hours(facets.get("hours_per_week")),
                   schedule=tuple(name for name in SCHEDULE_WORDS if name in _words(facets.get("schedule"))),
                   asked_for=tuple(name for name in ASKED_WORDS if name in requirements),
                   record_friendly=facets.get("record_friendly") is True, recovery_months=months,
                   recovery_asked=months is not None or "time_in_recovery" in requirements,
                   education=facets.get("education") if facets.get("education") in EDUCATION_WORDS else "not_stated")

    @property
    def no_degree_needed(self) -> bool:
        """The posting says no degree is needed, or asks for no more than a diploma or GED."""
        return self.education in ("none", "high_school")


def _words(value: Any) -> set[str]:
    return {item for item in value if isinstance(item, str)} if isinstance(value, list) else set()


def _hours(value: Any) -> tuple[float, float] | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        return None
    low, high = float(value[0]), float(value[1])
    return (low, high) if 0 < low <= high <= 80 else None


def hours_words(conditions: Conditions) -> str:
    """"20 hours a week", "20-30 hours a week", "Not stated"."""
    if conditions.hours_per_week is None:
        return NOT_STATED
    low, high = (f"{value:g}" for value in conditions.hours_per_week)
    return f"{low} hours a week" if low == high else f"{low}-{high} hours a week"


def hours_row(employment: str | None, conditions: Conditions) -> str:
    """The employment type and the weekly hours in one line: "Part-time, 20 hours a week"."""
    hours = None if conditions.hours_per_week is None else hours_words(conditions)
    return ", ".join(filter(None, (employment, hours))) or NOT_STATED


def schedule_words(conditions: Conditions) -> str:
    """"Days, weekends"; "Not stated"."""
    return _sentence_case(", ".join(SCHEDULE_WORDS[name] for name in conditions.schedule)) or NOT_STATED


def asked_words(conditions: Conditions) -> str:
    """What the posting asks a person to have or pass, as it mentions them."""
    return _sentence_case(", ".join(ASKED_WORDS[name] for name in conditions.asked_for)) or NOTHING_ASKED


def record_words(conditions: Conditions) -> str:
    return RECORD_FRIENDLY if conditions.record_friendly else RECORD_NOT_MENTIONED


def recovery_words(conditions: Conditions) -> str:
    """"At least 2 years", "At least 6 months"; "No minimum stated"."""
    months = conditions.recovery_months
    if months is None:
        return MINIMUM_UNSTATED if conditions.recovery_asked else NO_MINIMUM
    if months % 12 == 0:
        years = months // 12
        return f"At least {years} year{'s' if years > 1 else ''}"
    return f"At least {months} month{'s' if months > 1 else ''}"


def education_words(conditions: Conditions) -> str:
    return EDUCATION_WORDS[conditions.education]


def words(conditions: Conditions) -> dict[str, str]:
    """Every condition in words, by name: what the fact box and the API show."""
    return {"hours": hours_words(conditions), "schedule": schedule_words(conditions),
            "asked_for": asked_words(conditions), "record": record_words(conditions),
            "recovery": recovery_words(conditions), "education": education_words(conditions)}


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
