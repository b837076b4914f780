"""An alert's search and frequency in plain words, for its pages and its emails.

Pure: a stored search (indexer.search.params.query_args) in, a sentence out. The person reading
an email weeks later has only these words to recognise what they asked for.
"""
from __future__ import annotations

from typing import Any, Mapping

from indexer.parsers import geo
from indexer.taxonomy import Taxonomy
from indexer import wording as formatting
from indexer.search.params import parse_query

#: How often, as the form offers it and as a sentence can say it.
FREQUENCIES = {
    "instant": ("As soon as we find them (we look every hour)", "as soon as we find them (we look every hour)"),
    "daily": ("Once a day", "at most once a day"),
    "weekly": ("Once a week", "at most once a week"),
}
POSTED_WITHIN = {1: "the past day", 3: "the past 3 days", 7: "the past week", 14: "the past 2 weeks",
                 30: "the past month"}


def frequency_label(frequency: str) -> str:
    return FREQUENCIES.get(frequency, (frequency,))[0]


def frequency_in_words(frequency: str) -> str:
    """'at most once a day': for 'We will email you new jobs ...'."""
    pair = FREQUENCIES.get(frequency)
    return pair[1] if pair else frequency


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def search_in_words(search: Mapping[str, Any], taxonomy: Taxonomy | None = None) -> str:
    """'Recovery coach jobs matching “crisis” within 25 miles of Dayton, OH (part-time, pay shown)'."""
    query = parse_query(search)
    if query.category:
        roles = [formatting.category_label(category, taxonomy) for category in query.category]
        head = _either([roles[0]] + [role[0].lower() + role[1:] for role in roles[1:]]) + " jobs"
    else:
        head = "All jobs" if query.include_non_peer else "Peer-support jobs"
    parts = [head]
    if query.q:
        parts.append(f"matching “{query.q}”")
    if query.where:
        is_state = "," not in query.where and geo.state_code(query.where) is not None
        parts.append(f"in {query.where}" if is_state else f"within {query.radius} miles of {query.where}")
    if query.state:
        parts.append("in " + _either([formatting.state_name(code) for code in query.state]))
    details = _details(query, taxonomy)
    sentence = " ".join(parts)
    return f"{sentence} ({', '.join(details)})" if details else sentence


def _details(query, taxonomy: Taxonomy | None) -> list[str]:
    details = []
    if query.employment_type:
        kinds = [(formatting.employment_type_in_words(kind) or kind).lower() for kind in query.employment_type]
        details.append(_either(kinds))
    if query.remote:
        details.append("remote only")
    if query.setting:
        details.append(_either([formatting.setting_label(setting, taxonomy).lower() for setting in query.setting]))
    if query.min_hourly:
        details.append(f"paying at least {formatting.money(query.min_hourly)} an hour")
    elif query.pay_disclosed:
        details.append("pay shown")
    if query.no_certification_required:
        details.append("no certification needed")
    if query.posted_within in POSTED_WITHIN:
        details.append(f"posted in {POSTED_WITHIN[query.posted_within]}")
    if query.include_closed:
        details.append("closed jobs too")
    return details
