"""What the results page says about the search itself: the heading that echoes it, the place as a
person names it, and whether "near me" still needs a place. Pure."""
from __future__ import annotations

import re
from typing import Callable

from flask_babel import gettext, ngettext

from indexer.parsers import geo
from indexer.search import SearchQuery, SearchResults

_TRAILING_JOBS = re.compile(r"(?:\s+(?:jobs?|positions?|openings?))+$", re.IGNORECASE)
_TRAILING_PLACE = re.compile(r"\s+(?:near|in|around)\s+\S.*$", re.IGNORECASE)
_NEAR_ME = re.compile(r"\b(?:near|around|close to)\s+me\b|\bnearby\b", re.IGNORECASE)


def searched_words(query: SearchQuery, results: SearchResults, role_label: Callable[[str], str]) -> str:
    """The words the heading echoes: what was searched (the corrected words when the engine
    corrected them), else the one role chosen; without "jobs", "near me", or the place when the
    engine read the place from the words."""
    words = getattr(results, "corrected", None) or query.q
    if results.place is not None and not query.where:  # the place was read from the words
        words = _TRAILING_PLACE.sub("", words)
    words = _TRAILING_JOBS.sub("", _NEAR_ME.sub("", words)).strip()
    if not words and len(query.category) == 1:
        words = _lower_first(role_label(query.category[0]))
    return " ".join(words.split())


def place_words(place: geo.Place) -> str:
    """'Dayton, OH'; a ZIP with the town it belongs to: 'Dayton, OH 45402'."""
    if place.kind == "zip" and place.city and place.state:
        return f"{place.city}, {place.state} {place.postal_code}"
    return place.label


def heading(results: SearchResults, words: str = "") -> str:
    """'12 recovery coach jobs near Dayton, OH within 25 miles', '1 job in Ohio'; 'No jobs in Ohio'
    (the empty state names the words that found nothing)."""
    text = jobs_found(results.total, words)
    place = results.place
    if place is None:
        return text
    if place.kind == "state":
        return gettext("%(jobs)s in %(state)s", jobs=text, state=place.label)
    return gettext("%(jobs)s near %(place)s within %(radius)s miles", jobs=text, place=place_words(place),
                   radius=results.query.radius)


def jobs_found(count: int, words: str) -> str:
    """'No jobs', '1 job', '12 recovery coach jobs'."""
    if not count:
        return gettext("No jobs")
    if not words:
        return ngettext("%(count)s job", "%(count)s jobs", count, count=f"{count:,}")
    return ngettext("%(count)s %(words)s job", "%(count)s %(words)s jobs", count, count=f"{count:,}",
                    words=words)


def without_near_me(q: str) -> str:
    """The search words once a place stands in for "near me"."""
    return " ".join(_NEAR_ME.sub(" ", q).split())


def needs_place(query: SearchQuery, results: SearchResults) -> bool:
    """The search asks for jobs near the person but names no place to search around."""
    return bool(getattr(results, "needs_place", False) or (_NEAR_ME.search(query.q) and results.place is None))


def _lower_first(label: str) -> str:
    """'Recovery coach' -> 'recovery coach'; 'VA peer support' stays."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label
