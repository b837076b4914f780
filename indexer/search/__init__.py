"""The search engine behind one interface: build and keep the index (`rebuild`, `sync`) and query it
(`SearchIndex`, `SearchQuery`, `SearchResults`, `Hit`).

Whoosh is confined to `whoosh_backend`; text analysis is `text`, column filters and facets
`columns`, ranking `engine`, the on-disk generations `index_files`.
"""
from indexer.search.engine import NOT_READY
from indexer.search.query import Hit, SearchQuery, SearchResults
from indexer.search.indexing import SyncReport, rebuild, sync
from indexer.search.whoosh_backend import ANALYZER, SCHEMA_VERSION, SearchIndex

__all__ = ["ANALYZER", "Hit", "NOT_READY", "SCHEMA_VERSION", "SearchIndex", "SearchQuery", "SearchResults",
           "SyncReport", "rebuild", "sync"]
