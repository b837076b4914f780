"""The search engine's notices (indexer.search) in the page's language. The engine says them in
English; each is said again here from the same fields of the results, one whole message each."""
from __future__ import annotations

from flask_babel import gettext

from indexer.search import NOT_READY, SearchResults


def place_notice(results: SearchResults) -> str:
    """The notice about the searched place: not found, or no jobs there."""
    place, query = results.place, results.query
    if place is None:
        return gettext("We could not find the place “%(place)s”. Showing jobs everywhere.", place=query.where.strip()[:80])
    if place.kind == "state":
        return gettext("No jobs found in %(place)s.", place=place.label)
    if query.radius < 100:
        return gettext("No jobs found within %(miles)s miles of %(place)s. Try a wider radius.", miles=query.radius,
                       place=place.label)
    return gettext("No jobs found within %(miles)s miles of %(place)s.", miles=query.radius, place=place.label)


def notice_words(results: SearchResults) -> str | None:
    """results.notice in the page's language (None: no notice)."""
    if not results.notice:
        return None
    if results.notice == NOT_READY:
        return gettext("Search is not ready yet: the job index has not been built.")
    return place_notice(results)
