"""Employment types onto schema.org values.

A posting has one stored type. When a source gives several ("FT/PT", "Full-time, Part-time"), the
first written wins and `employment_types` lists them all. A more specific kind wins over the hours it
comes with: "Part-Time PRN" is PER_DIEM, "Full-Time Temporary" is TEMPORARY. Unfilled templates
("{{employment_type}}", "[Job Type]", "N/A", "Select") are no value at all.
"""
from __future__ import annotations

import re

SCHEMA_VALUES = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER",
                 "PER_DIEM", "OTHER")

_KINDS = (
    ("PER_DIEM", re.compile(r"\b(?:per[ _-]?diem|prn|as[ -]needed|on[ -]call|relief|casual|pool|"
                            r"fee[ -]for[ -]service)\b", re.I)),
    ("VOLUNTEER", re.compile(r"\b(?:volunteer|unpaid)", re.I)),
    ("INTERN", re.compile(r"\b(?:intern|internship|practicum)\b", re.I)),
    ("TEMPORARY", re.compile(r"\b(?:temporary|temp|seasonal|limited[ -]term|limited[ -]duration|"
                             r"term[ -]limited|fixed[ -]term)\b", re.I)),
    ("CONTRACTOR", re.compile(r"\b(?:contract|contractor|contracted|1099|consultant|freelance)\b", re.I)),
)
_HOURS = (
    ("PART_TIME", re.compile(r"\bpart[ _-]?time\b|\bPT\b|\bpart\b", re.I)),
    ("FULL_TIME", re.compile(r"\bfull[ _-]?time\b|\bFT\b|\bfull\b", re.I)),
)
#: "1.0 FTE" is full time, "0.5 FTE" part time.
_FTE = re.compile(r"(?<![\d.])(?P<share>1(?:\.0+)?|0?\.\d+)\s*FTE\b", re.I)
_FULL_FTE = 0.9
_IN_TITLE = re.compile(r"\b(?:prn|per[ -]diem|on[ -]call|part[ -]time|full[ -]time|ft|pt|temporary|temp|seasonal|"
                       r"volunteer|intern|internship)\b", re.I)
_TEMPLATE = re.compile(r"\{\{.*\}\}|\{%|%%|\$\{|^\s*\[[^\]]*\]\s*$|^\W*(?:n/?a|none|tbd|select(?: one)?|"
                       r"not specified|unknown|-+)\W*$", re.I)


def employment_type(value: object) -> str | None:
    """The one schema.org value a posting is stored with; None when nothing is recognised."""
    found = employment_types(value)
    return found[0] if found else None


def employment_types(value: object) -> tuple[str, ...]:
    """Every schema.org value a field names, specific kinds first, then hours in written order."""
    if isinstance(value, (list, tuple)):
        found: list[str] = []
        for member in value:
            found += [kind for kind in employment_types(member) if kind not in found]
        return tuple(found)
    if not isinstance(value, str) or not value.strip() or is_unfilled(value):
        return ()
    text = value.strip()[:200]
    if text.upper().replace("-", "_").replace(" ", "_") in SCHEMA_VALUES:
        return (text.upper().replace("-", "_").replace(" ", "_"),)
    kinds = [kind for kind, pattern in _KINDS if pattern.search(text)]
    hours = sorted((match.start(), kind) for kind, pattern in _HOURS if (match := pattern.search(text)))
    found = list(dict.fromkeys(kinds + [kind for _, kind in hours]))
    return tuple(found or _fte_hours(text))


def _fte_hours(text: str) -> list[str]:
    match = _FTE.search(text)
    if not match or float(match.group("share")) <= 0:
        return []
    return ["FULL_TIME" if float(match.group("share")) >= _FULL_FTE else "PART_TIME"]


def employment_type_in_title(title: object) -> str | None:
    """"Peer Specialist - PRN", "Part-Time Recovery Coach", "Peer Advocate (FT/PT)"."""
    if not isinstance(title, str):
        return None
    return employment_type(" ".join(_IN_TITLE.findall(title)))


def is_unfilled(value: str) -> bool:
    """A template placeholder left in by the source, not a value."""
    return bool(_TEMPLATE.search(value.strip()))
