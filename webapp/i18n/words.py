"""indexer.wording in the page's language: the same words in English, Spanish with Babel's
formats for es_US (dates "3 de marzo de 2026", pay "$18.50"). Each sentence is one message."""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import format_currency, format_date, format_decimal, gettext, lazy_gettext, ngettext

from indexer.cards import PayShown

#: unit -> (range, one figure, from, up to), each a whole phrase to translate.
PAY_PHRASES = {
    "HOUR": (lazy_gettext("%(low)s–%(high)s an hour"), lazy_gettext("%(low)s an hour"),
             lazy_gettext("From %(low)s an hour"), lazy_gettext("Up to %(high)s an hour")),
    "DAY": (lazy_gettext("%(low)s–%(high)s a day"), lazy_gettext("%(low)s a day"),
            lazy_gettext("From %(low)s a day"), lazy_gettext("Up to %(high)s a day")),
    "WEEK": (lazy_gettext("%(low)s–%(high)s a week"), lazy_gettext("%(low)s a week"),
             lazy_gettext("From %(low)s a week"), lazy_gettext("Up to %(high)s a week")),
    "BIWEEK": (lazy_gettext("%(low)s–%(high)s every two weeks"), lazy_gettext("%(low)s every two weeks"),
               lazy_gettext("From %(low)s every two weeks"), lazy_gettext("Up to %(high)s every two weeks")),
    "MONTH": (lazy_gettext("%(low)s–%(high)s a month"), lazy_gettext("%(low)s a month"),
              lazy_gettext("From %(low)s a month"), lazy_gettext("Up to %(high)s a month")),
    "YEAR": (lazy_gettext("%(low)s–%(high)s a year"), lazy_gettext("%(low)s a year"),
             lazy_gettext("From %(low)s a year"), lazy_gettext("Up to %(high)s a year")),
}
EMPLOYMENT_TYPES = {
    "FULL_TIME": lazy_gettext("Full-time"), "PART_TIME": lazy_gettext("Part-time"),
    "CONTRACTOR": lazy_gettext("Contract"), "TEMPORARY": lazy_gettext("Temporary"),
    "INTERN": lazy_gettext("Internship"), "VOLUNTEER": lazy_gettext("Volunteer"),
    "PER_DIEM": lazy_gettext("Per diem (as needed)"),
}


def money(amount: float) -> str:
    """'$18.50'; from a thousand on, whole dollars: '$45,000'."""
    pattern = "¤#,##0.00" if amount < 1000 else "¤#,##0"
    return format_currency(amount, "USD", format=pattern, currency_digits=False)


def pay_range(low: float | None, high: float | None, unit: str | None = "HOUR") -> str:
    phrases = PAY_PHRASES.get((unit or "").upper())
    if phrases is None or (low is None and high is None):
        return ""
    figures = {"low": money(low) if low is not None else "", "high": money(high) if high is not None else ""}
    if low is not None and high is not None:
        return str(phrases[0 if round(low, 2) != round(high, 2) else 1] % figures)
    return str(phrases[2 if low is not None else 3] % figures)


def pay_words(pay: PayShown) -> str:
    """PayShown.words: hourly figures, else as posted, else the posting's own words."""
    return (pay_range(pay.hourly_min, pay.hourly_max)
            or pay_range(pay.posted_min, pay.posted_max, pay.posted_unit) or (pay.text or ""))


def yearly_pay_words(pay: PayShown) -> str:
    return pay_range(pay.posted_min, pay.posted_max, "YEAR") if pay.yearly_words else ""


def day_in_words(moment: date | datetime | None) -> str:
    return "" if moment is None else format_date(moment, "long")


def _days(moment: date | None, today: date | None) -> int:
    return ((today or date.today()) - moment).days


def age_in_words(posted: date | None, today: date | None = None) -> str:
    """'today', 'yesterday', '3 days ago', '2 weeks ago', else the date."""
    if posted is None:
        return ""
    days = _days(posted, today)
    if days <= 0:
        return gettext("today")
    if days == 1:
        return gettext("yesterday")
    if days < 14:
        return ngettext("%(num)s day ago", "%(num)s days ago", days)
    if days < 60:
        return ngettext("%(num)s week ago", "%(num)s weeks ago", days // 7)
    return day_in_words(posted)


def posted_in_words(posted: date | None, today: date | None = None) -> str:
    """'Posted today', 'Posted 3 days ago', 'Posted on March 3, 2026'."""
    if posted is None:
        return ""
    if _days(posted, today) >= 60:
        return gettext("Posted on %(day)s", day=day_in_words(posted))
    return gettext("Posted %(age)s", age=age_in_words(posted, today))


def checked_in_words(last_seen: datetime | None, today: date | None = None) -> str:
    """'Checked open 2 days ago', 'Checked open on March 3, 2026'."""
    if last_seen is None:
        return ""
    if _days(last_seen.date(), today) >= 60:
        return gettext("Checked open on %(day)s", day=day_in_words(last_seen))
    return gettext("Checked open %(age)s", age=age_in_words(last_seen.date(), today))


def distance_in_words(miles: float | None) -> str:
    if miles is None:
        return ""
    if miles < 1:
        return gettext("Less than a mile away")
    return ngettext("%(num)s mile away", "%(num)s miles away", round(miles))


def jobs_in_words(count: int) -> str:
    if not count:
        return gettext("No jobs")
    return ngettext("%(count)s job", "%(count)s jobs", count, count=format_decimal(count))


def employment_type_in_words(value: str | None) -> str:
    if not value or value.upper() == "OTHER":
        return ""
    key = value.upper().replace("-", "_").replace(" ", "_")
    return str(EMPLOYMENT_TYPES.get(key) or value.replace("_", " ").capitalize())


FILTERS = {
    "pay_words": pay_words, "yearly_pay_words": yearly_pay_words, "money": money, "day": day_in_words,
    "age": age_in_words, "posted": posted_in_words, "checked": checked_in_words, "distance": distance_in_words,
    "jobs": jobs_in_words, "number": format_decimal, "employment_type": employment_type_in_words,
}
