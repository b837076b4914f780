"""The benefits block of a posting page in plain words: what the job pays a month at its posted
hours next to the year's SSDI and SSI figures. Informational, never advice. Each sentence is one
message of the catalog, said in the page's language (English outside a request)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timezone

from foundation.benefits_file import Benefits, BenefitsFileError, YearFigures, shipped_benefits
from indexer import benefits as pay
from indexer.store.models import Posting
from flask_babel import gettext, pgettext


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
        return BenefitsBlock(today.year, (gettext("Social Security figures for %(year)s: not stated.", year=today.year),),
                             stated=False)
    wage = pay.span(posting.pay_hourly_min, posting.pay_hourly_max)
    facets = posting.facets if isinstance(posting.facets, dict) else {}
    hours = pay.hours_span(facets.get("hours_per_week"))
    lines = _missing(wage, hours) if wage is None or hours is None else _compared(wage, hours, year, figures)
    return BenefitsBlock(year.year, lines, figures.counseling_name, figures.counseling_url)


def _missing(wage, hours) -> tuple[str, ...]:
    if wage is None and hours is None:
        return (gettext("Pay and hours a week are not stated, so the monthly pay at these hours is not known."),)
    if wage is None:
        return (gettext("Pay is not stated, so the monthly pay at these hours is not known."),)
    return (gettext("Hours a week is not stated, so the monthly pay at these hours is not known."),)


def _first_line(monthly: pay.Span, hours: pay.Span, year: YearFigures) -> str:
    """The monthly pay at the posted hours beside the SSDI SGA amount: under, over or partly over."""
    values = {"hours": _hours(hours), "monthly": _money_span(monthly), "year": year.year,
              "sga": _money(year.sga_non_blind)}
    side = pay.compare(monthly, year.sga_non_blind)
    if side == pay.UNDER:
        return gettext("At %(hours)s a week this job pays about %(monthly)s a month, under %(year)s’s %(sga)s "
                       "SSDI SGA amount.", **values)
    if side == pay.OVER:
        return gettext("At %(hours)s a week this job pays about %(monthly)s a month, over %(year)s’s %(sga)s "
                       "SSDI SGA amount.", **values)
    return gettext("At %(hours)s a week this job pays about %(monthly)s a month, partly over %(year)s’s %(sga)s "
                   "SSDI SGA amount.", **values)


def _compared(wage: pay.Span, hours: pay.Span, year: YearFigures, figures: Benefits) -> tuple[str, ...]:
    monthly = pay.monthly_span(wage, hours)
    blind = gettext("For people who are blind the SSDI SGA amount is %(sga)s.", sga=_money(year.sga_blind))
    return _first_line(monthly, hours, year), _trial_work(monthly, year), blind, _ssi(monthly, year, figures)


def _trial_work(monthly: pay.Span, year: YearFigures) -> str:
    twp = _money(year.twp_month)
    if not pay.counts_as_trial_work(monthly.high, year.twp_month):
        return gettext("Not over the %(twp)s trial work amount: such a month is not an SSDI trial work month.", twp=twp)
    return gettext("A month over %(twp)s is one of SSDI’s 9 trial work months; SSDI continues in full during them.",
                   twp=twp)


def _ssi(monthly: pay.Span, year: YearFigures, figures: Benefits) -> str:
    rules = figures.ssi
    counted = [pay.ssi_countable(value, rules.general_exclusion, rules.earned_exclusion, rules.earned_share_counted)
               for value in (monthly.low, monthly.high)]
    values = {"general": _money(rules.general_exclusion), "earned": _money(rules.earned_exclusion),
              "counted": _money_span(pay.Span(*counted)), "ssi": _money(year.ssi_individual)}
    if pay.ssi_left(year.ssi_individual, counted[0]) == 0:
        return gettext("For SSI (no other income), half of the pay over %(general)s + %(earned)s counts, about "
                       "%(counted)s, more than the %(ssi)s SSI amount.", **values)
    return gettext("For SSI (no other income), half of the pay over %(general)s + %(earned)s counts, about "
                   "%(counted)s, and the %(ssi)s SSI amount is reduced by that.", **values)


def _hours(hours: pay.Span) -> str:
    low, high = (f"{value:g}" for value in (hours.low, hours.high))
    return gettext("%(low)s hours", low=low) if hours.single else gettext("%(low)s to %(high)s hours", low=low,
                                                                            high=high)


def _money_span(amounts: pay.Span) -> str:
    if round(amounts.low) == round(amounts.high):
        return _money(amounts.low)
    return pgettext("monthly amounts", "%(low)s to %(high)s", low=_money(amounts.low), high=_money(amounts.high))


def _money(amount: float) -> str:
    """Whole dollars, "$1,690": as Babel writes it for en_US and es_US alike."""
    return f"${int(amount + 0.5):,}"
