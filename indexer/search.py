"""The Whoosh search index: schema, generations on disk, sync from the store, and queries.

This is the only module that imports whoosh, so the engine can be replaced behind this API.
The index is a derived view: `rebuild` can always recreate it from the store.

The layout on disk (generations, the atomic swap, the watermark) is indexer/index_files.py.
"""
from __future__ import annotations

import math
import shutil
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from html import escape
from pathlib import Path

from whoosh import highlight, index as whoosh_index
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import BOOLEAN, ID, NUMERIC, STORED, TEXT, Schema
from whoosh.query import And, Every, NumericRange, Or, Query, Term

from indexer import db, geo, index_files, store
from indexer.models import Posting

OVERLAP = timedelta(minutes=10)  # writers may commit an older changed_at late; re-read this much
TEXT_FIELDS = ("title", "description", "employer")
MAX_QUERY_CHARS, MAX_TERMS, MAX_TERM_CHARS, MAX_CATEGORIES = 1000, 12, 40, 20
SNIPPET_WORDS, HIGHLIGHT_CHARS = 30, 4000
NOT_READY = "Search is not ready yet: the job index has not been built."

ANALYZER = StemmingAnalyzer()
_NUM = dict(stored=True, sortable=True, default=0)  # a float default= crashes the column writer;
# 0 is packed as the raw sortable value and reads back as NaN (floats) or the minimum (ints).
SCHEMA = Schema(
    id=ID(unique=True, stored=True),
    title=TEXT(analyzer=ANALYZER, phrase=False, field_boost=3.0, stored=True),
    description=TEXT(analyzer=ANALYZER, phrase=False, stored=True),
    employer=TEXT(analyzer=ANALYZER, phrase=False, stored=True),
    city=ID(stored=True), state=ID(stored=True), category=ID(stored=True),
    employment_type=ID(stored=True), status=ID(stored=True),
    is_peer=BOOLEAN(stored=True), remote=BOOLEAN(stored=True),
    remote_area=ID,  # where a remote job's applicants may live: a state, or "US" for anywhere
    latitude=NUMERIC(float, **_NUM), longitude=NUMERIC(float, **_NUM),
    date_posted=NUMERIC(int, **_NUM),  # date.toordinal(), so it sorts and needs no timezone
    pay_hourly_min=NUMERIC(float, **_NUM), pay_hourly_max=NUMERIC(float, **_NUM),
    stamp=STORED,  # changed_at + status: lets sync skip rows of the overlap window already applied
)


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    where: str = ""
    radius: int = 25
    category: tuple[str, ...] = ()
    page: int = 1
    per_page: int = 20
    include_non_peer: bool = False
    include_closed: bool = False

    def __post_init__(self) -> None:
        """Clamp whatever the web form sent, so the rest of the module can trust the values."""
        put = lambda name, value: object.__setattr__(self, name, value)  # noqa: E731
        put("q", str(self.q or ""))
        put("where", str(self.where or ""))
        put("radius", min(100, max(5, _as_int(self.radius, 25))))
        put("page", max(1, _as_int(self.page, 1)))
        put("per_page", min(50, max(1, _as_int(self.per_page, 20))))
        cats = (self.category,) if isinstance(self.category, str) else (self.category or ())
        put("category", tuple(str(c) for c in cats if c)[:MAX_CATEGORIES])


def _as_int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@dataclass(frozen=True)
class Hit:
    id: int
    title: str
    employer: str | None
    city: str | None
    state: str | None
    remote: bool
    category: str | None
    employment_type: str | None
    pay_hourly_min: float | None
    pay_hourly_max: float | None
    date_posted: date | None
    distance_miles: float | None
    snippet: str


@dataclass(frozen=True)
class SearchResults:
    query: SearchQuery
    total: int
    hits: list[Hit]
    page: int
    pages: int
    place: geo.Place | None
    notice: str | None


@dataclass(frozen=True)
class SyncReport:
    upserted: int
    deleted: int
    total: int
    generation: str
    seconds: float


# ---------------------------------------------------------------- documents

def _stamp(posting: Posting) -> str:
    return f"{posting.changed_at.isoformat()}|{posting.status}"


