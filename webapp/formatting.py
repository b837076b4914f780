"""The words of indexer.wording as Jinja filters, search snippets, and the taxonomy that names roles."""
from __future__ import annotations

from functools import partial

import nh3
from flask import Flask, current_app, request, url_for
from markupsafe import Markup

from indexer.taxonomy import Taxonomy, load_taxonomy
from indexer.taxonomy.display_title import display_title
from indexer.wording import (
    age_in_words, category_label, checked_in_words, day_in_words, distance_in_words, employment_type_in_words,
    jobs_in_words, money, pay_in_words, place_in_words, posted_in_words, results_heading, setting_label, state_name,
)


def snippet_html(html: str | None) -> Markup:
    """Search snippets arrive safe with <mark>; keep only that, in case."""
    return Markup(nh3.clean(html or "", tags={"mark"}, attributes={}, strip_comments=True))


FILTERS = {
    "pay": pay_in_words, "posted": posted_in_words, "age": age_in_words, "employment_type": employment_type_in_words,
    "distance": distance_in_words, "place": place_in_words, "jobs": jobs_in_words, "snippet": snippet_html,
    "money": money, "state_name": state_name, "day": day_in_words, "checked": checked_in_words,
    "heading": results_heading, "display_title": display_title,
}


def init_app(app: Flask) -> None:
    """The taxonomy is read once, here, and names every role and setting on the pages."""
    taxonomy = load_taxonomy()
    app.extensions["peerjobs_taxonomy"] = taxonomy
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.filters["category_label"] = partial(category_label, taxonomy=taxonomy)
    app.jinja_env.filters["setting_label"] = partial(setting_label, taxonomy=taxonomy)
    app.jinja_env.globals["taxonomy"] = taxonomy
    app.context_processor(lambda: {"canonical_url": page_address()})


def page_address() -> str | None:
    """This page's own absolute address, for <link rel=canonical>; views with a query pass theirs."""
    if not request.endpoint or request.endpoint == "static":
        return None
    return url_for(request.endpoint, _external=True, **(request.view_args or {}))


def get_taxonomy() -> Taxonomy:
    return current_app.extensions["peerjobs_taxonomy"]
