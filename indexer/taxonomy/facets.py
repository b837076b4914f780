"""What a peer filters on, read from a posting's title and description.

Every key of the facets dict is always present (the shape is a shared contract):
certification {status, names, months}, lived_experience, populations, settings, paid, bilingual,
languages, seniority, and the facts of indexer.taxonomy.facts: hours_per_week, schedule,
requirements, education, record_friendly, recovery_months. Patterns are compiled once; this runs on every crawled posting.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from typing import Any

from indexer.taxonomy.certification import (
    about_peer_credential, follow_up_status, lexicon_names, sentence_statuses, status_of,
)
from indexer.taxonomy.classify import classify
from indexer.taxonomy.credentials import lexicon_or_none
from indexer.taxonomy.display_title import display_title
from indexer.taxonomy.facts import job_facts
from indexer.taxonomy.fastmatch import Matcher
from indexer.taxonomy.vocabulary import Taxonomy, load_taxonomy
from indexer.parsers.text_sections import Sentence, negated, sentences

CERTIFICATIONS = {
    "CPRS": r"\bcprs\b|certified peer recovery specialist", "CRSS": r"\bcrss\b",
    "CRPA": r"\bcrpa\b|certified recovery peer advocate", "NCPS": r"\bncps\b|national certified peer",
    "CRPS": r"\bcrps\b|certified recovery peer specialist", "CPC": r"\bcpc\b|certified peer counsel",
    "CRS": r"\bcrs\b|certified recovery specialist", "CPSS": r"\bcpss\b",
    "CPS": r"\bcps\b(?! (investigat|worker|case))|certified peer (support )?specialist",
    "FPA": r"\bfpa\b|family peer advocate credential", "YPA": r"\bypa\b|youth peer advocate credential",
    "VA": r"\bva[\s-]approved|approved by the va|\bva\b (peer )?(certification|training)",
    "state": r"\bstate[\s-](certifi|credential|approved)|certified by the state|certification board"
             r"|traditional health worker|\b(ohio|oregon|illinois|new york|texas|florida|pennsylvania|washington"
             r"|california|maryland|colorado|massachusetts|north carolina)\b[\w\s]{0,40}(certif|credential)",
}
#: The facet's status names: "obtain" is a credential that can be earned after hire.
STATUS_NAMES = {"after_hire": "obtain", "required": "required", "preferred": "preferred", "none": "none"}
_NAMED = {name: Matcher(pattern) for name, pattern in CERTIFICATIONS.items()}
_PEER_WORD = re.compile(r"peer|recovery|family|youth|support specialist|counsel|coach|advocate|navigator"
                        r"|health worker")
_PREFERRED = re.compile(r"prefer|a plus|desired|desirable|ideal|helpful|nice to have|encouraged|bonus")

_LIVED = Matcher(
    r"lived (or living )?experience|living experience|personal (lived )?experience|in (long[\s-]term |"
    r"sustained )?recovery\b|own recovery|self[\s-]identif|must be a veteran|veterans? (only|required)"
    r"|parent or (primary )?caregiver|raised a child|raising a child|as a young person|identif(y|ies) as")
LIVED_DOMAINS = {
    "mental_health": r"mental (health|illness)|psychiatric|emotional|behavioral health|co-occurring",
    "substance_use": r"substance|addiction|alcohol|\bdrugs?\b|opioid|\bsud\b|co-occurring",
    "family": r"\bparent|caregiver|family member|raised a child|raising a child",
    "youth": r"young person|as a (youth|teen|young)|\byouth\b|young adult|child welfare|foster care",
    "veteran": r"\bveteran|military",
    "justice": r"justice|incarcerat|\bjail|\bprison|criminal|\barrest|legal system|conviction|\brecord\b",
}
POPULATIONS = {
    "adults": r"\badults?\b(?![\s-]*(program|children))", "youth": r"\byouth|adolescent|\bteens?\b|young adult|transition[\s-]age",
    "veterans": r"\bveterans?\b|military", "families": r"\bfamil(y|ies)\b(?! medicine)|\bparents\b|caregivers",
    "homeless": r"homeless|unhoused|unsheltered", "justice_involved": r"justice[\s-]involved|re-?entry|incarcerat|probation|parole",
    "lgbtq": r"lgbt|queer|transgender|two[\s-]spirit", "older_adults": r"older adults|seniors\b|aging adults",
    "women": r"\bwomen\b|women's", "pregnant_postpartum": r"pregnan|postpartum|perinatal",
    "people_who_use_drugs": r"harm reduction|people who use drugs|overdose",
}
LANGUAGES = ("spanish", "mandarin", "cantonese", "chinese", "vietnamese", "korean", "russian", "ukrainian",
             "arabic", "haitian creole", "french", "portuguese", "tagalog", "somali", "hmong", "polish",
             "amharic", "farsi", "hindi", "japanese", "navajo", "american sign language")
_LANGUAGE = re.compile(r"\b(" + "|".join(LANGUAGES) + r"|asl)\b")
_BILINGUAL = re.compile(r"bilingual|fluen(t|cy)|proficien|\bspeaks?\b|language (skills|ability)|"
                        r"\b(" + "|".join(LANGUAGES) + r"|asl)\b[\s-]*(required|preferred|a plus)")
_MAY_BE_BILINGUAL = Matcher("|".join(("bilingual", "fluen", "proficien", "speak", "language", "asl") + LANGUAGES))
_VOLUNTEER_TITLE = re.compile(r"\bvolunteer\b(?![\s-]*(coordinator|manager|supervisor|services))")
_VOLUNTEER_TEXT = Matcher(r"volunteer (position|role|opportunity)|unpaid")
_PAID_TEXT = Matcher(r"per hour|hourly|salary|\bwages?\b|benefits|paid time off|\bpto\b|401|stipend")
SENIORITY_TITLE = (
    ("supervisor", r"supervisor|(?<!case )(?<!care )manager|director|(?<!care )coordinator"),
    ("lead", r"\blead\b"),
    ("experienced", r"\bsenior\b|\bsr\b\.?|\b(ii|iii|iv)\b|level (2|3|ii|iii)|\bexperienced\b"),
    ("entry", r"trainee|apprentice|\bintern(ship)?\b|entry[\s-]level|\bassociate\b|(?-i:\bI\b)"),
)
_SENIORITY_TITLE = tuple((level, re.compile(pattern, re.IGNORECASE)) for level, pattern in SENIORITY_TITLE)
_ENTRY_TEXT = Matcher(r"entry level|entry-level|no experience (is )?(required|necessary|needed)"
                      r"|no prior experience|no previous experience")
_YEARS = re.compile(r"year")
_YEARS_BEFORE = re.compile(r"\b([2-9]|two|three|four|five)\+?\s*(or more\s*)?$")


def extract_facets(title: str, description: str = "", pay_known: bool = False,
                   taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """The facets dict for one posting; every key present, empty or "unknown" when not stated."""
    taxonomy = taxonomy or load_taxonomy()
    title, description = title or "", description or ""
    read = sentences(description)
    body = " \n".join(sentence.text for sentence in read)
    both, original = f"{title.lower()}\n{body}", f"{title}\n{description}"
    bilingual, languages = _languages(title.lower(), read, body)
    return {
        "certification": certification(title.lower(), read, body),
        "lived_experience": lived_experience(read, body),
        "populations": [name for name, matcher in _POPULATIONS.items() if matcher.search(both)],
        "settings": [setting.id for setting in taxonomy.settings
                     if any(matcher.search(both, original) for matcher in setting.patterns)],
        "paid": _paid(title, body, pay_known),
        "bilingual": bilingual,
        "languages": languages,
        "seniority": seniority(title, body),
        **job_facts(title.lower(), body),
    }


_POPULATIONS = {name: Matcher(pattern) for name, pattern in POPULATIONS.items()}
_LIVED_DOMAINS = {name: Matcher(pattern) for name, pattern in LIVED_DOMAINS.items()}
_CERT_WORDS = ("certif", "credential", "cprs", "crss", "crpa", "ncps", "crps", "cpc", "crs", "cpss", "cps",
               "fpa", "ypa", "health worker", "carc", "prs", "pss", "pws", "cfp", "psp", "crsw", "cfss", "mhps")


_CERT_MENTION = Matcher("|".join(_CERT_WORDS))


@functools.cache
def _lexicon_forms() -> tuple[str, ...]:
    """The lexicon's distinctive abbreviations (lower case) that the certification words miss."""
    lexicon = lexicon_or_none()
    forms = {form.lower() for form in (lexicon.short_forms if lexicon else ()) if len(form) >= 3}
    return tuple(sorted(form for form in forms if not any(word in form for word in _CERT_WORDS)
                        and (len(form) >= 4 or form == "thw") and not lexicon.is_ambiguous(form)))


