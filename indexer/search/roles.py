"""The role names a search box may use, read once: the taxonomy's (config/taxonomy.yaml) and the
credential lexicon's (config/credentials.yaml), as indexer.search.understanding reads them."""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

from foundation.shipped import load_yaml, shipped_path
from indexer.search.understanding import FILLER, RoleVocabulary, build_vocabulary
from indexer.taxonomy import taxonomy_or_none

CREDENTIALS_FILE = Path(__file__).resolve().parents[2] / "config" / "credentials.yaml"


@functools.lru_cache(maxsize=4)
def role_vocabulary(analyzer) -> RoleVocabulary:
    """The role names of the taxonomy and the credential lexicon, read once per analyzer (a file
    that cannot be read adds no names)."""
    taxonomy = taxonomy_or_none()
    try:
        lexicon = load_yaml(shipped_path(CREDENTIALS_FILE).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        lexicon = None
    return build_vocabulary(taxonomy.categories if taxonomy else [], analyzer.stem,
                            lexicon if isinstance(lexicon, dict) else None)


@functools.lru_cache(maxsize=4)
def protected_words(analyzer) -> frozenset[str]:
    """The words never corrected, as role phrases keep them: filler, and every word of a role name."""
    vocabulary = role_vocabulary(analyzer)
    return frozenset(map(vocabulary.word, FILLER)) | {word for phrase in vocabulary.phrases for word in phrase}
