"""Searching: one reader per process, reused and refreshed only when the index changes, with the
column arrays and term scores of the open generation cached beside it.

The text engine is reached only through the reader object indexer.search gives (open_reader,
refreshed); everything here is arrays and plain Python.
"""
from __future__ import annotations

import dataclasses
import math
import threading
from collections import OrderedDict
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from indexer.cards import card_from_values
from indexer import benefits
from indexer.parsers import geo
from indexer.search import index_files
from indexer.search import matching, spelling
from indexer.search.columns import (REMOTE, VALUES, Columns, combine, facet_counts, filter_masks, place_mask,
                                    settings_mask, top)
from indexer.search.query import Hit, SearchQuery, SearchResults
from indexer.search.text import MAX_QUERY_CHARS, MAX_TERMS
from indexer.search.roles import protected_words, role_vocabulary
from indexer.search.understanding import FILLER, Understood, folded, understand

NOT_READY = "Search is not ready yet: the job index has not been built."
TERM_CACHE, PLACE_CACHE, POSTINGS_CACHE, SPELLING_CACHE = 64, 32, 256, 1024


class LruCache(OrderedDict):
    """Least recently used entries go first once `size` is passed."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def get_or_make(self, key, make):
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = self[key] = make()
        if len(self) > self.size:
            self.popitem(last=False)
        return value


class View:
    """The open reader's documents as arrays, plus caches that live exactly as long as it does."""

    def __init__(self, reader, segment_arrays: dict, generation: Path, postings: LruCache):
        self.reader, self.postings, parts, used = reader, postings, [], set()
        for segment_id, _, leaf in reader.segments():
            key = (generation, segment_id)
            if key not in segment_arrays:
                segment_arrays[key] = reader.segment_arrays(leaf, VALUES.code, settings_mask)
            used.add(key)
            parts.append(dict(segment_arrays[key], live=reader.live(leaf)))
        for stale in set(segment_arrays) - used:
            del segment_arrays[stale]
        fields = Columns.__dataclass_fields__
        self.columns = Columns.concat([{name: part[name] for name in fields} for part in parts])
        self.lengths = {name[len("length:"):]: np.concatenate([part[name] for part in parts])
                        for name in (parts[0] if parts else {}) if name.startswith("length:")}
        self.terms, self.places = LruCache(TERM_CACHE), LruCache(PLACE_CACHE)
        self.spellings = LruCache(SPELLING_CACHE)
        self._ids: np.ndarray | None = None

    @property
    def ids(self) -> np.ndarray:
        """The posting id of each docnum, read on first use (only matching_ids asks)."""
        if self._ids is None:
            self._ids = self.reader.posting_ids()
        return self._ids

    def term_scores(self, term: str) -> np.ndarray:
        return self.terms.get_or_make(
            term, lambda: self.reader.term_scores(term, self.lengths, len(self.columns), self.postings))

    def place(self, place: geo.Place, radius: int) -> tuple[np.ndarray, np.ndarray | None]:
        key = (place.kind, place.state, place.latitude, place.longitude, radius)
        return self.places.get_or_make(key, lambda: place_mask(self.columns, place, radius))


