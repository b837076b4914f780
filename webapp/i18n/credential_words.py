"""A credential's plain rule texts on its state's page (indexer.taxonomy.credential_states) in the
page's language: the same words in English, each a whole message. A time to certify the lexicon
writes in its own words shows in English, marked, on a Spanish page (webapp/i18n/fields.py)."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l, ngettext

from indexer.taxonomy.credentials import NOT_STATED, Credential
from webapp.i18n.fields import Said, said

ROLE_WORDS = {
    "adult": _l("peer support for adults (mental health)"), "family": _l("support for parents and caregivers"),
    "youth": _l("peer support for youth and young adults"), "veteran": _l("peer support for veterans"),
    "recovery": _l("recovery support (substance use)"),
    "forensic": _l("peer support for people leaving jail or prison"),
}
MEDICAID_WORDS = {True: _l("Yes: the source says Medicaid billing for peer services asks for it"),
                  False: _l("No: the source says it does not count for Medicaid billing"), None: _l("not stated")}
STATUS_WORDS = {"legacy": _l("No longer issued, or being replaced"), "new": _l("New (started in 2025 or later)"),
                "provisional": _l("A time-limited first stage"), "trainee": _l("A time-limited trainee stage"),
                "proposed": _l("Proposed: not confirmed to exist yet")}
MONTHS = re.compile(r"(\d+) months?")


def roles_in_words(credential: Credential) -> str:
    return "; ".join(str(ROLE_WORDS[role]) for role in credential.roles if role in ROLE_WORDS) or str(
        MEDICAID_WORDS[None])


def medicaid_in_words(credential: Credential) -> str:
    return str(MEDICAID_WORDS[credential.medicaid_billing])


def status_in_words(credential: Credential) -> str:
    return str(STATUS_WORDS.get(credential.status or "", credential.status or ""))


def time_to_certify_words(credential: Credential) -> Said:
    """'12 months', 'not stated' in the page's language; the lexicon's own longer words as written."""
    text = credential.time_to_certify
    if text == NOT_STATED:
        return Said(str(MEDICAID_WORDS[None]))
    months = MONTHS.fullmatch(text)
    if months:
        count = int(months.group(1))
        return Said(ngettext("%(num)s month", "%(num)s months", count))
    return said(text, None)
