"""The Whoosh search index: schema, writers, and the reads a search needs.

This is the only module that imports whoosh, so the engine can be replaced behind it; keeping
the index in step with the store (`rebuild`, `sync`) is indexer.search.indexing's, through the
writing functions here. The index is a derived view: `rebuild` can always recreate it.

Whoosh holds the postings, the lexicon, the stored fields and the per-document columns. Text is
analyzed once by indexer.search_text (documents arrive as term lists), term scores are Whoosh's
BM25F over its own postings, idf and field lengths, computed a term at a time over whole arrays;
filters, facets, distances and ordering run on the column arrays (indexer.search_columns,
indexer.search_engine). On-disk layout: indexer/index_files.py.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
from whoosh import columns as whoosh_columns, index as whoosh_index
from whoosh.analysis import STOP_WORDS, StemmingAnalyzer
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, _lenfield
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Frequency
from whoosh.system import pack_uint
from whoosh.lang.porter import stem
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25F, bm25
from whoosh.util.numeric import byte_to_length
from whoosh.writing import PostingPool, SegmentWriter

from indexer.search import index_files
from indexer.search import documents as search_documents
from indexer.search.engine import NOT_READY, SearchIndex as _SearchIndex  # noqa: F401  (NOT_READY: API)
from indexer.search.query import Hit, SearchQuery, SearchResults  # noqa: F401  (the module's API)
from indexer.search.text import Analyzer

SCHEMA_VERSION = 5  # bump when SCHEMA or the analysis changes: sync then rebuilds by itself
TEXT_FIELDS = ("title", "description", "employer")
NUMERIC_COLUMNS = ("flags", "latitude", "longitude", "posted", "hourly", "monthly", "conditions")
CODE_COLUMNS = ("category", "state", "employment_type", "remote_area", "settings")
ANALYZER = Analyzer(stem, STOP_WORDS)
_WHOOSH_ANALYZER = StemmingAnalyzer()  # only for strings handed to a field directly, never by us
_NAN = search_documents.NAN
class _Counted(Frequency):
    """Frequency postings counted straight from a list of analyzed terms (no token objects)."""

    def word_values(self, value, analyzer, **kwargs):
        if isinstance(value, str):
            return super().word_values(value, analyzer, **kwargs)
        boost = self.field_boost
        return ((term, count, count * boost, pack_uint(count)) for term, count in Counter(value).items())


def _text(field_boost: float = 1.0) -> TEXT:
    field = TEXT(analyzer=_WHOOSH_ANALYZER, phrase=False, field_boost=field_boost)
    field.format = _Counted(field_boost=field_boost)
    return field


class _Pool(PostingPool):
    """Whoosh's posting pool without its per-posting type assertions; same size estimate."""

    def add(self, item):
        self.fieldnames.add(item[0])
        self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)


SCHEMA = Schema(
    id=ID(unique=True, stored=True),
    title=_text(field_boost=3.0), description=_text(), employer=_text(),
    spell=KEYWORD(scorable=False),  # plain words for "did you mean", each added once per index
    flags=COLUMN(whoosh_columns.NumericColumn("B", default=0)),
    latitude=COLUMN(whoosh_columns.NumericColumn("d", default=_NAN)),
    longitude=COLUMN(whoosh_columns.NumericColumn("d", default=_NAN)),
    posted=COLUMN(whoosh_columns.NumericColumn("i", default=0)),
    hourly=COLUMN(whoosh_columns.NumericColumn("f", default=_NAN)),
    monthly=COLUMN(whoosh_columns.NumericColumn("f", default=_NAN)),
    conditions=COLUMN(whoosh_columns.NumericColumn("I", default=0)),
    **{name: COLUMN(whoosh_columns.RefBytesColumn()) for name in CODE_COLUMNS},
    card=STORED,  # what a Hit shows
    excerpt=STORED,  # the start of the description, for snippets
    stamp=STORED,  # changed_at + status: lets sync skip rows of the overlap window already applied
)


