"""Facts a peer decides on, read from a posting's lower-case title and description text.

Hours per week, schedule, the requirements (and the months of recovery one asks for) that decide whether a person can take the job, and
signals that a record is not a barrier. Each is a pure function over text; a requirement the
text rules out ("no driver's license required") is not reported.
"""
from __future__ import annotations

import re
from typing import Any

from indexer.parsers.text_sections import lines_holding, negated_near
from indexer.taxonomy.record_friendly import record_friendly
from indexer.taxonomy.recovery_time import recovery_months
from indexer.taxonomy.work_schedule import schedule

_NUMBER = r"(\d{1,2}(?:\.\d)?)"
_PER_WEEK = r"(?:(?:per|a|each|/|por|a la)\s*(?:week|wk|semana)\b|weekly)"
_HOURS = re.compile(
    _NUMBER + r"\s*(?:(?:-|–|to)\s*" + _NUMBER + r"\s*)?(?:\+\s*)?-?(?:hours?|hrs?|horas)\b\.?\s*" + _PER_WEEK + "?")
#: "Hours: 16 per week", "hours vary from 8 to 24 per week".
_HOURS_FIRST = re.compile(r"\bhours?\b\W{0,3}(?:vary |range )?(?:from |between )?" + _NUMBER
                          + r"\s*(?:-|–|to|and)\s*" + _NUMBER + r"?\s*" + _PER_WEEK
                          + r"|\bhours?\b\W{0,3}" + _NUMBER + r"\s*" + _PER_WEEK)
_HOURS_WORDS = ("hour", "hrs", "hr ", "hr.", "hr/", "horas", "fte")
_FTE = re.compile(r"(?<![\d.])(0?\.\d+|1\.0|1)\s*fte\b|\bfte\W{0,3}(?:of\s*)?(0?\.\d+|1\.0)\b")
_PART_TIME_HOURS = re.compile(r"part[\s-]?time\W+" + _NUMBER + r"\s*(?:hours?|hrs?)")
_NOT_WEEKLY = re.compile(r"\s*(?:per|a|each|/|of)\s*(?:day|month|year|shift)|\s*(?:shifts?|of (?:training|overtime))"
                         r"|\s*(?:\w+\s+)?(?:training|course|class|orientation|academy)")
#: Words one of which a sentence must hold for the pattern to be tried on it.
KEYWORDS = {
    "drivers_license": ("licen", "dl", "cdl"),
    "own_vehicle": ("vehicle", "transport", "auto", "car ", "car.", "car,", "car;", "vehículo", "seguro de"),
    "background_check": ("background", "criminal", "fingerprint", "scan", "cori", "clearance", "bci", "antecedentes",
                         "registry"),
    "drug_screen": ("drug", "urin", "toxicology", "alcohol", "random testing", "drogas"),
    "time_in_recovery": ("year", "month", "recovery"), "lived_experience_disclosure": ("share", "sharing", "disclose", "identify",
                                                                      "talk about"),
    "age_minimum": ("years of age", "years old", "at least 1", "at least 2", "or older", "18+", "21+"),
    "high_school": ("school", "ged", "hse", "hiset", "secondary", "hs", "h.s"), "no_education": ("degree", "diploma", "education"), "degree": ("bachelor", "master", "msw", "degree", "licenciatura"),
}
REQUIREMENTS = {
    "drivers_license": r"driver'?s?'? ?licen[sc]e|driving licen[sc]e|valid license to drive|operator'?s'? licen[sc]e"
                       r"|\bc?dl\b|\bclass [abc] (?:cdl|licen[sc]e|driver)|licencia de conduc",
    "own_vehicle": r"(?:own|personal|reliable|insured|dependable)(?:,? (?:and )?(?:reliable|insured|dependable|personal))*"
                   r",? (?:vehicle|car|automobile)\b|(?:have|has|need|needs|own|possess) (?:access to )?an? (?:vehicle|car)\b"
                   r"|(?:own|personal|reliable|dependable) transportation|access to (?:a |reliable )?(?:vehicle|car)\b"
                   r"|auto(?:mobile)?(?: liability)? insurance|(?:vehicle|car) insurance|\bcar (?:is )?required"
                   r"|veh[íi]culo (?:propio|confiable)|transporte (?:confiable|propio)|seguro de auto",
    "background_check": r"background\W+(?:\w+\W+){0,3}?(?:checks?|screen\w*|investigation|study|clearance)"
                        r"|criminal (?:history|records?|background)(?: and \w+)? (?:check|screen\w*|clearance)|fingerprint"
                        r"|live ?scan|\bcori\b|\bclearances?\b|\bbci\b|registry check"
                        r"|(?:verificaci[óo]n|revisi[óo]n|chequeo) de antecedentes",
    "drug_screen": r"drug(?:\s*(?:/|and|&)\s*alcohol)?[\s-]+(?:screen|test)|(?:urine|alcohol) (?:screen|test)|urinalysis"
                   r"|toxicology screen|random testing|prueba de drogas",
    "time_in_recovery": r"\b(\w+|\d+)\+? (\(\d+\) )?(years?|months?) (of )?(continuous |sustained |consecutive )?recovery"
                        r"|recovery (of|for) (at least )?(\w+|\d+) (years?|months?)"
                        r"|(?:must|should) (?:be|have been) in (?:stable|sustained|solid|established|continuous|active|ongoing"
                        r"|long[\s-]term) recovery",
    "lived_experience_disclosure": r"(willing|able|comfortable|open) to (share|disclose|talk about)|self[\s-]identify"
                                   r"|(share|sharing|disclose) (your|their|one's) (own )?(recovery|story|lived)",
    "age_minimum": r"\b(1[89]|2[0-5]) years (of age|old)|at least (1[89]|2[01])\b|age (1[89]|2[01]) or older|\b(1[89]|21)\+",
}
_REQUIREMENTS = {name: re.compile(pattern) for name, pattern in REQUIREMENTS.items()}
_DEGREE = re.compile(r"bachelor|master'?s|\bmsw\b|associate'?s? degree|college degree|\bdegree\b|licenciatura")
_HIGH_SCHOOL = re.compile(r"high school|\bged\b|\bhse\b|\bhiset\b|secondary (school|education)|\bh\.?s\.? (diploma|grad)")
_NO_EDUCATION = re.compile(
    r"no (degree|diploma|formal education|education requirement)|(degree|diploma|education):? (is )?not required"
    r"|\bno\b[^.;]{0,40}?\b(degree|diploma)s?\b[^.;]{0,12}?(required|needed|necessary)"
    r"|(don't|do not|doesn't|does not) (need|require)[^.;]{0,40}?\b(degree|diploma)")
