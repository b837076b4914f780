"""Facts from config/ that carry their Spanish beside the English (`about_es`, `name_es`, ...):
the page's language picks one; a Spanish page with no Spanish for a field shows the English,
marked `lang="en"` and followed by "(en inglés)", so nothing passes for Spanish that is not."""
from __future__ import annotations

from dataclasses import dataclass

from flask import g


@dataclass(frozen=True)
class Said:
    text: str
    #: Shown in English on a Spanish page because the Spanish is missing.
    in_english: bool = False


def said(english: str | None, spanish: str | None) -> Said:
    if (g.get("lang") or "en") != "es":  # the page's language (webapp.i18n.page_language)
        return Said(english or "")
    if spanish:
        return Said(spanish)
    return Said(english or "", in_english=bool(english))


def said_of(english: dict, spanish: dict | None, key: str) -> Said:
    """A field of a mapping (a role's `about`) beside its Spanish mapping (`about_es`)."""
    return said(english.get(key), (spanish or {}).get(key))


FILTERS = {"said": said, "said_of": said_of}
