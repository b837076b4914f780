"""`peerjobs normalize --evaluate-conditions`: score the conditions of the job, as the fact box
shows them, on a labeled file (tests/data/conditions/README.md gives the labels' rules).

Each record is read the way a crawled posting is (extract_facets, then Conditions.from_facets),
so the score is of what a peer would see. Yes/no facts get precision and recall; the others
(minimum time in recovery, education, hours, schedule) are right only when exactly right.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from indexer.taxonomy.conditions import Conditions
from indexer.taxonomy.evaluate import read_records
from indexer.taxonomy.facets import extract_facets

YES_NO = ("drivers_license", "own_vehicle", "background_check", "drug_screen", "record_friendly", "recovery_asked")
EXACT = ("recovery_months", "education", "hours_per_week", "schedule")
EDUCATION = ("none", "high_school", "degree", "not_stated")


@dataclass
class ConditionsScore:
    total: int = 0
    #: yes/no fact -> Counter of "tp", "fp", "fn", "tn"
    yes_no: dict[str, Counter] = field(default_factory=lambda: {name: Counter() for name in YES_NO})
    #: exact fact -> [right, labeled]
    exact: dict[str, list[int]] = field(default_factory=lambda: {name: [0, 0] for name in EXACT})
    mistakes: list[tuple[str, str, Any, Any]] = field(default_factory=list)  # id, fact, labeled, read

    def precision_recall(self, name: str) -> tuple[float, float]:
        tally = self.yes_no[name]
        said, true = tally["tp"] + tally["fp"], tally["tp"] + tally["fn"]
        return (tally["tp"] / said if said else 1.0), (tally["tp"] / true if true else 1.0)

    def accuracy(self, name: str) -> float:
        right, labeled = self.exact[name]
        return right / labeled if labeled else 1.0


def labeled_conditions(path: Path) -> list[dict[str, Any]]:
    """The file's records, each checked to hold every label; a bad record stops with its line."""
    records = []
    for number, record, error in read_records(Path(path).read_text(encoding="utf-8").splitlines(),
                                               text_field="text"):
        if error:
            raise ValueError(f"{path}: {error}")
        problem = _label_problem(record)
        if problem:
            raise ValueError(f"{path}: line {number}: {problem}")
        records.append(record)
    return records


def _label_problem(record: dict[str, Any]) -> str | None:
    missing = [name for name in YES_NO + EXACT if name not in record]
    if missing:
        return f"missing {', '.join(missing)}"
    if record["education"] not in EDUCATION:
        return f"education must be one of {', '.join(EDUCATION)}"
    return None


def read_conditions(record: dict[str, Any]) -> dict[str, Any]:
    """What the fact box would say of the record, in the labels' terms."""
    conditions = Conditions.from_facets(extract_facets(record.get("title") or "", record["text"]))
    hours = conditions.hours_per_week
    return {**{name: name in conditions.asked_for for name in YES_NO[:4]},
            "record_friendly": conditions.record_friendly, "recovery_asked": conditions.recovery_asked,
            "recovery_months": conditions.recovery_months, "education": conditions.education,
            "hours_per_week": None if hours is None else (hours[0] if hours[0] == hours[1] else list(hours)),
            "schedule": sorted(conditions.schedule)}


def score(records: Iterable[dict[str, Any]]) -> ConditionsScore:
    result = ConditionsScore()
    for record in records:
        result.total += 1
        read = read_conditions(record)
        for name in YES_NO:
            want, got = bool(record[name]), read[name]
            result.yes_no[name][("t" if want == got else "f") + ("p" if got else "n")] += 1
            _note(result, record, name, want, got)
        for name in EXACT:
            want, got = _comparable(name, record[name]), read[name]
            result.exact[name][0] += want == got
            result.exact[name][1] += 1
            _note(result, record, name, want, got)
    return result


def _comparable(name: str, value: Any) -> Any:
    if name == "schedule":
        return sorted(value or [])
    if name == "hours_per_week" and isinstance(value, list):
        return float(value[0]) if value[0] == value[-1] else [float(value[0]), float(value[-1])]
    return float(value) if name == "hours_per_week" and value is not None else value


def _note(result: ConditionsScore, record: dict[str, Any], name: str, want: Any, got: Any) -> None:
    if want != got:
        result.mistakes.append((str(record.get("id", result.total)), name, want, got))


def table(results: dict[str, ConditionsScore]) -> str:
    """One row per fact: precision/recall (yes/no facts) or accuracy, for each file side by side."""
    names = list(results)
    lines = [f"{'fact':18}" + "".join(f" {name[:24]:>24}" for name in names),
             f"{'records':18}" + "".join(f" {results[name].total:>24}" for name in names)]
    for fact in YES_NO:
        cells = ["P {:.0%} R {:.0%} ({})".format(*results[name].precision_recall(fact),
                                                 _true(results[name], fact)) for name in names]
        lines.append(f"{fact:18}" + "".join(f" {cell:>24}" for cell in cells))
    for fact in EXACT:
        lines.append(f"{fact:18}" + "".join(f" {results[name].accuracy(fact):>23.1%} " for name in names))
    return "\n".join(lines)


def _true(result: ConditionsScore, fact: str) -> int:
    return result.yes_no[fact]["tp"] + result.yes_no[fact]["fn"]


def mistakes(result: ConditionsScore) -> str:
    return "\n".join(f"  {record_id} {fact}: labeled {want!r}, read {got!r}"
                     for record_id, fact, want, got in result.mistakes)
