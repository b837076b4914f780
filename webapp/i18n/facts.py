"""A posting's fact box in the page's language: the words of indexer.taxonomy.conditions, each a
whole message, over the same Conditions read from the stored facets."""
from __future__ import annotations

from flask_babel import gettext, lazy_gettext as _l, ngettext

from indexer.taxonomy.conditions import Conditions

SCHEDULE = {"days": _l("days"), "evenings": _l("evenings"), "nights": _l("nights"), "weekends": _l("weekends"),
            "on_call": _l("on call"), "rotating": _l("rotating shifts")}
ASKED = {"drivers_license": _l("driver's license"), "own_vehicle": _l("own car"),
         "background_check": _l("background check"), "drug_screen": _l("drug screen")}
EDUCATION = {"none": _l("No degree or diploma needed"), "high_school": _l("High school diploma or GED"),
             "degree": _l("A degree"), "not_stated": _l("Not stated")}
#: The certification a posting asks for, as the fact box says it.
CERTIFICATION = {"required": _l("Required"), "preferred": _l("Preferred, not required"),
                 "obtain": _l("You can earn it after you are hired"), "none": _l("Not required")}


def _listed(names, table) -> str:
    text = ", ".join(str(table[name]) for name in names)
    return text[:1].upper() + text[1:]


def hours_words(conditions: Conditions) -> str:
    """'20 hours a week', '20-30 hours a week', 'Not stated'."""
    if conditions.hours_per_week is None:
        return gettext("Not stated")
    low, high = (f"{value:g}" for value in conditions.hours_per_week)
    if low == high:
        return gettext("%(hours)s hours a week", hours=low)
    return gettext("%(low)s-%(high)s hours a week", low=low, high=high)


def recovery_words(conditions: Conditions) -> str:
    """'At least 2 years', 'At least 6 months', 'No minimum stated'."""
    months = conditions.recovery_months
    if months is None:
        return gettext("Asked for; how long is not stated") if conditions.recovery_asked else gettext(
            "No minimum stated")
    if months % 12 == 0:
        return ngettext("At least %(num)s year", "At least %(num)s years", months // 12)
    return ngettext("At least %(num)s month", "At least %(num)s months", months)


def condition_words(facets) -> dict[str, str]:
    """Every condition in words, by name, as PostingPage.conditions has them in English."""
    conditions = Conditions.from_facets(facets)
    return {
        "hours": hours_words(conditions),
        "schedule": _listed(conditions.schedule, SCHEDULE) or gettext("Not stated"),
        "asked_for": _listed(conditions.asked_for, ASKED)
        or gettext("No driver's license, car or background check mentioned"),
        "record": gettext("Not an automatic barrier") if conditions.record_friendly else gettext("Not mentioned"),
        "recovery": recovery_words(conditions),
        "education": str(EDUCATION[conditions.education]),
    }


def hours_row(employment: str | None, facets) -> str:
    """The employment type and the weekly hours in one line: 'Part-time, 20 hours a week'."""
    conditions = Conditions.from_facets(facets)
    hours = None if conditions.hours_per_week is None else hours_words(conditions)
    return ", ".join(filter(None, (employment, hours))) or gettext("Not stated")


def certification_words(status: str | None) -> str:
    return str(CERTIFICATION.get(status or "", ""))


FILTERS = {"condition_words": condition_words, "hours_row": hours_row, "certification_words": certification_words}
