"""One place label's parts, in whatever order the source wrote them, read as city, state and
country: "US, CA, Santa Clara", "USA - Ohio - Dayton", "San Francisco, California, United States of
America", "Israel, Yokneam", "Toronto, Ontario, Canada", "Washington, D.C.".

Each part is a country (the US or one abroad), a US state or territory (name or code, any case),
a province or region abroad, or a name. With a state, the city is the name found in that state
(or the name next to the state); the other names found there are further places ("Dayton,
Springfield, Xenia, OH"). Abroad, the first name is the city and no state is kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.parsers import geo
from indexer.parsers.countries import US, country_code, is_weak_region, region_country

_METRO = re.compile(r"^(?:greater|metro)\s+|\s+(?:metro(?:politan)?(?:\s+area)?|area|region|metroplex)$", re.I)


@dataclass(frozen=True)
class Label:
    city: str | None = None
    state: str | None = None
    country: str | None = None  # a country abroad, by ISO code
    national: bool = False  # the label names the US
    others: tuple[str, ...] = ()  # further cities of the same state


def read_label(tokens: list[str]) -> Label:
    """City, state and country from a label's parts (commas and spaced dashes already split)."""
    coded = [(token, country_code(token)) for token in tokens]
    countries = [code for _, code in coded if code]
    tokens = [token for token, code in coded if not code]
    abroad = next((code for code in countries if code != US), None)
    states = [(index, geo.state_code(token)) for index, token in enumerate(tokens)]
    named_states = _state_last([(index, code) for index, code in states if code], tokens)
    if abroad is None and not named_states:
        abroad = _region_abroad(tokens)
    names = [(index, _name(token)) for index, token in enumerate(tokens)
             if not (named_states and index == named_states[-1][0]) and _is_name(token)]
    if abroad:
        names = [(index, _without_region(name, abroad)) for index, name in names if not region_country(name)]
        return Label(names[0][1] if names else None, None, abroad, US in countries)
    if not named_states:
        return _without_state(names, US in countries)
    at, state = named_states[-1]
    return _with_state([(index, name) for index, name in names if name], at, state, US in countries)


def _state_last(named: list[tuple[int, str]], tokens: list[str]) -> list[tuple[int, str]]:
    """Of several state parts the label's state is the last code ("US, NY, New York", "Washington,
    D.C."); the others are names of cities."""
    codes = [(index, code) for index, code in named if len(tokens[index].replace(".", "")) == 2]
    return [entry for entry in named if entry not in codes[-1:]] + codes[-1:] if codes else named


def _region_abroad(tokens: list[str]) -> str | None:
    """A region abroad, unless it is the label's only part and a US place too ("Ontario")."""
    for token in tokens:
        code = region_country(token) or _coded_region(token)
        if code and not (is_weak_region(token) and len(tokens) == 1):
            return code
    return None


def _coded_region(token: str) -> str | None:
    """The country of a province or state code abroad closing a part: "Toronto ON", "Brisbane QLD"."""
    words = token.split()
    return region_country(words[-1]) if len(words) > 1 and words[-1].isupper() else None


def _without_state(names: list[tuple[int, str]], national: bool) -> Label:
    """The last word may still hold the state: "Dayton OH", "Kansas City Missouri"."""
    if not names:
        return Label(national=national)
    head, state = split_words(names[-1][1])
    if state:
        return _with_state(names[:-1] + [(names[-1][0], head)] * bool(head), names[-1][0] + 1, state, national)
    return Label(names[0][1], None, None, national)


def _with_state(names: list[tuple[int, str]], at: int, state: str, national: bool) -> Label:
    """The city among the names: the ones found in the state (last is the label's city), else the
    name just before the state, else the one just after it."""
    names = [(index, _without_state_word(name, state)) for index, name in names]
    found = [name for _, name in names if geo.locate(name, state, None)]
    if found:
        return Label(found[-1], state, None, national, tuple(found[:-1]))
    found = [part for _, name in names for part in _twin_cities(name, state)]
    if found:
        return Label(found[-1], state, None, national, tuple(found[:-1]))
    names = [(index, name) for index, name in names if not geo.state_code(name)]
    before = [name for index, name in names if index < at]
    after = [name for index, name in names if index > at]
    return Label((before[-1:] or after[:1] or [None])[0], state, None, national)


def _twin_cities(name: str, state: str) -> list[str]:
    """"Raleigh-Durham" and "Minneapolis-St. Paul" name two cities when each is one of the state's."""
    parts = [part.strip() for part in re.split(r"\s*[-/]\s*", name)]
    found = len(parts) > 1 and all(part and geo.locate(part, state, None) for part in parts)
    return parts if found else []


def _without_region(name: str, country: str) -> str:
    """"Sydney NSW" in "Sydney NSW, Australia" is the city Sydney."""
    words = name.split()
    return " ".join(words[:-1]) if len(words) > 1 and region_country(words[-1]) == country else name


def _without_state_word(name: str, state: str) -> str:
    """"Washington DC" in "Washington DC, District of Columbia" is the city Washington."""
    head, named = split_words(name)
    return head if named == state and head else name


def _is_name(token: str) -> bool:
    return not any(char.isdigit() for char in token)


def _name(token: str) -> str:
    """"Denver Metro Area" and "Greater Boston Area" name their city."""
    return " ".join(_METRO.sub("", _METRO.sub("", token)).split())


def split_words(text: str) -> tuple[str, str | None]:
    """("Dayton", "OH") from "Dayton OH" or "Kansas City Missouri"; (text, None) when no state ends it."""
    words = text.split()
    for size in (3, 2, 1):
        code = geo.state_code(" ".join(words[-size:])) if len(words) > size else None
        if code:
            return " ".join(words[:-size]), code
    return text, None
