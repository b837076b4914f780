"""Thin views: check the arguments, ask the index or the store, answer JSON."""
from __future__ import annotations

from dataclasses import replace

from flask import Response, jsonify, request
from flask_babel import lazy_gettext as _l

from indexer import store
from indexer.parsers import places
from indexer.search.query import SearchQuery
from webapp.api import bp
from webapp.api.checks import place_errors, search_errors
from webapp.api.documents import (
    category_json, facets_only_json, place_suggestion_json, posting_json, results_json,
)
from webapp.api.errors import INVALID_PARAMETERS, ApiError
from webapp.db import get_session
from webapp.formatting import get_taxonomy
from indexer.search.params import parse_query
from webapp.search_index import get_index


def checked_search() -> SearchQuery:
    """The search the arguments ask for, or a 400 listing every problem with them."""
    problems = search_errors(request.args)
    if problems:
        raise ApiError(400, *INVALID_PARAMETERS, problems)
    return parse_query(request.args)


@bp.get("/jobs")
def jobs() -> Response:
    found = get_index().search(checked_search())
    return jsonify(results_json(found, get_taxonomy()))


@bp.get("/facets")
def facets() -> Response:
    query = checked_search()
    found = get_index().search(replace(query, page=1, per_page=1))  # the counts need no page of jobs
    return jsonify(facets_only_json(query, found, get_taxonomy()))


@bp.get("/jobs/<int(min=1, max=2147483647):job_id>")
def job(job_id: int) -> Response:
    posting = store.get_posting(get_session(), job_id)
    if posting is None:
        raise ApiError(404, "job_not_found", _l("There is no job with the id %(id)s.", id=job_id))
    return jsonify(posting_json(posting, get_taxonomy()))


@bp.get("/categories")
def categories() -> Response:
    counts = dict(get_index().search(SearchQuery(per_page=1)).facets.get("category", []))
    found = [category_json(category, counts.get(category.id, 0)) for category in get_taxonomy().categories]
    return jsonify({"categories": found})


@bp.get("/places")
def place_suggestions() -> Response:
    problems = place_errors(request.args)
    if problems:
        raise ApiError(400, *INVALID_PARAMETERS, problems)
    typed = request.args["q"]
    return jsonify({"q": typed, "places": [place_suggestion_json(s) for s in places.suggest(typed)]})
