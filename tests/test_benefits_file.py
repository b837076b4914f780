"""config/benefits.yaml and its reader: YAML in, one frozen typed object out, a clear error on a bad line."""
from __future__ import annotations

import copy
import dataclasses
from urllib.parse import urlsplit

import pytest
import yaml

from foundation.benefits_file import AMOUNTS, BENEFITS_FILE, BenefitsFileError, read_benefits

GOOD = {
    "version": 1,
    "counseling": {"name": "Ticket to Work", "url": "https://choosework.ssa.gov/"},
    "ssi_rules": {"general_exclusion": 20, "earned_exclusion": 65, "earned_share_counted": 0.5,
                  "sources": {name: "https://ssa.example/rules" for name in
                              ("general_exclusion", "earned_exclusion", "earned_share_counted")}},
    "years": [{"year": 2030, "sga_non_blind": 2000, "sga_blind": 3000, "twp_month": 1400, "ssi_individual": 1100,
               "ssi_couple": 1650, "sources": {name: {"url": f"https://ssa.example/{name}"} for name in AMOUNTS}}],
}


def written(tmp_path, data) -> str:
    path = tmp_path / "benefits.yaml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data), encoding="utf-8")
    return str(path)


def changed(path: str, value):
    """GOOD with the value at `path` ("years.0.twp_month") replaced; a value of ... deletes the key."""
    root = data = copy.deepcopy(GOOD)
    *keys, last = path.split(".")
    for key in keys:
        data = data[int(key)] if key.isdigit() else data[key]
    if value is ...:
        del data[last]
    else:
        data[last] = value
    return root




def test_a_good_file_reads_into_a_frozen_object(tmp_path):
    benefits = read_benefits(written(tmp_path, GOOD))
    year = benefits.for_year(2030)
    assert (year.sga_non_blind, year.sga_blind, year.twp_month, year.ssi_individual, year.ssi_couple) == (
        2000, 3000, 1400, 1100, 1650)
    assert year.source("twp_month").url == "https://ssa.example/twp_month" and year.source("twp_month").read_in is None
    assert (benefits.ssi.general_exclusion, benefits.ssi.earned_exclusion, benefits.ssi.earned_share_counted) == (
        20, 65, 0.5)
    assert benefits.for_year(2031) is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        year.sga_non_blind = 1


@pytest.mark.parametrize("path, value, message", [
    ("version", 2, "version: 1"),
    ("years.0.sga_non_blind", "1,690", r"year 2030\.sga_non_blind: expected whole dollars"),
    ("years.0.twp_month", 0, r"year 2030\.twp_month: expected whole dollars"),
    ("years.0.ssi_couple", True, r"year 2030\.ssi_couple"),
    ("years.0.sga_blind", ..., r"year 2030\.sga_blind"),
    ("years.0.year", "2030", r"years\[0\]\.year: expected a year"),
    ("years.0.sources", {name: {"url": "https://ssa.example/x"} for name in AMOUNTS[:-1]},
     r"year 2030\.sources\.ssi_couple: expected a mapping"),
    ("years.0.sources.sga_blind", {"url": "http://ssa.example/x"}, r"sources\.sga_blind\.url: expected an https"),
    ("years.0.sources.sga_blind", {"url": "https://ssa.example/x", "read_in": "somewhere"}, r"read_in"),
    ("counseling.url", "choosework.ssa.gov", r"counseling\.url"),
    ("counseling.name", " ", r"counseling\.name: expected text"),
    ("ssi_rules.earned_share_counted", 2, r"earned_share_counted: must be above 0"),
    ("ssi_rules.earned_exclusion", -65, r"ssi_rules\.earned_exclusion"),
    ("ssi_rules.sources", ..., r"ssi_rules\.sources: expected a mapping"),
    ("years", {"year": 2030}, r"years: expected a list"),
])
def test_a_bad_line_is_named(tmp_path, path, value, message):
    with pytest.raises(BenefitsFileError, match=message):
        read_benefits(written(tmp_path, changed(path, value)))


def test_a_year_twice_and_unreadable_files_are_refused(tmp_path):
    twice = copy.deepcopy(GOOD)
    twice["years"].append(copy.deepcopy(GOOD["years"][0]))
    with pytest.raises(BenefitsFileError, match="listed twice"):
        read_benefits(written(tmp_path, twice))
    with pytest.raises(BenefitsFileError, match="cannot read"):
        read_benefits(written(tmp_path, "years: [unclosed"))
    with pytest.raises(BenefitsFileError, match="cannot read"):
        read_benefits(tmp_path / "missing.yaml")


def test_the_shipped_file_reads_and_every_figure_has_a_public_source():
    benefits = read_benefits(BENEFITS_FILE)
    assert benefits.years and urlsplit(benefits.counseling_url).netloc == "choosework.ssa.gov"
    for year in benefits.years:
        for name in AMOUNTS:
            assert urlsplit(year.source(name).url).netloc.endswith("ssa.gov"), (year.year, name)
        assert year.sga_non_blind < year.sga_blind and year.twp_month < year.sga_non_blind
        assert year.ssi_individual < year.ssi_couple
    assert all(urlsplit(url).netloc.endswith("ssa.gov") for _, url in benefits.ssi.sources)
