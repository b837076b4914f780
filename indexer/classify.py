"""Is a posting peer-support work, and which role? A small rule set until the taxonomy lands."""
from __future__ import annotations

import re
from dataclasses import dataclass

_NOT_PEER = re.compile(
    r"peer[\s-]*review|utilization|tutor|peer[\s-]*to[\s-]*peer sales|nurse|therapist|physician",
    re.I,
)
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("peer_supervisor", re.compile(r"\b(lead|supervisor|coordinator|manager|director)\b.*\bpeer|peer\b.*\b(lead|supervisor|coordinator|manager|director)\b", re.I)),
    ("family_peer_advocate", re.compile(r"family (peer|partner|advocate)|parent (partner|peer)", re.I)),
    ("youth_peer_advocate", re.compile(r"youth peer|young[\s-]adult peer", re.I)),
    ("forensic_peer_specialist", re.compile(r"forensic peer|reentry peer|justice peer", re.I)),
    ("warmline_peer", re.compile(r"warm[\s-]?line|crisis[\s-]line peer|hotline peer", re.I)),
    ("peer_bridger", re.compile(r"\bbridger\b", re.I)),
    ("peer_recovery_coach", re.compile(r"recovery (coach|support specialist|specialist)|peer recovery|\bCRSS\b|\bCPRS\b|\bCRPA\b", re.I)),
    ("peer_navigator", re.compile(r"peer navigator", re.I)),
    ("peer_mentor", re.compile(r"peer mentor|recovery mentor", re.I)),
    ("peer_counselor", re.compile(r"peer counsel", re.I)),
    ("peer_advocate", re.compile(r"peer advocate", re.I)),
    ("peer_specialist", re.compile(r"\bpeer\b.*\b(specialist|support)\b", re.I)),
)


@dataclass(frozen=True)
class Classification:
    category: str | None
    is_peer: bool
    confidence: float
    rule: str


def classify(title: str, description: str = "") -> Classification:
    """The title decides; an excluded phrase (peer review, tutor) wins over every rule."""
    excluded = _NOT_PEER.search(title)
    if excluded:
        return Classification(None, False, 0.9, f"title excludes: {excluded.group(0)!r}")
    for category, pattern in _RULES:
        match = pattern.search(title)
        if match:
            return Classification(category, True, 0.8, f"title matches {category}: {match.group(0)!r}")
    return Classification(None, False, 0.5, "no peer-role words in title")