def _document(posting: Posting) -> dict:
    """The index's view of a posting; None values are simply not indexed."""
    return dict(
        id=str(posting.id), title=posting.title or "", description=posting.description_text or "",
        employer=posting.employer or None, city=posting.city or None, state=posting.state or None,
        latitude=posting.latitude, longitude=posting.longitude,
        category=posting.category or None, employment_type=posting.employment_type or None,
        status=posting.status or "open", is_peer=bool(posting.is_peer), remote=bool(posting.remote),
        remote_area=posting.remote_area if posting.remote else None,
        pay_hourly_min=posting.pay_hourly_min,
        pay_hourly_max=posting.pay_hourly_max, stamp=_stamp(posting),
        date_posted=posting.date_posted.toordinal() if posting.date_posted else None,
    )


def _latest(current: datetime | None, candidate: datetime) -> datetime:
    return candidate if current is None or candidate > current else current


# ---------------------------------------------------------------- rebuild

def rebuild(engine, index_dir: Path) -> SyncReport:
    """Build a fresh generation beside the live one and swap it in atomically."""
    index_dir, started = Path(index_dir), time.monotonic()
    with index_files.exclusive(index_dir):
        return _build(engine, index_dir, started)


def _build(engine, index_dir: Path, started: float) -> SyncReport:
    previous = index_files.live_generation(index_dir)
    (index_dir / "generations").mkdir(parents=True, exist_ok=True)
    index_files.remove_generations(index_dir, keep={previous}, unfinished_only=True)  # crashed builds' leftovers
    generation = index_files.new_generation(index_dir)
    try:
        count, watermark = _fill(engine, generation)
        index_files.write_state(generation, watermark)
        index_files.swap(index_dir, generation)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    index_files.remove_generations(index_dir, keep={generation.resolve(), previous})  # previous: open readers
    return SyncReport(count, 0, count, generation.name, time.monotonic() - started)


def _fill(engine, generation: Path) -> tuple[int, datetime | None]:
    """Every posting of the store into a new, single-segment index."""
    writer = whoosh_index.create_in(generation, SCHEMA).writer(limitmb=256)
    count, watermark = 0, None
    try:
        with db.session_factory(engine)() as session:
            for posting in store.postings_changed_since(session, None):
                writer.add_document(**_document(posting))
                count, watermark = count + 1, _latest(watermark, posting.changed_at)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return count, watermark


# ---------------------------------------------------------------- sync

def sync(engine, index_dir: Path) -> SyncReport:
    """Apply what changed in the store since the last sync; build the index if there is none."""
    index_dir, started = Path(index_dir), time.monotonic()
    with index_files.exclusive(index_dir):
        generation = index_files.live_generation(index_dir)
        if generation is None:
            return _build(engine, index_dir, started)
        return _apply_changes(engine, generation, started)


@dataclass
class _Changes:
    """A writer opened only on the first change, so a no-op sync leaves the index untouched."""
    ix: object
    writer: object = None
    upserted: int = 0
    deleted: int = 0

    def get_writer(self):
        self.writer = self.writer or self.ix.writer()
        return self.writer


def _apply_changes(engine, generation: Path, started: float) -> SyncReport:
    ix = whoosh_index.open_dir(generation)
    watermark = index_files.read_watermark(generation)
    changes = _Changes(ix)
    try:
        with db.session_factory(engine)() as session, ix.searcher() as searcher:
            newest = _upsert_changed(session, searcher, changes, watermark)
            _delete_missing(session, searcher, changes)
    except BaseException:
        if changes.writer is not None:
            changes.writer.cancel()  # releases Whoosh's write lock; the index is as before
        raise
    if changes.writer is not None:
        changes.writer.commit()
        index_files.write_state(generation, newest)
    return SyncReport(changes.upserted, changes.deleted, ix.doc_count(), generation.name,
                      time.monotonic() - started)


def _upsert_changed(session, searcher, changes: _Changes, watermark: datetime | None) -> datetime | None:
    newest = watermark
    since = watermark - OVERLAP if watermark else None
    for posting in store.postings_changed_since(session, since):
        newest = _latest(newest, posting.changed_at)
        if watermark and posting.changed_at <= watermark and _already_indexed(searcher, posting):
            continue
        changes.get_writer().update_document(**_document(posting))
        changes.upserted += 1
    return newest


def _already_indexed(searcher, posting: Posting) -> bool:
    stored = searcher.document(id=str(posting.id))
    return stored is not None and stored.get("stamp") == _stamp(posting)


