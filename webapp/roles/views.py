"""Thin views: the role from the taxonomy, how many open jobs it has, render."""
from __future__ import annotations

from flask import abort, render_template

from indexer.search import SearchQuery
from webapp.formatting import get_taxonomy
from webapp.i18n import public_get
from webapp.roles import bp
from webapp.search_index import get_index


@public_get(bp, "/roles/")
def index():
    found = get_index().search(SearchQuery(per_page=1))
    counts = dict(found.facets.get("category", []))
    return render_template("roles.html", categories=get_taxonomy().categories, counts=counts)


@public_get(bp, "/roles/<role_id>")
def show(role_id: str):
    category = get_taxonomy().category(role_id)
    if category is None:
        abort(404)
    total = get_index().search(SearchQuery(category=(category.id,), per_page=1)).total
    return render_template("role.html", category=category, total=total)
