"""Median and range of posted hourly pay, worked out from store rows with no Flask in sight."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from statistics import median
from typing import Iterable

#: Fewer postings than this and a median says more about one employer than about the work.
MIN_POSTINGS = 3


@dataclass(frozen=True)
class PayFigure:
    key: str
    count: int
    median: float
    low: float
    high: float

    @property
    def enough(self) -> bool:
        return self.count >= MIN_POSTINGS


def hourly_rate(low: float | None, high: float | None) -> float | None:
    """One figure per posting: the midpoint of a range, else whichever end was posted."""
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high


def pay_figures(rows: Iterable[tuple], key_index: int) -> list[PayFigure]:
    """Rows are (category, state, hourly min, hourly max); grouped by the column at key_index.

    Most postings first, then by key; rows without a key or a rate are left out."""
    rates: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        rate = hourly_rate(row[2], row[3])
        if row[key_index] and rate is not None and rate > 0:
            rates[row[key_index]].append(rate)
    figures = [PayFigure(key, len(found), median(found), min(found), max(found)) for key, found in rates.items()]
    return sorted(figures, key=lambda figure: (-figure.count, figure.key))