def _delete_missing(session, searcher, changes: _Changes) -> None:
    """Drop index documents whose postings were deleted from the store."""
    candidates = set(searcher.reader().field_terms("id")) - {str(i) for i in store.posting_ids(session)}
    for posting_id in sorted(candidates):
        if searcher.document_number(id=posting_id) is not None:  # the lexicon keeps deleted ids
            changes.deleted += changes.get_writer().delete_by_term("id", posting_id)


# ---------------------------------------------------------------- querying

class SearchIndex:
    """Holds ONE searcher, reused across requests, refreshed only when the index changes (a new
    generation swapped in, or a sync committed); never opens a searcher per query (that doubles
    the cost). Whoosh readers seek and read shared file objects, so searches are serialized by a
    lock; with gunicorn sync workers (one per core, as recommended) there is no contention anyway."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self.reopens = 0  # how many times a searcher was opened or refreshed; for tests and metrics
        self._lock = threading.Lock()
        self._generation: Path | None = None
        self._searcher = None

    def search(self, query: SearchQuery) -> SearchResults:
        place, notice = _resolve_place(query)
        with self._lock:
            searcher = self._fresh_searcher()
            if searcher is None:
                return SearchResults(query, 0, [], query.page, 0, place, NOT_READY)
            return _Search(searcher, query, place, notice).run()

    def doc_count(self) -> int:
        with self._lock:
            searcher = self._fresh_searcher()
            return searcher.doc_count() if searcher is not None else 0

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _fresh_searcher(self):
        live = index_files.live_generation(self.index_dir)
        if live is None:
            self._drop()
        elif live != self._generation or self._searcher is None:
            self._open(live)
        elif not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()  # reuses unchanged segments
            self.reopens += 1
        return self._searcher

    def _open(self, generation: Path) -> None:
        self._drop()
        try:
            self._searcher = whoosh_index.open_dir(generation).searcher()
        except (OSError, whoosh_index.EmptyIndexError):  # pruned under us: serve "not ready"
            return
        self._generation = generation
        self.reopens += 1

    def _drop(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        self._searcher, self._generation = None, None


def _resolve_place(query: SearchQuery) -> tuple[geo.Place | None, str | None]:
    where = query.where.strip()
    if not where:
        return None, None
    place = geo.parse_where(where)
    if place is None:
        return None, f"We could not find the place “{where[:80]}”. Showing jobs everywhere."
    return place, None


def _terms(text: str) -> list[str]:
    """User text as plain stemmed words: no syntax exists, so nothing in it can raise."""
    words = []
    for token in ANALYZER(text[:MAX_QUERY_CHARS]):
        if len(token.text) <= MAX_TERM_CHARS and token.text not in words:
            words.append(token.text)
    return words[:MAX_TERMS]


@dataclass
class _Search:
    searcher: object
    query: SearchQuery
    place: geo.Place | None
    notice: str | None
    terms: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.terms = _terms(self.query.q)

    def run(self) -> SearchResults:
        query = self.query
        if self.place is not None and self.place.kind != "state":
            total, page = self._radius_page()
        else:
            total, page = self._plain_page()
        hits = [self._hit(docnum, distance) for docnum, distance in page]
        notice = self.notice or (self._empty_notice() if total == 0 and self.place else None)
        return SearchResults(query, total, hits, query.page, math.ceil(total / query.per_page),
                             self.place, notice)

    def _whoosh_query(self, where: list[Query]) -> Query:
        """Words AND-ed (any text field), then filters as And clauses: faster than filter=."""
        clauses = [Or([Term(name, term) for name in TEXT_FIELDS]) for term in self.terms]
        if not self.query.include_non_peer:
            clauses.append(Term("is_peer", True))
        if not self.query.include_closed:
            clauses.append(Term("status", "open"))
        if self.query.category:
            clauses.append(Or([Term("category", c) for c in self.query.category]))
        clauses += where
        return And(clauses) if clauses else Every()

    def _offset(self) -> int:
        return (self.query.page - 1) * self.query.per_page

    def _plain_page(self) -> tuple[int, list[tuple[int, None]]]:
        """Relevance order with words, newest first without; Whoosh does the paging."""
        where = [Or([Term("state", self.place.state), Term("remote_area", "US")])] if self.place else []
        sort = {} if self.terms else {"sortedby": "date_posted", "reverse": True}
        end = self._offset() + self.query.per_page
        results = self.searcher.search(self._whoosh_query(where), limit=end, **sort)
        return len(results), [(docnum, None) for _, docnum in results.top_n[self._offset():end]]

    def _radius_page(self) -> tuple[int, list[tuple[int, float | None]]]:
        """Bounding box in the query, then the exact distance on column values; remote jobs kept."""
        box = _bounding_box(self.place, self.query.radius)
        results = self.searcher.search(self._whoosh_query([Or([box, self._remote_for_place()])]),
                                       limit=None, scored=bool(self.terms))
        kept = self._within_radius(docnum for _, docnum in results.top_n)
        if not self.terms:
            dates = self.searcher.reader().column_reader("date_posted")
            kept.sort(key=lambda item: (item[1] is None, item[1] or 0, -dates[item[0]]))
        return len(kept), kept[self._offset():self._offset() + self.query.per_page]

    def _remote_for_place(self) -> Query:
        """Remote jobs open to anyone, or to people living in the searched place's state."""
        return Or([Term("remote_area", "US"), Term("remote_area", self.place.state or "US")])

    def _within_radius(self, docnums) -> list[tuple[int, float | None]]:
        reader = self.searcher.reader()
        lats, lons = reader.column_reader("latitude"), reader.column_reader("longitude")
        remote, kept = set(self.searcher.docs_for_query(Term("remote", True))), []
        for docnum in docnums:
            if docnum in remote:
                kept.append((docnum, None))
                continue
            miles = geo.distance_miles(self.place.latitude, self.place.longitude, lats[docnum], lons[docnum])
            if miles <= self.query.radius:
                kept.append((docnum, miles))
        return kept

    def _hit(self, docnum: int, distance: float | None) -> Hit:
        doc = self.searcher.stored_fields(docnum)
        posted = doc.get("date_posted")
        return Hit(
            id=int(doc["id"]), title=doc.get("title", ""), employer=doc.get("employer"),
            city=doc.get("city"), state=doc.get("state"), remote=bool(doc.get("remote")),
            category=doc.get("category"), employment_type=doc.get("employment_type"),
            pay_hourly_min=doc.get("pay_hourly_min"), pay_hourly_max=doc.get("pay_hourly_max"),
            date_posted=date.fromordinal(posted) if posted else None,
            distance_miles=round(distance, 1) if distance is not None else None,
            snippet=_snippet(doc.get("description", ""), self.terms),
        )

    def _empty_notice(self) -> str:
        if self.place.kind == "state":
            return f"No jobs found in {self.place.label}."
        wider = " Try a wider radius." if self.query.radius < 100 else ""
        return f"No jobs found within {self.query.radius} miles of {self.place.label}.{wider}"


