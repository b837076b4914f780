"""Small pure filters that turn stored values into plain words."""
from __future__ import annotations

from datetime import date

import nh3
from flask import Flask
from markupsafe import Markup

from indexer.geo import STATES

#: Stand-in labels until the taxonomy work provides its own.
CATEGORY_LABELS = {
    "peer_specialist": "Peer specialist",
    "peer_recovery_coach": "Recovery coach",
    "peer_advocate": "Peer advocate",
    "family_peer_advocate": "Family peer advocate",
    "youth_peer_advocate": "Youth peer advocate",
    "forensic_peer_specialist": "Forensic peer specialist",
    "peer_bridger": "Peer bridger",
    "peer_navigator": "Peer navigator",
    "peer_mentor": "Peer mentor",
    "peer_counselor": "Peer counselor",
    "warmline_peer": "Warmline peer",
    "peer_supervisor": "Peer supervisor",
}

EMPLOYMENT_TYPES = {
    "FULL_TIME": "Full-time", "PART_TIME": "Part-time", "CONTRACTOR": "Contract",
    "TEMPORARY": "Temporary", "INTERN": "Internship", "VOLUNTEER": "Volunteer",
    "PER_DIEM": "Per diem (as needed)",
}

PAY_UNITS = {"HOUR": "an hour", "DAY": "a day", "WEEK": "a week", "MONTH": "a month", "YEAR": "a year"}


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
    return f"{posted:%B} {posted.day}, {posted.year}"


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


def category_label(category: str | None) -> str:
    if not category:
        return ""
    return CATEGORY_LABELS.get(category) or category.replace("_", " ").capitalize()


def distance_in_words(miles: float | None) -> str:
    if miles is None:
        return ""
    if miles < 1:
        return "Less than a mile away"
    rounded = round(miles)
    return "1 mile away" if rounded == 1 else f"{rounded} miles away"


def place_in_words(city: str | None, state: str | None, remote: bool = False) -> str:
    """'Dayton, OH', 'Remote', 'Remote, for people in Ohio', 'Dayton, OH, or remote'."""
    if remote and state and not city:
        return f"Remote, for people in {STATES.get(state, state)}"
    place = ", ".join(part for part in (city, state) if part)
    if remote:
        return f"{place}, or remote" if place else "Remote"
    return place


def jobs_in_words(count: int) -> str:
    if not count:
        return "No jobs"
    return "1 job" if count == 1 else f"{count:,} jobs"


def snippet_html(html: str | None) -> Markup:
    """Search snippets arrive safe with <mark>; keep only that, in case."""
    return Markup(nh3.clean(html or "", tags={"mark"}, attributes={}, strip_comments=True))


FILTERS = {
    "pay": pay_in_words, "posted": posted_in_words, "age": age_in_words, "employment_type": employment_type_in_words,
    "category_label": category_label, "distance": distance_in_words, "place": place_in_words,
    "jobs": jobs_in_words, "snippet": snippet_html,
}


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(FILTERS)
