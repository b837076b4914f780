"""Query-string parsing for the search pages and the API: pure, and parse_query never raises.

The parameter names are SearchQuery's field names. parse_query falls back to a default for any
odd value (the pages stay usable); errors lists the same problems in words (the API answers 400).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Mapping

from indexer.parsers import geo
from indexer.search import SearchQuery
from indexer.search.conditions import LISTS as CONDITION_LISTS
from indexer.search.query import CONDITION_SWITCHES, POSTED_WITHIN, SORTS
from indexer.taxonomy import taxonomy_or_none

RADII = (5, 10, 25, 50, 100)
DEFAULT_RADIUS = 25
MAX_TEXT = 200
MAX_PAGE = 500
MAX_CATEGORIES = 10
MAX_HOURLY = 1000
MIN_HOURLY = 0.01
EMPLOYMENT_TYPES = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER")
TRUE, FALSE = ("1", "true", "on", "yes", "y", "t"), ("0", "false", "off", "no", "n", "f", "")
BOOLEANS = ("remote", "pay_disclosed", "no_certification_required", "include_non_peer", "include_closed", "exact",
            "fits_ssdi", *CONDITION_SWITCHES)
LISTS = ("category", "employment_type", "setting", "state", *CONDITION_LISTS)
DEFAULTS = {name: getattr(SearchQuery(), name) for name in SearchQuery.__dataclass_fields__}
_ID = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
_NUMBER = re.compile(r"^\$?\d{1,6}(\.\d{1,20})?$")


def parse_query(args: Mapping[str, Any]) -> SearchQuery:
    """A SearchQuery from request arguments; anything odd falls back to a default."""
    number = lambda name, low, high: _in_range(_int(args.get(name)), low, high)  # noqa: E731
    return SearchQuery(
        q=clean_text(args.get("q")), where=clean_text(args.get("where")),
        radius=parse_radius(args.get("radius")), page=parse_page(args.get("page")),
        per_page=number("per_page", 1, 50) or DEFAULTS["per_page"],
        category=parse_categories(_getlist(args, "category")),
        employment_type=tuple(v for v in list_words(args, "employment_type", str.upper) if v in EMPLOYMENT_TYPES),
        setting=tuple(v for v in list_words(args, "setting", str.lower) if _ID.match(v))[:MAX_CATEGORIES],
        state=tuple(dict.fromkeys(filter(None, map(geo.state_code, list_words(args, "state", str.strip))))),
        posted_within=number("posted_within", 1, 30) if _int(args.get("posted_within")) in POSTED_WITHIN else None,
        min_hourly=parse_hourly(args.get("min_hourly")),
        sort=args.get("sort") if args.get("sort") in SORTS else DEFAULTS["sort"],
        **{name: tuple(v for v in list_words(args, name, str.lower) if v in known)
           for name, known in CONDITION_LISTS.items()},
        **{name: parse_bool(args.get(name)) for name in BOOLEANS},
    )


def errors(args: Mapping[str, Any]) -> list[str]:
    """What in the arguments is invalid, in words; an empty list when parse_query took it all."""
    problems = []
    if _present(args, "radius") and _in_range(_int(args.get("radius")), 5, 100) is None:
        problems.append("radius must be between 5 and 100")
    if _present(args, "posted_within") and _int(args.get("posted_within")) not in POSTED_WITHIN:
        problems.append(f"posted_within must be one of {', '.join(map(str, POSTED_WITHIN))}")
    if _present(args, "sort") and args.get("sort") not in SORTS:
        problems.append("sort must be relevance, date or distance")
    if _present(args, "per_page") and _in_range(_int(args.get("per_page")), 1, 50) is None:
        problems.append("per_page must be between 1 and 50")
    if _present(args, "page") and _in_range(_int(args.get("page")), 1, MAX_PAGE) is None:
        problems.append(f"page must be a whole number from 1 to {MAX_PAGE}")
    if _present(args, "min_hourly") and parse_hourly(args.get("min_hourly")) is None:
        problems.append(f"min_hourly must be an amount of dollars an hour, like 18 or 18.50, up to {MAX_HOURLY}")
    problems += [f"{name} must be true or false" for name in BOOLEANS
                 if _present(args, name) and str(args.get(name)).strip().lower() not in TRUE + FALSE]
    return problems + _list_errors(args)


def _list_errors(args: Mapping[str, Any]) -> list[str]:
    taxonomy = taxonomy_or_none()
    known = {"category": lambda v: taxonomy is None or taxonomy.category(v) is not None,
             "setting": lambda v: taxonomy is None or taxonomy.setting(v) is not None,
             "employment_type": lambda v: v.upper() in EMPLOYMENT_TYPES,
             "state": lambda v: geo.state_code(v) is not None,
             **{name: (lambda v, known=known: v.lower() in known) for name, known in CONDITION_LISTS.items()}}
    return [f"unknown {name.replace('_', ' ')} “{str(value)[:40]}”" for name, accepts in known.items()
            for value in list_words(args, name, str.strip) if not accepts(value)]



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
    found = [v.strip() for value in values if isinstance(value, str) for v in value.split(",") if _ID.match(v.strip())]
    return tuple(dict.fromkeys(found))[:MAX_CATEGORIES]


def parse_bool(value: Any) -> bool:
    return isinstance(value, (str, int)) and str(value).strip().lower() in TRUE


def parse_hourly(value: Any) -> float | None:
    text = str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""
    if not _NUMBER.match(text):
        return None
    amount = float(text.lstrip("$"))
    return amount if MIN_HOURLY <= amount <= MAX_HOURLY else None


def query_args(query: SearchQuery, **changes: Any) -> dict[str, Any]:
    """URL arguments that reproduce a query (defaults left out), with some values changed."""
    values = {name: getattr(query, name) for name in DEFAULTS}
    values.update(changes)
    args = {}
    for name, value in values.items():
        if isinstance(value, (list, tuple)):
            value = list(value)
        if value in (None, False, [], "") or value == DEFAULTS[name] or (name in LISTS and not value):
            continue
        args[name] = 1 if value is True else _plain(value)
    return args


def _plain(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _getlist(args: Mapping[str, Any], name: str) -> list[Any]:
    getlist = getattr(args, "getlist", None)
    if getlist is not None:
        return list(getlist(name))
    value = args.get(name)
    return list(value) if isinstance(value, (list, tuple)) else ([] if value is None else [value])


def list_words(args: Mapping[str, Any], name: str, normal=str.strip) -> list[str]:
    """A list parameter, repeated or comma-separated, each value normalized, repeats dropped."""
    values = [normal(v.strip()) for value in _getlist(args, name) if isinstance(value, str) for v in value.split(",")]
    return list(dict.fromkeys(v for v in values if v))[:MAX_CATEGORIES]


def _present(args: Mapping[str, Any], name: str) -> bool:
    return args.get(name) not in (None, "")


def _int(value: Any) -> int | None:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not text.isascii() or not re.fullmatch(r"[+-]?\d{1,9}", text):
        return None
    return int(text)


def _in_range(number: int | None, low: int, high: int) -> int | None:
    return number if number is not None and low <= number <= high else None


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
