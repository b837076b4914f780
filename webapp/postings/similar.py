"""Similar open jobs for a posting page: the same kind of role, near the same place."""
from __future__ import annotations

from indexer.store.models import Posting
from indexer.search import Hit, SearchIndex, SearchQuery

SIMILAR_LIMIT = 4


def similar_query(posting: Posting) -> SearchQuery:
    """Around the posting's town (its state when no town is known); one extra, as it may find itself."""
    where = ", ".join(part for part in (posting.city, posting.state) if part) if posting.city else (posting.state or "")
    category = (posting.category,) if posting.category else ()
    return SearchQuery(category=category, where=where, per_page=SIMILAR_LIMIT + 1)


def similar_postings(index: SearchIndex, posting: Posting) -> list[Hit]:
    hits = index.search(similar_query(posting)).hits
    return [hit for hit in hits if hit.id != posting.id][:SIMILAR_LIMIT]
