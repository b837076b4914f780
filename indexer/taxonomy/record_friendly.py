"""Does a posting say a criminal record is no automatic bar? Read from lower-case text, one
sentence a line.

Either a phrase that says it whole ("second chance employer", "fair chance", waivers), or, in one
sentence, a record ("conviction histories", "people who have been incarcerated", "antecedentes
penales") and words that welcome or weigh it ("are encouraged to apply", "considered case by case",
"won't automatically rule you out"). "Must pass a background check" alone says nothing of the kind,
and "no felony convictions" says the opposite.
"""
from __future__ import annotations

import re

_WHOLE = re.compile(
    r"second[\s-]chance|fair[\s-]chance|ban the box|background waivers?|waivers? (?:are |is )?(?:available|possible)"
    r"|justice[\s-]involved (?:people|individuals|applicants|candidates|persons) (?:are )?(?:encouraged|welcome)"
    r"|(?:we )?hire people with (?:criminal )?records")
#: A record, of the applicant's past: not a driving, medical or electronic one.
_RECORD = re.compile(
    r"(?<!driving )(?<!clean )\b(?:an?|with|have|has|having|your|prior|past|criminal|arrest|conviction)\s+(?:criminal\s+)?"
    r"records?\b(?! check)|\brecords? (?:is|are|won't|will not|doesn't|does not|do not|may)\b|returning citizen"
    r"|conviction|criminal (?:history|histories|background|justice)|\barrests?\b|felon"
    r"|incarcerat|justice[\s-]involve|justice system|legal system|less-than-perfect past|antecedentes penales")
_WELCOMED = re.compile(
    r"encourag|welcom|bienvenid|(?:will be |are |is )?considered|consider (?:applicants|people|candidates)"
    r"|case[\s-]by[\s-]case|individual(?:ly| basis|ized)|evaluat\w* each|reviewed"
    r"|(?:not|n't|never) (?:be )?(?:an? )?(?:automatic(?:ally)?|necessarily)? ?(?:disqualif|exclude|bar|barrier|rule"
    r"|prohibit|prevent)|not an automatic|may (?:still )?apply|pueden (?:aplicar|solicitar)|se aceptan"
    r"|valued|(?:strongly )?preferred|\bis ok(?:ay)?\b|\bare ok(?:ay)?\b|we hire|proud to hire"
    r"|regardless of|can (?:still )?apply")
#: "...will not be considered", "must have no convictions": a record as a bar.
_BARRED = re.compile(r"(?:will not|won't|cannot|can't|not) be (?:considered|eligible|hired)|\bno (?:felony|criminal)"
                     r"|(?:are|is) (?:not|in)eligible|ineligible|\bno (?:\w+ ){0,2}(?:history|convictions?|records?) of"
                     r"|must not have been (?:convicted|charged)|(?:will|shall) (?:be )?disqualif"
                     r"|free (?:of|from) (?:any )?(?:criminal|felony|conviction)|must not have")
KEYWORDS = ("chance", "justice", "record", "conviction", "criminal", "arrest", "felon", "incarcerat", "waiver",
            "ban the box", "legal system", "antecedentes", "past", "returning citizen")


def record_friendly(text: str) -> bool:
    return any(_says_welcome(line) for line in text.split("\n") if any(word in line for word in KEYWORDS))


def _says_welcome(sentence: str) -> bool:
    if _WHOLE.search(sentence):
        return True
    record = _RECORD.search(sentence)
    return bool(record and _WELCOMED.search(sentence) and not _BARRED.search(sentence))
