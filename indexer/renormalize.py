"""Re-apply the taxonomy to every stored posting, write what changed, and bring the index up to date.

Run after editing config/taxonomy.yaml or config/credentials.yaml: postings keep their crawled
fields and only the peer fields (category, is_peer, classification, facets with the job's facts,
display title) are recomputed, as a fresh crawl would, and a remote job open to the whole US is
narrowed to the states its description names.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from indexer import store
from indexer.store import db
from indexer import search
from indexer.posting_places import narrowed_area
from indexer.taxonomy.facets import peer_fields
from indexer.store.models import Posting, utcnow

PEER_FIELD_SOURCES = ("title", "description_text", "employer", "pay_min", "pay_max")


@dataclass
class RenormalizeReport:
    seen: int = 0
    changed: int = 0
    #: (old category, new category) -> how many postings moved that way.
    moves: Counter = field(default_factory=Counter)
    index: search.SyncReport | None = None


def renormalize(engine, index_dir: Path, batch: int = 500) -> RenormalizeReport:
    """Classify every posting again, commit a batch at a time, then sync the index."""
    report = RenormalizeReport()
    factory = db.session_factory(engine)
    now, after_id = utcnow(), 0
    with factory() as session:
        while postings := store.postings_page(session, after_id, batch):
            for posting in postings:
                _renormalize_one(posting, report, now)
            session.commit()
            after_id = postings[-1].id
    report.index = search.sync(engine, index_dir)
    return report


def _renormalize_one(posting: Posting, report: RenormalizeReport, now) -> None:
    report.seen += 1
    old_category = posting.category
    values = peer_fields({name: getattr(posting, name) for name in PEER_FIELD_SOURCES})
    if posting.remote:  # areas the description limits a remote job to, for rows stored before they were read
        values["remote_area"] = narrowed_area(posting.remote_area, posting.description_text or "")
    if store.set_peer_fields(posting, values, now):
        report.changed += 1
        if old_category != posting.category:
            report.moves[(old_category, posting.category)] += 1


def summary(report: RenormalizeReport) -> str:
    lines = [f"renormalized {report.seen} postings: {report.changed} changed"]
    for (old, new), count in report.moves.most_common():
        lines.append(f"  {old or 'not peer'} -> {new or 'not peer'}: {count}")
    if report.index:
        lines.append(f"index synced: {report.index.upserted} written, {report.index.total} documents")
    return "\n".join(lines)
