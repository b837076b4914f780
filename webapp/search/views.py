"""Thin views: parse the query string, ask the index, render."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from functools import partial
from urllib.parse import urlencode

from flask import redirect, render_template, request, url_for
from flask_babel import gettext

from indexer import wording
from indexer.search import SearchQuery
from webapp import formatting
from webapp.i18n import public_get, translated
from webapp.search import advice, benefits_view, bp, refine, summary
from webapp.search.conditions_filters import active_conditions, condition_groups
from indexer.search.params import DEFAULT_RADIUS, RADII, paging_args, parse_query, query_args, wider_args
from webapp.search_index import get_index

RELATED_ROLES = 3


@public_get(bp, "/")
def home():
    return render_template("home.html", query=SearchQuery(), radii=RADII, categories=formatting.get_taxonomy().categories)


@public_get(bp, "/jobs")
def results():
    query = parse_query(request.args)
    located = advice.coordinates(request.args.get("lat"), request.args.get("lon")) if not query.where else None
    town = advice.nearest_town(*located) if located else None
    if town:
        return search_near(query, town)
    found = get_index().search(query)
    labels = facet_labels()
    paging = paging_args(query, found.page, found.pages)
    page = dict(
        query=query, results=found, radii=RADII, located_nowhere=bool(located),
        **about_search(query, found, labels),
        paging=paging, groups=refine.facet_groups(found, labels) + condition_groups(found),
        **benefits_view.context(request.args, query, found, paging, datetime.now(timezone.utc).date()),
        switches=refine.switches(query), posted=refine.posted_choices(query), sorts=refine.sort_choices(query, found),
        active=refine.active_filters(query, labels) + active_conditions(query), hidden=refine.hidden_fields(query),
        related=[] if found.total else related_roles(query),
        suggestion=None if found.corrected else suggestion(query, found.suggestion), instead=instead(query, found),
        canonical_url=url_for("search.results", _external=True, **query_args(query)),
        feed_url=url_for("feeds.jobs_atom", **query_args(query, page=1)),
    )
    benefits_view.keep_view(page)
    return render_template("results.html", **page)


def search_near(query: SearchQuery, town: str):
    """The same search around the town nearest a shared location; the location itself is not kept."""
    return redirect(url_for("search.results", **query_args(query, q=summary.without_near_me(query.q), where=town)))


def about_search(query: SearchQuery, found, labels: dict) -> dict:
    """The heading that echoes the search, the way back to it, and the advice an empty one needs."""
    words = summary.searched_words(query, found, labels["category"])
    place_kind = found.place.kind if found.place else None
    wider = advice.wider_with_jobs(get_index(), query, found.place) if not found.total else None
    back = urlencode({"back": url_for("search.results", **query_args(query))})  # once, not per card
    return dict(heading=summary.heading(found, words), back_query=back,
                wider=wider, next_radius=None if wider else next_radius(query, place_kind),
                needs_place=summary.needs_place(query, found), near_me_words=summary.without_near_me(query.q))


def next_radius(query: SearchQuery, place_kind: str | None) -> refine.Choice | None:
    args = wider_args(query, place_kind)
    return None if args is None else refine.Choice(gettext("Search within %(radius)s miles", radius=args.get("radius", DEFAULT_RADIUS)), args)


def facet_labels() -> dict:
    taxonomy = formatting.get_taxonomy()
    return {"category": translated(partial(wording.category_label, taxonomy=taxonomy)),
            "setting": translated(partial(wording.setting_label, taxonomy=taxonomy)),
            "employment_type": translated(lambda value: wording.employment_type_in_words(value) or value),
            "state": wording.state_name}


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
    label = translated(partial(wording.category_label, taxonomy=formatting.get_taxonomy()))
    return [refine.Choice(label(category), query_args(around, category=[category]), count=count)
            for category, count in counts if category not in query.category][:RELATED_ROLES]
