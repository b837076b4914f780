"""The discovery queue: what `peerjobs discover` proposed for each organization, and its review.

One proposal per organization (its website's host). Discovering again refreshes a proposal that is
still open and leaves a reviewed one as the operator left it; accepting one makes a Source that
lives only in the database (origin "discovered") and remembers where it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from indexer.store.models import CrawlRun, DiscoveryProposal, Posting, PostingSource, Source, utcnow

STATUSES = ("pending", "accepted", "rejected", "dead_end", "covered")
#: Statuses an operator has decided: discovering again never changes them.
REVIEWED = ("accepted", "rejected")
SaveOutcome = Literal["new", "updated", "reviewed"]


@dataclass(frozen=True)
class ProposalRecord:
    org_key: str
    org_name: str
    website: str
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    status: str = "pending"
    platform: str | None = None
    url: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    board_key: str | None = None
    evidence: list[str] = field(default_factory=list)
    confidence: float = 0.0
    trial: dict[str, Any] | None = None
    reason: str | None = None
    source_id: str | None = None


class ProposalError(ValueError):
    """A review that cannot be done (unknown proposal, already reviewed, taken source id)."""


def find_proposal(session: Session, org_key: str) -> DiscoveryProposal | None:
    return session.scalar(select(DiscoveryProposal).where(DiscoveryProposal.org_key == org_key))


def get_proposal(session: Session, proposal_id: int) -> DiscoveryProposal | None:
    return session.get(DiscoveryProposal, proposal_id)


def save_proposal(session: Session, record: ProposalRecord) -> tuple[DiscoveryProposal, SaveOutcome]:
    """Add the organization's proposal, or refresh it unless an operator has reviewed it."""
    if record.status not in STATUSES or record.status in REVIEWED:
        raise ProposalError(f"discovery cannot propose with status {record.status!r}")
    proposal = find_proposal(session, record.org_key)
    if proposal is not None and proposal.status in REVIEWED:
        return proposal, "reviewed"
    outcome: SaveOutcome = "new" if proposal is None else "updated"
    if proposal is None:
        proposal = DiscoveryProposal(org_key=record.org_key)
        session.add(proposal)
    for name, value in vars(record).items():
        setattr(proposal, name, value)
    session.flush()
    return proposal, outcome


def proposal_with_board(session: Session, board_key: str, other_than: str | None = None) -> DiscoveryProposal | None:
    """An accepted or open proposal of another organization for the same board."""
    query = select(DiscoveryProposal).where(
        DiscoveryProposal.board_key == board_key, DiscoveryProposal.status.in_(("pending", "accepted")))
    if other_than is not None:
        query = query.where(DiscoveryProposal.org_key != other_than)
    return session.scalars(query.order_by(DiscoveryProposal.id)).first()


def proposals(session: Session, status: str | None = None, limit: int = 50, offset: int = 0,
              sort: str | None = None) -> list[DiscoveryProposal]:
    """Proposals newest first; open ones by confidence, best first. `sort` ("confidence" or
    "newest") chooses for any status."""
    query = select(DiscoveryProposal)
    if status is not None:
        query = query.where(DiscoveryProposal.status == status)
    by_confidence = sort == "confidence" or (sort is None and status == "pending")
    order = (DiscoveryProposal.confidence.desc(), DiscoveryProposal.id) if by_confidence else (
        DiscoveryProposal.updated_at.desc(), DiscoveryProposal.id.desc())
    return list(session.scalars(query.order_by(*order).limit(limit).offset(offset)))


def proposal_counts(session: Session) -> dict[str, int]:
    """How many proposals each status holds (every status named, zero or not)."""
    counted = dict(session.execute(
        select(DiscoveryProposal.status, func.count()).group_by(DiscoveryProposal.status)).all())
    return {status: counted.get(status, 0) for status in STATUSES}


def edit_proposal(session: Session, proposal_id: int, platform: str, url: str, options: dict[str, Any]) -> DiscoveryProposal:
    """Correct an open proposal's platform, board URL and keys before accepting it."""
    proposal = _open_proposal(session, proposal_id)
    proposal.platform, proposal.url, proposal.options = platform, url, dict(options)
    session.flush()
    return proposal


