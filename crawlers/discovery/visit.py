"""One organization's visit: what was fetched, what was seen, and what it comes to.

`Visit` is plain data the finder spider fills in; `outcome` turns it into a proposal (the best
candidate) or a dead end with its reason. No Scrapy here.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any

from crawlers.discovery.organizations import Organization
from crawlers.discovery.signals import Candidate

#: Dead-end kinds, in the order one is preferred to another when several were seen.
DEAD_ENDS = ("robots_disallow", "unreachable", "redirect_loop", "server_error", "oversized", "login_wall",
             "pdf_only", "aggregator_only", "not_hiring", "no_jobs_page")
DEAD_END_WORDS = {
    "robots_disallow": "robots.txt does not allow it", "unreachable": "the site could not be reached",
    "redirect_loop": "the site redirects in a loop", "server_error": "the site answered with a server error",
    "oversized": "the page is too large to read", "login_wall": "the careers page asks for a sign-in",
    "pdf_only": "the careers page is only a PDF", "aggregator_only": "jobs are only on job aggregators (not a source)",
    "not_hiring": "the careers page lists no openings", "no_jobs_page": "no careers page found",
}


@dataclass
class Visit:
    organization: Organization
    started: float = field(default_factory=time.monotonic)
    requests: int = 0
    pending: int = 0
    seen: set[str] = field(default_factory=set)
    candidates: list[Candidate] = field(default_factory=list)
    careers_pages: list[str] = field(default_factory=list)
    #: kind -> the first line saying why (for dead ends): "login", "pdf_only", ...
    dead_signs: dict[str, str] = field(default_factory=dict)
    #: Whether the homepage could be read at all.
    home_read: bool = False
    fell_back: bool = False

    def sign(self, kind: str, line: str) -> None:
        self.dead_signs.setdefault(kind, line)

    def best(self) -> Candidate | None:
        return max(self.candidates, key=lambda c: c.confidence, default=None)


def merged(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per board, best first: the most confident sighting, with every sighting's
    evidence and a little more confidence when the board was seen more than once."""
    groups: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(candidate.board_key, []).append(candidate)
    result = []
    for group in groups.values():
        best = max(group, key=lambda c: c.confidence)
        lines = tuple(dict.fromkeys(line for c in [best, *group] for line in c.evidence))
        bonus = 0.02 if len(lines) > 1 else 0.0
        result.append(replace(best, evidence=lines, confidence=min(1.0, best.confidence + bonus)))
    return sorted(result, key=lambda c: -c.confidence)


def outcome(visit: Visit) -> dict[str, Any]:
    """The visit as a JSON-ready finding: a proposal, or a dead end with its kind and reason."""
    org = visit.organization
    found: dict[str, Any] = {"org_key": org.org_key, "seconds": round(time.monotonic() - visit.started, 2),
                             "requests": visit.requests}
    candidates = merged(visit.candidates)
    if candidates:
        best = candidates[0]
        others = [f"also seen: {c.platform} {c.url}" for c in candidates[1:3]]
        return {**found, "status": "pending", "platform": best.platform, "url": best.url, "options": best.options,
                "board_key": best.board_key, "confidence": round(best.confidence, 2),
                "evidence": list(best.evidence)[:8] + others}
    kind = next((kind for kind in DEAD_ENDS if kind in visit.dead_signs), "no_jobs_page")
    evidence = [line for line in visit.dead_signs.values()][:8]
    reason = f"{kind}: {DEAD_END_WORDS[kind]}" + (f" ({visit.dead_signs[kind]})" if kind in visit.dead_signs else "")
    return {**found, "status": "dead_end", "dead_end": kind, "reason": reason[:500], "evidence": evidence,
            "careers_pages": visit.careers_pages[:4]}
