"""`peerjobs normalize`: classify JSON-lines records, and score the classifier on a labeled file.

A record has at least "title"; optionally "description" (text or HTML), "employer", "location".
A labeled record adds "category": a taxonomy id, or null for a job that is not peer work.
Labeled files are JSON lines (.jsonl) or tab-separated "title<TAB>category" (.tsv, "-" = not peer).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from indexer.taxonomy.classify import classify
from indexer.taxonomy.display_title import display_title
from indexer.taxonomy.facets import STATUS_NAMES, extract_facets
from indexer.parsers.sanitize import clean_html, html_to_text
from indexer.taxonomy.vocabulary import load_taxonomy

NOT_PEER = "-"


def read_records(lines: Iterable[str], text_field: str = "title") -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, record, error) per non-blank line; a bad line gives an error, not a stop.
    Each record must hold a text `text_field`."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, None, f"line {number}: not JSON ({error.msg})"
            continue
        if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
            yield number, None, f"line {number}: expected an object with a text \"{text_field}\""
            continue
        yield number, record, None


def normalized_record(record: dict[str, Any]) -> dict[str, Any]:
    """The record as given, plus category, is_peer, confidence, classification, facets and display title."""
    description = _text(record.get("description"))
    verdict = classify(record["title"], description, employer=_text(record.get("employer")))
    return {**record, "category": verdict.category, "is_peer": verdict.is_peer,
            "confidence": verdict.confidence, "classification": verdict.rule,
            "facets": extract_facets(record["title"], description), "display_title": display_title(record["title"])}


def labeled_records(path: Path) -> list[dict[str, Any]]:
    """A labeled file's records, each with "category" (None for not peer)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    if Path(path).suffix == ".tsv":
        rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
        return [{"title": row[0], "category": _label(row[1] if len(row) > 1 else NOT_PEER)} for row in rows]
    records = []
    for _, record, error in read_records(lines):
        if error:
            raise ValueError(f"{path}: {error}")
        records.append({**record, "category": _label(record.get("category"))})
    return records


@dataclass
class Evaluation:
    total: int = 0
    correct: int = 0
    #: (expected, predicted) -> count; "-" stands for not peer.
    confusion: Counter = field(default_factory=Counter)
    mistakes: list[tuple[dict[str, Any], str, str]] = field(default_factory=list)
    #: Fact -> [right, labeled]: "certification" status and "can_apply" without the credential.
    facts: dict[str, list[int]] = field(default_factory=dict)
    fact_mistakes: list[tuple[dict[str, Any], str, str]] = field(default_factory=list)

    def fact_accuracy(self, name: str) -> float | None:
        right, labeled = self.facts.get(name, (0, 0))
        return right / labeled if labeled else None

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def precision_recall(self, label: str) -> tuple[float, float, int]:
        """Precision, recall and support of one label."""
        hits = self.confusion[(label, label)]
        predicted = sum(n for (_, got), n in self.confusion.items() if got == label)
        expected = sum(n for (want, _), n in self.confusion.items() if want == label)
        return (hits / predicted if predicted else 1.0), (hits / expected if expected else 1.0), expected

    def peer_precision_recall(self) -> tuple[float, float]:
        """How well is_peer alone is decided, whatever the category."""
        both = sum(n for (want, got), n in self.confusion.items() if want != NOT_PEER and got != NOT_PEER)
        said = sum(n for (_, got), n in self.confusion.items() if got != NOT_PEER)
        true = sum(n for (want, _), n in self.confusion.items() if want != NOT_PEER)
        return (both / said if said else 1.0), (both / true if true else 1.0)


def evaluate(records: Iterable[dict[str, Any]]) -> Evaluation:
    result = Evaluation()
    for record in records:
        verdict = classify(record["title"], _text(record.get("description")),
                           employer=_text(record.get("employer")))
        expected, predicted = record["category"] or NOT_PEER, verdict.category or NOT_PEER
        result.total += 1
        result.correct += expected == predicted
        result.confusion[(expected, predicted)] += 1
        if expected != predicted:
            result.mistakes.append((record, predicted, verdict.rule))
        if record.get("certification"):
            _score_facts(result, record)
    return result


#: The facet's status names as the labeled files write them.
CERTIFICATION_LABELS = {value: key for key, value in STATUS_NAMES.items()}


