"""Posting dates as sources write them, turned into dates.

Absolute forms (ISO 8601, US m/d/yyyy, "Nov 2, 2026", RFC 822, epoch seconds or milliseconds) need
nothing else; relative ones ("Posted 7 Days Ago", "30+ days ago") need the day they were read, so
every function that reads them takes `today`. A page's labelled dates are told apart: "Posted",
"Opening Date" are posting dates; "Revised", "Approved", "Last Updated", "Effective" are not.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Iterable, Mapping

_US_DATE = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?:\s.*)?$")
_WORDY_DATE = re.compile(r"^(?:[a-z]+,?\s+)??(?:(?P<d1>\d{1,2})\s+)?(?P<month>[a-z]{3,9})\.?\s+"
                         r"(?:(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+)?(?P<year>\d{4})$", re.I)
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_RELATIVE = re.compile(r"^(?:posted|active|listed|reposted)?\s*(?:(?P<today>today|just now|just posted)|"
                       r"(?P<yesterday>yesterday)|(?P<n>\d+|an?|one)\+?\s*(?P<unit>minute|hour|day|week|month|"
                       r"year)s?\s+ago)\W*$", re.I)
_UNIT_DAYS = {"minute": 0, "hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z /]{1,40}?)\s*:\s*(?P<value>\S.*?)\s*$", re.M)
_NOT_POSTED = re.compile(r"revis|approv|updat|effective|modif|clos|deadline|expir|valid|review|amend|"
                         r"end|due|until|birth|last", re.I)
_POSTED = re.compile(r"post|open|publi|\bpub\b|releas|creat|listed|date added", re.I)
_YEARS = range(1990, 2101)
_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_IN_TEXT = tuple(re.compile(pattern, re.I) for pattern in (  # tried in this order, as sources write them
    r"\b\d{4}-\d{2}-\d{2}(?!\d)",
    r"\b\d{1,2}/\d{1,2}/\d{4}\b",
    r"\b" + _MONTH_NAME + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b",
    r"\b\d{1,2}\s+" + _MONTH_NAME + r",?\s+\d{4}\b",
))
#: "Posted on Nov 3", "Posted Dec 1st": a day without its year is the latest such day up to today.
_MONTH_DAY = re.compile(r"^(?:posted|listed|published)?(?:\s+on)?\s*(?P<month>" + _MONTH_NAME
                        + r")\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\W*$", re.I)
_OPEN_ENDED = re.compile(r"^\W*(?:continuous(?:ly)?|open until filled|until filled|ongoing|open|none|n/?a)\b", re.I)


def parse_datetime(value: object) -> datetime | None:
    """ISO 8601, US m/d/yyyy, "Nov 2, 2026", RFC 822 or epoch; naive UTC; None when unreadable."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _checked(_naive_utc(value))
    if isinstance(value, date):
        return _checked(datetime(value.year, value.month, value.day))
    if isinstance(value, (int, float)):
        return _checked(_from_epoch(float(value)))
    text = str(value).strip()[:80]
    if not text:
        return None
    if text.isdigit() and len(text) >= 10:
        return _checked(_from_epoch(float(text)))
    return _checked(_from_iso(text) or _from_us(text) or _from_words(text) or _from_rfc822(text))


def parse_date(value: object) -> date | None:
    parsed = parse_datetime(value)
    return parsed.date() if parsed else None


def date_in_text(text: object) -> date | None:
    """The first date written anywhere in free text: "Posted 01/31/2026", "Closes June 30, 2026"."""
    if not isinstance(text, str):
        return None
    for pattern in _IN_TEXT:
        for match in pattern.finditer(text[:2000]):
            found = parse_date(match.group(0))
            if found is not None:
                return found
    return None


