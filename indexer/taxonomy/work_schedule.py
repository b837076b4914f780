"""When the work happens (days, evenings, nights, weekends, on call, rotating), read from a
posting's lower-case text, one sentence a line.

Clock ranges decide the time of day where a sentence has one ("7:00 pm – 3:30 am" is nights even
on "Sunday through Thursday"); a run of weekdays without one ("Mon–Fri", "Tuesday and Thursday")
is days. Pure.
"""
from __future__ import annotations

import re

from indexer.parsers.text_sections import line_bounds, lines_holding

_DASH = r"\s*(?:-|–|—|to|through|thru|until)\s*"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri)(?:day)?s?\b\.?"
_ANY_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|urday|nesday|rsday|sday)?s?\b\.?"
_WEEKDAYS = re.compile(r"\b" + _WEEKDAY + r"(?:" + _DASH + r"|\s*(?:,|and|&|/)\s*)" + _ANY_DAY
                       + r"|\bm-f\b|\bweekdays?\b|\blunes a viernes\b")
_WEEKEND_RANGE = re.compile(r"\b(?:sat|sun)\.?\s*(?:-|–|—|to|through|thru)|(?:-|–|—|to|through|thru)\s*(?:sat|sun)\b")
#: "8:00 am – 4:30 pm", "8a–5p", "7p-7a", "8-4:30", "6pm to midnight".
_TIME = r"(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|a|p)?"
_CLOCK_RANGE = re.compile(_TIME + r"(?![\d%])" + _DASH + r"(?:" + _TIME + r"|(midnight|noon))(?![\d%/-])")
#: One pattern per part of the week. They are tried together, so none consumes words another reads
#: ("1st and 2nd shifts" is days and evenings): what a match needs after it is a lookahead.
PATTERNS = {
    "days": r"\bday (?:shifts?|hours|schedule|program)|shift:?\s*days?\b"
            r"|\bdays?(?=(?:,| and| or|/) ?(?:evenings?|nights?|swing))|\bmornings?\b|\bdaytime\b|business hours"
            r"|\b(?:1st|first)(?= (?:and (?:2nd|second) )?shifts?)",
    "evenings": r"\bevenings?\b|\b(?:second|2nd)(?=(?: and (?:3rd|third))? shifts?)|swing shift|\btardes?\b",
    "nights": r"\bnights?\b(?! owls?)|overnights?|\b(?:third|3rd)(?= shifts?)|graveyard|\bnoches?\b",
    "weekends": r"\bweekends?\b|saturdays?|sundays?|fines? de semana|s[áa]bados?|domingos?",
    "on_call": r"on[\s-]call|\bprn\b|per diem|as[\s-]needed basis",
    "rotating": r"rotating|(?<!call )\brotation\b|\bshifts rotate\b|varied shifts|variable (?:schedule|shifts)",
}
_PARTS = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in PATTERNS.items()))
#: Words one of which a line must hold to be read, unless it holds a clock range (this runs on
#: every posting: str.find over the whole text is far cheaper than a pattern over every line).
KEYWORDS = ("day", "shift", "night", "evening", "weekend", "sat", "sun", "call", "prn", "diem", "rotat", "varied",
            "variable", "morning", "business hours", "m-f", "mon", "tue", "wed", "thu", "fri", "tarde", "noche",
            "semana", "sábado", "domingo", "lunes", "graveyard", "midnight")


def schedule(text: str) -> list[str]:
    """days, evenings, nights, weekends, on_call, rotating: those the text says the hours include."""
    lines = set(lines_holding(text, KEYWORDS)) | {text[slice(*line_bounds(text, match.start()))]
                                                 for match in _CLOCK_RANGE.finditer(text)}
    found = set().union(*map(_line_schedule, lines))
    return [name for name in PATTERNS if name in found]


def _line_schedule(line: str) -> set[str]:
    found = {match.lastgroup for match in _PARTS.finditer(line)}
    clocks = {part for match in _CLOCK_RANGE.finditer(line) if (part := _part_of_day(match))}
    if _WEEKEND_RANGE.search(line):
        found.add("weekends")
    if clocks:
        return found | clocks
    if _WEEKDAYS.search(line):
        found.add("days")
    return found


def _part_of_day(match: re.Match[str]) -> str | None:
    """days / evenings / nights for a clock range, by when it starts; None when it may not be one
    ("8-12" could be ages or a count: a range needs an am/pm, minutes or midnight to be read)."""
    start_hour, start_minutes, start_half, end_hour, end_minutes, end_half, word = match.groups()
    if match.start() and match.string[match.start() - 1] in "0123456789$.,/":
        return None  # part of a figure: "$18.50-21.00", "12/1-12/5"
    if not (start_half or end_half or start_minutes or end_minutes or word):
        return None
    if int(start_hour) > 23 or (end_hour and int(end_hour) > 24):
        return None
    return _classify(_start24(int(start_hour), start_half) + int(start_minutes or 0) / 60)


def _start24(hour: int, half: str | None) -> int:
    if hour > 12:
        return hour  # a 24-hour clock
    if half:
        return hour % 12 + (12 if half.startswith("p") else 0)
    return hour if 5 <= hour <= 11 else hour % 12 + 12  # "8-4:30" starts at 8 am, "3-11" at 3 pm


def _classify(start: float) -> str:
    """A shift starting from 7 pm to 5 am is nights; from 1 pm, evenings; else days."""
    if start >= 19 or start < 5:
        return "nights"
    return "evenings" if start >= 13 else "days"
