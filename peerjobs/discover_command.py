"""What `peerjobs discover ORGS.csv` does: organizations in, proposed and checked sources out.

Each organization's website is visited for its careers page and board (crawlers.discovery);
a board that is a source already, or another organization's proposal, is "covered"; each new
proposal gets a trial crawl into a throwaway store; everything lands in the discovery queue,
where an operator reviews it. Nothing is enabled here.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from crawlers.discovery.organizations import Organization, OrganizationList, read_organizations
from crawlers.discovery.run import find_careers
from crawlers.settings import LOOPBACK_OVERRIDES
from foundation.settings import Settings
from indexer.store import db
from indexer.store.discovery import REVIEWED, ProposalRecord, find_proposal, proposal_with_board, save_proposal
from peerjobs.discover_covered import known_boards
from peerjobs.discover_trial import run_trials

Echo = Callable[..., None]
#: --loopback: the loopback addresses (and only they) pass the network guard; no politeness delays.
LOOPBACK_MODE = {**LOOPBACK_OVERRIDES, "PEERJOBS_ALLOWED_PRIVATE_HOSTS": ["127.0.0.1", "::1"]}


def read_file(path: str, loopback: bool, echo: Echo) -> OrganizationList | None:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        echo(f"cannot read {path}: {error}", err=True)
        return None
    return read_organizations(text, allow_loopback=loopback)


def record_of(org: Organization, finding: Mapping[str, Any]) -> ProposalRecord:
    common = dict(org_key=org.org_key, org_name=org.name, website=org.website, city=org.city, state=org.state,
                  postal_code=org.postal_code, evidence=list(finding.get("evidence") or []))
    if finding.get("status") != "pending":
        return ProposalRecord(**common, status="dead_end", reason=finding.get("reason") or "no careers page found")
    return ProposalRecord(**common, platform=finding["platform"], url=finding["url"],
                          options=dict(finding.get("options") or {}), board_key=finding["board_key"],
                          confidence=float(finding["confidence"]))


def covered(record: ProposalRecord, session, boards: Mapping[str, str]) -> ProposalRecord:
    """The proposal as "covered" when its board is a source already or another organization's."""
    if record.status != "pending":
        return record
    if record.board_key in boards:
        return _covered(record, f"the board is source {boards[record.board_key]!r} already", boards[record.board_key])
    other = proposal_with_board(session, record.board_key, other_than=record.org_key)
    if other is not None:
        return _covered(record, f"the same board as {other.org_name} ({other.org_key}, proposal {other.id})",
                        other.source_id)
    return record


def _covered(record: ProposalRecord, reason: str, source_id: str | None) -> ProposalRecord:
    return ProposalRecord(**{**vars(record), "status": "covered", "reason": reason, "source_id": source_id})


def discover_command(settings: Settings, csv_path: str, loopback: bool, routes: Mapping[str, str], trial: bool,
                     limit: int | None, processes: int, echo: Echo, overrides: Mapping[str, Any] | None = None,
                     sources_file: str | None = None) -> int:
    listed = read_file(csv_path, loopback, echo)
    if listed is None:
        return 2
    organizations = listed.organizations[:limit] if limit else listed.organizations
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    sessions = db.session_factory(engine)
    with sessions() as session:
        reviewed = {org.org_key for org in organizations if _is_reviewed(session, org.org_key)}
    to_visit = [org for org in organizations if org.org_key not in reviewed]
    scrapy_overrides = {**(LOOPBACK_MODE if loopback else {}), **(overrides or {})}
    findings = find_careers(to_visit, settings, scrapy_overrides, processes=processes)
    outcomes: Counter[str] = Counter({"reviewed": len(reviewed)})
    with sessions() as session:
        boards = known_boards(session, sources_file or str(settings.sources_file), echo)
        records = []
        for org in to_visit:
            record = covered(record_of(org, findings.get(org.org_key) or {}), session, boards)
            save_proposal(session, record)  # seen by the next organization's covered check
            records.append(record)
        session.commit()
    trials = run_trials([r for r in records if r.status == "pending"], settings, scrapy_overrides, routes,
                        processes) if trial else {}
    with sessions() as session:
        for record in records:
            if record.org_key in trials:
                record = ProposalRecord(**{**vars(record), "trial": trials[record.org_key]})
            save_proposal(session, record)
            outcomes[record.status] += 1
        session.commit()
    print_summary(listed, organizations, records, outcomes, trials, echo)
    return 0


def _is_reviewed(session, org_key: str) -> bool:
    proposal = find_proposal(session, org_key)
    return proposal is not None and proposal.status in REVIEWED


def print_summary(listed: OrganizationList, organizations: Sequence[Organization], records: list[ProposalRecord],
                  outcomes: Counter, trials: Mapping[str, dict], echo: Echo) -> None:
    for record in records:
        what = f"{record.platform} {record.url} ({record.confidence:.2f})" if record.status == "pending" else record.reason
        trial = trials.get(record.org_key)
        figures = f"; trial {trial['postings']} postings, {trial['peer_postings']} peer" if trial else ""
        error = f"; trial error: {trial['error']}" if trial and trial.get("error") else ""
        echo(f"{record.org_key:<32} {record.status:<9} {what}{figures}{error}")
    echo(f"organizations read: {len(listed.organizations) + len(listed.skipped)}; "
         f"visited: {len(records)} of {len(organizations)}; skipped rows: {len(listed.skipped)}")
    for line, reason in listed.skipped:
        echo(f"  skipped line {line}: {reason}")
    echo(f"proposed: {outcomes['pending']}; covered: {outcomes['covered']}; dead ends: {outcomes['dead_end']}; "
         f"kept as reviewed: {outcomes['reviewed']}")
    kinds = Counter((r.reason or "").split(":", 1)[0] for r in records if r.status == "dead_end")
    if kinds:
        echo("dead ends by reason: " + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())))
    if trials:
        postings = sum(t["postings"] for t in trials.values())
        peer = sum(t["peer_postings"] for t in trials.values())
        failed = sum(1 for t in trials.values() if t.get("error"))
        echo(f"trial crawls: {len(trials)}; postings: {postings}; peer postings: {peer}; failed: {failed}")
