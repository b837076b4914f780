"""Scoring the conditions of the job on labeled files: the scorer itself, on records written here,
and the command that prints the table."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.taxonomy.evaluate_conditions import EXACT, YES_NO, labeled_conditions, read_conditions, score
from peerjobs.cli import main

NOTHING = {"drivers_license": False, "own_vehicle": False, "background_check": False, "drug_screen": False,
           "record_friendly": False, "recovery_asked": False, "recovery_months": None,
           "education": "not_stated", "hours_per_week": None, "schedule": []}


def record(text: str, **labels) -> dict:
    return {"id": text[:12], "title": "Peer Support Specialist", "text": text, **NOTHING, **labels}


LICENSE = record("Valid driver's license required. 20 hours per week.", drivers_license=True, hours_per_week=20)
RECOVERY = record("Two years of continuous recovery required. High school diploma or GED.",
                  recovery_asked=True, recovery_months=24, education="high_school")


def write(path, records) -> str:
    path.write_text("\n".join(json.dumps(item) for item in records) + "\n", encoding="utf-8")
    return str(path)


def test_a_record_is_read_as_the_fact_box_shows_it():
    assert read_conditions(LICENSE) == {**NOTHING, "drivers_license": True, "hours_per_week": 20.0}
    assert read_conditions(RECOVERY) == {**NOTHING, "recovery_asked": True, "recovery_months": 24,
                                         "education": "high_school"}


def test_right_and_wrong_readings_are_counted_per_fact():
    wrong = record("Must have a valid driver's license.", hours_per_week=[20, 29])  # labels leave out the license
    result = score([LICENSE, RECOVERY, wrong])
    assert result.yes_no["drivers_license"] == {"tp": 1, "fp": 1, "tn": 1}
    assert result.precision_recall("drivers_license") == (0.5, 1.0)
    assert result.exact["hours_per_week"] == [2, 3] and result.accuracy("recovery_months") == 1.0
    assert sorted(fact for _, fact, _, _ in result.mistakes) == ["drivers_license", "hours_per_week"]


@pytest.mark.parametrize("line, problem", [
    ('{"title": "x"}', 'expected an object with a text "text"'),
    ("not json", "not JSON"),
    (json.dumps({"text": "x", **{k: v for k, v in NOTHING.items() if k != "education"}}), "missing education"),
    (json.dumps({"text": "x", **NOTHING, "education": "phd"}), "education must be one of"),
])
def test_a_bad_labeled_line_stops_with_its_place(tmp_path, line, problem):
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=problem) as raised:
        labeled_conditions(path)
    assert "line 1" in str(raised.value)


def test_the_command_prints_one_column_per_file_and_the_mistakes(tmp_path):
    first, second = write(tmp_path / "a.jsonl", [LICENSE]), write(tmp_path / "b.jsonl", [LICENSE, RECOVERY])
    result = CliRunner().invoke(main, ["normalize", "--evaluate-conditions", first,
                                       "--evaluate-conditions", second, "--mistakes"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["fact", "a.jsonl", "b.jsonl"] and lines[1].split() == ["records", "1", "2"]
    assert any(line.startswith("drivers_license") and line.count("R 100%") == 2 for line in lines)
    bad = write(tmp_path / "c.jsonl", [{"text": "x"}])
    refused = CliRunner().invoke(main, ["normalize", "--evaluate-conditions", bad])
    assert refused.exit_code == 1 and "missing" in refused.output


DATA = Path(__file__).parent / "data" / "conditions"


def test_the_tuned_file_passes_the_bars():
    result = score(labeled_conditions(DATA / "tuned.jsonl"))
    for fact in YES_NO:
        precision, recall = result.precision_recall(fact)
        assert precision >= 0.95 and recall >= 0.9, (fact, [m for m in result.mistakes if m[1] == fact])
    for fact in EXACT:
        assert result.accuracy(fact) >= 0.95, (fact, [m for m in result.mistakes if m[1] == fact])


def test_the_held_out_files_are_scored_by_the_same_command():
    names = ["tuned.jsonl", "heldout.jsonl", "heldout_second_writer.jsonl"]
    arguments = sum((["--evaluate-conditions", str(DATA / name)] for name in names), [])
    result = CliRunner().invoke(main, ["normalize", *arguments])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split()[1:] == [name[:24] for name in names]
