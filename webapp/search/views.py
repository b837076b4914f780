"""Thin views: parse the query string, ask the index, render."""
from __future__ import annotations

from dataclasses import replace
from functools import partial

from flask import render_template, request, url_for

from indexer.search import SearchQuery
from webapp import formatting
from webapp.search import bp, refine
from webapp.search.params import RADII, paging_args, parse_query, query_args, wider_args
from webapp.search_index import get_index

RELATED_ROLES = 3


@bp.get("/")
def home():
    return render_template("home.html", query=SearchQuery(), radii=RADII, categories=formatting.get_taxonomy().categories)


@bp.get("/jobs")
def results():
    query = parse_query(request.args)
    found = get_index().search(query)
    labels = facet_labels()
    return render_template(
        "results.html", query=query, results=found, radii=RADII,
        paging=paging_args(query, found.page, found.pages), wider=wider_args(query, found.place.kind if found.place else None),
        groups=refine.facet_groups(found, labels), switches=refine.switches(query),
        posted=refine.posted_choices(query), sorts=refine.sort_choices(query, found),
        active=refine.active_filters(query, labels), hidden=refine.hidden_fields(query),
        related=[] if found.total else related_roles(query),
        suggestion=None if found.corrected else suggestion(query, found.suggestion), instead=instead(query, found),
        canonical_url=url_for("search.results", _external=True, **query_args(query)),
        feed_url=url_for("feeds.jobs_atom", **query_args(query, page=1)),
    )


def facet_labels() -> dict:
    taxonomy = formatting.get_taxonomy()
    return {"category": partial(formatting.category_label, taxonomy=taxonomy),
            "setting": partial(formatting.setting_label, taxonomy=taxonomy),
            "employment_type": lambda value: formatting.employment_type_in_words(value) or value,
            "state": formatting.state_name}


def suggestion(query: SearchQuery, words: str | None) -> refine.Choice | None:
    """'Did you mean ...': the same search with the suggested words."""
    return refine.Choice(words, query_args(query, q=words, page=1, exact=False)) if words and words != query.q else None


def instead(query: SearchQuery, found) -> refine.Choice | None:
    """After a correction: the search for the words as typed, which exact=1 leaves uncorrected."""
    return refine.Choice(query.q, query_args(query, exact=True, page=1)) if found.corrected else None


def related_roles(query: SearchQuery) -> list[refine.Choice]:
    """When nothing matched: the roles that do have jobs around the same place, words and filters aside."""
    around = SearchQuery(where=query.where, radius=query.radius)
    counts = get_index().search(replace(around, per_page=1)).facets.get("category", [])
    label = partial(formatting.category_label, taxonomy=formatting.get_taxonomy())
    return [refine.Choice(label(category), query_args(around, category=[category]), count=count)
            for category, count in counts if category not in query.category][:RELATED_ROLES]