def reject_proposal(session: Session, proposal_id: int, reason: str, by: str | None = None) -> DiscoveryProposal:
    proposal = _open_proposal(session, proposal_id)
    if not reason.strip():
        raise ProposalError("a rejection needs a reason")
    proposal.status, proposal.reason = "rejected", reason.strip()
    proposal.reviewed_at, proposal.reviewed_by = utcnow(), by
    session.flush()
    return proposal


def accept_proposal(session: Session, proposal_id: int, source_id: str, employer: str | None = None,
                    enabled: bool = False, by: str | None = None) -> Source:
    """Make the proposal a source kept in the database, enabled or not, with its provenance."""
    proposal = _open_proposal(session, proposal_id)
    if not proposal.platform or not proposal.url:
        raise ProposalError("a proposal without a platform and URL cannot be accepted")
    if session.get(Source, source_id) is not None:
        raise ProposalError(f"a source with the id {source_id!r} exists already")
    now = utcnow()
    source = Source(id=source_id, platform=proposal.platform, url=proposal.url,
                    employer=employer or proposal.org_name, enabled=enabled, options=dict(proposal.options or {}),
                    origin="discovered", provenance=_provenance(proposal, by, now))
    session.add(source)
    proposal.status, proposal.source_id, proposal.reviewed_at, proposal.reviewed_by = "accepted", source_id, now, by
    session.flush()
    return source


def discovered_sources(session: Session) -> list[Source]:
    """The sources accepted from the queue, which config/sources.yaml does not list."""
    return list(session.scalars(select(Source).where(Source.origin == "discovered").order_by(Source.id)))


def source_boards(session: Session) -> list[tuple[str, str, str]]:
    """(id, platform, url) of every source the store holds, from the file or the queue."""
    return [tuple(row) for row in session.execute(select(Source.id, Source.platform, Source.url).order_by(Source.id))]


def trial_figures(session: Session, source_ids: list[str]) -> dict[str, dict[str, Any]]:
    """What a trial crawl of each source found: {"postings", "peer_postings", "error"} (its
    latest run's message when that run did not succeed; "no run recorded" when it has none)."""
    counted = {source_id: (total, peer) for source_id, total, peer in session.execute(
        select(PostingSource.source_id, func.count(func.distinct(Posting.id)),
               func.count(func.distinct(case((Posting.is_peer.is_(True), Posting.id)))))
        .join(Posting, Posting.id == PostingSource.posting_id)
        .where(PostingSource.source_id.in_(source_ids)).group_by(PostingSource.source_id)).all()}
    runs = {run.source_id: run for run in session.scalars(
        select(CrawlRun).where(CrawlRun.source_id.in_(source_ids)).order_by(CrawlRun.id))}
    return {source_id: {"postings": counted.get(source_id, (0, 0))[0], "peer_postings": int(counted.get(source_id, (0, 0))[1]),
                        "error": _trial_error(runs.get(source_id))} for source_id in source_ids}


def _trial_error(run: CrawlRun | None) -> str | None:
    if run is None:
        return "no run recorded"
    if run.status in ("ok", "partial"):
        return None
    return f"{run.status}: {run.message or 'no message'}"[:500]


def _open_proposal(session: Session, proposal_id: int) -> DiscoveryProposal:
    proposal = session.get(DiscoveryProposal, proposal_id)
    if proposal is None:
        raise ProposalError(f"no proposal {proposal_id}")
    if proposal.status in REVIEWED:
        raise ProposalError(f"proposal {proposal_id} was {proposal.status} already")
    return proposal


def _provenance(proposal: DiscoveryProposal, by: str | None, now) -> dict[str, Any]:
    return {"proposal_id": proposal.id, "organization": proposal.org_name, "website": proposal.website,
            "city": proposal.city, "state": proposal.state, "evidence": list(proposal.evidence or []), "confidence": proposal.confidence,
            "trial": proposal.trial, "accepted_by": by, "accepted_at": now.isoformat(timespec="seconds")}
