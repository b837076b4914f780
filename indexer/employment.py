"""Employment types onto schema.org values."""
from __future__ import annotations

import re

SCHEMA_VALUES = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER",
                 "PER_DIEM", "OTHER")

_PATTERNS = (
    ("PER_DIEM", re.compile(r"\b(per[ _-]?diem|prn|as needed|relief)\b", re.I)),
    ("VOLUNTEER", re.compile(r"\bvolunteer", re.I)),
    ("INTERN", re.compile(r"\bintern", re.I)),
    ("TEMPORARY", re.compile(r"\b(temporary|temp|seasonal|limited[ -]term)\b", re.I)),
    ("CONTRACTOR", re.compile(r"\b(contract|contractor|1099)\b", re.I)),
    ("PART_TIME", re.compile(r"\bpart[ _-]?time\b|\bPT\b", re.I)),
    ("FULL_TIME", re.compile(r"\bfull[ _-]?time\b|\bFT\b", re.I)),
)


def employment_type(value: object) -> str | None:
    """The first recognised type; a list takes its first recognised member."""
    if isinstance(value, (list, tuple)):
        for member in value:
            found = employment_type(member)
            if found:
                return found
        return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.upper() in SCHEMA_VALUES:
        return text.upper()
    for schema_value, pattern in _PATTERNS:
        if pattern.search(text):
            return schema_value
    return None
