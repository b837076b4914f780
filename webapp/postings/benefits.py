"""The benefits block of a posting page in plain words: what the job pays a month at its posted
hours next to the year's SSDI and SSI figures. Informational, never advice. Flask-free."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timezone

from foundation.benefits_file import Benefits, BenefitsFileError, YearFigures, shipped_benefits
from indexer import benefits as pay
from indexer.store.models import Posting


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BenefitsBlock:
    year: int
    lines: tuple[str, ...]  # plain sentences, the first one the monthly pay or what is not stated
    counseling_name: str = ""
    counseling_url: str = ""
    stated: bool = True  # False when the year has no figures: one "not stated" line, no comparison


def posting_benefits(posting: Posting) -> BenefitsBlock | None:
    """The block for today (UTC) from config/benefits.yaml; None, logged, when the file is wrong."""
    try:
        figures = shipped_benefits()
    except BenefitsFileError as error:
        log.error("benefits block left out: %s", error)
        return None
    return benefits_block(posting, figures, datetime.now(timezone.utc).date())


def benefits_block(posting: Posting, figures: Benefits, today: date) -> BenefitsBlock:
    year = figures.for_year(today.year)
    if year is None:
        return BenefitsBlock(today.year, (f"Social Security figures for {today.year}: not stated.",), stated=False)
    wage = pay.span(posting.pay_hourly_min, posting.pay_hourly_max)
    facets = posting.facets if isinstance(posting.facets, dict) else {}
    hours = pay.hours_span(facets.get("hours_per_week"))
    lines = _missing(wage, hours) if wage is None or hours is None else _compared(wage, hours, year, figures)
    return BenefitsBlock(year.year, lines, figures.counseling_name, figures.counseling_url)


def _missing(wage, hours) -> tuple[str, ...]:
    unknown = " and ".join(name for name, value in (("Pay", wage), ("hours a week", hours)) if value is None)
    verb = "are" if " and " in unknown else "is"
    return (f"{unknown[0].upper()}{unknown[1:]} {verb} not stated, so the monthly pay at these hours is not known.",)


def _compared(wage: pay.Span, hours: pay.Span, year: YearFigures, figures: Benefits) -> tuple[str, ...]:
    monthly = pay.monthly_span(wage, hours)
    side = {pay.UNDER: "under", pay.OVER: "over", pay.STRADDLES: "partly over"}
    sga = side[pay.compare(monthly, year.sga_non_blind)]
    first = (f"At {_hours(hours)} a week this job pays about {_money_span(monthly)} a month, "
             f"{sga} {year.year}’s {_money(year.sga_non_blind)} SSDI SGA amount.")
    blind = f"For people who are blind the SSDI SGA amount is {_money(year.sga_blind)}."
    return first, _trial_work(monthly, year), blind, _ssi(monthly, year, figures)


def _trial_work(monthly: pay.Span, year: YearFigures) -> str:
    twp = _money(year.twp_month)
    if not pay.counts_as_trial_work(monthly.high, year.twp_month):
        return f"Not over the {twp} trial work amount: such a month is not an SSDI trial work month."
    return f"A month over {twp} is one of SSDI’s 9 trial work months; SSDI continues in full during them."


def _ssi(monthly: pay.Span, year: YearFigures, figures: Benefits) -> str:
    rules = figures.ssi
    counted = [pay.ssi_countable(value, rules.general_exclusion, rules.earned_exclusion, rules.earned_share_counted)
               for value in (monthly.low, monthly.high)]
    effect = (f"more than the {_money(year.ssi_individual)} SSI amount" if pay.ssi_left(year.ssi_individual, counted[0]) == 0
              else f"and the {_money(year.ssi_individual)} SSI amount is reduced by that")
    return (f"For SSI (no other income), half of the pay over {_money(rules.general_exclusion)} + "
            f"{_money(rules.earned_exclusion)} counts, about {_money_span(pay.Span(*counted))}, {effect}.")


def _hours(hours: pay.Span) -> str:
    low, high = (f"{value:g}" for value in (hours.low, hours.high))
    return f"{low} hours" if hours.single else f"{low} to {high} hours"


def _money_span(amounts: pay.Span) -> str:
    return _money(amounts.low) if round(amounts.low) == round(amounts.high) else \
        f"{_money(amounts.low)} to {_money(amounts.high)}"


def _money(amount: float) -> str:
    return f"${int(amount + 0.5):,}"
