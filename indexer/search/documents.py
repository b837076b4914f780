"""A posting as the search index stores it: analyzed words, column values, the card a hit shows.

Pure: the analyzer comes from the engine module (indexer.search), which also owns the schema
these names must match.
"""
from __future__ import annotations


from indexer import benefits
from indexer.store.models import Posting
from indexer.cards import card_values, posting_card
from indexer.search.conditions import conditions_mask
from indexer.search.columns import CERTIFICATION_REQUIRED, OPEN, PAY, PEER, REMOTE
from indexer.search.text import HIGHLIGHT_CHARS, Analyzer

NAN = float("nan")


def stamp(posting: Posting) -> str:
    """changed_at + status: lets sync skip rows of its overlap window it already applied."""
    return f"{posting.changed_at.isoformat()}|{posting.status}"


def document(posting: Posting, analyzer: Analyzer) -> dict:
    """Every field of the index schema for one posting."""
    text, facets = posting.description_text or "", posting.facets if isinstance(posting.facets, dict) else {}
    settings = _settings(facets)
    here = posting.country in (None, "US")  # a posting abroad is in no US place, state or radius
    (title, title_words), (description, words) = analyzer.terms_and_words(posting.title or ""), analyzer.terms_and_words(text)
    return dict(
        id=str(posting.id), title=title, description=description, employer=analyzer.terms(posting.employer or ""),
        spell=title_words | words,
        flags=_flags(posting, facets), latitude=_number(posting.latitude if here else None),
        longitude=_number(posting.longitude if here else None),
        posted=_posted(posting), hourly=_number(_first(posting.pay_hourly_max, posting.pay_hourly_min)),
        monthly=_monthly(posting, facets).high, conditions=conditions_mask(facets),
        category=_code(posting.category), state=_code(posting.state if here else None),
        employment_type=_code(posting.employment_type),
        remote_area=_code(posting.remote_area if posting.remote else None),
        settings=" ".join(settings).encode(), card=_card(posting, settings, _monthly(posting, facets)),
        excerpt=text[:HIGHLIGHT_CHARS], stamp=stamp(posting),
    )


def _card(posting: Posting, settings: list[str], monthly: benefits.Span) -> dict:
    """The card's values, and the monthly pay at the posted hours when it is known."""
    return dict(card_values(posting_card(posting, settings)), **_monthly_card(monthly))


def _monthly(posting: Posting, facets: dict) -> benefits.Span:
    """Monthly pay at the posted hours (low and high); NaN for both when pay or hours is unknown."""
    pay, hours = benefits.span(posting.pay_hourly_min, posting.pay_hourly_max), benefits.hours_span(
        facets.get("hours_per_week"))
    return benefits.Span(NAN, NAN) if pay is None or hours is None else benefits.monthly_span(pay, hours)


def _monthly_card(monthly: benefits.Span) -> dict:
    known = monthly.high == monthly.high  # NaN is not equal to itself
    return dict(monthly_low=monthly.low, monthly_high=monthly.high) if known else {}


def _flags(posting: Posting, facets: dict) -> int:
    pay = (posting.pay_min, posting.pay_max, posting.pay_hourly_min, posting.pay_hourly_max,
           posting.pay_annual_min, posting.pay_annual_max)
    certification = facets.get("certification")
    required = isinstance(certification, dict) and certification.get("status") == "required"
    return ((PEER if posting.is_peer else 0) | (OPEN if (posting.status or "open") == "open" else 0)
            | (REMOTE if posting.remote else 0) | (PAY if any(v is not None for v in pay) else 0)
            | (CERTIFICATION_REQUIRED if required else 0))


def _settings(facets: dict) -> list[str]:
    values = facets.get("settings")
    return sorted({v for v in values if isinstance(v, str) and v and not v.split()[1:]}) if isinstance(values, list) else []


def _posted(posting: Posting) -> int:
    """Date posted, else the day the posting was first seen: what "posted within" and date order use."""
    day = posting.date_posted or (posting.first_seen.date() if posting.first_seen else None)
    return day.toordinal() if day else 0


def _first(*values):
    return next((value for value in values if value is not None), None)


def _number(value) -> float:
    return NAN if value is None else float(value)


def _code(value: str | None) -> bytes:
    return (value or "").encode()
