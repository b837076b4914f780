"""The peer-role taxonomy: the vocabulary read from config/taxonomy.yaml, the classifier, the facets
a posting's text yields, and the evaluation of both on labeled files."""
from indexer.taxonomy.vocabulary import (
    Category, Setting, Taxonomy, TaxonomyError, load_taxonomy, phrase_pattern, taxonomy_or_none,
)

__all__ = ["Category", "Setting", "Taxonomy", "TaxonomyError", "load_taxonomy", "phrase_pattern",
           "taxonomy_or_none"]
