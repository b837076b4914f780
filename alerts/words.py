"""An alert's search and frequency in plain words, for its pages and its emails, in the alert's
language (alerts.language; English when no Speech is given).

Pure: a stored search (indexer.search.params.query_args) in, a sentence out. The person reading
an email weeks later has only these words to recognise what they asked for. Each piece is one
whole phrase of the catalog; lists of roles or states are joined by Babel for the language.
"""
from __future__ import annotations

from typing import Any, Mapping

from babel.lists import format_list

from alerts.language import ENGLISH, N_, Speech
from indexer.parsers import geo
from indexer.taxonomy import Taxonomy
from indexer import wording as formatting
from indexer.search.params import parse_query

#: How often, as the form offers it and as a sentence can say it.
FREQUENCIES = {
    "instant": (N_("As soon as we find them (we look every hour)"), N_("as soon as we find them (we look every hour)")),
    "daily": (N_("Once a day"), N_("at most once a day")),
    "weekly": (N_("Once a week"), N_("at most once a week")),
}
POSTED_WITHIN = {1: N_("posted in the past day"), 3: N_("posted in the past 3 days"), 7: N_("posted in the past week"),
                 14: N_("posted in the past 2 weeks"), 30: N_("posted in the past month")}


def frequency_label(frequency: str, speech: Speech = ENGLISH) -> str:
    pair = FREQUENCIES.get(frequency)
    return speech.gettext(pair[0]) if pair else frequency


def frequency_in_words(frequency: str, speech: Speech = ENGLISH) -> str:
    """'at most once a day': for 'We will email you new jobs ...'."""
    pair = FREQUENCIES.get(frequency)
    return speech.gettext(pair[1]) if pair else frequency


def _either(words: list[str], speech: Speech) -> str:
    return format_list(words, style="or", locale=speech.locale)


def _lower_first(text: str) -> str:
    """'Recovery coach' -> 'recovery coach'; initials stay: 'VA peer support'."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def _head(query, taxonomy: Taxonomy | None, speech: Speech) -> str:
    if not query.category:
        return speech.gettext("All jobs") if query.include_non_peer else speech.gettext("Peer-support jobs")
    roles = [_lower_first(speech.gettext(formatting.category_label(category, taxonomy))) for category in query.category]
    sentence = speech.gettext("%(roles)s jobs", roles=_either(roles, speech))
    return sentence[:1].upper() + sentence[1:]


def _where(query, speech: Speech) -> list[str]:
    parts = []
    if query.where:
        is_state = "," not in query.where and geo.state_code(query.where) is not None
        parts.append(speech.gettext("in %(place)s", place=query.where) if is_state else speech.gettext(
            "within %(miles)s miles of %(place)s", miles=speech.number(query.radius), place=query.where))
    if query.state:
        states = _either([formatting.state_name(code) for code in query.state], speech)
        parts.append(speech.gettext("in %(place)s", place=states))
    return parts


def search_in_words(search: Mapping[str, Any], taxonomy: Taxonomy | None = None, speech: Speech = ENGLISH) -> str:
    """'Recovery coach jobs matching “crisis” within 25 miles of Dayton, OH (part-time, pay shown)'."""
    query = parse_query(search)
    parts = [_head(query, taxonomy, speech)]
    if query.q:
        parts.append(speech.gettext("matching “%(text)s”", text=query.q))
    parts += _where(query, speech)
    details = _details(query, taxonomy, speech)
    sentence = " ".join(parts)
    return f"{sentence} ({', '.join(details)})" if details else sentence


def _details(query, taxonomy: Taxonomy | None, speech: Speech) -> list[str]:
    details = []
    if query.employment_type:
        kinds = [speech.gettext(formatting.employment_type_in_words(kind) or kind).lower()
                 for kind in query.employment_type]
        details.append(_either(kinds, speech))
    if query.remote:
        details.append(speech.gettext("remote only"))
    if query.setting:
        details.append(_either([_lower_first(speech.gettext(formatting.setting_label(setting, taxonomy)))
                                for setting in query.setting], speech))
    if query.min_hourly:
        details.append(speech.gettext("paying at least %(pay)s an hour", pay=speech.money(query.min_hourly)))
    elif query.pay_disclosed:
        details.append(speech.gettext("pay shown"))
    if query.no_certification_required:
        details.append(speech.gettext("no certification needed"))
    if query.posted_within in POSTED_WITHIN:
        details.append(speech.gettext(POSTED_WITHIN[query.posted_within]))
    if query.include_closed:
        details.append(speech.gettext("closed jobs too"))
    return details