class _Writer:
    """A Whoosh writer opened on the first change (a no-op sync leaves the index untouched) that
    adds each plain word to the spelling field only the first time the index sees it."""

    def __init__(self, ix, known_words: set[str]):
        self.ix, self.known_words, self.writer = ix, known_words, None
        self.upserted = self.deleted = 0

    def get(self):
        self.writer = self.writer or _SegmentWriter(self.ix, limitmb=256)
        return self.writer

    def put(self, document: dict, update: bool) -> None:
        document["spell"] = sorted(document["spell"] - self.known_words)
        self.known_words.update(document["spell"])
        (self.get().update_document if update else self.get().add_document)(**document)
        self.upserted += 1

    def cancel(self) -> None:
        if self.writer is not None:
            self.writer.cancel()  # releases Whoosh's write lock; the index is as before


_CODEC = W3Codec(compression=0)  # posting blocks unzipped: faster to write and to read back


class _SegmentWriter(SegmentWriter):
    """Whoosh's writer, except that writing the postings reads each field's lengths once, where
    Whoosh looks one up in the column file per posting (a sixth of a rebuild's time)."""

    def __init__(self, ix, limitmb: int = 128, own_temp: bool = False, **options):
        super().__init__(ix, limitmb=limitmb, codec=_CODEC, compound=False, **options)
        self.own_temp = own_temp
        if own_temp:  # a second process's sorting files apart from the parent's `MAIN.tmp`
            self._tempstorage = self.storage.temp_storage(f"{self.indexname}-{self.newsegment.segid}.tmp")
        self.pool = _Pool(self._tempstorage, self.newsegment, limitmb=limitmb)

    def per_document_reader(self):
        return _PreloadedLengths(super().per_document_reader())


class _PreloadedLengths:
    def __init__(self, reader):
        self._reader, self._lengths = reader, {}

    def doc_field_length(self, docnum, fieldname, default=0):
        if not hasattr(self._reader, "_cached_reader"):
            return self._reader.doc_field_length(docnum, fieldname, default)
        if fieldname not in self._lengths:
            column = self._reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            count = self._reader.doc_count_all()
            self._lengths[fieldname] = None if column is None else [
                byte_to_length(value) if value else None for value in _numeric(column, count, LENGTHS_COLUMN).tolist()]
        lengths = self._lengths[fieldname]
        return default if lengths is None else lengths[docnum]

    def __getattr__(self, name):
        return getattr(self._reader, name)


# ---------------------------------------------------------------- writing

def create_writer(generation: Path) -> "_Writer":
    """A writer on a new, empty index in `generation`."""
    return _Writer(whoosh_index.create_in(generation, SCHEMA), set())


def open_index(generation: Path):
    return whoosh_index.open_dir(generation)


def changes_writer(ix, searcher) -> "_Writer":
    """A writer that adds to the spelling field only words the index does not know yet."""
    return _Writer(ix, {word.decode() for word in searcher.reader().lexicon("spell")})


def segment_writer(generation: Path) -> "_Writer":
    """In a forked process: a writer of one more segment (the parent holds Whoosh's lock)."""
    ix = whoosh_index.open_dir(generation)
    writer = _Writer(ix, set())
    writer.writer = _SegmentWriter(ix, _lk=False, limitmb=256, own_temp=True)
    return writer


def finish_segment(writer) -> list:
    """The writer's segment written out (a list of it, empty when it holds no documents), as
    Whoosh's multiprocess writer does with multisegment=True."""
    if writer._added:
        segments = [writer._finalize_segment()]
    else:
        writer._close_segment()
        segments = []
    if writer.own_temp:  # a second process's writer: its sorting files go with it
        writer._tempstorage.destroy()
    return segments


def commit_segments(writer: SegmentWriter, segments: list) -> None:
    writer._commit_toc(segments)
    writer._finish()


def stored_stamp(searcher, posting_id: int) -> str | None:
    stored = searcher.document(id=str(posting_id))
    return None if stored is None else stored.get("stamp")


def indexed_ids(searcher) -> set[str]:
    return set(searcher.reader().field_terms("id"))


