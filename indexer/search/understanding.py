"""What a person typed into the search box, read as they meant it: the role names, synonyms and
credential abbreviations it contains (from the taxonomy and the credential lexicon), the filler
words that must not narrow the search ("jobs", "hiring", "near me"), and a place named in the box
("near Dayton").

Pure: the vocabulary is built from a Taxonomy, the lexicon's data and a stemmer; nothing here
reads a file or the index.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable

FILLER = frozenset({"job", "jobs", "hiring", "position", "positions", "opening", "openings", "work", "now",
                    "career", "careers", "vacancy", "vacancies", "apply", "today",
                    "empleo", "empleos", "trabajo", "trabajos", "puesto", "puestos", "vacante", "vacantes"})
NEAR_ME = re.compile(r"\b(?:near|around|close to)\s+me\b|\bnearby\b|\bcerca\s+de\s+m[ií]\b", re.I)
PLACE_AFTER = re.compile(r"\b(?:near|in|around|close to|cerca de|en)\s+([A-Za-z.'-]+(?:[\s,]+[A-Za-z.'-]+){0,3}|\d{5})[\s,]*$", re.I)
TOKEN = re.compile(r"[^\W_]+")  # letters and digits, accented ones too ("recuperación")
CREDENTIAL = re.compile(r"(?<![\w-])[A-Z]{3,6}(?![\w-])")
SHORT = 4  # letters; shorter words are matched as typed
NOT_CREDENTIALS = frozenset({"ACT", "USA", "VHA", "VAMC", "ADA", "EOE"})
#: The roles of config/credentials.yaml (its allowed_roles) as the taxonomy's categories.
CREDENTIAL_ROLES = {"adult": "peer_specialist", "family": "family_peer_advocate", "youth": "youth_peer_advocate",
                    "veteran": "veteran_peer_support", "recovery": "peer_recovery_coach",
                    "forensic": "forensic_peer_specialist"}


@dataclass(frozen=True)
class RoleVocabulary:
    """Stemmed phrases (tuples of stems) -> the role ids they name."""
    phrases: dict[tuple[str, ...], frozenset[str]]
    stem: Callable[[str], str]

    def word(self, word: str) -> str:
        """A word as phrases keep it: stemmed, except short ones (abbreviations: "cps" is not "cp")."""
        return word if len(word) <= SHORT else self.stem(word)

    @functools.cached_property
    def longest(self) -> int:
        return max((len(phrase) for phrase in self.phrases), default=0)


@dataclass(frozen=True)
class Understood:
    text: str  # the words that count toward matching and ranking, filler and place left out
    roles: tuple[tuple[str, frozenset[str]], ...] = ()  # (phrase as typed, role ids) per role named
    near_me: bool = False
    place: str = ""  # a place named after "near" or "in", for the caller to check

    @property
    def role_ids(self) -> frozenset[str]:
        return frozenset(role for _, roles in self.roles for role in roles)


def role_names(category) -> list[str]:
    """Every name of a role a person may type: its label, synonyms, their initials, credentials."""
    names = [*_label_names(category.label.lower()), *category.synonyms, *category.search_phrases]
    names += [initials for initials in map(_initials, category.synonyms) if initials]
    names += [word.lower() for word in CREDENTIAL.findall(category.about.get("certification", ""))
              if word not in NOT_CREDENTIALS]
    return list(dict.fromkeys(name.lower() for name in names))


def _label_names(label: str) -> list[str]:
    """A label, and each role it joins: "peer supervisor or lead" -> "peer supervisor", "peer lead"."""
    head, joined, tail = label.partition(" or ")
    if not joined or " " not in head:
        return [label]
    return [label, head, f"{head.rsplit(' ', 1)[0]} {tail}"]


def _initials(phrase: str) -> str:
    words = phrase.split()
    return "".join(word[0] for word in words) if len(words) >= 3 and all(w.isalpha() for w in words) else ""


def credential_names(lexicon: dict | None) -> dict[str, set[str]]:
    """Each abbreviation and name of the credential lexicon (three characters or more, lower
    case) -> the role ids of every credential it names, in any state."""
    found: dict[str, set[str]] = {}
    for credential in (lexicon or {}).get("credentials") or []:
        roles = {CREDENTIAL_ROLES[role] for role in credential.get("roles") or [] if role in CREDENTIAL_ROLES}
        for name in [*(credential.get("abbreviations") or []), credential.get("name") or ""]:
            if isinstance(name, str) and len(name.strip()) >= 3 and roles:
                found.setdefault(name.strip().lower(), set()).update(roles)
    return found


def folded(text: str) -> str:
    """Lower case without accents, as role phrases are matched: phones often leave them out
    ("recuperacion" is "recuperación")."""
    return "".join(char for char in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(char))


def build_vocabulary(categories: Iterable, stem: Callable[[str], str], lexicon: dict | None = None) -> RoleVocabulary:
    """The taxonomy's role names and the lexicon's credentials, as stemmed phrases; a phrase the
    taxonomy has keeps the taxonomy's roles ("certified peer specialist" is a peer specialist,
    though some states' credential of that name also covers family or youth work)."""
    as_typed = RoleVocabulary({}, stem)
    key = lambda name: tuple(as_typed.word(w) for w in TOKEN.findall(folded(name)) if w not in ("or", "and"))  # noqa: E731
    phrases: dict[tuple[str, ...], set[str]] = {}
    for category in categories:
        for name in role_names(category):
            phrases.setdefault(key(name), set()).add(category.id)
    for name, roles in credential_names(lexicon).items():
        if key(name) not in phrases:
            phrases[key(name)] = set(roles)
    phrases.pop((), None)
    return RoleVocabulary({phrase: frozenset(ids) for phrase, ids in phrases.items()}, stem)


