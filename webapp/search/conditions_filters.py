"""The conditions of the job as filter links and chips on the results page. Pure, like refine.

Each label says what the posting's text shows, not more: "No car mentioned", not "No car needed".
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from indexer.search import SearchQuery, SearchResults
from indexer.search.params import query_args
from webapp.search.refine import Choice, Group, toggled

LIST_GROUPS = (
    ("weekly_hours", _l("Hours a week"), {"under_20": _l("Under 20 hours"), "20_29": _l("20 to 29 hours"),
                                          "30_plus": _l("30 hours or more")}),
    ("schedule", _l("Schedule"), {"days": _l("Days"), "evenings": _l("Evenings"), "nights": _l("Nights"),
                                  "weekends": _l("Weekends")}),
)
SWITCHES = {
    "no_license_mentioned": _l("No driver's license mentioned"), "no_car_mentioned": _l("No car mentioned"),
    "no_background_check_mentioned": _l("No background check mentioned"),
    "record_friendly": _l("Record-friendly, as the employer says"),
    "no_recovery_minimum": _l("No minimum time in recovery stated"),
    "no_degree_needed": _l("No degree needed (a diploma or GED at most)"),
}
#: A chip says which list its value came from where the value alone would be unclear.
CHIPS = {"weekly_hours": "%(value)s", "schedule": _l("Schedule: %(value)s")}


def condition_groups(results: SearchResults) -> list[Group]:
    """Hours bands and schedules with their counts, then the yes/no conditions; a value with no
    jobs is left out unless it is chosen."""
    query, groups = results.query, []
    for name, title, labels in LIST_GROUPS:
        counts, chosen = dict(results.facets.get(name, [])), getattr(query, name)
        choices = [Choice(label, toggled(query, name, value), value in chosen, counts.get(value, 0))
                   for value, label in labels.items() if counts.get(value) or value in chosen]
        if choices:
            groups.append(Group(name, title, choices))
    counts = dict(results.facets.get("conditions", []))
    switches = [Choice(label, query_args(query, **{name: not getattr(query, name), "page": 1}), getattr(query, name),
                       counts.get(name, 0)) for name, label in SWITCHES.items()]
    return groups + [Group("conditions", _l("Conditions of the job"), switches)]


def active_conditions(query: SearchQuery) -> list[Choice]:
    """The condition filters in force, each with the arguments that take it away."""
    active = [Choice(CHIPS[name] % {"value": labels[value]}, toggled(query, name, value), True)
              for name, _title, labels in LIST_GROUPS for value in getattr(query, name) if value in labels]
    return active + [Choice(label, query_args(query, **{name: False, "page": 1}), True)
                     for name, label in SWITCHES.items() if getattr(query, name)]
