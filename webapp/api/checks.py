"""Which request arguments the API refuses, in words a client can act on.

The pages fall back to defaults on odd input; the API answers 400 instead, so a typo never
passes silently. Values are judged by indexer.search.params.errors, the same rules the pages
parse by; this module adds what only an API needs: unknown names, repeats, over-long text.
"""
from __future__ import annotations

from indexer.search import params
from indexer.search.query import CONDITION_SWITCHES

#: The search parameters of /api/v1/jobs and /api/v1/facets: SearchQuery's fields, as on /jobs.
SEARCH_PARAMETERS = (
    "q", "where", "radius", "category", "remote", "employment_type", "posted_within",
    "pay_disclosed", "min_hourly", "no_certification_required", "setting", "state",
    "sort", "page", "per_page", "include_non_peer", "include_closed", "exact", "fits_ssdi",
    "weekly_hours", "schedule", *CONDITION_SWITCHES,
)
PLACE_PARAMETERS = ("q",)
MAX_PLACE_TEXT = 100


def unknown_parameters(args, known: tuple[str, ...]) -> list[str]:
    return [f"unknown parameter “{name[:40]}”; the parameters are {', '.join(known)}"
            for name in sorted(set(args) - set(known))]


def repeated_parameters(args, single: tuple[str, ...]) -> list[str]:
    return [f"{name} may be given only once" for name in single if len(args.getlist(name)) > 1]


def empty_list_values(args) -> list[str]:
    """`category=` or `state=OH,` names nothing: the pages skip it, the API says so."""
    return [f"{name} must not be empty: leave it out, or name at least one" for name in params.LISTS
            if any(not part.strip() for value in args.getlist(name) for part in str(value).split(","))]


def search_errors(args) -> list[str]:
    """Everything wrong with a search's arguments; an empty list means the search can run."""
    single = tuple(name for name in SEARCH_PARAMETERS if name not in params.LISTS)
    too_long = [f"{name} must be at most {params.MAX_TEXT} characters" for name in ("q", "where")
                if len(args.get(name, "")) > params.MAX_TEXT]
    return (unknown_parameters(args, SEARCH_PARAMETERS) + repeated_parameters(args, single)
            + too_long + empty_list_values(args) + params.errors(args))


def place_errors(args) -> list[str]:
    problems = unknown_parameters(args, PLACE_PARAMETERS) + repeated_parameters(args, PLACE_PARAMETERS)
    typed = args.get("q", "")
    if not typed.strip():
        problems.append("q is required: the first letters of a city, like “day”")
    elif len(typed) > MAX_PLACE_TEXT:
        problems.append(f"q must be at most {MAX_PLACE_TEXT} characters")
    return problems
