"""config/pay_transparency.yaml: the states (and DC) whose laws ask for pay in job postings.

`load_pay_laws` reads and checks the file once; a wrong entry raises PayLawsError naming it.
`law_in_effect` answers whether a state's law applies on a given day: a law whose effective date
is still ahead is kept in the file and waits. Pure apart from reading the file.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from foundation.shipped import read_yaml

PAY_LAWS_FILE = Path(__file__).resolve().parents[1] / "config" / "pay_transparency.yaml"
REQUIRED = ("state", "jurisdiction", "law", "effective", "employer_threshold", "source", "source_year")
_STATE = re.compile(r"^[A-Z]{2}$")


class PayLawsError(ValueError):
    """The pay transparency file is unreadable or one of its laws is wrong."""


@dataclass(frozen=True)
class PayLaw:
    state: str
    jurisdiction: str
    law: str
    effective: date
    employer_threshold: str
    source: str
    source_year: int

    def in_effect(self, today: date) -> bool:
        return self.effective <= today


@dataclass(frozen=True)
class PayLaws:
    laws: tuple[PayLaw, ...]

    def for_state(self, state: str | None) -> PayLaw | None:
        return next((law for law in self.laws if law.state == (state or "").upper()), None)

    def law_in_effect(self, state: str | None, today: date) -> PayLaw | None:
        """The state's law when it applies on `today`; None for other states and future laws."""
        law = self.for_state(state)
        return law if law and law.in_effect(today) else None

    def in_effect(self, today: date) -> tuple[PayLaw, ...]:
        return tuple(law for law in self.laws if law.in_effect(today))


@functools.lru_cache(maxsize=4)
def load_pay_laws(path: Path | str | None = None) -> PayLaws:
    """Read and check the file once (the shipped one unless `path` is given)."""
    data, source = read_yaml(path, PAY_LAWS_FILE, PayLawsError, "the pay transparency laws")
    return pay_laws_from(data, str(source))


def pay_laws_from(data: Any, where: str = "pay_transparency") -> PayLaws:
    """The laws from parsed YAML: pure data in, frozen entries out; one law per state."""
    if not isinstance(data, dict) or not isinstance(data.get("laws"), list):
        raise PayLawsError(f"{where}: expected a mapping with a list of laws")
    laws = tuple(_law(entry, where) for entry in data["laws"])
    states = [law.state for law in laws]
    repeated = sorted({state for state in states if states.count(state) > 1})
    if repeated:
        raise PayLawsError(f"{where}: more than one law for {', '.join(repeated)}")
    return PayLaws(laws)


def _law(entry: Any, where: str) -> PayLaw:
    if not isinstance(entry, dict):
        raise PayLawsError(f"{where}: expected a mapping for each law, got {entry!r}")
    name = entry.get("state") or "?"
    missing = [key for key in REQUIRED if entry.get(key) in (None, "")]
    if missing:
        raise PayLawsError(f"{where}: law for {name}: missing {', '.join(missing)}")
    state = str(entry["state"]).upper()
    if not _STATE.match(state):
        raise PayLawsError(f"{where}: law for {name}: state must be a two-letter code")
    if not str(entry["source"]).startswith("https://"):
        raise PayLawsError(f"{where}: law for {state}: source must be an https:// URL")
    return PayLaw(state=state, jurisdiction=str(entry["jurisdiction"]), law=str(entry["law"]),
                  effective=_day(entry["effective"], state, where),
                  employer_threshold=str(entry["employer_threshold"]), source=str(entry["source"]),
                  source_year=_year(entry["source_year"], state, where))


def _day(value: Any, state: str, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise PayLawsError(f"{where}: law for {state}: effective must be a date (YYYY-MM-DD), got {value!r}") from None


def _year(value: Any, state: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2100:
        raise PayLawsError(f"{where}: law for {state}: source_year must be a year, got {value!r}")
    return value
