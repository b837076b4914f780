"""Which postings go into a subscription's digest: those its search matches that are new to it.

"New" is by first_seen, which a crawl stamps inside a transaction that may commit a little
later. So each check looks back OVERLAP before the subscription's seen_through and leaves out
what its earlier digests already held: a late commit is not skipped and nothing is repeated.
A posting the search index does not hold yet cannot be matched; seen_through then stops just
before it (the horizon), so the next run, after the index caught up, considers it.

Speed: a run reads the newly seen postings once, asks the index once per distinct search for
every posting it matches (numpy arrays, no paging), and intersects; subscriptions to the same
search share that answer.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np

from indexer.search.query import SearchQuery

OVERLAP = timedelta(hours=1)
DIGEST_SIZE = 20
_TICK = timedelta(microseconds=1)


@dataclass(frozen=True)
class Choice:
    """The postings a digest shows, newest first, and how many more matched."""
    posting_ids: tuple[int, ...]
    more: int = 0


def window_start(seen_through: datetime, started: datetime, overlap: timedelta = OVERLAP) -> datetime:
    """Postings first seen after this are considered for a subscription: OVERLAP before its
    seen_through, but never before it began, so the first digest does not repeat the results
    page the subscriber signed up from. (After a resume, up to OVERLAP of what was posted while
    paused may come along.)"""
    return max(seen_through - overlap, started)


def search_key(search: Mapping[str, Any]) -> str:
    return json.dumps(dict(search), sort_keys=True, default=str)


def matching_order(search: Mapping[str, Any]) -> tuple:
    """Sort key for subscriptions: the same searches side by side (one index question each),
    and searches of one place or one word close together (the index caches those)."""
    return (str(search.get("where") or ""), str(search.get("q") or ""), search_key(search))


class NewPostings:
    """One run's candidates: postings first seen in the window, those the index holds, newest
    first. `rows` is (id, first_seen) from the store; `indexed` the index's posting ids."""

    def __init__(self, rows: Sequence[tuple[int, datetime]], indexed: np.ndarray, now: datetime):
        ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
        seen = np.array([row[1] for row in rows], dtype="datetime64[us]").reshape(len(rows))
        held = np.isin(ids, indexed)
        waiting = seen[~held]
        #: Where seen_through may move to: now, or just before the first posting still to be indexed.
        self.horizon = min(now, waiting.min().item() - _TICK) if len(waiting) else now
        ids, seen = ids[held], seen[held]
        order = np.lexsort((-ids, -seen.astype(np.int64)))
        self.ids, self.seen = ids[order], seen[order]
        self._ascending = self.seen[::-1]
        self._rank = np.full(int(self.ids.max()) + 1 if len(self.ids) else 0, -1, dtype=np.int64)
        self._rank[self.ids] = np.arange(len(self.ids))

    def __len__(self) -> int:
        return len(self.ids)

    def ranks(self, matched_ids: np.ndarray) -> np.ndarray:
        """The candidates among `matched_ids`, as sorted positions in newest-first order."""
        matched = matched_ids[(matched_ids >= 0) & (matched_ids < len(self._rank))]
        ranks = self._rank[matched]
        return np.sort(ranks[ranks >= 0])

    def newer_than(self, since: datetime) -> int:
        """How many candidates were first seen after `since`: they are the first that many."""
        return len(self.seen) - int(np.searchsorted(self._ascending, np.datetime64(since, "us"), side="right"))


def choose(new: NewPostings, ranks: np.ndarray, since: datetime, delivered: Iterable[int] = (),
           size: int = DIGEST_SIZE) -> Choice | None:
    """The digest of one subscription: of the matched candidates (`ranks`), those first seen
    after `since` and not in its earlier digests, newest first, `size` shown and the rest
    counted. None when nothing is new (no email)."""
    fresh = ranks[:int(np.searchsorted(ranks, new.newer_than(since)))]
    delivered = list(delivered)
    if delivered and len(fresh):
        fresh = fresh[~np.isin(new.ids[fresh], np.fromiter(delivered, dtype=np.int64, count=len(delivered)))]
    if not len(fresh):
        return None
    shown = new.ids[fresh[:size]]
    return Choice(tuple(int(posting_id) for posting_id in shown), len(fresh) - len(shown))


class Matches:
    """The candidates each saved search matches, asked of the index once per distinct search
    and kept for the run of subscriptions to it that follow (subscriptions come sorted by
    matching_order, so one answer at a time is kept)."""

    def __init__(self, new: NewPostings, matching_ids: Callable[[SearchQuery], np.ndarray],
                 parse: Callable[[Mapping[str, Any]], SearchQuery]):
        self.new, self._matching_ids, self._parse = new, matching_ids, parse
        self._key: str | None = None
        self._ranks = np.zeros(0, dtype=np.int64)
        self.questions = 0

    def ranks(self, search: Mapping[str, Any]) -> np.ndarray:
        key = search_key(search)
        if key != self._key:
            self._key, self.questions = key, self.questions + 1
            self._ranks = self.new.ranks(self._matching_ids(self._parse(search))) if len(self.new) else self._ranks[:0]
        return self._ranks
