"""Snippets on result cards start where a sentence starts and show the words that matched."""
from __future__ import annotations

import pytest

from indexer import search

LONG = ("This is a very long sentence that goes on and on about the agency and its many programs across "
        "the region and what it does for people before it ever mentions the peer role at all.")


@pytest.mark.parametrize("text, terms, expected", [
    ("Our agency serves three counties and has grown every year since 1990. The peer specialist walks "
     "alongside people.", ["peer"], "The <mark>peer</mark> specialist walks alongside people."),
    ("About the role\nPeer specialists share their story.", ["peer"],
     "About the role. <mark>Peer</mark> specialists share their story."),
    ("We are hiring! Recovery coaches wanted.", ["recoveri"], "We are hiring! <mark>Recovery</mark> coaches wanted."),
    ("Duties: support peers in crisis.", ["support"], "Duties: <mark>support</mark> peers in crisis."),
    (LONG, ["peer"], "… people before it ever mentions the <mark>peer</mark> role at all."),
    ("What you will do\nUse your own lived experience of recovery to offer hope and practical peer support.",
     ["peer"], "… recovery to offer hope and practical <mark>peer</mark> support."),
])
def test_a_snippet_starts_at_the_sentence_of_its_first_match(text, terms, expected):
    assert search.ANALYZER.snippet(text, terms) == expected


def test_a_match_in_a_long_sentence_is_still_near_the_start_of_the_snippet():
    snippet = search.ANALYZER.snippet("Intro words. " + LONG, ["peer"])
    assert snippet.startswith("… ") and snippet.index("<mark>") < 60
