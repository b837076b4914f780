"""A job title as a card shows it: the employer's requisition codes and job numbers left out.

Pure; the stored title (and the posting's structured data) keep every character."""
from __future__ import annotations

import re

_LABELLED = r"(?i:req(?:uisition)?|job|posting|position|vacancy)\.?\s*(?i:id|no\.?|number|code)?\s*[:#]?\s*[\w-]*\d[\w-]*"
_CODE = r"#?\s?[A-Z]{0,4}[-_]?\d[\d-]{3,}[A-Z]?"
_ONE = rf"(?:{_LABELLED}|{_CODE})"
_WRAPPED = rf"(?:\(\s*{_ONE}\s*\)|\[\s*{_ONE}\s*\]|{_ONE})"
_TRAILING = re.compile(rf"\s*(?:[-–—|,:/]\s*)?{_WRAPPED}\s*$")
_LEADING = re.compile(rf"^\s*{_WRAPPED}\s*(?:[-–—|:/]\s*)?(?=\S)")


def display_title(title: str | None) -> str:
    """'Peer Support Specialist - Req #12345' -> 'Peer Support Specialist'; a title that is only a
    code stays as it is."""
    text = " ".join((title or "").split())
    for _ in range(2):
        shorter = _LEADING.sub("", _TRAILING.sub("", text)).strip()
        if not shorter or shorter == text:
            break
        text = shorter
    return text
