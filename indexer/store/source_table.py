"""The admin area's table of sources: one row per source with its health, newest run, open and peer
postings and state, searched, filtered, sorted and paged in SQL, so a few thousand sources stay quick.

A source's state is the one its provenance names (a discovered source's organization), else the
most common state of its open postings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import String, case, cast, func, or_, select
from sqlalchemy.orm import Session

from indexer.store.models import CrawlRun, Posting, PostingSource, Source, SourceControl

HEALTHS = ("failing", "degraded", "unknown", "healthy")
ORIGINS = ("curated", "discovered")
#: Sort name -> what it orders by (every one ends on the id, so pages never overlap).
SORTS = ("health", "last_run", "open", "peer", "id")
PER_PAGE = 50


@dataclass(frozen=True)
class SourceQuery:
    search: str = ""
    health: str | None = None
    platform: str | None = None
    state: str | None = None
    enabled: bool | None = None
    origin: str | None = None
    sort: str = "health"
    page: int = 1
    per_page: int = PER_PAGE
    #: Only this source (its own page).
    source_id: str | None = None


@dataclass(frozen=True)
class SourceRow:
    id: str
    employer: str
    url: str
    platform: str
    origin: str
    enabled: bool
    #: failing, degraded, healthy or unknown (never judged).
    health: str
    health_reason: str | None
    last_run_at: datetime | None
    last_status: str | None
    open_postings: int
    peer_postings: int
    state: str | None
    queued_at: datetime | None


@dataclass
class SourcePage:
    rows: list[SourceRow]
    #: Sources matching the query, on every page.
    matching: int
    #: Over every source, whatever the query: health -> sources, and the platforms and states found.
    health_counts: dict[str, int] = field(default_factory=dict)
    platforms: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.health_counts.values())


def _newest(where=None):
    query = select(CrawlRun.source_id, func.max(CrawlRun.id).label("run_id")).group_by(CrawlRun.source_id)
    return (query.where(where) if where is not None else query).subquery()


def _postings():
    peer = case((Posting.is_peer.is_(True), 1), else_=0)
    return (select(PostingSource.source_id, func.count().label("open_postings"),
                   func.sum(peer).label("peer_postings"))
            .join(Posting, Posting.id == PostingSource.posting_id).where(Posting.status == "open")
            .group_by(PostingSource.source_id).subquery())


def _posting_states():
    """Source id -> the state most of its open postings are in (the first by name on a tie).
    Group-bys only, no window: both databases join them by index."""
    counted = (select(PostingSource.source_id, Posting.state, func.count().label("n"))
               .join(Posting, Posting.id == PostingSource.posting_id)
               .where(Posting.status == "open", Posting.state.is_not(None))
               .group_by(PostingSource.source_id, Posting.state).subquery())
    top = select(counted.c.source_id, func.max(counted.c.n).label("top")).group_by(counted.c.source_id).subquery()
    return (select(counted.c.source_id, func.min(counted.c.state).label("state"))
            .join(top, (top.c.source_id == counted.c.source_id) & (top.c.top == counted.c.n))
            .group_by(counted.c.source_id).subquery())


def _health_word(column):
    return case((column.in_(("failing", "unhealthy")), "failing"), (column == "degraded", "degraded"),
                (column == "healthy", "healthy"), else_="unknown")


def _base():
    """Every source with the figures the table shows, as one subquery to filter and sort."""
    last, judged = _newest(), _newest(CrawlRun.health.is_not(None))
    last_run, judged_run = CrawlRun.__table__.alias("last_run"), CrawlRun.__table__.alias("judged_run")
    postings, states = _postings(), _posting_states()
    return (select(
        Source.id, Source.employer, Source.url, Source.platform, Source.origin,
        func.coalesce(SourceControl.enabled, Source.enabled).label("enabled"),
        _health_word(judged_run.c.health).label("health"), judged_run.c.health_reason,
        last_run.c.started_at.label("last_run_at"), last_run.c.status.label("last_status"),
        func.coalesce(postings.c.open_postings, 0).label("open_postings"),
        func.coalesce(postings.c.peer_postings, 0).label("peer_postings"),
        func.coalesce(cast(Source.provenance["state"].as_string(), String), states.c.state).label("state"),
        SourceControl.run_requested_at.label("queued_at"))
        .outerjoin(SourceControl, SourceControl.source_id == Source.id)
        .outerjoin(last, last.c.source_id == Source.id).outerjoin(last_run, last_run.c.id == last.c.run_id)
        .outerjoin(judged, judged.c.source_id == Source.id).outerjoin(judged_run, judged_run.c.id == judged.c.run_id)
        .outerjoin(postings, postings.c.source_id == Source.id).outerjoin(states, states.c.source_id == Source.id)
        .subquery("source_rows"))


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filters(base, query: SourceQuery) -> list:
    found = []
    if query.search.strip():
        pattern = _like(query.search.strip())
        found.append(or_(*(column.ilike(pattern, escape="\\") for column in (base.c.id, base.c.employer, base.c.url))))
    for name in ("health", "platform", "state", "origin"):
        if getattr(query, name):
            found.append(getattr(base.c, name) == getattr(query, name))
    if query.enabled is not None:
        found.append(base.c.enabled.is_(query.enabled))
    if query.source_id is not None:
        found.append(base.c.id == query.source_id)
    return found


def _order(base, sort: str) -> tuple:
    rank = case((base.c.health == "failing", 0), (base.c.health == "degraded", 1), (base.c.health == "unknown", 2),
                else_=3)
    never = case((base.c.last_run_at.is_(None), 1), else_=0)
    orders = {"health": (rank,), "last_run": (never, base.c.last_run_at.desc()),
              "open": (base.c.open_postings.desc(),), "peer": (base.c.peer_postings.desc(),), "id": ()}
    return (*orders.get(sort, orders["health"]), base.c.id)


def source_page(session: Session, query: SourceQuery, facets: bool = True) -> SourcePage:
    """One page of the sources matching the query, with the figures over every source."""
    base = _base()
    columns = [column for column in base.c]
    matching = func.count().over().label("matching")
    rows = session.execute(select(*columns, matching).where(*_filters(base, query))
                           .order_by(*_order(base, query.sort))
                           .limit(query.per_page).offset((max(query.page, 1) - 1) * query.per_page)).all()
    page = SourcePage(rows=[SourceRow(**{c.name: row._mapping[c.name] for c in columns}) for row in rows],
                      matching=rows[0].matching if rows else _count(session, base, query))
    page.rows = [_typed(row) for row in page.rows]
    if facets:
        _add_facets(session, page)
    return page


def _typed(row: SourceRow) -> SourceRow:
    """Booleans and counts as Python types whatever the database answered."""
    return SourceRow(**{**vars(row), "enabled": bool(row.enabled), "open_postings": int(row.open_postings),
                        "peer_postings": int(row.peer_postings)})


def _count(session: Session, base, query: SourceQuery) -> int:
    return session.scalar(select(func.count()).select_from(base).where(*_filters(base, query))) or 0


def source_row(session: Session, source_id: str) -> SourceRow | None:
    """One source's row of the table, for its own page."""
    rows = source_page(session, SourceQuery(source_id=source_id), facets=False).rows
    return rows[0] if rows else None


