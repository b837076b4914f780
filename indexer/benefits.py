"""Benefits-aware pay: a job's monthly gross at its posted hours compared with Social Security's
monthly amounts. Pure arithmetic, informational only: the figures come from config/benefits.yaml
(foundation.benefits_file) and are handed in.

Monthly gross = hourly pay x hours a week x 52 weeks / 12 months, rounded to the nearest whole
dollar (halves up). A posted range of pay or hours gives a range: the low pay at the low hours,
the high pay at the high hours.
"""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import date

from foundation.benefits_file import BenefitsFileError, shipped_benefits

WEEKS_A_YEAR, MONTHS_A_YEAR = 52, 12
UNDER, OVER, STRADDLES = "under", "over", "straddles"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Span:
    """low..high of one quantity; low == high when the posting gives one value."""
    low: float
    high: float

    @property
    def single(self) -> bool:
        return self.low == self.high


def span(low: float | None, high: float | None) -> Span | None:
    """The posted range of a quantity, whichever end is given; None when neither is."""
    values = [float(value) for value in (low, high) if value is not None and float(value) > 0]
    return Span(min(values), max(values)) if values else None


def monthly_gross(hourly: float, hours_per_week: float) -> int:
    """Whole dollars a month at `hours_per_week` hours and `hourly` dollars an hour."""
    return math.floor(hourly * hours_per_week * WEEKS_A_YEAR / MONTHS_A_YEAR + 0.5)


def monthly_span(pay: Span, hours: Span) -> Span:
    return Span(monthly_gross(pay.low, hours.low), monthly_gross(pay.high, hours.high))


def highest_monthly(pay_low: float | None, pay_high: float | None, hours: Span | None) -> float:
    """The top of the monthly range (what the search filter compares); NaN when pay or hours is unknown."""
    pay = span(pay_low, pay_high)
    if pay is None or hours is None:
        return math.nan
    return float(monthly_gross(pay.high, hours.high))


def compare(monthly: Span, limit: float) -> str:
    """UNDER when every month of the range is at or under `limit`, OVER when every one is above
    it, STRADDLES when the range reaches both sides."""
    if monthly.high <= limit:
        return UNDER
    return OVER if monthly.low > limit else STRADDLES


def counts_as_trial_work(monthly: float, twp_month: float) -> bool:
    """A month with earnings over the trial work period amount is a trial work month; SSDI
    continues in full during the 9 trial work months."""
    return monthly > twp_month


def ssi_countable(gross: float, general_exclusion: float, earned_exclusion: float, share: float) -> float:
    """SSI's countable earned income when there is no other income: the general exclusion and the
    earned-income exclusion come off, then `share` (one half) of the rest counts. Never negative."""
    return max(0.0, gross - general_exclusion - earned_exclusion) * share


def ssi_left(benefit_rate: float, countable: float) -> float:
    """The SSI federal amount after it is reduced by the countable income; never negative."""
    return max(0.0, benefit_rate - countable)


def hours_span(hours_per_week) -> Span | None:
    """facets["hours_per_week"] ([low, high], or None) as a Span; None when absent or odd."""
    if not isinstance(hours_per_week, (list, tuple)) or not hours_per_week:
        return None
    numbers = [value for value in hours_per_week if isinstance(value, (int, float)) and not isinstance(value, bool)]
    found = span(min(numbers, default=None), max(numbers, default=None))
    return found if found is not None and found.high <= 7 * 24 else None


def sga_for(day: date) -> int | None:
    """The non-blind SSDI SGA amount of the day's year from config/benefits.yaml; None when the
    year has no entry or the file is wrong (logged)."""
    try:
        figures = shipped_benefits().for_year(day.year)
    except BenefitsFileError as error:
        log.error("SSDI limit not known: %s", error)
        return None
    return None if figures is None else figures.sga_non_blind