def delete_document(searcher, changes: "_Writer", posting_id: str) -> int:
    if searcher.document_number(id=posting_id) is None:  # the lexicon keeps deleted ids
        return 0
    return changes.get().delete_by_term("id", posting_id)


# ---------------------------------------------------------------- reading

_LENGTHS = np.array([byte_to_length(value) for value in range(256)], dtype=np.float32)
_BM25 = BM25F()


class WhooshReader:
    """What the engine reads from one Whoosh searcher: segments as arrays, term scores, stored
    cards, spelling. Raw column reads go straight to the column files (a Python call per
    document would cost seconds at 100,000 postings); other column kinds fall back to iteration."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.leaves = [(leaf, offset) for leaf, offset in searcher.reader().leaf_readers() if leaf.doc_count_all()]

    def segments(self) -> list[tuple[str, int, object]]:
        """(segment id, docnum offset, segment reader) for each segment."""
        return [(_segment_id(leaf), offset, leaf) for leaf, offset in self.leaves]

    @staticmethod
    def segment_arrays(leaf, vocabulary_code, settings_mask) -> dict[str, np.ndarray]:
        """The immutable per-document arrays of one segment."""
        count = leaf.doc_count_all()
        arrays = {name: _numeric(leaf.column_reader(name, translate=False), count, SCHEMA[name].column_type)
                  for name in NUMERIC_COLUMNS}
        for name in CODE_COLUMNS:
            convert = settings_mask if name == "settings" else vocabulary_code
            arrays[name] = _codes(leaf.column_reader(name, translate=False), count, convert,
                                  np.uint64 if name == "settings" else np.int32)
        for name in TEXT_FIELDS:
            arrays["length:" + name] = _field_lengths(leaf, name, count)
        return arrays

    @staticmethod
    def live(leaf) -> np.ndarray:
        live = np.ones(leaf.doc_count_all(), dtype=bool)
        if leaf.has_deletions():
            live[np.fromiter(leaf.segment().deleted_docs(), dtype=np.int64)] = False
        return live

    def term_scores(self, term: str, lengths: dict[str, np.ndarray], size: int, postings) -> np.ndarray:
        """BM25F of one term in every document (0 where absent), title weighted by its field boost.
        `postings` caches each segment's postings, so after a sync only new segments are read."""
        scores = np.zeros(size, dtype=np.float32)
        for name in TEXT_FIELDS:
            docnums, weights = self._postings(name, term, postings)
            if len(docnums):
                avgfl = self.searcher.avg_field_length(name) or 1
                idf = self.searcher.idf(name, term)
                scores[docnums] += bm25(idf, weights, lengths[name][docnums], avgfl, _BM25.B, _BM25.K1)
        return scores

    def _postings(self, name: str, term: str, cache) -> tuple[np.ndarray, np.ndarray]:
        """Deleted documents included: the live mask leaves them out, and Whoosh's own filter
        for them would force a Python call per posting."""
        parts = []
        for leaf, offset in self.leaves:
            ids, weights = cache.get_or_make((_segment_id(leaf), name, term), lambda: _leaf_postings(leaf, name, term))
            if len(ids):
                parts.append((ids + offset, weights))
        if not parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def frequency(self, term: str) -> int:
        return sum(self.searcher.doc_frequency(name, term) for name in TEXT_FIELDS)

    def posting_ids(self) -> np.ndarray:
        """The posting id of every docnum (0 for none), from the id field's term list: one pass
        over the lexicon instead of a stored-fields read per document."""
        parts = []
        for leaf, _ in self.leaves:
            ids = np.zeros(leaf.doc_count_all(), dtype=np.int64)
            for term, info in leaf.iter_field("id"):
                docnums = ([info.min_id()] if info.doc_frequency() == 1
                           else list(_unfiltered(leaf.postings("id", term)).all_ids()))
                ids[docnums] = int(term)
            parts.append(ids)
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def spellings_within(self, word: str, distance: int) -> set[str]:
        return {found for leaf, _ in self.leaves for found in leaf.terms_within("spell", word, distance, prefix=1)}

    def card(self, docnum: int) -> dict:
        stored = self.searcher.stored_fields(docnum)
        return dict(stored.get("card") or {}, id=int(stored["id"]), excerpt=stored.get("excerpt") or "")

    def doc_count(self) -> int:
        return self.searcher.doc_count()


