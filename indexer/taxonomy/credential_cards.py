"""Short cards about the credentials a posting names: what each is, who issues it, whether the
job lets you earn it after hire and in how long, and how it maps to other states' credentials.

Pure: the posting's certification facet (indexer.taxonomy.facets: status, names, months) and
its state in, frozen cards out; the lexicon (config/credentials.yaml) says the rest, and
"not stated" stands where neither the posting nor the lexicon says.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from indexer.parsers.geo import STATES
from indexer.taxonomy.credentials import NOT_STATED, Credential, Lexicon, lexicon_or_none

MAX_CARDS = 3
ICRC = "IC&RC reciprocity"
#: What a card says of IC&RC reciprocity, in plain words.
ICRC_WORDS = ("It follows IC&RC standards: if you move, boards that also belong to IC&RC "
              "(the International Certification & Reciprocity Consortium) can transfer it.")


@dataclass(frozen=True)
class CredentialCard:
    credential_id: str
    name: str
    abbreviation: str  # as the posting names it
    issuer: str
    state: str  # postal code, or US for national and VA credentials
    where: str  # "Pennsylvania", "National", "U.S. Department of Veterans Affairs"
    earn_after_hire: bool
    time_to_earn: str  # "within 6 months (the posting)", "12 months", "not stated"
    reciprocity: tuple[str, ...]  # other credentials it maps to, by name and place
    icrc: bool
    accepts_none: bool  # the issuer says it accepts no other state's credential
    source: str
    name_es: str = ""  # the lexicon's plain Spanish rendering, shown beside the official name

    @property
    def check_with_board(self) -> bool:
        """The lexicon does not know how it maps to other states' credentials."""
        return not (self.reciprocity or self.icrc or self.accepts_none)

    @property
    def icrc_note(self) -> str:
        return ICRC_WORDS if self.icrc else ""


def jurisdiction_name(credential: Credential) -> str:
    if credential.agency == "va":
        return "U.S. Department of Veterans Affairs"
    return "National" if credential.state == "US" else STATES.get(credential.state, credential.state)


def credential_cards(certification: Mapping[str, Any] | None, state: str | None,
                     lexicon: Lexicon | None, limit: int = MAX_CARDS) -> tuple[CredentialCard, ...]:
    """A card per credential the posting names (those of its state first), at most `limit`."""
    if not certification or lexicon is None:
        return ()
    found: dict[str, tuple[str, Credential]] = {}
    for name in certification.get("names") or ():
        for credential in named_credentials(str(name), state, lexicon):
            found.setdefault(credential.id, (str(name), credential))
    ordered = sorted(found.values(), key=lambda pair: pair[1].state == "US")[:limit]
    return tuple(card_for(credential, name, certification, lexicon) for name, credential in ordered)


def posting_cards(posting: Any) -> tuple[CredentialCard, ...]:
    """The cards for a stored posting, from its certification facet and its state."""
    facets = getattr(posting, "facets", None) or {}
    return credential_cards(facets.get("certification"), getattr(posting, "state", None), lexicon_or_none())


def named_credentials(name: str, state: str | None, lexicon: Lexicon) -> tuple[Credential, ...]:
    """The state's credentials a name means, else the national ones; none without a state
    (one abbreviation names different credentials in different states)."""
    if not state:
        return tuple(c for c in lexicon.lookup(name) if c.state == "US")
    found = lexicon.lookup(name, state)
    local = tuple(c for c in found if c.state == state.upper())
    return local or found


def card_for(credential: Credential, named: str, certification: Mapping[str, Any],
             lexicon: Lexicon) -> CredentialCard:
    earn_after = certification.get("status") == "obtain"
    reciprocity = credential.reciprocity
    return CredentialCard(
        credential_id=credential.id, name=credential.name, abbreviation=named, issuer=credential.issuer,
        state=credential.state, where=jurisdiction_name(credential), earn_after_hire=earn_after,
        time_to_earn=time_to_earn(certification.get("months") if earn_after else None, credential),
        reciprocity=mapped_names(reciprocity or (), lexicon), icrc=ICRC in (reciprocity or ()),
        accepts_none=reciprocity == (), source=credential.source, name_es=credential.name_es,
    )


def time_to_earn(months: Any, credential: Credential) -> str:
    """The posting's own time when it gives one, else the lexicon's, else "not stated"."""
    if isinstance(months, int) and not isinstance(months, bool) and months > 0:
        return f"within {months} month{'s' if months != 1 else ''}, the posting says"
    usual = credential.time_to_certify
    return f"usually {usual}" if usual and usual != NOT_STATED else NOT_STATED


def mapped_names(items: tuple[str, ...], lexicon: Lexicon) -> tuple[str, ...]:
    """Reciprocity ids as "Name (Place)"; ids the lexicon lacks are left out."""
    by_id = {credential.id: credential for credential in lexicon.credentials}
    known = (by_id[item] for item in items if item in by_id)
    return tuple(f"{c.name} ({jurisdiction_name(c)})" for c in known)
