"""A digest's subject line and heading, in the alert's language: the count and the search in a
few words, each line one whole message of the catalog (ngettext for the count)."""
from __future__ import annotations

import re
from typing import Any, Mapping

from babel.lists import format_list

from alerts.language import ENGLISH, Speech
from indexer.parsers import geo
from indexer.taxonomy import taxonomy_or_none
from indexer.wording import category_label

MAX_SUBJECT_WORDS = 100
#: Control and format characters: line breaks of every kind, bidirectional overrides, zero-width marks.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\xad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def one_line(text: str) -> str:
    """Text safe in a header or on one line: every run of whitespace or control characters is
    one space (a crawled title cannot start a new header or fake a line)."""
    return " ".join(_INVISIBLE.sub(" ", text or "").split())


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part for part in value.split(",") if part]
    return [str(part) for part in value or () if part]


def _either(words: list[str], speech: Speech) -> str:
    return format_list(words, style="or", locale=speech.locale)


def _place_words(search: Mapping[str, Any], speech: Speech) -> list[str]:
    parts = []
    where = one_line(str(search.get("where") or ""))
    if where:
        code = geo.state_code(where)
        parts.append(speech.gettext("in %(place)s", place=geo.STATES.get(code, where)) if code
                     else speech.gettext("near %(place)s", place=where))
    states = [geo.STATES.get(code, code) for code in _as_list(search.get("state"))]
    if states:
        parts.append(speech.gettext("in %(place)s", place=_either(states, speech)))
    return parts


def subject_words(search: Mapping[str, Any], speech: Speech = ENGLISH) -> str:
    """The search in a few words, for a subject line: 'recovery coach near Dayton, OH',
    'Family peer advocate in Ohio remote'; '' for no filters. (The body says it in full, in the
    words of the alert's own pages: alerts.words.)"""
    parts = []
    text = one_line(str(search.get("q") or ""))
    categories = _as_list(search.get("category"))
    if text:
        parts.append(text)
    elif categories:
        parts.append(_either([speech.gettext(category_label(category, taxonomy_or_none()))
                              for category in categories], speech))
    parts += _place_words(search, speech)
    if search.get("remote"):
        parts.append(speech.gettext("remote"))
    if search.get("min_hourly"):
        try:
            parts.append(speech.gettext("paying %(pay)s an hour or more", pay=speech.money(float(search["min_hourly"]))))
        except (TypeError, ValueError):
            pass
    phrase = " ".join(parts)
    return phrase if len(phrase) <= MAX_SUBJECT_WORDS else phrase[:MAX_SUBJECT_WORDS - 1].rstrip() + "…"


def subject_line(count: int, search: Mapping[str, Any], speech: Speech = ENGLISH) -> str:
    """'3 new peer-support jobs: recovery coach near Dayton, OH'."""
    phrase = subject_words(search, speech)
    if not phrase:
        return speech.ngettext("%(num)s new peer-support job", "%(num)s new peer-support jobs", count)
    return speech.ngettext("%(num)s new peer-support job: %(search)s", "%(num)s new peer-support jobs: %(search)s",
                           count, search=phrase)


def heading_line(count: int, search: Mapping[str, Any], speech: Speech = ENGLISH) -> str:
    """The digest's heading: '3 new peer-support jobs for recovery coach near Dayton, OH'."""
    phrase = subject_words(search, speech)
    if not phrase:
        return speech.ngettext("%(num)s new peer-support job", "%(num)s new peer-support jobs", count)
    return speech.ngettext("%(num)s new peer-support job for %(search)s", "%(num)s new peer-support jobs for %(search)s",
                           count, search=phrase)
