"""How well discovery did on labeled organizations (the sample homepages): the platform and board
found for each organization labeled with one, the dead-end kind for each labeled dead end."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from crawlers.discovery.boards_more import board_key_of
from crawlers.discovery.organizations import org_key_of, website_of
from indexer.store.discovery import find_proposal

#: A proposal at least this sure must never name the wrong platform.
HIGH_CONFIDENCE = 0.8


@dataclass
class Accuracy:
    boards: int = 0
    boards_right: int = 0
    dead_ends: int = 0
    dead_ends_right: int = 0
    wrong_and_sure: list[str] = field(default_factory=list)
    mistakes: list[str] = field(default_factory=list)

    @property
    def board_rate(self) -> float:
        return self.boards_right / self.boards if self.boards else 0.0

    @property
    def dead_end_rate(self) -> float:
        return self.dead_ends_right / self.dead_ends if self.dead_ends else 0.0


def org_key_for(website: str) -> str:
    return org_key_of(website_of(website, allow_loopback=True)[0])


def judge(organizations: Iterable[Any], session) -> Accuracy:
    """Each labeled organization's proposal against its label (`expect`)."""
    result = Accuracy()
    for org in organizations:
        proposal = find_proposal(session, org_key_for(org.website))
        if "dead_end" in org.expect:
            result.dead_ends += 1
            right = proposal is not None and proposal.status == "dead_end" and (
                proposal.reason or "").startswith(org.expect["dead_end"] + ":")
            result.dead_ends_right += right
        else:
            result.boards += 1
            right = proposal is not None and proposal.platform == org.expect["platform"] and (
                proposal.board_key == board_key_of(org.expect["platform"], org.expect["url"]))
            result.boards_right += right
            if proposal is not None and proposal.platform and proposal.platform != org.expect["platform"] and (
                    proposal.confidence >= HIGH_CONFIDENCE):
                result.wrong_and_sure.append(org.id)
        if not right:
            got = "nothing" if proposal is None else f"{proposal.status} {proposal.platform} {proposal.url} {proposal.reason}"
            result.mistakes.append(f"{org.id}: expected {org.expect}, got {got}")
    return result
