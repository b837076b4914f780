"""The conditions of a job: the months of recovery a posting asks for, the words the fact box
shows, and the index's bit mask over them. Table tests over the phrasings postings use."""
from __future__ import annotations

import pytest

from indexer.search.conditions import HOURS_BANDS, SCHEDULES, SWITCHES, conditions_mask, hours_bits
from indexer.taxonomy.conditions import Conditions, hours_row, words
from indexer.taxonomy.facets import extract_facets
from indexer.taxonomy.recovery_time import recovery_months


@pytest.mark.parametrize("text, months", [
    ("2 years of continuous recovery required.", 24),
    ("at least six months in recovery.", 6),
    ("two (2) years of sustained recovery from substance use.", 24),
    ("must be in recovery for at least one year.", 12),
    ("recovery of at least 18 months preferred.", 18),
    ("12+ months of recovery.", 12),
    ("a minimum of one year in recovery.", 12),
    ("in recovery a minimum of 2 years.", 24),
    ("3 years of recovery and 2 years of experience.", 36),
    ("1 year of recovery.\nthree years of recovery preferred.", 12),
    ("no minimum time in recovery required.", None),
    ("2 years of recovery is not required.", None),
    ("2 years of experience.", None),
    ("2 years of recovery services experience.", None),
    ("3 years of experience in recovery support services.", None),
    ("must be in recovery.", None),
    ("99 years of recovery.", None),
    ("must be clean and sober for at least 18 months.", 18), ("minimum 90 days of sobriety at time of hire.", 3),
    ("1+ yr sobriety.", 12), ("two years' continuous recovery.", 24), ("18 months sober.", 18),
    ("sobriety date must be at least 2 years prior to hire date.", 24), ("must be two years drug and alcohol free.", 24),
    ("substance-free for a minimum of 12 months.", 12), ("clean time of at least 1 year.", 12),
    ("in long-term recovery (minimum of 24 months).", 24), ("requisito: mínimo de un año de recuperación continua.", 12),
    ("recovery: 2 years of experience in a recovery setting.", None), ("must have a clean driving record for 3 years.", None),
    ("we are a drug-free workplace.", None), ("1 year since release from incarceration.", None),
    ("", None),
])
def test_recovery_months(text, months):
    assert recovery_months(text) == months


def test_recovery_months_is_a_facet_read_from_the_description():
    facets = extract_facets("Peer Recovery Coach", "Requirements:\nAt least two years of continuous recovery.")
    assert facets["recovery_months"] == 24
    assert extract_facets("Peer Recovery Coach", "2 years of experience required.")["recovery_months"] is None


@pytest.mark.parametrize("facets, name, said", [
    ({"hours_per_week": [20, 20]}, "hours", "20 hours a week"),
    ({"hours_per_week": [20, 30]}, "hours", "20-30 hours a week"),
    ({"hours_per_week": [37.5, 37.5]}, "hours", "37.5 hours a week"),
    ({}, "hours", "Not stated"),
    ({"hours_per_week": [30, 20]}, "hours", "Not stated"),
    ({"hours_per_week": "20"}, "hours", "Not stated"),
    ({"schedule": ["weekends", "days"]}, "schedule", "Days, weekends"),
    ({"schedule": ["on_call"]}, "schedule", "On call"),
    ({"schedule": []}, "schedule", "Not stated"),
    ({"schedule": ["brunch", 3]}, "schedule", "Not stated"),
    ({"requirements": ["drivers_license", "background_check"]}, "asked_for", "Driver's license, background check"),
    ({"requirements": ["own_vehicle", "drug_screen"]}, "asked_for", "Own car, drug screen"),
    ({"requirements": ["age_minimum"]}, "asked_for", "No driver's license, car or background check mentioned"),
    ({}, "asked_for", "No driver's license, car or background check mentioned"),
    ({"record_friendly": True}, "record", "Not an automatic barrier"),
    ({"record_friendly": "yes"}, "record", "Not mentioned"),
    ({}, "record", "Not mentioned"),
    ({"recovery_months": 24}, "recovery", "At least 2 years"),
    ({"recovery_months": 12}, "recovery", "At least 1 year"),
    ({"recovery_months": 6}, "recovery", "At least 6 months"),
    ({"recovery_months": 18}, "recovery", "At least 18 months"),
    ({"recovery_months": None, "requirements": ["time_in_recovery"]}, "recovery", "Asked for; how long is not stated"),
    ({"recovery_months": True}, "recovery", "No minimum stated"),
    ({}, "recovery", "No minimum stated"),
    ({"education": "none"}, "education", "No degree or diploma needed"),
    ({"education": "high_school"}, "education", "High school diploma or GED"),
    ({"education": "degree"}, "education", "A degree"),
    ({"education": "not_stated"}, "education", "Not stated"),
    ({"education": "phd"}, "education", "Not stated"),
])
def test_condition_words(facets, name, said):
    assert words(Conditions.from_facets(facets))[name] == said


@pytest.mark.parametrize("employment, facets, said", [
    ("Part-time", {"hours_per_week": [20, 20]}, "Part-time, 20 hours a week"),
    ("Full-time", {}, "Full-time"),
    (None, {"hours_per_week": [16, 24]}, "16-24 hours a week"),
    (None, {}, "Not stated"),
])
def test_the_hours_row_joins_the_employment_type_and_the_hours(employment, facets, said):
    assert hours_row(employment, Conditions.from_facets(facets)) == said


@pytest.mark.parametrize("odd", [None, [], "facets", {"requirements": "drivers_license"}, {"schedule": {"days": 1}}])
def test_odd_stored_facets_read_as_nothing_stated(odd):
    assert Conditions.from_facets(odd) == Conditions()


@pytest.mark.parametrize("hours, bands", [
    ((16, 16), {"under_20"}), ((20, 20), {"20_29"}), ((29.5, 29.5), {"20_29"}), ((30, 30), {"30_plus"}),
    ((16, 24), {"under_20", "20_29"}), ((24, 40), {"20_29", "30_plus"}), (None, set()),
])
def test_a_posting_is_in_every_band_its_hours_reach(hours, bands):
    assert hours_bits(hours) == sum(HOURS_BANDS[band] for band in bands)


@pytest.mark.parametrize("facets, holds", [
    ({}, {"no_license_mentioned", "no_car_mentioned", "no_background_check_mentioned", "no_recovery_minimum"}),
    ({"requirements": ["drivers_license", "own_vehicle", "background_check", "time_in_recovery"],
      "record_friendly": True, "education": "high_school"}, {"record_friendly", "no_degree_needed"}),
    ({"recovery_months": 12, "education": "none"},
     {"no_license_mentioned", "no_car_mentioned", "no_background_check_mentioned", "no_degree_needed"}),
    ({"education": "degree", "requirements": ["background_check"]},
     {"no_license_mentioned", "no_car_mentioned", "no_recovery_minimum"}),
])
def test_the_switch_bits_say_only_what_the_text_shows(facets, holds):
    mask = conditions_mask(facets)
    assert {name for name, bit in SWITCHES.items() if mask & bit} == holds


def test_the_schedule_bits_leave_on_call_and_rotating_out():
    mask = conditions_mask({"schedule": ["evenings", "on_call", "rotating"]})
    assert {name for name, bit in SCHEDULES.items() if mask & bit} == {"evenings"}
