"""The store (source of truth), field parsing, classification and the search index."""