def _numeric(reader, count: int, column) -> np.ndarray:
    dtype = np.dtype(column._typecode)
    values = np.full(count, column._default, dtype=dtype)
    if isinstance(reader, whoosh_columns.NumericColumn.Reader):
        stored = min(count, reader._count)
        raw = reader._dbfile.get(reader._basepos, stored * reader._fixedlen)
        values[:stored] = np.frombuffer(raw, dtype=dtype.newbyteorder(">"))
    elif not isinstance(reader, whoosh_columns.EmptyColumnReader):
        values[:] = list(reader)
    return values


def _codes(reader, count: int, convert, dtype) -> np.ndarray:
    if isinstance(reader, whoosh_columns.RefBytesColumn.Reader):
        raw = reader._dbfile.get(reader._basepos, count * reader._itemsize)
        refs = np.frombuffer(raw, dtype=np.dtype(">" + reader._typecode))
        table = np.array([convert(value.decode()) for value in reader._uniques] or [0], dtype=dtype)
        return table[refs]
    if isinstance(reader, whoosh_columns.EmptyColumnReader):
        return np.zeros(count, dtype=dtype)
    return np.array([convert(value.decode()) for value in reader], dtype=dtype)


def _field_lengths(leaf, name: str, count: int) -> np.ndarray:
    perdoc = getattr(leaf, "_perdoc", None)
    reader = perdoc._cached_reader(_lenfield(name), LENGTHS_COLUMN) if hasattr(perdoc, "_cached_reader") else None
    if reader is None:
        return np.array([leaf.doc_field_length(docnum, name, 0) for docnum in range(count)], dtype=np.float32)
    return _LENGTHS[_numeric(reader, count, LENGTHS_COLUMN)]


def _segment_id(leaf) -> str:
    return leaf.segment().segment_id() if leaf.segment() else str(id(leaf))


def _leaf_postings(leaf, name: str, term: str) -> tuple[np.ndarray, np.ndarray]:
    if (name, term) not in leaf:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return _read_postings(_unfiltered(leaf.postings(name, term)))


def _unfiltered(matcher):
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def _read_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    """All (docnum, weight) of a term in a segment, a block at a time where the codec allows."""
    ids, weights = [], []
    if hasattr(matcher, "_read_ids"):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.append(np.asarray(matcher._ids, dtype=np.int64))
            weights.append(np.asarray(matcher._weights, dtype=np.float32))
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append([matcher.id()])
            weights.append([matcher.weight()])
            matcher.next()
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return np.concatenate(ids).astype(np.int64), np.concatenate(weights).astype(np.float32)


def open_reader(generation: Path):
    """A WhooshReader over a finished generation, None if it vanished or has another schema."""
    if index_files.read_schema(generation) != SCHEMA_VERSION:
        return None
    try:
        return WhooshReader(whoosh_index.open_dir(generation).searcher())
    except (OSError, whoosh_index.EmptyIndexError):  # pruned under us: serve "not ready"
        return None


def refreshed(reader: WhooshReader, generation: Path) -> WhooshReader | None:
    """A new reader over the same generation after a sync committed; None when nothing changed.
    Not Whoosh's refresh(): it reuses a segment's reader by segment id, deletions and all, so
    postings a sync deleted would live on. Unchanged segments' arrays are cached anyway."""
    if reader.searcher.up_to_date():
        return None
    fresh = open_reader(generation)
    if fresh is not None:
        reader.searcher.close()
    return fresh


class SearchIndex(_SearchIndex):
    """The engine of indexer.search_engine over Whoosh generations (see there)."""

    def __init__(self, index_dir: Path):
        super().__init__(index_dir, open_reader, refreshed, ANALYZER)
