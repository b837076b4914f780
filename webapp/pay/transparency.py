"""Pay transparency on the pages: whether a posting in a state whose law asks for pay posts none,
and how often open peer postings in those states post none. Plain functions, no Flask."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from foundation.pay_transparency import PayLaw, PayLaws, PayLawsError, load_pay_laws
from indexer.cards import pay_shown

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StateWithoutPay:
    law: PayLaw
    total: int  # open peer postings in the state
    without_pay: int

    @property
    def share(self) -> int:
        """Percent of the state's open peer postings that post no pay."""
        return round(100 * self.without_pay / self.total) if self.total else 0


def pay_laws_or_none() -> PayLaws | None:
    """The shipped laws, or None (logged) when the file cannot be used: the pages go without."""
    try:
        return load_pay_laws()
    except PayLawsError as error:
        log.error("pay transparency notes left out: %s", error)
        return None


def posts_pay(posting: Any) -> bool:
    """The posting page shows some pay: figures, or the posting's own words (the one pay rule)."""
    return bool(pay_shown(posting).words)


def pay_not_posted(posting: Any, laws: PayLaws | None, today: date) -> PayLaw | None:
    """The state's law when it is in effect and the posting states no pay; else None."""
    if laws is None or posts_pay(posting):
        return None
    return laws.law_in_effect(getattr(posting, "state", None), today)


def states_without_pay(counts: Mapping[str, tuple[int, int]], laws: PayLaws | None,
                       today: date) -> tuple[StateWithoutPay, ...]:
    """Per state whose law is in effect and that has open peer postings: how many post no pay."""
    found = (StateWithoutPay(law, *counts[law.state]) for law in (laws.in_effect(today) if laws else ())
             if counts.get(law.state, (0, 0))[0])
    return tuple(sorted(found, key=lambda state: (-state.without_pay, state.law.jurisdiction)))
