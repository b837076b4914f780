"""The conditions of a job as one bit mask per posting (the index's `conditions` column), and the
filters and counts over it.

A bit is set only on what the posting's text says: "no driver's license mentioned" is a posting
that does not mention one, not a promise that none is needed.
"""
from __future__ import annotations

import numpy as np

from indexer.taxonomy.conditions import Conditions

#: weekly_hours values: a posting is in every band its range of hours reaches.
HOURS_BANDS = {"under_20": 1, "20_29": 2, "30_plus": 4}
SCHEDULES = {"days": 8, "evenings": 16, "nights": 32, "weekends": 64}
#: The yes/no condition filters: SearchQuery field -> bit.
SWITCHES = {"no_license_mentioned": 128, "no_car_mentioned": 256, "no_background_check_mentioned": 512,
            "record_friendly": 1024, "no_recovery_minimum": 2048, "no_degree_needed": 4096}
LISTS = {"weekly_hours": HOURS_BANDS, "schedule": SCHEDULES}
#: The facets these counts fill; one without jobs is left out of the results' facets.
FACET_NAMES = (*LISTS, "conditions")


def hours_bits(hours: tuple[float, float] | None) -> int:
    if hours is None:
        return 0
    low, high = hours
    reaches = {"under_20": low < 20, "20_29": low < 30 and high >= 20, "30_plus": high >= 30}
    return sum(bit for band, bit in HOURS_BANDS.items() if reaches[band])


def switch_bits(conditions: Conditions) -> int:
    holds = {"no_license_mentioned": "drivers_license" not in conditions.asked_for,
             "no_car_mentioned": "own_vehicle" not in conditions.asked_for,
             "no_background_check_mentioned": "background_check" not in conditions.asked_for,
             "record_friendly": conditions.record_friendly, "no_recovery_minimum": not conditions.recovery_asked,
             "no_degree_needed": conditions.no_degree_needed}
    return sum(bit for name, bit in SWITCHES.items() if holds[name])


def conditions_mask(facets) -> int:
    """The `conditions` column value of a posting, from its stored facets."""
    conditions = Conditions.from_facets(facets)
    schedule = sum(SCHEDULES[name] for name in conditions.schedule if name in SCHEDULES)
    return hours_bits(conditions.hours_per_week) | schedule | switch_bits(conditions)


def holding(mask: int) -> dict[str, list[str] | bool]:
    """What a posting's mask says, by filter name: the hours bands and schedules it is in, and
    whether each yes/no filter keeps it."""
    lists = {name: [value for value, bit in bits.items() if mask & bit] for name, bits in LISTS.items()}
    return lists | {name: bool(mask & bit) for name, bit in SWITCHES.items()}


def condition_masks(column: np.ndarray, query) -> dict[str, np.ndarray]:
    """One boolean array per condition filter in use: any chosen value of a list, every switch."""
    masks = {}
    for name, bits in LISTS.items():
        wanted = sum(bits[value] for value in getattr(query, name) if value in bits)
        if wanted:
            masks[name] = column & np.uint32(wanted) != 0
    for name, bit in SWITCHES.items():
        if getattr(query, name):
            masks[name] = column & np.uint32(bit) != 0
    return masks


def condition_counts(column: np.ndarray, without: dict[str, np.ndarray],
                     selected: np.ndarray) -> dict[str, list[tuple[str, int]]]:
    """Per list, each value's matches without that list's own filter; per switch, the matches
    it would keep. Values and lists without jobs are left out."""
    counts = {name: _nonzero((value, _count(column[without[name]], bit)) for value, bit in bits.items())
              for name, bits in LISTS.items()}
    chosen = column[selected]
    counts["conditions"] = _nonzero((name, _count(chosen, bit)) for name, bit in SWITCHES.items())
    return {name: listed for name, listed in counts.items() if listed}


def _nonzero(counted) -> list[tuple[str, int]]:
    """Like the other facets: a value without jobs is not listed."""
    return [(value, count) for value, count in counted if count]


def _count(values: np.ndarray, bit: int) -> int:
    return int(np.count_nonzero(values & np.uint32(bit)))
