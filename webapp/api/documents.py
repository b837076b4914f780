"""The API's JSON documents, built from search results and stored postings. No Flask here
except url_for, so the shapes can be read side by side with openapi.yaml."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from flask import url_for

from indexer.cards import pay_shown
from indexer.parsers.geo import Place
from indexer.store.models import Posting
from indexer.parsers.places import PlaceSuggestion
from indexer.search.query import Hit, SearchQuery, SearchResults
from indexer.search.conditions import FACET_NAMES as CONDITION_FACETS, holding as condition_holding
from indexer.taxonomy import Category, Taxonomy
from indexer.taxonomy.conditions import Conditions, words as condition_words
from indexer.wording import category_label, employment_type_in_words, setting_label, state_name
from webapp.api.checks import SEARCH_PARAMETERS
from webapp.postings.content import apply_link, safe_description
from webapp.search.conditions_filters import LIST_GROUPS, SWITCHES
from indexer.search.params import query_args

#: Labels of the conditions' facet values, as the results page words them.
CONDITION_LABELS = {**{name: labels for name, _title, labels in LIST_GROUPS}, "conditions": SWITCHES}


def when(moment: date | datetime | None) -> str | None:
    """ISO 8601; stored datetimes are naive UTC, so they get a Z."""
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return moment.replace(microsecond=0).isoformat() + "Z"
    return moment.isoformat()


def query_json(query: SearchQuery) -> dict[str, Any]:
    """The search as it ran, after defaults and clamping."""
    values = {name: getattr(query, name) for name in SEARCH_PARAMETERS}
    return {name: list(value) if isinstance(value, tuple) else value for name, value in values.items()}


def address(endpoint: str, query: SearchQuery, **changes: Any) -> str:
    arguments = urlencode(query_args(query, **changes), doseq=True)
    return url_for(endpoint) + (f"?{arguments}" if arguments else "")


def links_json(results: SearchResults) -> dict[str, str | None]:
    query, page = results.query, results.page
    return {
        "self": address("api.jobs", query),
        "next": address("api.jobs", query, page=page + 1) if page < results.pages else None,
        "prev": address("api.jobs", query, page=page - 1) if 1 < page <= results.pages + 1 else None,
        "html": address("search.results", query),
    }


def hit_json(hit: Hit, taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "id": hit.id, "title": hit.title, "employer": hit.employer,
        "city": hit.city, "state": hit.state, "remote": hit.remote, "place": hit.place,
        "category": hit.category, "category_label": category_label(hit.category, taxonomy) or None,
        "employment_type": hit.employment_type,
        "pay_hourly_min": hit.pay.hourly_min, "pay_hourly_max": hit.pay.hourly_max, "pay": hit.pay.words or None,
        "date_posted": when(hit.posted), "last_seen": when(hit.last_verified),
        "distance_miles": hit.distance_miles, "setting": list(hit.setting), "snippet": hit.snippet,
        "conditions": condition_holding(hit.conditions),
        "url": url_for("api.job", job_id=hit.id), "html_url": url_for("postings.show", posting_id=hit.id),
    }


def facet_label(name: str, value: str, taxonomy: Taxonomy) -> str:
    if name in CONDITION_LABELS:
        return CONDITION_LABELS[name].get(value, value)
    labels = {"category": lambda: category_label(value, taxonomy),
              "employment_type": lambda: employment_type_in_words(value) or value,
              "state": lambda: state_name(value), "setting": lambda: setting_label(value, taxonomy)}
    return labels[name]() if name in labels else value


def facets_json(facets: dict[str, list[tuple[str, int]]], taxonomy: Taxonomy) -> dict[str, list[dict]]:
    """Every documented facet, empty when no job has its values."""
    facets = {name: [] for name in CONDITION_FACETS} | facets
    return {name: [{"value": value, "label": facet_label(name, value, taxonomy), "count": count}
                   for value, count in counts] for name, counts in facets.items()}


def place_json(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"label": place.label, "kind": place.kind, "city": place.city, "state": place.state,
            "postal_code": place.postal_code, "latitude": place.latitude, "longitude": place.longitude}


def results_json(results: SearchResults, taxonomy: Taxonomy) -> dict[str, Any]:
    """The list envelope: the query as run, counts, the page of jobs, facets, links."""
    return {
        "query": query_json(results.query), "total": results.total, "page": results.page,
        "pages": results.pages, "per_page": results.query.per_page,
        "jobs": [hit_json(hit, taxonomy) for hit in results.hits],
        "facets": facets_json(results.facets, taxonomy), "suggestion": results.suggestion,
        "place": place_json(results.place), "notice": results.notice, "links": links_json(results),
        "ssdi": ssdi_json(results),
    }


def ssdi_json(results: SearchResults) -> dict[str, Any] | None:
    """With fits_ssdi: the SGA amount applied (null when the year's is not stated) and how many
    matches were left out because they do not state both pay and hours."""
    if not results.query.fits_ssdi:
        return None
    return {"sga_monthly": results.ssdi_limit, "applied": results.ssdi_limit is not None,
            "unknown": results.unknown_monthly}


def facets_only_json(query: SearchQuery, results: SearchResults, taxonomy: Taxonomy) -> dict[str, Any]:
    return {"query": query_json(query), "total": results.total,
            "facets": facets_json(results.facets, taxonomy), "place": place_json(results.place),
            "notice": results.notice}


def pay_json(posting: Posting) -> dict[str, Any]:
    return {"min": posting.pay_min, "max": posting.pay_max, "unit": posting.pay_unit, "text": posting.pay_text,
            "hourly_min": posting.pay_hourly_min, "hourly_max": posting.pay_hourly_max,
            "annual_min": posting.pay_annual_min, "annual_max": posting.pay_annual_max,
            "shown": pay_shown(posting).words or None}


def conditions_json(facets: Any) -> dict[str, Any]:
    """The conditions of the job as values and as the words the job page shows."""
    read = Conditions.from_facets(facets)
    return {"hours_per_week": list(read.hours_per_week) if read.hours_per_week else None,
            "schedule": list(read.schedule), "asked_for": list(read.asked_for), "record_friendly": read.record_friendly,
            "recovery_months": read.recovery_months, "education": read.education, "words": condition_words(read)}


def posting_json(posting: Posting, taxonomy: Taxonomy) -> dict[str, Any]:
    """One stored posting; a closed one keeps its text but offers no apply link."""
    closed = posting.status == "closed"
    return {
        "id": posting.id, "title": posting.title, "employer": posting.employer, "status": posting.status,
        "category": posting.category, "category_label": category_label(posting.category, taxonomy) or None,
        "is_peer": bool(posting.is_peer), "employment_type": posting.employment_type,
        "description_html": str(safe_description(posting.description_html)),
        "city": posting.city, "state": posting.state, "postal_code": posting.postal_code, "country": posting.country,
        "latitude": posting.latitude, "longitude": posting.longitude, "locations": posting.locations or [],
        "remote": bool(posting.remote), "remote_area": posting.remote_area, "pay": pay_json(posting),
        "facets": posting.facets or {}, "conditions": conditions_json(posting.facets),
        "date_posted": when(posting.date_posted),
        "valid_through": when(posting.valid_through), "first_seen": when(posting.first_seen),
        "last_seen": when(posting.last_seen), "last_verified_open": when(posting.last_verified_open),
        "closed_at": when(posting.closed_at), "closed_reason": posting.closed_reason,
        "source_url": posting.url, "apply_url": None if closed else apply_link(posting.apply_url, posting.url),
        "url": url_for("api.job", job_id=posting.id), "html_url": url_for("postings.show", posting_id=posting.id),
    }


def category_json(category: Category, jobs: int) -> dict[str, Any]:
    return {"id": category.id, "label": category.label, "description": category.description,
            "about": dict(category.about), "jobs": jobs,
            "jobs_url": url_for("api.jobs", category=category.id),
            "html_url": url_for("roles.show", role_id=category.id)}


def place_suggestion_json(suggestion: PlaceSuggestion) -> dict[str, Any]:
    return {"label": suggestion.label, "city": suggestion.city, "state": suggestion.state,
            "zip_codes": suggestion.zip_codes, "latitude": suggestion.latitude,
            "longitude": suggestion.longitude}