def _score_facts(result: Evaluation, record: dict[str, Any]) -> None:
    """Certification status and "can I apply without it", against the record's labels."""
    certification = extract_facets(record["title"], _text(record.get("description")))["certification"]
    got = CERTIFICATION_LABELS.get(certification["status"], certification["status"])
    checks = (("certification", record["certification"], got),
              ("can_apply", record.get("can_apply_without_cert"), got != "required"),
              ("credential", _credential_label(record), _credential_read(record, certification)))
    for name, want, predicted in checks:
        if want is None:
            continue
        tally = result.facts.setdefault(name, [0, 0])
        tally[0] += want == predicted
        tally[1] += 1
        if name in ("certification", "credential") and want != predicted:
            result.fact_mistakes.append((record, str(want), str(predicted)))


def _credential_label(record: dict[str, Any]) -> str | None:
    """The named credential, "-" for a labeled none; None (not scored) when the record has no such label."""
    if "credential" not in record:
        return None
    return record["credential"].upper() if isinstance(record["credential"], str) else "-"


def _credential_read(record: dict[str, Any], certification: dict[str, Any]) -> str:
    """The labeled credential when the facets name it, else the first they name, else "-"."""
    names = [str(name).upper() for name in certification.get("names") or []]
    wanted = _credential_label(record)
    return wanted if wanted in names else (names[0] if names else "-")


def table(results: dict[str, Evaluation]) -> str:
    """One row per labeled file: is_peer precision and recall, category, certification, can-apply,
    and the credential named."""
    lines = [f"{'file':34} {'n':>5} {'peer P':>7} {'peer R':>7} {'category':>8} {'cert':>6} {'apply':>6}"
             f" {'named':>6}"]
    for name, result in results.items():
        precision, recall = result.peer_precision_recall()
        facts = [result.fact_accuracy(key) for key in ("certification", "can_apply", "credential")]
        cells = [f"{value:.1%}" if value is not None else "-" for value in facts]
        lines.append(f"{name:34} {result.total:>5} {precision:>7.1%} {recall:>7.1%} {result.accuracy:>8.1%}"
                     f" {cells[0]:>6} {cells[1]:>6} {cells[2]:>6}")
    return "\n".join(lines)


def report(result: Evaluation) -> str:
    """Accuracy, is_peer precision/recall, per-category precision/recall, confusion table, mistakes."""
    labels = [category.id for category in load_taxonomy().categories] + [NOT_PEER]
    peer_p, peer_r = result.peer_precision_recall()
    lines = [f"{result.total} labeled, category accuracy {result.accuracy:.1%}",
             f"is_peer: precision {peer_p:.1%}, recall {peer_r:.1%}"]
    for name in ("certification", "can_apply", "credential"):
        if result.fact_accuracy(name) is not None:
            lines.append(f"{name}: accuracy {result.fact_accuracy(name):.1%} of {result.facts[name][1]}")
    lines += ["",
             f"{'category':28} {'precision':>9} {'recall':>7} {'n':>4}"]
    for label in labels:
        precision, recall, support = result.precision_recall(label)
        lines.append(f"{_name(label):28} {precision:>9.1%} {recall:>7.1%} {support:>4}")
    lines += ["", "confusion (rows: labeled, columns: predicted; columns numbered as rows)"]
    lines.append(" " * 32 + "".join(f"{n:>4}" for n in range(1, len(labels) + 1)))
    for row, want in enumerate(labels, 1):
        cells = "".join(f"{result.confusion[(want, got)] or '.':>4}" for got in labels)
        lines.append(f"{row:>2} {_name(want):28} {cells}")
    if result.mistakes:
        lines += ["", "mistakes:"]
        lines += [f"  {record['title']!r}: labeled {record['category'] or NOT_PEER}, got {got} ({rule})"
                  for record, got, rule in result.mistakes]
    if result.fact_mistakes:
        lines += ["", "certification and credential mistakes:"]
        lines += [f"  {record['title']!r}: labeled {want}, got {got}" for record, want, got in result.fact_mistakes]
    return "\n".join(lines)


def _name(label: str) -> str:
    return "(not peer)" if label == NOT_PEER else label


def _label(value: Any) -> str | None:
    text = (value or "").strip() if isinstance(value, str) else ""
    if text in ("", NOT_PEER, "none", "null"):
        return None
    if load_taxonomy().category(text) is None:
        raise ValueError(f"unknown category {text!r}")
    return text


def _text(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return html_to_text(clean_html(value)) if "<" in value else value