class SearchIndex:
    """Holds ONE reader, reused across requests, refreshed only when the index changes (a new
    generation swapped in, or a sync committed); never opens one per query. Searches are
    serialized by a lock (readers seek shared files); gunicorn sync workers never contend."""

    def __init__(self, index_dir: Path, open_reader, refreshed, analyzer):
        self.index_dir = Path(index_dir)
        self.reopens = 0  # how many times a reader was opened or refreshed; for tests and metrics
        self._open_reader, self._refreshed, self.analyzer = open_reader, refreshed, analyzer
        self._lock = threading.Lock()
        self._generation: Path | None = None
        self._searcher = None
        self._view: View | None = None
        self._segment_arrays: dict = {}
        self._postings = LruCache(POSTINGS_CACHE)  # (segment, field, word) -> postings: kept across syncs

    def search(self, query: SearchQuery) -> SearchResults:
        understood, place, notice = self._read(query)
        with self._lock:
            view = self._fresh_view()
            if view is None:
                return SearchResults(query, 0, [], query.page, 0, place, NOT_READY)
            return _Search(view, self.analyzer, query, place, notice, understood).run()

    def _read(self, query: SearchQuery) -> tuple[Understood, geo.Place | None, str | None]:
        """The search box understood, and the place: the "where" box's, else one the search box names."""
        free = not query.where.strip()
        is_place = (lambda text: geo.parse_where(text) is not None) if free else (lambda _: False)
        is_typed_place = (lambda text: geo.typed_place(text) is not None) if free else (lambda _: False)
        understood = understand(query.q[:MAX_QUERY_CHARS], role_vocabulary(self.analyzer), is_place, is_typed_place)
        if understood.place:
            return understood, geo.parse_where(understood.place), None
        return (understood, *_resolve_place(query))

    def matching_ids(self, query: SearchQuery) -> np.ndarray:
        """Ids of every posting the query selects, unordered and unpaged: for alert digests,
        which test thousands of saved searches in one run."""
        understood, place, _ = self._read(query)
        with self._lock:
            view = self._fresh_view()
            if view is None:
                return np.zeros(0, dtype=np.int64)
            masks = _Search(view, self.analyzer, query, place, None, understood)._masks()
            return view.ids[np.logical_and.reduce(list(masks.values()))]

    def indexed_ids(self) -> np.ndarray:
        """Ids of every posting in the index, open or closed."""
        with self._lock:
            view = self._fresh_view()
            return view.ids[view.columns.live] if view is not None else np.zeros(0, dtype=np.int64)

    def doc_count(self) -> int:
        with self._lock:
            view = self._fresh_view()
            return view.reader.doc_count() if view is not None else 0

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _fresh_view(self) -> View | None:
        live = index_files.live_generation(self.index_dir)
        if live is None:
            self._drop()
        elif live != self._generation or self._searcher is None:
            self._open(live)
        else:
            newer = self._refreshed(self._searcher, self._generation)
            if newer is not None:
                self._searcher, self._view = newer, None
                self.reopens += 1
        if self._searcher is not None and self._view is None:
            self._view = View(self._searcher, self._segment_arrays, self._generation, self._postings)
        return self._view

    def _open(self, generation: Path) -> None:
        self._drop()
        self._searcher = self._open_reader(generation)
        if self._searcher is not None:
            self._generation = generation
            self.reopens += 1

    def _drop(self) -> None:
        if self._searcher is not None:
            self._searcher.searcher.close()
        self._searcher, self._generation, self._view = None, None, None
        self._segment_arrays.clear()
        self._postings.clear()


def _resolve_place(query: SearchQuery) -> tuple[geo.Place | None, str | None]:
    where = query.where.strip()
    if not where:
        return None, None
    place = geo.parse_where(where)
    if place is None:
        return None, f"We could not find the place “{where[:80]}”. Showing jobs everywhere."
    return place, None