def hours_per_week(text: str) -> list[float] | None:
    """[low, high] hours a week ([20, 20] for "20 hours per week"), from hours, FTE or part-time hours."""
    if not any(word in text for word in _HOURS_WORDS):
        return None
    text = "\n".join(line for line in text.split("\n") if any(word in line for word in _HOURS_WORDS))
    first = _HOURS_FIRST.search(text)
    if first and _range(*first.groups()):
        return _range(*first.groups())
    for match in _HOURS.finditer(text):
        if _NOT_WEEKLY.match(text, match.end()) or not _weekly(text, match):
            continue
        if _range(match.group(1), match.group(2)):
            return _range(match.group(1), match.group(2))
    fte = _FTE.search(text)
    if fte:
        share = float(fte.group(1) or fte.group(2))
        return [40 * share, 40 * share] if 0 < share <= 1 else None
    part = _PART_TIME_HOURS.search(text)
    return [float(part.group(1))] * 2 if part else None


def _range(*values: str | None) -> list[float] | None:
    numbers = [float(value) for value in values if value]
    if not numbers or not 0 < numbers[0] <= numbers[-1] <= 80:
        return None
    return [numbers[0], numbers[-1]]


def _weekly(text: str, match: re.Match[str]) -> bool:
    """ "32-40 hours per week", "30 hrs/wk", "part-time 24 hrs", "40-hour week", "24 hours weekly"."""
    said = match.group(0)
    if match.group(2) and float(match.group(1)) >= 4:
        return True
    line_start, line_end = text.rfind("\n", 0, match.start()) + 1, text.find("\n", match.start())
    around = text[max(line_start, match.start() - 25):min(match.end() + 12, line_end if line_end >= 0 else len(text))]
    return bool(re.search(r"week|wk|semana", said)) or bool(re.search(r"week|wk|part[\s-]?time|full[\s-]?time|schedule", around))


def requirements(text: str) -> list[str]:
    """What a person must have or do to take the job; one the text rules out is not reported."""
    return [name for name, pattern in _REQUIREMENTS.items() if _stated(pattern, text, KEYWORDS[name])]


def education(text: str) -> str:
    """none / high_school / degree / not_stated: the least the posting asks for."""
    if _stated(_NO_EDUCATION, text, KEYWORDS["no_education"], negation_counts=False):
        return "none"
    if _stated(_HIGH_SCHOOL, text, KEYWORDS["high_school"], negation_counts=False):
        return "high_school"
    return "degree" if _stated(_DEGREE, text, KEYWORDS["degree"]) else "not_stated"


def job_facts(title: str, body: str) -> dict[str, Any]:
    """The facts of one posting: title and body in lower case, sentences split by newlines."""
    text = f"{title}\n{body}"
    return {"hours_per_week": hours_per_week(text), "schedule": schedule(text),
            "requirements": requirements(body), "education": education(body),
            "record_friendly": record_friendly(body), "recovery_months": recovery_months(body)}


def _stated(pattern: re.Pattern[str], text: str, keywords: tuple[str, ...], negation_counts: bool = True) -> bool:
    """A match in a sentence holding a keyword, that does not rule it out ("no driver's license
    required"). Only sentences holding a keyword are searched: this runs on every posting."""
    return any(not (negation_counts and negated_near(sentence, *match.span()))
               for sentence in lines_holding(text, keywords) for match in pattern.finditer(sentence))