def understand(text: str, vocabulary: RoleVocabulary, is_place: Callable[[str], bool] = lambda _: False,
               is_typed_place: Callable[[str], bool] = lambda _: False) -> Understood:
    """The search box read once: "near me" and a place taken out (after "in" or "near" when
    `is_place` accepts it, else closing the search when `is_typed_place` does), roles found,
    filler dropped."""
    near_me = bool(NEAR_ME.search(text))
    text = NEAR_ME.sub(" ", text)
    match = PLACE_AFTER.search(text)
    place = match.group(1).strip(" ,") if match else ""
    if place and is_place(place):
        text = text[:match.start()]
    else:
        text, place = _closing_place(text, vocabulary, is_typed_place)
    kept = _kept(text)
    return Understood(" ".join(kept), tuple(_roles(kept, vocabulary)), near_me, place)


def _kept(text: str) -> list[str]:
    return [word for word in TOKEN.findall(text) if word.lower() not in FILLER]


def _closing_place(text: str, vocabulary: RoleVocabulary, is_typed_place: Callable[[str], bool]) -> tuple[str, str]:
    """("peer specialist", "dayton oh") from "peer specialist dayton oh": the longest closing words
    that are a place, when words are left before them and no role name is cut."""
    words = text.split()
    roles = [phrase for phrase, _ in _roles(_kept(text), vocabulary)]
    for size in range(min(4, len(words) - 1), 0, -1):
        head, tail = " ".join(words[:-size]), " ".join(words[-size:]).strip(" ,")
        if _kept(head) and _kept(tail) and is_typed_place(tail) and \
                [phrase for phrase, _ in _roles(_kept(head), vocabulary)] == roles:
            return head, tail
    return text, ""


def _roles(words: list[str], vocabulary: RoleVocabulary) -> list[tuple[str, frozenset[str]]]:
    """Role phrases in the words, longest first at each position, without overlaps."""
    stems, found, at = [vocabulary.word(folded(word)) for word in words], [], 0
    while at < len(stems):
        for size in range(min(vocabulary.longest, len(stems) - at), 0, -1):
            roles = vocabulary.phrases.get(tuple(stems[at:at + size]))
            if roles:
                found.append((" ".join(words[at:at + size]), roles))
                at += size
                break
        else:
            at += 1
    return found
