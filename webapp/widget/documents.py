"""The widget's JSON documents: a network's presets and a page of results, with display text
ready to put into the page (the widget adds no wording of its own to the data), in the request's
language (webapp.widget.language.speak): its words, formats and links to the /es/ pages."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import url_for
from flask_babel import gettext

from indexer.search.query import Hit, SearchResults
from indexer.taxonomy import Taxonomy
from webapp.api.documents import address, place_json, when
from webapp.i18n import page_language
from webapp.i18n.notices import notice_words
from webapp.i18n.places import place_words
from webapp.i18n.words import pay_words, posted_in_words
from indexer.networks import Network


def network_json(network: Network, taxonomy: Taxonomy) -> dict[str, Any]:
    categories = network.categories or tuple(category.id for category in taxonomy.categories)
    return {
        "id": network.id, "name": network.name, "language": page_language(),
        "accent": network.accent, "results": network.results,
        "show_filters": network.show_filters, "show_alerts": network.show_alerts,
        "filters": {"states": list(network.states), "categories": list(network.categories),
                    "where": network.where, "radius": network.radius, "remote": network.remote},
        "categories": [{"id": category, "label": gettext(taxonomy.category(category).label)} for category in categories],
        "links": {"jobs": url_for("api.network_jobs", network_id=network.id),
                  "alerts": url_for("api.network_alerts", network_id=network.id),
                  "site": url_for("search.results", state=list(network.states), category=list(network.categories))},
    }


def job_json(network: Network, hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id, "title": hit.title, "employer": hit.employer,
        "place": place_words(hit), "pay": pay_words(hit.pay),
        "posted": posted_in_words(hit.posted), "date_posted": when(hit.posted), "remote": hit.remote,
        "pay_hourly_min": hit.pay.hourly_min, "pay_hourly_max": hit.pay.hourly_max,
        "url": url_for("widget.click_through", network_id=network.id, job_id=hit.id, **language_arg()),
    }


def results_json(network: Network, results: SearchResults) -> dict[str, Any]:
    query, page = results.query, results.page
    chosen = [] if query.category == network.categories else list(query.category)  # none chosen: all on offer
    searched = {"q": query.q, "where": query.where, "radius": query.radius, "category": chosen, "remote": query.remote}
    follow = searched | language_arg() | {"page": page + 1}
    return {
        "network": network.id, "total": results.total, "page": page, "pages": results.pages,
        "per_page": query.per_page, "search": searched, "jobs": [job_json(network, hit) for hit in results.hits],
        "place": place_json(results.place), "notice": notice_words(results),
        "links": {"next": (url_for("api.network_jobs", network_id=network.id) + query_string(follow, keep=("where",)))
                          if page < results.pages else None,
                  "html": address("search.results", query, page=1, per_page=None)},
    }


def language_arg() -> dict[str, str]:
    """`lang` for the widget's own addresses when it is not English (the public pages' carry it in
    their path)."""
    return {} if page_language() == "en" else {"lang": page_language()}


def query_string(args: dict[str, Any], keep: tuple[str, ...] = ()) -> str:
    """`keep`: names sent even when empty (an emptied `where` left out would be the preset again)."""
    plain = {name: ("true" if value is True else "false" if value is False else value)
             for name, value in args.items() if value not in (None, "", []) or name in keep}
    return f"?{urlencode(plain, doseq=True)}" if plain else ""
