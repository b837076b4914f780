"""The lexicon's peer credentials per state, for a page per state: which states have them, each
credential's roles and Medicaid billing in plain words, and the words a search for it uses.

Pure: a Lexicon in, plain values out.
"""
from __future__ import annotations

from dataclasses import dataclass

from indexer.parsers.geo import STATES
from indexer.taxonomy.credentials import NOT_STATED, Credential, Lexicon

ROLE_WORDS = {
    "adult": "peer support for adults (mental health)", "family": "support for parents and caregivers",
    "youth": "peer support for youth and young adults", "veteran": "peer support for veterans",
    "recovery": "recovery support (substance use)", "forensic": "peer support for people leaving jail or prison",
}
MEDICAID_WORDS = {True: "Yes: the source says Medicaid billing for peer services asks for it",
                  False: "No: the source says it does not count for Medicaid billing", None: NOT_STATED}

STATUS_WORDS = {"legacy": "No longer issued, or being replaced", "new": "New (started in 2025 or later)",
                "provisional": "A time-limited first stage", "trainee": "A time-limited trainee stage",
                "proposed": "Proposed: not confirmed to exist yet"}


@dataclass(frozen=True)
class StateCredentials:
    code: str
    name: str
    count: int


def states_with_credentials(lexicon: Lexicon) -> tuple[StateCredentials, ...]:
    """Every state (and DC) the lexicon has credentials for, by name."""
    counts: dict[str, int] = {}
    for credential in lexicon.credentials:
        if credential.state in STATES:
            counts[credential.state] = counts.get(credential.state, 0) + 1
    found = (StateCredentials(code, STATES[code], count) for code, count in counts.items())
    return tuple(sorted(found, key=lambda state: state.name))


def state_credentials(lexicon: Lexicon, code: str) -> tuple[Credential, ...]:
    """The credentials the state issues, as the lexicon lists them; () for an unknown code."""
    code = code.upper()
    return tuple(c for c in lexicon.credentials if c.state == code and code in STATES)


def roles_in_words(credential: Credential) -> str:
    return "; ".join(ROLE_WORDS[role] for role in credential.roles if role in ROLE_WORDS) or NOT_STATED


def status_in_words(credential: Credential) -> str:
    """A word on a credential that is not simply active; "" for an active one."""
    return STATUS_WORDS.get(credential.status or "", credential.status or "")


def medicaid_in_words(credential: Credential) -> str:
    return MEDICAID_WORDS[credential.medicaid_billing]


def search_words(credential: Credential, lexicon: Lexicon) -> str:
    """What to type to find jobs that ask for it: its first clear abbreviation, else its name."""
    short = [a for a in credential.abbreviations if a.isupper() and " " not in a]
    clear = [a for a in short if not lexicon.is_ambiguous(a)]
    return (clear or short or [credential.name])[0]
