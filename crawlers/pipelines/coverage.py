"""Count, per field, how many postings carry it, lack it, or gave it unreadably.

A spider whose selectors broke shows as a field suddenly missing or invalid on its CrawlRun
(`coverage`), instead of postings quietly losing their pay or place.
"""
from __future__ import annotations

from typing import Any, Mapping

from crawlers.pipelines import CountingPipeline, isolated

PREFIX = "peerjobs/coverage/"
#: Normalized field -> the raw keys it is read from (none: derived, so only present or missing).
READ_FROM = {
    "title": ("title",), "employer": ("employer",), "description_text": ("description_html",),
    "apply_url": ("apply_url",), "date_posted": ("date_posted",), "valid_through": ("valid_through",),
    "employment_type": ("employment_type",), "city": ("locations",), "state": ("locations",),
    "postal_code": ("locations",), "latitude": ("locations",), "pay_min": ("salary", "pay_text"),
    "category": (),
}
#: Why a given value did not make it into the field.
REASONS = {
    "date_posted": "unreadable date", "valid_through": "unreadable date",
    "employment_type": "unrecognised employment type", "latitude": "place not found",
    "city": "no city in the location", "state": "no state in the location",
    "postal_code": "no postal code in the location", "pay_min": "no figures in the pay given",
    "description_text": "no text left after sanitizing", "apply_url": "not an http(s) link",
}


def _given(value: Any) -> bool:
    return value not in (None, "", [], {})


def field_states(raw: Mapping[str, Any], normalized: Mapping[str, Any]) -> dict[str, str]:
    """Field -> "present", "missing" (the source gave nothing) or "invalid" (unreadable)."""
    states = {}
    for field, keys in READ_FROM.items():
        if _given(normalized.get(field)):
            states[field] = "present"
        elif any(_given(raw.get(key)) for key in keys):
            states[field] = "invalid"
        else:
            states[field] = "missing"
    return states


def coverage_from_stats(stats: Mapping[str, Any]) -> dict[str, Any]:
    """The run's coverage: per field counts and reasons, items dropped and field problems by name."""
    fields: dict[str, dict[str, Any]] = {}
    for key, value in stats.items():
        if key.startswith(PREFIX):
            field, state = key[len(PREFIX):].split("/", 1)
            entry = fields.setdefault(field, {"present": 0, "missing": 0, "invalid": 0, "reasons": {}})
            if state.startswith("reason/"):
                entry["reasons"][state[len("reason/"):]] = value
            else:
                entry[state] = value
    return {"fields": dict(sorted(fields.items())),
            "dropped": _under(stats, "peerjobs/dropped/"), "problems": _under(stats, "peerjobs/field_problems/")}


def _under(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {key[len(prefix):]: value for key, value in sorted(stats.items()) if key.startswith(prefix)}


class CoveragePipeline(CountingPipeline):
    @isolated("coverage_error")
    def process_item(self, item, spider=None):
        for field, state in field_states(item, item.get("normalized") or {}).items():
            self.stats.inc_value(f"{PREFIX}{field}/{state}")
            if state == "invalid":
                self.stats.inc_value(f"{PREFIX}{field}/reason/{REASONS.get(field, 'unreadable')}")
        return item