class _Search:
    def __init__(self, view: View, analyzer, query: SearchQuery, place: geo.Place | None, notice: str | None,
                 understood: Understood):
        self.view, self.analyzer, self.query, self.place, self.notice = view, analyzer, query, place, notice
        self.understood, self.corrected = understood, None
        if not query.exact:
            self._correct()
        self.terms = analyzer.query_terms(self.understood.text)
        self.scores = self.distances = self.ssdi_limit = None

    def _protected(self, word: str) -> bool:
        """Filler and the words of role names are never corrected."""
        vocabulary = role_vocabulary(self.analyzer)
        return vocabulary.word(folded(word)) in protected_words(self.analyzer)

    def _correct(self) -> None:
        """Words the index (nearly) never uses replaced by their frequent spellings, re-read."""
        words = [w for w in spelling.LETTERS.findall(self.understood.text)[:MAX_TERMS] if not self._protected(w)]
        fixed = spelling.corrections(self.view.reader, self.analyzer, words, FILLER, self.view.spellings)
        if fixed:
            replace = lambda match: fixed.get(match.group(), match.group())  # noqa: E731
            again = understand(spelling.LETTERS.sub(replace, self.understood.text), role_vocabulary(self.analyzer))
            self.understood = dataclasses.replace(again, near_me=self.understood.near_me, place=self.understood.place)
            self.corrected = spelling.LETTERS.sub(replace, self.query.q[:MAX_QUERY_CHARS])

    def run(self) -> SearchResults:
        query = self.query
        masks = self._masks()
        selected, without = combine(masks)
        docnums = np.flatnonzero(selected)
        offset = (query.page - 1) * query.per_page
        page = top(docnums, self._sort_keys(docnums), offset + query.per_page)[offset:]
        total = len(docnums)
        notice = self.notice or (self._empty_notice() if total == 0 and self.place else None)
        suggestion = self.corrected or spelling.suggestion(
            self.view.reader, self.analyzer, query.q[:MAX_QUERY_CHARS], self._protected, self.view.spellings)
        return SearchResults(query, total, [self._hit(int(d)) for d in page], query.page,
                             math.ceil(total / query.per_page), self.place, notice,
                             facet_counts(self.view.columns, without, selected), suggestion, self.corrected,
                             self.understood.near_me and self.place is None, *self._benefits(masks))

    def _benefits(self, masks: dict[str, np.ndarray]) -> tuple[int | None, int]:
        """With fits_ssdi: the year's SGA amount, and how many matches it left out for unknown pay or hours."""
        if not self.query.fits_ssdi or "fits_ssdi" not in masks:
            return None, 0
        others = np.logical_and.reduce([mask for name, mask in masks.items() if name != "fits_ssdi"])
        return self.ssdi_limit, int(np.count_nonzero(others & np.isnan(self.view.columns.monthly)))

    def _masks(self) -> dict[str, np.ndarray]:
        today = datetime.now(timezone.utc).date()
        self.ssdi_limit = benefits.sga_for(today) if self.query.fits_ssdi else None
        masks = filter_masks(self.view.columns, self.query, today, self.ssdi_limit)
        if self.terms:
            per_term = [self.view.term_scores(term) for term in self.terms]
            self.scores = per_term[0] if len(per_term) == 1 else np.sum(per_term, axis=0)
            masks["q"] = matching.words_mask(per_term, self._roles())
        if self.place is not None:
            masks["place"], self.distances = self.view.place(self.place, self.query.radius)
        return masks

    def _roles(self) -> np.ndarray | None:
        """Postings of the roles the words name (None when they name none), scored up."""
        found = None
        for phrase, roles in self.understood.roles:
            in_role = np.isin(self.view.columns.category, VALUES.known(roles))
            words = [self.view.term_scores(term) for term in self.analyzer.query_terms(phrase)]
            boost = matching.role_boost(np.sum(words, axis=0) if words else np.zeros(0))
            self.scores = self.scores + np.float32(boost) * in_role
            found = in_role if found is None else found | in_role
        return found

    def _sort_keys(self, docnums: np.ndarray) -> list[np.ndarray]:
        """Relevance needs words and distance a town or ZIP; each falls back to what is there."""
        sort = self.query.sort
        if sort == "distance" and self.distances is None:
            sort = "relevance"
        if sort == "relevance" and self.scores is None:
            sort = "distance" if self.distances is not None else "date"
        newest = -self.view.columns.posted[docnums]
        if sort == "distance":
            return [np.nan_to_num(self.distances[docnums], nan=np.inf), newest]
        relevance = -self.scores[docnums] if self.scores is not None else np.zeros(len(docnums))
        if sort != "relevance":
            return [newest, relevance]
        remote_last = (self.view.columns.flags[docnums] & REMOTE) if self.place is not None else np.zeros(len(docnums))
        return [relevance, remote_last, newest]

    def _hit(self, docnum: int) -> Hit:
        stored = self.view.reader.card(docnum)
        distance = self.distances[docnum] if self.distances is not None else math.nan
        card = card_from_values(stored, None if math.isnan(distance) else round(float(distance), 1))
        return Hit.of(card, self.analyzer.snippet(stored["excerpt"], self.terms),
                      monthly_low=stored.get("monthly_low"), monthly_high=stored.get("monthly_high"),
                      conditions=int(self.view.columns.conditions[docnum]))

    def _empty_notice(self) -> str:
        if self.place.kind == "state":
            return f"No jobs found in {self.place.label}."
        wider = " Try a wider radius." if self.query.radius < 100 else ""
        return f"No jobs found within {self.query.radius} miles of {self.place.label}.{wider}"
