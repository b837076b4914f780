"""The peer credential lexicon (config/credentials.yaml) read into frozen, typed entries.

One entry per credential a state, DC, a national body or the VA issues. `Lexicon.lookup`
finds the credentials an abbreviation or spelling names ("CRPS-A", "crps a", "CPRS"),
optionally within one state. The classifier, the certification facet and search read it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foundation.shipped import read_yaml

CREDENTIALS_FILE = Path(__file__).resolve().parents[2] / "config" / "credentials.yaml"
NOT_STATED = "not stated"
ROLES = ("adult", "family", "youth", "veteran", "recovery", "forensic")
_MONTHS = re.compile(r"(\d+)\s*(months?|days?|years?)")
_DAYS_PER = {"month": 1, "day": 1 / 30, "year": 12}


class CredentialsError(ValueError):
    """The lexicon is unreadable or one of its entries is wrong."""


@dataclass(frozen=True)
class Credential:
    id: str
    #: Two-letter postal code of the issuing jurisdiction, or "US" (national and VA entries).
    state: str
    name: str
    abbreviations: tuple[str, ...]
    issuer: str
    roles: tuple[str, ...]
    #: True or False when the source says; None when it does not.
    medicaid_billing: bool | None
    time_to_certify: str
    source: str
    confirmed: bool
    agency: str | None = None
    #: Credential ids (or "IC&RC reciprocity") accepted toward this one or that it transfers to;
    #: () when the issuer says it accepts none; None when the lexicon does not know.
    reciprocity: tuple[str, ...] | None = None
    #: None when active; legacy, new, provisional, trainee or proposed (see the lexicon's header).
    status: str | None = None
    #: A plain Spanish rendering of the name, written for the lexicon (not an official name).
    name_es: str = ""

    @property
    def months_to_certify(self) -> int | None:
        """The time allowed after hire in whole months, when the entry states one."""
        return months_in(self.time_to_certify)


@dataclass(frozen=True, eq=False)
class Lexicon:
    credentials: tuple[Credential, ...]
    #: Abbreviations with common non-peer meanings (CPS is also Child Protective Services).
    ambiguous: frozenset[str] = frozenset()
    #: Umbrella abbreviations naming several credentials of one state (Oregon's THW).
    shared: frozenset[str] = frozenset()
    _by_key: dict[str, tuple[Credential, ...]] = field(default_factory=dict, repr=False)

    def lookup(self, abbreviation: str, state: str | None = None) -> tuple[Credential, ...]:
        """The credentials a spelling names; within `state` (and the national ones) when given."""
        found = self._by_key.get(spelling_key(abbreviation), ())
        if state:
            found = tuple(c for c in found if c.state in (state.upper(), "US"))
        return found

    def is_ambiguous(self, abbreviation: str) -> bool:
        return spelling_key(abbreviation) in self.ambiguous

    @functools.cached_property
    def short_forms(self) -> tuple[str, ...]:
        """Every all-capitals abbreviation (no spaces), longest first: what titles carry."""
        forms = {a for c in self.credentials for a in c.abbreviations if a.isupper() and " " not in a}
        return tuple(sorted(forms, key=lambda a: (-len(a), a)))


def spelling_key(text: str) -> str:
    """Case, spaces, hyphens and slashes ignored: "CRPS-A", "crps a" and "CRPSA" are one key."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def months_in(text: str) -> int | None:
    """ "12 months" -> 12, "90 days" -> 3, "2 years" -> 24; None when no period is stated."""
    match = _MONTHS.search(text or "")
    if not match:
        return None
    unit = match.group(2).rstrip("s")
    return max(1, round(int(match.group(1)) * _DAYS_PER[unit]))


def lexicon_or_none() -> Lexicon | None:
    """The shipped lexicon, or None when it cannot be read (the classifier then goes without)."""
    try:
        return load_credentials()
    except (OSError, ValueError):
        return None


@functools.lru_cache(maxsize=4)
def load_credentials(path: Path | str | None = None) -> Lexicon:
    """Read and check the lexicon once; a wrong entry raises CredentialsError naming it."""
    data, source = read_yaml(path, CREDENTIALS_FILE, CredentialsError, "the credential lexicon")
    return lexicon_from(data, str(source))


def lexicon_from(data: Any, where: str = "credentials") -> Lexicon:
    """The lexicon from parsed YAML: pure data in, frozen entries out."""
    if not isinstance(data, dict) or not isinstance(data.get("credentials"), list):
        raise CredentialsError(f"{where}: expected a mapping with a list of credentials")
    credentials = tuple(_credential(entry) for entry in data["credentials"])
    ambiguous = frozenset(spelling_key(str(entry.get("abbreviation") or ""))
                          for entry in data.get("ambiguous_abbreviations") or [] if isinstance(entry, dict))
    shared = frozenset(str(entry.get("abbreviation") or "").upper()
                       for entry in data.get("shared_abbreviations") or [] if isinstance(entry, dict))
    by_key: dict[str, list[Credential]] = {}
    for credential in credentials:
        for key in dict.fromkeys(spelling_key(a) for a in credential.abbreviations + (credential.name,)):
            by_key.setdefault(key, []).append(credential)
    return Lexicon(credentials, ambiguous, shared, {key: tuple(found) for key, found in by_key.items()})


def _credential(entry: Any) -> Credential:
    if not isinstance(entry, dict):
        raise CredentialsError(f"credentials: expected a mapping, got {entry!r}")
    ident = str(entry.get("id") or "?")
    missing = [key for key in ("id", "state", "name", "abbreviations", "roles", "source") if not entry.get(key)]
    roles = tuple(str(role) for role in entry.get("roles") or ())
    unknown = [role for role in roles if role not in ROLES]
    if missing or unknown:
        raise CredentialsError(f"credential {ident}: missing {missing}" if missing else
                               f"credential {ident}: unknown roles {unknown}")
    return Credential(
        id=ident, state=str(entry["state"]).upper(), name=str(entry["name"]),
        abbreviations=tuple(str(a) for a in entry["abbreviations"] if str(a).strip()),
        issuer=str(entry.get("issuer") or NOT_STATED), roles=roles,
        medicaid_billing=entry.get("medicaid_billing") if isinstance(entry.get("medicaid_billing"), bool) else None,
        time_to_certify=str(entry.get("time_to_certify") or NOT_STATED), source=str(entry["source"]),
        confirmed=entry.get("confirmed") is True, agency=entry.get("agency"),
        reciprocity=_reciprocity(entry.get("reciprocity"), ident),
        status=str(entry["status"]) if entry.get("status") else None,
        name_es=str(entry.get("name_es") or "").strip(),
    )


def _reciprocity(value: Any, ident: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise CredentialsError(f"credential {ident}: reciprocity must be a list")
    return tuple(str(item) for item in value)