def _certification_sentences(read: list[Sentence], body: str) -> list[Sentence]:
    """Sentences naming a certification word or a lexicon abbreviation, in order."""
    found = _sentences_with(_CERT_MENTION, read, body)
    extra = [form for form in _lexicon_forms() if form in body]
    if not extra:
        return found
    held = set(map(id, found))
    return [s for s in read if id(s) in held or any(form in s.text for form in extra)]


def certification(title: str, read: list[Sentence], body: str) -> dict[str, Any]:
    """Which credentials are named, whether the job requires, prefers or lets you earn one after
    hire ("obtain"), and the months it allows for that when stated."""
    names = {name for name, pattern in _NAMED.items() if pattern.search(title)}
    found: list[tuple[str, int | None]] = []
    following = {id(sentence): after for sentence, after in zip(read, read[1:])}
    peer_title = "peer" in title.lower()
    for sentence in _certification_sentences(read, body):
        if not _is_certification(sentence.text, peer_title) or not about_peer_credential(sentence.text):
            continue
        names.update(name for name, pattern in _NAMED.items() if pattern.search(sentence.text))
        names.update(name for name in lexicon_names(sentence.text) if name not in names)
        found += sentence_statuses(sentence.text, sentence.section)
        after = following.get(id(sentence))
        found += [status for status in (follow_up_status(after.text) if after else None,) if status]
    if found:
        status, months = status_of(found)
        return {"status": STATUS_NAMES[status], "names": sorted(names), "months": months}
    title_names = any(pattern.search(title) for pattern in _NAMED.values())
    return {"status": "required" if title_names else "preferred" if names else "none",
            "names": sorted(names), "months": None}


