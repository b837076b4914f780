"""The sources page as a table for thousands of sources: the query in the URL, read into a
store.SourceQuery, and the links that keep it (pages, sorts) - plain functions the view calls."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping
from urllib.parse import urlencode

from indexer.store.source_table import HEALTHS, ORIGINS, PER_PAGE, SORTS, SourcePage, SourceQuery

MAX_SEARCH = 200
SORT_WORDS = {"health": "Health, failing first", "last_run": "Last run, newest first",
              "open": "Open postings, most first", "peer": "Peer postings, most first", "id": "Source id"}
HEALTH_WORDS = {"failing": "Failing", "degraded": "Degraded", "unknown": "Not checked yet", "healthy": "Healthy"}
#: The URL parameters of a query, in the order links write them.
PARAMS = ("q", "health", "platform", "state", "enabled", "origin", "sort")


def _choice(value: str | None, allowed) -> str | None:
    return value if value in allowed else None


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 100_000 else 1


def read_query(args: Mapping[str, str]) -> SourceQuery:
    """What the URL asks for; a value that is not one of the choices is left out, never an error."""
    enabled = {"yes": True, "no": False}.get(args.get("enabled", ""))
    state = (args.get("state") or "").strip().upper()
    return SourceQuery(
        search=(args.get("q") or "")[:MAX_SEARCH].strip(), health=_choice(args.get("health"), HEALTHS),
        platform=(args.get("platform") or "").strip()[:40] or None, state=state if len(state) == 2 else None,
        enabled=enabled, origin=_choice(args.get("origin"), ORIGINS),
        sort=_choice(args.get("sort"), SORTS) or "health", page=_page_number(args.get("page")), per_page=PER_PAGE)


def query_params(query: SourceQuery, **changes) -> dict[str, str]:
    """The query as URL parameters (defaults left out), with some changed."""
    values = {"q": query.search, "health": query.health, "platform": query.platform, "state": query.state,
              "enabled": {True: "yes", False: "no"}.get(query.enabled), "origin": query.origin,
              "sort": query.sort if query.sort != "health" else None,
              "page": str(query.page) if query.page > 1 else None}
    values.update(changes)
    return {name: value for name, value in values.items() if value}


def query_string(query: SourceQuery, **changes) -> str:
    params = query_params(query, **changes)
    return "?" + urlencode(params) if params else ""


@dataclass(frozen=True)
class Paging:
    page: int
    pages: int
    first: int
    last: int
    previous: str | None
    next: str | None


def paging(query: SourceQuery, page: SourcePage) -> Paging:
    pages = max(1, -(-page.matching // query.per_page))
    number = min(query.page, pages)
    first = (number - 1) * query.per_page + 1 if page.rows else 0
    return Paging(page=number, pages=pages, first=first, last=first + len(page.rows) - 1 if page.rows else 0,
                  previous=query_string(query, page=str(number - 1) if number > 2 else None) if number > 1 else None,
                  next=query_string(query, page=str(number + 1)) if number < pages else None)


def filtered(query: SourceQuery) -> bool:
    return any((query.search, query.health, query.platform, query.state, query.enabled is not None, query.origin))
