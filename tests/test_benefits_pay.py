"""Benefits-aware pay arithmetic: table tests and properties (hypothesis)."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, strategies as st

from indexer import benefits as pay

HOURLY = st.floats(min_value=0.01, max_value=500, allow_nan=False)
HOURS = st.floats(min_value=0.5, max_value=80, allow_nan=False)
GROSS = st.floats(min_value=0, max_value=50_000, allow_nan=False)


@pytest.mark.parametrize("hourly, hours, monthly", [
    (18, 20, 1560), (18, 40, 3120), (15.5, 25, 1679), (19.5, 20, 1690), (12, 10, 520), (17.31, 1, 75),
    (0.03, 1, 0), (21.75, 32, 3016),
])
def test_monthly_gross_at_posted_hours(hourly, hours, monthly):
    assert pay.monthly_gross(hourly, hours) == monthly


def test_halves_round_up():
    assert pay.monthly_gross(1.5, 1) == 7  # 6.5 a month
    assert pay.monthly_gross(2.5, 1) == 11  # 10.833...


@pytest.mark.parametrize("low, high, expected", [
    (18, 22, pay.Span(18, 22)), (22, 18, pay.Span(18, 22)), (None, 20, pay.Span(20, 20)), (20, None, pay.Span(20, 20)),
    (None, None, None), (0, None, None),
])
def test_span_takes_whichever_end_is_given(low, high, expected):
    assert pay.span(low, high) == expected


@pytest.mark.parametrize("monthly, limit, side", [
    (pay.Span(1560, 1560), 1690, pay.UNDER), (pay.Span(1690, 1690), 1690, pay.UNDER),
    (pay.Span(1691, 1800), 1690, pay.OVER), (pay.Span(1500, 1900), 1690, pay.STRADDLES),
    (pay.Span(1690, 1691), 1690, pay.STRADDLES),
])
def test_compare_with_a_limit(monthly, limit, side):
    assert pay.compare(monthly, limit) == side


@pytest.mark.parametrize("monthly, twp, counts", [(1210, 1210, False), (1211, 1210, True), (900, 1210, False)])
def test_a_month_over_the_trial_work_amount_is_a_trial_work_month(monthly, twp, counts):
    assert pay.counts_as_trial_work(monthly, twp) is counts


@pytest.mark.parametrize("gross, countable", [(1560, 737.5), (85, 0), (50, 0), (0, 0), (2073, 994)])
def test_ssi_countable_earned_income(gross, countable):
    assert pay.ssi_countable(gross, 20, 65, 0.5) == countable


@pytest.mark.parametrize("facet, expected", [
    ([20, 20], pay.Span(20, 20)), ([20, 30], pay.Span(20, 30)), (None, None), ([], None), ("20", None),
    ([0, 0], None), ([20, 500], None), ([True, True], None),
])
def test_hours_from_the_facet(facet, expected):
    assert pay.hours_span(facet) == expected


def test_highest_monthly_uses_the_high_ends_and_is_nan_when_unknown():
    assert pay.highest_monthly(18, 22, pay.Span(20, 30)) == pay.monthly_gross(22, 30)
    assert math.isnan(pay.highest_monthly(None, None, pay.Span(20, 20)))
    assert math.isnan(pay.highest_monthly(18, 20, None))


@given(HOURLY, HOURS, HOURS)
def test_monthly_grows_with_hours(hourly, hours, more):
    low, high = sorted((hours, more))
    assert 0 <= pay.monthly_gross(hourly, low) <= pay.monthly_gross(hourly, high)


@given(HOURLY, HOURLY, HOURS)
def test_monthly_grows_with_pay(hourly, other, hours):
    low, high = sorted((hourly, other))
    assert 0 <= pay.monthly_gross(low, hours) <= pay.monthly_gross(high, hours)


@given(HOURLY, HOURS)
def test_monthly_is_within_half_a_dollar_of_the_exact_amount(hourly, hours):
    assert abs(pay.monthly_gross(hourly, hours) - hourly * hours * 52 / 12) <= 0.5 + 1e-6


@given(HOURLY, HOURLY, HOURS, HOURS)
def test_the_monthly_range_is_ordered_and_its_top_is_the_filter_value(a, b, c, d):
    wage, hours = pay.span(a, b), pay.span(c, d)
    monthly = pay.monthly_span(wage, hours)
    assert monthly.low <= monthly.high == pay.highest_monthly(a, b, hours)


@given(GROSS)
def test_ssi_countable_is_never_negative_and_at_most_half(gross):
    countable = pay.ssi_countable(gross, 20, 65, 0.5)
    assert 0 <= countable <= gross / 2
    assert pay.ssi_left(994, countable) >= 0


@given(GROSS, GROSS)
def test_ssi_countable_grows_with_gross(gross, more):
    low, high = sorted((gross, more))
    assert pay.ssi_countable(low, 20, 65, 0.5) <= pay.ssi_countable(high, 20, 65, 0.5)


@given(st.integers(0, 20_000), st.integers(0, 20_000), st.integers(1, 5000))
def test_compare_agrees_with_both_ends(a, b, limit):
    low, high = sorted((a, b))
    side = pay.compare(pay.Span(low, high), limit)
    assert side == (pay.UNDER if high <= limit else pay.OVER if low > limit else pay.STRADDLES)
    assert (side == pay.UNDER) == all(value <= limit for value in (low, high))
