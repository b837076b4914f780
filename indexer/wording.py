"""Stored values in plain words: pay, places, dates, roles and counts, as pages and emails show them."""
from __future__ import annotations

from datetime import date, datetime

from indexer.parsers.geo import STATES
from indexer.taxonomy import Taxonomy

EMPLOYMENT_TYPES = {
    "FULL_TIME": "Full-time", "PART_TIME": "Part-time", "CONTRACTOR": "Contract",
    "TEMPORARY": "Temporary", "INTERN": "Internship", "VOLUNTEER": "Volunteer",
    "PER_DIEM": "Per diem (as needed)",
}

PAY_UNITS = {"HOUR": "an hour", "DAY": "a day", "WEEK": "a week", "BIWEEK": "every two weeks",
             "MONTH": "a month", "YEAR": "a year"}


def money(amount: float) -> str:
    return f"${amount:,.2f}" if amount < 1000 else f"${amount:,.0f}"


def pay_in_words(low: float | None, high: float | None, unit: str | None = "HOUR") -> str:
    """'$18.50–$21.00 an hour', 'From $18.50 an hour', 'Up to $21.00 an hour', or ''."""
    per = PAY_UNITS.get((unit or "").upper())
    if per is None or (low is None and high is None):
        return ""
    if low is not None and high is not None and round(low, 2) != round(high, 2):
        return f"{money(low)}–{money(high)} {per}"
    if low is not None and high is not None:
        return f"{money(low)} {per}"
    return f"From {money(low)} {per}" if low is not None else f"Up to {money(high)} {per}"


def age_in_words(posted: date | None, today: date | None = None) -> str:
    """'today', 'yesterday', '3 days ago', '2 weeks ago', 'March 3, 2026'."""
    if posted is None:
        return ""
    days = ((today or date.today()) - posted).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    return day_in_words(posted)


def posted_in_words(posted: date | None, today: date | None = None) -> str:
    """'Posted today', 'Posted 3 days ago', 'Posted on March 3, 2026'."""
    age = age_in_words(posted, today)
    if not age:
        return ""
    return f"Posted on {age}" if age[0].isupper() else f"Posted {age}"


def employment_type_in_words(value: str | None) -> str:
    if not value or value.upper() == "OTHER":
        return ""
    key = value.upper().replace("-", "_").replace(" ", "_")
    return EMPLOYMENT_TYPES.get(key) or value.replace("_", " ").capitalize()


def category_label(category: str | None, taxonomy: Taxonomy | None = None) -> str:
    """The taxonomy's label; an id it does not know reads as words."""
    if not category:
        return ""
    found = taxonomy.category(category) if taxonomy else None
    return found.label if found else category.replace("_", " ").capitalize()


def setting_label(setting: str | None, taxonomy: Taxonomy | None = None) -> str:
    if not setting:
        return ""
    found = taxonomy.setting(setting) if taxonomy else None
    return found.label if found else setting.replace("_", " ").capitalize()


def state_name(code: str | None) -> str:
    return STATES.get(code or "", code or "")


def day_in_words(moment: date | datetime | None) -> str:
    """'March 3, 2026'."""
    if moment is None:
        return ""
    return f"{moment:%B} {moment.day}, {moment.year}"


def checked_in_words(last_seen: datetime | None, today: date | None = None) -> str:
    """When we last saw the job open on the employer's site: 'Checked open 2 days ago'."""
    if last_seen is None:
        return ""
    age = age_in_words(last_seen.date(), today)
    return f"Checked open on {age}" if age[0].isupper() else f"Checked open {age}"


def distance_in_words(miles: float | None) -> str:
    if miles is None:
        return ""
    if miles < 1:
        return "Less than a mile away"
    rounded = round(miles)
    return "1 mile away" if rounded == 1 else f"{rounded} miles away"


def place_in_words(city: str | None, state: str | None, remote: bool = False, remote_area: str | None = None) -> str:
    """'Dayton, OH', 'Remote', 'Remote, for people in Ohio', 'Dayton, OH, or remote'; a remote job's
    area ("CO", "ID OR WA", "abroad") names who may take it: 'Remote, for people in Colorado'."""
    area = remote_area_in_words(remote_area) if remote else ""
    if remote and not city and (area or state):
        return f"Remote, {area or 'for people in ' + STATES.get(state, state)}"
    place = ", ".join(part for part in (city, state) if part)
    if remote:
        return f"{place}, or remote {area}".rstrip() if place else f"Remote {area}".rstrip()
    return place


def remote_area_in_words(remote_area: str | None) -> str:
    """'for people in Idaho, Oregon or Washington', 'outside the US'; '' for the whole US or unknown."""
    codes = (remote_area or "").split()
    if codes == ["abroad"]:
        return "outside the US"
    names = [STATES.get(code, code) for code in codes if code in STATES]
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f"for people in {listed}"


def jobs_in_words(count: int) -> str:
    if not count:
        return "No jobs"
    return "1 job" if count == 1 else f"{count:,} jobs"


def results_heading(results) -> str:
    """'12 jobs near Dayton, OH within 25 miles', '3 jobs in Ohio', 'No jobs'."""
    count, place = jobs_in_words(results.total), results.place
    if place is None:
        return count
    if place.kind == "state":
        return f"{count} in {place.label}"
    return f"{count} near {place.label} within {results.query.radius} miles"