def _bounding_box(place: geo.Place, radius: int) -> Query:
    """A box a little larger than the circle; the exact haversine check follows."""
    dlat = radius / 69.0 * 1.01
    dlon = radius / (69.17 * max(0.05, math.cos(math.radians(place.latitude)))) * 1.01
    return And([NumericRange("latitude", place.latitude - dlat, place.latitude + dlat),
                NumericRange("longitude", place.longitude - dlon, place.longitude + dlon)])


class _MarkFormatter(highlight.Formatter):
    """Matched words in <mark>, every other character escaped: the snippet is safe HTML."""
    between = " … "

    def _text(self, text: str) -> str:
        return escape(text, quote=False)

    def format_token(self, text, token, replace=False) -> str:
        return f"<mark>{escape(highlight.get_text(text, token, replace), quote=False)}</mark>"


_FRAGMENTER = highlight.ContextFragmenter(maxchars=240, surround=60)
_FORMATTER = _MarkFormatter()


def _sentences(text: str) -> str:
    """Description lines (headings, list items) joined so that they still read apart."""
    lines = [line.strip() for line in text[:HIGHLIGHT_CHARS].splitlines() if line.strip()]
    return " ".join(line if line[-1] in ".!?:;," else line + "." for line in lines)


def _snippet(text: str, terms: list[str]) -> str:
    """Highlighting re-analyzes the text, so only the start of a long description is searched."""
    text = _sentences(text)
    if terms and text:
        html = highlight.highlight(text, terms, ANALYZER, _FRAGMENTER, _FORMATTER, top=2)
        if html:
            return html
    words = text.split()
    more = " …" if len(words) > SNIPPET_WORDS else ""
    return escape(" ".join(words[:SNIPPET_WORDS]), quote=False) + more
