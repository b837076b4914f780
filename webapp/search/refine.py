"""Ways to narrow or change a search, each as the URL arguments of a plain link: no script needed.

Pure: a SearchQuery and its SearchResults in, lists of choices out; the template only loops.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

from flask_babel import gettext, lazy_gettext as _l

from indexer.search import SearchQuery, SearchResults
from indexer.search.params import query_args

#: Facets shown as lists of links, with what the page calls them.
FACETS = (("category", _l("Kind of role")), ("employment_type", _l("Hours")),
          ("setting", _l("Where the work happens")), ("state", _l("State")))
FACET_LIMIT = 8
SWITCHES = (("remote", _l("Remote jobs only")), ("pay_disclosed", _l("Jobs that show pay")),
            ("no_certification_required", _l("No certification needed to apply")),
            ("fits_ssdi", _l("Fits under the SSDI limit at the posted hours")))
POSTED_WITHIN = ((None, _l("Any time")), (1, _l("Past day")), (3, _l("Past 3 days")), (7, _l("Past week")),
                 (14, _l("Past 2 weeks")), (30, _l("Past month")))
#: The chip of a "posted within" filter in force, one whole phrase each.
POSTED_CHIPS = {1: _l("Posted in the past day"), 3: _l("Posted in the past 3 days"), 7: _l("Posted in the past week"),
                14: _l("Posted in the past 2 weeks"), 30: _l("Posted in the past month")}
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
    orders = [("date", _l("Newest"))]
    if query.q:
        orders.insert(0, ("relevance", _l("Best match")))
    if results.place is not None and results.place.kind != "state":
        orders.append(("distance", _l("Nearest")))
    current = query.sort if query.sort in dict(orders) else orders[0][0]
    return [Choice(label, query_args(query, sort=order, page=1), order == current) for order, label in orders]


def active_filters(query: SearchQuery, labels: Mapping[str, Callable[[str], str]]) -> list[Choice]:
    """Every filter in force, each with the arguments that take it away."""
    active = [Choice(labels[name](value), toggled(query, name, value), True)
              for name, _title in FACETS for value in getattr(query, name)]
    active += [Choice(label, query_args(query, **{name: False, "page": 1}), True)
               for name, label in SWITCHES if getattr(query, name)]
    if query.posted_within:
        label = POSTED_CHIPS.get(query.posted_within) or _l("Posted in the past %(num)s days", num=query.posted_within)
        active.append(Choice(label, query_args(query, posted_within=None, page=1), True))
    if query.min_hourly:
        label = gettext("At least %(pay)s an hour", pay=f"${query.min_hourly:,.2f}")
        active.append(Choice(label, query_args(query, min_hourly=None, page=1), True))
    return active


def hidden_fields(query: SearchQuery) -> list[tuple[str, Any]]:
    """(name, value) pairs that keep the current filters when the search form is sent again."""
    fields = []
    for name, value in query_args(query).items():
        if name not in FORM_FIELDS:
            fields += [(name, item) for item in value] if isinstance(value, (list, tuple)) else [(name, value)]
    return fields
