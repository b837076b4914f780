"""A job description read as sentences, each tagged with the section it sits in.

"Requirements" and "Preferred" headings change what a bare line such as "CPRS certification"
means, so facets read sentences with their section. Equal-opportunity boilerplate
("without regard to ... veteran status") is left out: it says nothing about the job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Literal

Section = Literal["required", "preferred", None]

_SENTENCE_END = re.compile(r"([.!?;])\s+")
_BOILERPLATE_WORDS = ("opportunity", "eeo", "regard", "discriminat", "protected", "veteran status",
                      "affirmative", "accommodation")
_HEADING_PREFERRED = re.compile(r"prefer|desir|nice to have|bonus|plus|helpful|ideal")
_HEADING_REQUIRED = re.compile(r"qualif|require|must|need|who you are|what you bring|eligib")
_BOILERPLATE = re.compile(
    r"equal (employment )?opportunity|\beeo\b|without regard|discriminat|protected (veteran|class)"
    r"|veteran status|affirmative action|reasonable accommodation",
)
_HEADING_WORDS = re.compile(
    r"(minimum |required |preferred |desired |additional |key |essential )*"
    r"(qualifications|requirements|responsibilities|duties|what you('ll| will) (do|need|bring)|who you are"
    r"|what you bring|about (the|this|us)|benefits|pay|compensation|schedule|skills|education|experience"
    r"|preferred|nice to have|why join|the role|summary|overview|how to apply|essential functions)\b",
)
NEGATION = re.compile(r"\b(no|not|without|never|nor)\b|n't\b")
_NEGATION_WORDS = ("no", "never", "without", "n't")
#: Where a clause starts or ends: a negation beyond it is about something else.
_CLAUSE_MARK = re.compile(r"[,:()]|\s(?:but|however|although|though|and must|must also|while)\s")
#: "... is not required", "... isn't needed", "... not necessary": a negation after the thing.
_RULED_OUT_AFTER = re.compile(
    r"\W*(?:(?:is|are|was|will|would|be|does|do)\s*)*(?:not|n't|never)\s+(?:be\s+)?(?:required|needed|necessary|mandatory"
    r"|a (?:requirement|must))|\W*(?:is|are)\s+(?:optional|waived)")
_CURLY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u02bc": "'"})


@dataclass(frozen=True)
class Sentence:
    #: In lower case: every facet pattern is written for lower-case text.
    text: str
    section: Section


def sentences(description: str) -> list[Sentence]:
    """The description's sentences in order, boilerplate left out, headings setting the section."""
    found: list[Sentence] = []
    section: Section = None
    text = plain_quotes((description or "").lower())
    boilerplate = any(word in text for word in _BOILERPLATE_WORDS)
    for line in text.splitlines():
        line = line.strip(" \t-*•·")
        if not line:
            continue
        if _is_heading(line):
            section = _heading_section(line)
            continue
        for part in _split(line):
            if part and not (boilerplate and _BOILERPLATE.search(part)):
                found.append(Sentence(part, section))
    return found


def _split(line: str) -> list[str]:
    """The line cut after each sentence's closing mark, the mark kept."""
    pieces = _SENTENCE_END.split(line)
    return [text + end for text, end in zip(pieces[::2], pieces[1::2] + [""])]


def negated(text: str) -> bool:
    """NEGATION.search, skipped when none of its words can be in the text."""
    return any(word in text for word in _NEGATION_WORDS) and NEGATION.search(text) is not None


def negated_near(sentence: str, start: int, end: int) -> bool:
    """Is the thing at sentence[start:end] ruled out: a negation before it in its own clause
    ("no driver's license needed", "we do not require a background check") or a "not required"
    right after it? "A valid driver's license with no DUIs" is not."""
    if not negated(sentence):
        return False
    while end < len(sentence) and sentence[end].isalnum():  # the whole word: "drug test|ing is not required"
        end += 1
    before = sentence[:start]
    clause_start = max((mark.end() for mark in _CLAUSE_MARK.finditer(before)), default=0)
    return negated(before[clause_start:]) or _RULED_OUT_AFTER.match(sentence, end) is not None


def line_bounds(text: str, at: int) -> tuple[int, int]:
    """Where the line around `at` starts and ends (facets pass a description one sentence a line)."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, (end if end >= 0 else len(text))


def lines_holding(text: str, keywords: tuple[str, ...]) -> Iterator[str]:
    """Each line of `text` that holds one of the keywords (once per keyword), found by str.find:
    far cheaper than a pattern over every line, and facts run on every posting."""
    for keyword in keywords:
        found = text.find(keyword)
        while found >= 0:
            start, end = line_bounds(text, found)
            yield text[start:end]
            found = text.find(keyword, end)


def plain_quotes(text: str) -> str:
    """Typographic quotes and apostrophes as plain ones: "driver’s" reads as "driver's"."""
    return text.translate(_CURLY)


def _is_heading(line: str) -> bool:
    words = line.rstrip(":").split()
    if not 0 < len(words) <= 6 or line.endswith((".", "!", "?")) or ":" in line.rstrip(":"):
        return False
    return line.endswith(":") or bool(_HEADING_WORDS.match(line))


def _heading_section(line: str) -> Section:
    if _HEADING_PREFERRED.search(line):
        return "preferred"
    if _HEADING_REQUIRED.search(line):
        return "required"
    return None
