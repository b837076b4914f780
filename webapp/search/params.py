"""Query-string parsing for the search pages: pure, and it never raises."""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Mapping

from indexer.search import SearchQuery

RADII = (5, 10, 25, 50, 100)
DEFAULT_RADIUS = 25
MAX_TEXT = 200
MAX_PAGE = 500
MAX_CATEGORIES = 10
_CATEGORY = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


def parse_query(args: Mapping[str, Any]) -> SearchQuery:
    """A SearchQuery from request arguments; anything odd falls back to a default."""
    return SearchQuery(
        q=clean_text(args.get("q")),
        where=clean_text(args.get("where")),
        radius=parse_radius(args.get("radius")),
        category=parse_categories(_getlist(args, "category")),
        page=parse_page(args.get("page")),
    )


def clean_text(value: Any) -> str:
    """Control characters become spaces, runs of space collapse, at most MAX_TEXT characters."""
    if not isinstance(value, str):
        return ""
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs") else ch for ch in value[: MAX_TEXT * 4])
    return " ".join(text.split())[:MAX_TEXT].strip()


def parse_radius(value: Any) -> int:
    """One of RADII: a number in between snaps to the nearest choice."""
    number = _int(value)
    if number is None or number <= 0:
        return DEFAULT_RADIUS
    return min(RADII, key=lambda radius: (abs(radius - number), radius))


def parse_page(value: Any) -> int:
    number = _int(value)
    return min(number, MAX_PAGE) if number and number > 0 else 1


def parse_categories(values: list[Any]) -> tuple[str, ...]:
    found = [v.strip() for v in values if isinstance(v, str) and _CATEGORY.match(v.strip())]
    return tuple(dict.fromkeys(found))[:MAX_CATEGORIES]


def query_args(query: SearchQuery, **changes: Any) -> dict[str, Any]:
    """URL arguments that reproduce a query (defaults left out), with some values changed."""
    values = {"q": query.q, "where": query.where, "radius": query.radius,
              "category": list(query.category), "page": query.page}
    values.update(changes)
    defaults = {"q": "", "where": "", "radius": DEFAULT_RADIUS, "category": [], "page": 1}
    return {name: value for name, value in values.items() if value != defaults[name]}


def _getlist(args: Mapping[str, Any], name: str) -> list[Any]:
    getlist = getattr(args, "getlist", None)
    if getlist is not None:
        return list(getlist(name))
    value = args.get(name)
    return list(value) if isinstance(value, (list, tuple)) else ([] if value is None else [value])


def _int(value: Any) -> int | None:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not text.isascii() or not re.fullmatch(r"[+-]?\d{1,9}", text):
        return None
    return int(text)


def paging_args(query: SearchQuery, page: int, pages: int) -> dict[str, dict[str, Any] | None]:
    """URL arguments for the first, previous and next pages, None where there is none."""
    return {
        "first": query_args(query, page=1),
        "previous": query_args(query, page=page - 1) if 1 < page <= pages + 1 else None,
        "next": query_args(query, page=page + 1) if page < pages else None,
    }


def wider_args(query: SearchQuery, place_kind: str | None) -> dict[str, Any] | None:
    """The same search with the next larger radius, when it searched around a town or ZIP."""
    larger = [radius for radius in RADII if radius > query.radius]
    if place_kind not in ("city", "zip") or not larger:
        return None
    return query_args(query, radius=larger[0], page=1)
