"""Typo correction from the index's own words: a query word the postings rarely or never use is
replaced by a word one edit away (else two) that they use far more often.

The reader gives frequencies (documents holding a stem) and the plain words within an edit
distance; corrections are cached per open reader by the caller.
"""
from __future__ import annotations

import re

from indexer.search.text import MAX_TERMS

LETTERS = re.compile(r"[^\W\d_]+")  # accented letters too: "compañero" is one word

MIN_CHARS = 4  # shorter words are too often abbreviations to correct
FAR_MORE = 20  # a correction must be this many times more frequent than the word typed


def corrections(reader, analyzer, words: list[str], protected: frozenset[str], cache) -> dict[str, str]:
    """word as typed -> its correction, for each word worth correcting."""
    found = {}
    for word in dict.fromkeys(words):
        lower = word.lower()
        if len(lower) < MIN_CHARS or not lower.isalpha() or lower in protected or not analyzer.query_terms(lower):
            continue
        better = cache.get_or_make(lower, lambda: better_spelling(reader, analyzer, lower))
        if better:
            found[word] = better
    return found


def better_spelling(reader, analyzer, word: str) -> str | None:
    """The most frequent word within one edit (else two) if it is FAR_MORE times as frequent."""
    own = reader.frequency(analyzer.stem(word))
    if own * FAR_MORE >= reader.doc_count():
        return None  # common enough to be meant
    for distance in (1, 2):
        ranked = sorted((-reader.frequency(analyzer.stem(found)), found)
                        for found in reader.spellings_within(word, distance) if found != word)
        if ranked and -ranked[0][0] >= (FAR_MORE * own or 1):
            return ranked[0][1]
    return None


def suggestion(reader, analyzer, text: str, protected, cache) -> str | None:
    """"Did you mean": the text with each word the index has never seen (and that `protected`
    does not keep) replaced by the closest word it has (one edit, else two), the most frequent
    one winning; None when nothing needs replacing."""
    replaced = {}
    for word in dict.fromkeys(LETTERS.findall(text)[:MAX_TERMS]):
        lower = word.lower()
        if len(lower) < 3 or protected(word) or not analyzer.query_terms(lower):
            continue
        closest = cache.get_or_make(("closest", lower), lambda: closest_spelling(reader, analyzer, lower))
        if closest:
            replaced[word] = closest
    if not replaced:
        return None
    return LETTERS.sub(lambda match: replaced.get(match.group(), match.group()), text)


def closest_spelling(reader, analyzer, word: str) -> str | None:
    if reader.frequency(analyzer.stem(word)):
        return None
    for distance in (1, 2):
        ranked = sorted(reader.spellings_within(word, distance),
                        key=lambda found: (-reader.frequency(analyzer.stem(found)), found))
        if ranked:
            return ranked[0]
    return None
