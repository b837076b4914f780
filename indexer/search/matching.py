"""Which documents a query's words select and how they score: every word counts toward the score,
a minimum-should-match rule lets partial matches through (full matches score higher), and the
roles the words name select their postings too, with a boost.
"""
from __future__ import annotations

import math

import numpy as np

ROLE_BOOST = 0.5  # of the best score the role's own words reach in any document


def required(count: int) -> int:
    """How many of `count` words a document must hold: all of one or two, two of three, ..."""
    return count if count <= 2 else math.ceil(count * 2 / 3)


def words_mask(per_term: list[np.ndarray], roles: np.ndarray | None = None) -> np.ndarray:
    """Documents with enough of the words or of a role they name; when there are none, those with
    any of the words."""
    matched = np.sum([scores > 0 for scores in per_term], axis=0)
    mask = matched >= required(len(per_term))
    if roles is not None:
        mask |= roles
    return mask if mask.any() else matched > 0


def role_boost(role_scores: np.ndarray) -> float:
    """What a posting of a named role adds to its score, whether or not it uses the words."""
    best = float(role_scores.max()) if len(role_scores) else 0.0
    return ROLE_BOOST * best if best > 0 else 1.0
