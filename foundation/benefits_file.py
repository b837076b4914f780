"""config/benefits.yaml read into one frozen, typed object: Social Security figures per year.

`read_benefits(path)` raises BenefitsFileError naming the entry and field at fault; nothing in
the file is guessed. `Benefits.for_year(year)` is None when the file has no entry for the year,
which the pages show as "not stated".
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from foundation.shipped import read_yaml

BENEFITS_FILE = Path(__file__).resolve().parent.parent / "config" / "benefits.yaml"
AMOUNTS = ("sga_non_blind", "sga_blind", "twp_month", "ssi_individual", "ssi_couple")
RULES = ("general_exclusion", "earned_exclusion", "earned_share_counted")
YEARS = (2000, 2100)


class BenefitsFileError(ValueError):
    """The file cannot be read or one of its values is wrong."""


@dataclass(frozen=True)
class Source:
    url: str
    read_in: str | None = None  # where the year's figure was read, when the url's copy was older


@dataclass(frozen=True)
class YearFigures:
    year: int
    sga_non_blind: int
    sga_blind: int
    twp_month: int
    ssi_individual: int
    ssi_couple: int
    sources: tuple[tuple[str, Source], ...]

    def source(self, name: str) -> Source:
        return dict(self.sources)[name]


@dataclass(frozen=True)
class SsiRules:
    general_exclusion: float
    earned_exclusion: float
    earned_share_counted: float
    sources: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Benefits:
    counseling_name: str
    counseling_url: str
    ssi: SsiRules
    years: tuple[YearFigures, ...]

    def for_year(self, year: int) -> YearFigures | None:
        return next((entry for entry in self.years if entry.year == year), None)


def read_benefits(path: Path | str | None = None) -> Benefits:
    data, source = read_yaml(path, BENEFITS_FILE, BenefitsFileError, "the benefits figures")
    if not isinstance(data, dict) or data.get("version") != 1:
        raise BenefitsFileError(f"{source}: expected a mapping with version: 1")
    return _benefits(data)


@functools.lru_cache(maxsize=1)
def shipped_benefits() -> Benefits:
    """The shipped file, read once per process."""
    return read_benefits()


def _benefits(data: dict) -> Benefits:
    counseling = _mapping(data.get("counseling"), "counseling")
    years = _list(data.get("years"), "years")
    entries = tuple(_year(entry, index) for index, entry in enumerate(years))
    seen = [entry.year for entry in entries]
    if len(seen) != len(set(seen)):
        raise BenefitsFileError("years: a year is listed twice")
    return Benefits(_text(counseling.get("name"), "counseling.name"), _url(counseling.get("url"), "counseling.url"),
                    _rules(_mapping(data.get("ssi_rules"), "ssi_rules")), entries)


def _rules(rules: dict) -> SsiRules:
    sources = _mapping(rules.get("sources"), "ssi_rules.sources")
    values = {name: _number(rules.get(name), f"ssi_rules.{name}") for name in RULES}
    if not 0 < values["earned_share_counted"] <= 1:
        raise BenefitsFileError("ssi_rules.earned_share_counted: must be above 0 and at most 1")
    return SsiRules(**values, sources=tuple((name, _url(sources.get(name), f"ssi_rules.sources.{name}"))
                                            for name in RULES))


def _year(entry: Any, index: int) -> YearFigures:
    where = f"years[{index}]"
    entry = _mapping(entry, where)
    year = entry.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not YEARS[0] <= year <= YEARS[1]:
        raise BenefitsFileError(f"{where}.year: expected a year between {YEARS[0]} and {YEARS[1]}")
    where = f"year {year}"
    amounts = {name: _amount(entry.get(name), f"{where}.{name}") for name in AMOUNTS}
    sources = _mapping(entry.get("sources"), f"{where}.sources")
    return YearFigures(year=year, **amounts,
                       sources=tuple((name, _source(sources.get(name), f"{where}.sources.{name}")) for name in AMOUNTS))


def _source(value: Any, where: str) -> Source:
    value = _mapping(value, where)
    read_in = value.get("read_in")
    return Source(_url(value.get("url"), f"{where}.url"), None if read_in is None else _url(read_in, f"{where}.read_in"))


def _amount(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 100_000:
        raise BenefitsFileError(f"{where}: expected whole dollars a month, above 0, got {value!r}")
    return value


def _number(value: Any, where: str) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
        raise BenefitsFileError(f"{where}: expected a number of 0 or more, got {value!r}")
    return float(value)


def _url(value: Any, where: str) -> str:
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme != "https" or not parts.netloc:
        raise BenefitsFileError(f"{where}: expected an https:// address, got {value!r}")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BenefitsFileError(f"{where}: expected text")
    return value.strip()


def _mapping(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise BenefitsFileError(f"{where}: expected a mapping")
    return value


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise BenefitsFileError(f"{where}: expected a list")
    return value