def _sentences_with(matcher: Matcher, read: list[Sentence], body: str) -> list[Sentence]:
    """Sentences holding a match; body is the sentences joined by " \\n", which no pattern here spans.

    A match holds one of its branch's literals, so only sentences holding one are searched. A
    sentence repeated in the same section is given once: every caller collects into sets."""
    if not matcher.may_match(body):
        return []
    starts = list(itertools.accumulate((len(s.text) + 2 for s in read[:-1]), initial=0))
    if matcher.hints is None:
        hits = {bisect.bisect_right(starts, match.start()) - 1 for match in matcher.regex.finditer(body)}
        return [read[index] for index in sorted(hits)]
    held = set()
    for literal in _locators(matcher):
        found = body.find(literal)
        while found >= 0:
            index = bisect.bisect_right(starts, found) - 1
            held.add(index)
            found = body.find(literal, starts[index + 1]) if index + 1 < len(starts) else -1
    distinct = dict.fromkeys(read[index] for index in sorted(held))
    return [sentence for sentence in distinct if matcher.regex.search(sentence.text)]


@functools.cache
def _locators(matcher: Matcher) -> tuple[str, ...]:
    """One literal per branch, the longest: every match holds one of them."""
    return tuple(dict.fromkeys(max(needed, key=len) for needed in matcher.hints))


def _is_certification(text: str, peer_title: bool = False) -> bool:
    """A sentence about a peer credential (not CPR, not a driver's license); in a posting whose title
    says "peer", "certification" alone is the peer credential."""
    if not any(word in text for word in _CERT_WORDS):
        return bool(lexicon_names(text))
    if ("certif" in text or "credential" in text) and (peer_title or _PEER_WORD.search(text)):
        return True
    return any(matcher.search(text) for matcher in _NAMED.values()) or bool(lexicon_names(text))


def lived_experience(read: list[Sentence], body: str) -> list[str]:
    """Kinds of lived experience a posting asks for (not ones it only prefers or rules out)."""
    found: set[str] = set()
    for sentence in _sentences_with(_LIVED, read, body):
        if sentence.section == "preferred":
            continue
        if negated(sentence.text) or _PREFERRED.search(sentence.text):
            continue
        found.update(name for name, pattern in _LIVED_DOMAINS.items() if pattern.search(sentence.text))
    return [name for name in LIVED_DOMAINS if name in found]


def seniority(title: str, body: str) -> str:
    for level, pattern in _SENIORITY_TITLE:
        if pattern.search(title):
            return level
    if _ENTRY_TEXT.search(body):
        return "entry"
    return "experienced" if _years_of_experience(body) else "unknown"


def _years_of_experience(body: str) -> bool:
    """"2 years of peer experience", "three or more years' experience": two years or more."""
    for match in _YEARS.finditer(body):
        start = match.start()
        if "experience" in body[start:start + 60] and _YEARS_BEFORE.search(body[max(0, start - 16):start]):
            return True
    return False


def _languages(title: str, read: list[Sentence], body: str) -> tuple[bool, list[str]]:
    """Languages the job asks for; "Spanish-speaking families" alone says who is served, not more."""
    asked = [sentence.text for sentence in _sentences_with(_MAY_BE_BILINGUAL, read, body)]
    texts = [title] + [text for text in asked if _BILINGUAL.search(text) and not negated(text)]
    found = {_language_id(m.group(0)) for text in texts for m in _LANGUAGE.finditer(text)}
    bilingual = bool(found) or any("bilingual" in text for text in texts)
    return bilingual, sorted(found)


def _language_id(name: str) -> str:
    return "american_sign_language" if name in ("asl", "american sign language") else name.replace(" ", "_")


def _paid(title: str, body: str, pay_known: bool) -> str:
    if _VOLUNTEER_TITLE.search(title.lower()) or _VOLUNTEER_TEXT.search(body):
        return "volunteer"
    text = f"{title.lower()}\n{body}"
    return "paid" if pay_known or "$" in text or _PAID_TEXT.search(text) else "unknown"


def peer_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """category, is_peer, classification, facets and display title for a posting's normalized fields.

    normalize and renormalize both call this, so a re-run gives what a fresh crawl would."""
    title, description = fields.get("title") or "", fields.get("description_text") or ""
    verdict = classify(title, description, employer=fields.get("employer") or "")
    pay_known = fields.get("pay_min") is not None or fields.get("pay_max") is not None
    return {"category": verdict.category, "is_peer": verdict.is_peer, "classification": verdict.rule,
            "facets": extract_facets(title, description, pay_known=pay_known), "display_title": display_title(title)}
