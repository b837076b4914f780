"""Thin views: parse the query string, ask the index, render."""
from __future__ import annotations

from flask import render_template, request

from indexer.search import SearchQuery
from webapp.search import bp
from webapp.search.params import RADII, paging_args, parse_query, wider_args
from webapp.search_index import get_index


@bp.get("/")
def home():
    return render_template("home.html", query=SearchQuery(), radii=RADII)


@bp.get("/jobs")
def results():
    query = parse_query(request.args)
    found = get_index().search(query)
    return render_template(
        "results.html", query=query, results=found, radii=RADII,
        paging=paging_args(query, found.page, found.pages), wider=wider_args(query, found.place.kind if found.place else None),
    )