def _add_facets(session: Session, page: SourcePage) -> None:
    """Health counts over every source, and the platforms and states to filter by, without the
    postings' aggregates the rows need (a state offered may match no source: it shows none)."""
    judged = _newest(CrawlRun.health.is_not(None))
    judged_run = CrawlRun.__table__.alias("judged_run")
    health = _health_word(judged_run.c.health)
    counted = dict(session.execute(
        select(health, func.count()).select_from(Source).outerjoin(judged, judged.c.source_id == Source.id)
        .outerjoin(judged_run, judged_run.c.id == judged.c.run_id).group_by(health)).all())
    page.health_counts = {word: counted.get(word, 0) for word in HEALTHS}
    page.platforms = sorted(session.scalars(select(Source.platform).distinct()))
    provenance_state = cast(Source.provenance["state"].as_string(), String)
    states = set(session.scalars(select(Posting.state).where(Posting.status == "open",
                                                             Posting.state.is_not(None)).distinct()))
    states |= set(session.scalars(select(provenance_state).where(provenance_state.is_not(None)).distinct()))
    page.states = sorted(state for state in states if state)


def known_source_ids(session: Session, ids) -> list[str]:
    """The ids among `ids` that name a source, in the order given, once each."""
    wanted = list(dict.fromkeys(ids))
    found = set(session.scalars(select(Source.id).where(Source.id.in_(wanted)))) if wanted else set()
    return [source_id for source_id in wanted if source_id in found]


def source_ids(session: Session) -> set[str]:
    """Every source id in the store."""
    return set(session.scalars(select(Source.id)))
