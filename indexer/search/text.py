"""Words for the index: one fast pass of tokenize, lowercase, drop stop words, stem; and snippets.

The same Analyzer turns documents into terms (handed to the engine already analyzed, which is most
of what makes a rebuild fast) and turns the search box into terms, so both always agree. The
stemmer and stop words are given by the engine module, which owns them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from typing import Callable, Iterable

WORD = re.compile(r"\w+(?:\.?\w+)*")
SPELL_WORD = re.compile(r"[a-z]{3,20}")
MAX_QUERY_CHARS, MAX_TERMS, MAX_TERM_CHARS = 1000, 12, 40
SNIPPET_WORDS, HIGHLIGHT_CHARS, FRAGMENT_CHARS = 30, 4000, 240
SENTENCE_ENDS = (". ", "! ", "? ", ": ")
LEAD_CHARS, HEADING_CHARS = 60, 40  # a snippet's sentence may start this far before its match


class Analyzer:
    """Lowercase word tokens without stop words (or one-letter words), stemmed through a cache."""

    def __init__(self, stem: Callable[[str], str], stop_words: Iterable[str]):
        self._stem, self._stems = stem, {}
        self._stop_words = frozenset(stop_words)
        self._terms: dict[str, str] = {}  # lowercase word -> its term, "" for a word left out
        self._spellable: set[str] = set()

    def stem(self, word: str) -> str:
        stemmed = self._stems.get(word)
        if stemmed is None:
            stemmed = self._stems[word] = self._stem(word)
            if len(self._stems) > 200_000:
                self._stems.clear()
        return stemmed

    def terms(self, text: str) -> list[str]:
        """Every term of a text, repeats included (they are the term frequencies)."""
        return self.terms_and_words(text)[0]

    def terms_and_words(self, text: str) -> tuple[list[str], set[str]]:
        """The terms, and the plain words a "did you mean" may offer, from one pass over the
        text. Words seen before are looked up in C (map over a dict)."""
        words = WORD.findall(text.lower())
        return self._terms_of(words), {word for word in words if word in self._spellable or self._is_spellable(word)}

    def _is_spellable(self, word: str) -> bool:
        if SPELL_WORD.fullmatch(word) and word not in self._stop_words:
            if len(self._spellable) > 200_000:
                self._spellable.clear()
            self._spellable.add(word)
            return True
        return False

    def _terms_of(self, words: list[str]) -> list[str]:
        found = list(map(self._terms.get, words))
        if None in found:
            found = [self._learn(word) if term is None else term for word, term in zip(words, found)]
        return list(filter(None, found))

    def _learn(self, word: str) -> str:
        if len(self._terms) > 200_000:
            self._terms.clear()
        term = self._terms[word] = "" if len(word) < 2 or word in self._stop_words else self.stem(word)
        return term

    def query_terms(self, text: str) -> list[str]:
        """The search box as distinct terms: no syntax exists, so nothing in it can fail."""
        found = dict.fromkeys(term for term in self.terms(text[:MAX_QUERY_CHARS]) if len(term) <= MAX_TERM_CHARS)
        return list(found)[:MAX_TERMS]

    def snippet(self, text: str, terms: list[str]) -> str:
        """Up to two passages around matched words, <mark>ed; otherwise the first words."""
        text, wanted = sentences(text), set(terms)
        spans, windows = [], []
        for match in _starting_like(terms).finditer(text):
            if self.stem(match.group().lower()) not in wanted:
                continue
            if not windows or match.start() >= windows[-1][1]:
                if len(windows) == 2:
                    break  # the rest of the text is never shown
                windows.append(_window(text, match.start()))
            spans.append(match.span())
        if not spans:
            words = text.split()
            more = " …" if len(words) > SNIPPET_WORDS else ""
            return escape(" ".join(words[:SNIPPET_WORDS]), quote=False) + more
        passages = [_marked(text, window, spans) for window in windows]
        lead = "… " if windows[0][0] and text[windows[0][0] - 2:windows[0][0]] not in SENTENCE_ENDS else ""
        return lead + " … ".join(passages)


def sentences(text: str) -> str:
    """Description lines (headings, list items) joined so that they still read apart."""
    lines = [line.strip() for line in text[:HIGHLIGHT_CHARS].splitlines() if line.strip()]
    return " ".join(line if line[-1] in ".!?:;," else line + "." for line in lines)


@lru_cache(maxsize=256)
def _starting_like_cached(prefixes: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:%s)\w*(?:\.?\w+)*" % "|".join(map(re.escape, prefixes)), re.IGNORECASE)


def _starting_like(terms: list[str]) -> re.Pattern:
    """Words that begin like one of the terms: the only ones whose stem can be a term (a stem
    keeps at least the word's first two letters), so only those are stemmed."""
    if not terms:
        return re.compile(r"(?!)")
    return _starting_like_cached(tuple(sorted({term[:2] for term in terms})))


def _window(text: str, start: int) -> tuple[int, int]:
    """About FRAGMENT_CHARS of text from the start of the matched word's sentence."""
    begin = _sentence_start(text, start)
    end = text.find(" ", min(len(text), begin + FRAGMENT_CHARS))
    return begin, len(text) if end < 0 else end


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence holding `start` begins, taking a short one before it along (a heading
    such as "Requirements."); a word boundary a little before the match when the sentence began
    too far back for the match to show on a phone."""
    begin = _previous_end(text, start)
    if start - begin > LEAD_CHARS:
        return text.rfind(" ", 0, start - LEAD_CHARS // 2) + 1
    before = _previous_end(text, max(0, begin - 1))
    return before if 0 < begin - before <= HEADING_CHARS and start - before <= LEAD_CHARS else begin


def _previous_end(text: str, at: int) -> int:
    """Just after the last sentence end (". ", "! ", "? ", ": ") before `at`; 0 for none."""
    found = max(text.rfind(mark, 0, at) for mark in SENTENCE_ENDS)
    return found + 2 if found >= 0 else 0


def _marked(text: str, window: tuple[int, int], spans: list[tuple[int, int]]) -> str:
    begin, end = window
    parts, at = [], begin
    for start, stop in spans:
        if start >= at and stop <= end:
            parts += [escape(text[at:start], quote=False), f"<mark>{escape(text[start:stop], quote=False)}</mark>"]
            at = stop
    parts.append(escape(text[at:end], quote=False))
    return "".join(parts).strip()
