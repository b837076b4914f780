"""Ways to narrow or change a search, each as the URL arguments of a plain link: no script needed.

Pure: a SearchQuery and its SearchResults in, lists of choices out; the template only loops.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

from indexer.search import SearchQuery, SearchResults
from indexer.search.params import query_args

#: Facets shown as lists of links, with what the page calls them.
FACETS = (("category", "Kind of role"), ("employment_type", "Hours"), ("setting", "Where the work happens"),
          ("state", "State"))
FACET_LIMIT = 8
SWITCHES = (("remote", "Remote jobs only"), ("pay_disclosed", "Jobs that show pay"),
            ("no_certification_required", "No certification needed to apply"),
            ("fits_ssdi", "Fits under the SSDI limit at the posted hours"))
POSTED_WITHIN = ((None, "Any time"), (1, "Past day"), (3, "Past 3 days"), (7, "Past week"),
                 (14, "Past 2 weeks"), (30, "Past month"))
#: The form on the results page shows these; every other argument rides along as a hidden field.
FORM_FIELDS = {"q", "where", "radius", "min_hourly", "fits_ssdi", "page"}


@dataclass(frozen=True)
class Choice:
    label: str
    args: dict[str, Any]
    selected: bool = False
    count: int | None = None


@dataclass(frozen=True)
class Group:
    name: str
    title: str
    choices: list[Choice]


def facet_groups(results: SearchResults, labels: Mapping[str, Callable[[str], str]]) -> list[Group]:
    """Each facet's most common values, with counts; a selected value stays listed to be removed."""
    groups = []
    for name, title in FACETS:
        selected = tuple(getattr(results.query, name))
        counted = list(results.facets.get(name, []))[:FACET_LIMIT]
        counted += [(value, 0) for value in selected if value not in dict(counted)]
        choices = [Choice(labels[name](value), toggled(results.query, name, value), value in selected, count)
                   for value, count in counted]
        if len(choices) > 1 or selected:
            groups.append(Group(name, title, choices))
    return groups


def toggled(query: SearchQuery, name: str, value: str) -> dict[str, Any]:
    values = list(getattr(query, name))
    values = [v for v in values if v != value] if value in values else values + [value]
    return query_args(query, **{name: values, "page": 1})


def switches(query: SearchQuery) -> list[Choice]:
    return [Choice(label, query_args(query, **{name: not getattr(query, name), "page": 1}), getattr(query, name))
            for name, label in SWITCHES]


def posted_choices(query: SearchQuery) -> list[Choice]:
    return [Choice(label, query_args(query, posted_within=days, page=1), query.posted_within == days)
            for days, label in POSTED_WITHIN]


def sort_choices(query: SearchQuery, results: SearchResults) -> list[Choice]:
    """Best match only means something with words; nearest only around a town or ZIP."""
    orders = [("date", "Newest")]
    if query.q:
        orders.insert(0, ("relevance", "Best match"))
    if results.place is not None and results.place.kind != "state":
        orders.append(("distance", "Nearest"))
    current = query.sort if query.sort in dict(orders) else orders[0][0]
    return [Choice(label, query_args(query, sort=order, page=1), order == current) for order, label in orders]


def active_filters(query: SearchQuery, labels: Mapping[str, Callable[[str], str]]) -> list[Choice]:
    """Every filter in force, each with the arguments that take it away."""
    active = [Choice(labels[name](value), toggled(query, name, value), True)
              for name, _title in FACETS for value in getattr(query, name)]
    active += [Choice(label, query_args(query, **{name: False, "page": 1}), True)
               for name, label in SWITCHES if getattr(query, name)]
    if query.posted_within:
        label = dict(POSTED_WITHIN).get(query.posted_within, f"Past {query.posted_within} days")
        active.append(Choice(f"Posted in the {label.lower()}", query_args(query, posted_within=None, page=1), True))
    if query.min_hourly:
        active.append(Choice(f"At least ${query.min_hourly:,.2f} an hour", query_args(query, min_hourly=None, page=1), True))
    return active


def hidden_fields(query: SearchQuery) -> list[tuple[str, Any]]:
    """(name, value) pairs that keep the current filters when the search form is sent again."""
    fields = []
    for name, value in query_args(query).items():
        if name not in FORM_FIELDS:
            fields += [(name, item) for item in value] if isinstance(value, (list, tuple)) else [(name, value)]
    return fields