def parse_relative(text: object, today: date) -> date | None:
    """"Posted Today", "Posted 7 Days Ago", "30+ days ago" (at least 30: the latest such day)."""
    if not isinstance(text, str):
        return None
    match = _RELATIVE.match(text.strip()[:60])
    if not match:
        return None
    if match.group("today"):
        return today
    if match.group("yesterday"):
        return today - timedelta(days=1)
    count = int(match.group("n")) if match.group("n").isdigit() else 1
    return today - timedelta(days=int(count * _UNIT_DAYS[match.group("unit").lower()]))


def _month_day(text: object, today: date) -> date | None:
    match = _MONTH_DAY.match(text.strip()[:40]) if isinstance(text, str) else None
    if not match:
        return None
    for year in (today.year, today.year - 1):
        try:
            found = date(year, _MONTHS[match.group("month")[:3].lower()], int(match.group("day")))
        except ValueError:
            continue
        if found <= today:
            return found
    return None


def parse_posted(value: object, today: date) -> date | None:
    """A posting date in any form: absolute, relative, or labelled ("Date Posted: 11/02/2026").

    A value labelled as another date ("Revision Date: 01/05/2025") is no posting date."""
    found = parse_date(value) or parse_relative(value, today) or _month_day(value, today)
    if found is not None or not isinstance(value, str):
        return found
    labelled = _LABEL.match(value)
    return posting_date([(labelled.group("label"), labelled.group("value"))], today) if labelled else None


def posting_date(candidates: Mapping[str, object] | Iterable[tuple[str, object]], today: date) -> date | None:
    """The first readable value whose label names a posting date; revisions, approvals, updates,
    effective and closing dates are skipped whatever they say."""
    pairs = candidates.items() if isinstance(candidates, Mapping) else candidates
    for label, value in pairs:
        if is_posting_label(label):
            found = parse_date(value) or parse_relative(value, today)
            if found is not None:
                return found
    return None


def is_posting_label(label: object) -> bool:
    """"Posted", "Date Posted", "Opening Date", "datePosted" yes; "Revised", "Last Updated" no."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(label or ""))
    return bool(_POSTED.search(text)) and not _NOT_POSTED.search(text)


def labelled_dates(text: str | None) -> list[tuple[str, str]]:
    """"Label: value" lines of a page header, in order: [("Revision Date", "01/05/2025"), ...]."""
    if not text:
        return []
    return [(m.group("label"), m.group("value")) for m in _LABEL.finditer(text[:20000])
            if re.search(r"date|posted|opened|updated|revised|approved|effective", m.group("label"), re.I)]


def is_open_ended(value: object) -> bool:
    """"Continuous", "Open Until Filled": a closing date that is no date, and no error either."""
    return isinstance(value, str) and bool(_OPEN_ENDED.match(value.strip()))


def _checked(value: datetime | None) -> datetime | None:
    """Dates before 1990 are placeholders ("0001-01-01", epoch 0), not postings."""
    return value if value is not None and value.year in _YEARS else None


def _naive_utc(value: datetime) -> datetime:
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def _from_epoch(number: float) -> datetime | None:
    seconds = number / 1000 if number > 1e11 else number
    try:
        return datetime.fromtimestamp(seconds, timezone.utc).replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        return None


def _from_iso(text: str) -> datetime | None:
    if not text[:4].isdigit():
        return None
    try:
        return _naive_utc(datetime.fromisoformat(text.replace("Z", "+00:00").replace("/", "-")))
    except ValueError:
        return None


def _from_us(text: str) -> datetime | None:
    match = _US_DATE.match(text)
    if not match:
        return None
    month, day, year = (int(part) for part in match.groups())
    return _safe_datetime(year + 2000 if year < 100 else year, month, day)


def _from_words(text: str) -> datetime | None:
    match = _WORDY_DATE.match(text)
    month = _MONTHS.get(match.group("month")[:3].lower()) if match else None
    day = match and (match.group("d1") or match.group("d2"))
    if not month or not day:
        return None
    return _safe_datetime(int(match.group("year")), month, int(day))


def _safe_datetime(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day)
    except ValueError:
        return None


def _from_rfc822(text: str) -> datetime | None:
    try:
        return _naive_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None
