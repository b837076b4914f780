"""The facts a peer decides on, each a pure function, over the phrasings postings use."""
from __future__ import annotations

import pytest

from indexer.parsers.text_sections import negated_near, plain_quotes
from indexer.taxonomy.certification import months_allowed, sentence_statuses
from indexer.taxonomy.facets import extract_facets
from indexer.taxonomy.facts import education, hours_per_week, record_friendly, requirements, schedule


@pytest.mark.parametrize("text, hours", [
    ("20 hours per week", [20, 20]), ("0.5 fte", [20, 20]), ("1.0 fte", [40, 40]), ("part-time 24 hrs", [24, 24]),
    ("32-40 hours", [32, 40]), ("full-time, 40 hours per week.", [40, 40]), ("30 hrs/wk", [30, 30]),
    ("hours: 16 per week, saturdays and sundays.", [16, 16]), ("hours vary from 8 to 24 per week.", [8, 24]),
    ("tiempo completo, 40 horas por semana.", [40, 40]), ("a 37.5 hour work week", [37.5, 37.5]),
    ("must document within 24 hours of each visit.", None), ("8 hours per day", None),
    ("fte: 0.5", [20, 20]), ("part-time .6 fte.", [24, 24]), ("a full-time, 40-hour per week position.", [40, 40]),
    ("complete the 40-hour peer training.", None),
    ("document within 24 hours\nschedule: 37.5 hours/week", [37.5, 37.5]),
    ("40 hours of training are provided.", None), ("full-time with benefits.", None),
])
def test_hours_per_week(text, hours):
    assert hours_per_week(text) == hours


@pytest.mark.parametrize("text, found", [
    ("monday through friday, 8:30-5.", ["days"]), ("some evenings and weekends required.", ["evenings", "weekends"]),
    ("overnight shift (11p-7a).", ["nights"]), ("prn / per diem, on-call as needed.", ["on_call"]),
    ("rotating shifts including holidays.", ["rotating"]), ("we support people through the week.", []),
    ("mon–fri 8–4:30.", ["days"]), ("work hours: 7:00 pm – 3:30 am, sunday through thursday.", ["nights", "weekends"]),
    ("schedule: sun–wed 3pm–11:30pm.", ["evenings", "weekends"]), ("24/7 on-call rotation.", ["on_call"]),
    ("must complete training within 90 days of hire.", []), ("pay: $18.50-$21.00 an hour.", []),
    ("horario: lunes a viernes, 10am–6:30pm", ["days"]), ("night owls welcome; 6pm to midnight.", ["evenings"]),
])
def test_schedule(text, found):
    assert schedule(text) == found


@pytest.mark.parametrize("text, found", [
    ("valid driver's license and reliable transportation required.", ["drivers_license", "own_vehicle"]),
    ("no driver's license required.", []),
    ("must pass a background check and drug screen.", ["background_check", "drug_screen"]),
    ("two years of continuous recovery required.", ["time_in_recovery"]),
    ("must have at least 12 months of recovery.", ["time_in_recovery"]),
    ("must be willing to share your own recovery story.", ["lived_experience_disclosure"]),
    ("applicants must self-identify as a person in recovery.", ["lived_experience_disclosure"]),
    ("must be 18 years of age or older.", ["age_minimum"]), ("must be at least 21.", ["age_minimum"]),
    ("auto insurance and use of a personal vehicle.", ["own_vehicle"]),
    # a negation about something else in the sentence does not rule the requirement out
    ("valid driver's license with no more than two moving violations.", ["drivers_license"]),
    ("must pass a background check, no experience needed.", ["background_check"]),
    # ruled out before or after the thing itself
    ("we do not require a driver's license.", []), ("a driver's license is not required.", []),
    ("a background check isn't needed for this role.", []),
    ("valid dl and an insured, reliable vehicle.", ["drivers_license", "own_vehicle"]),
    ("minnesota dhs background study and pre-employment drug/alcohol screen.", ["background_check", "drug_screen"]),
    ("drug testing is not required for this position.", []),
    ("debe tener licencia de conducir y vehículo propio.", ["drivers_license", "own_vehicle"]),
    ("must be in stable recovery.", ["time_in_recovery"]),
])
def test_requirements(text, found):
    assert requirements(text) == found


@pytest.mark.parametrize("sentence, thing, ruled_out", [
    ("no driver's license needed.", "driver's license", True),
    ("driver's license is not required.", "driver's license", True),
    ("driver's license with no duis.", "driver's license", False),
    ("not a desk job, but a driver's license is a must.", "driver's license", False),
    ("a record is fine; we don't check.", "record", False),
])
def test_negated_near(sentence, thing, ruled_out):
    start = sentence.index(thing)
    assert negated_near(sentence, start, start + len(thing)) is ruled_out


def test_typographic_apostrophes_read_as_plain_ones():
    facets = extract_facets("Peer Specialist", "Must have a valid Driver\u2019s License.")
    assert facets["requirements"] == ["drivers_license"]
    assert plain_quotes("\u201cyou\u2019re\u201d") == '"you\'re"'


@pytest.mark.parametrize("text, level", [
    ("high school diploma or ged required.", "high_school"), ("bachelor's degree preferred.", "degree"),
    ("no degree required; lived experience is what counts.", "none"), ("join our team.", "not_stated"),
    ("must be 18+, hs diploma.", "high_school"), ("no experience or diploma required.", "none"),
    ("education: not required.", "none"), ("you don't need a driver's license, a degree, or a car.", "none"),
    ("licenciatura en trabajo social (requerido).", "degree"),
])
def test_education(text, level):
    assert education(text) == level


@pytest.mark.parametrize("text, friendly", [
    ("we are a second chance employer.", True), ("a criminal record is not an automatic disqualifier.", True),
    ("justice-involved individuals are encouraged to apply.", True), ("dhs background waivers are available.", True),
    ("must pass a background check.", False),
    ("applicants with conviction histories are encouraged to apply.", True),
    ("prior convictions are considered on a case-by-case basis.", True),
    ("se aceptan solicitantes con antecedentes penales.", True),
    ("a record won't automatically rule you out.", True),
    ("applicants with felony convictions will not be considered.", False),
    ("must have a clean driving record; records are reviewed.", True),
    ("document each contact in the electronic record.", False),
    ("returning citizens are encouraged to apply.", True), ("we consider all applicants regardless of criminal history.", True),
    ("records management experience preferred.", False), ("certain convictions may disqualify you.", False),
    ("individuals with sex offense convictions are not eligible.", False),
    ("must have no history of violent convictions and records considered.", False),
])
def test_record_friendly(text, friendly):
    assert record_friendly(text) is friendly


@pytest.mark.parametrize("sentence, found", [
    ("state peer support certification is required at the time of hire.", [("required", None)]),
    ("crss must be current at hire.", [("required", None)]),
    ("certified recovery specialist (crs) credential required within 90 days of hire.", [("after_hire", 3)]),
    ("cps or willing to obtain cps within 6 months of hire.", [("after_hire", 6)]),
    ("crps-a must be obtained within 12 months of hire.", [("after_hire", 12)]),
    ("certification through a va-approved training within one year of hire.", [("after_hire", 12)]),
    ("psp training and certification must be completed within 180 days of hire.", [("after_hire", 6)]),
    ("must hold the cpc credential at hire, and agency affiliated counselor registration must be completed "
     "within 30 days of hire.", [("required", None)]),
    ("texas cps required, and the re-entry peer specialist endorsement must be earned within 12 months.",
     [("required", None)]),
    ("carc preferred; applicants may apply and must earn the carc within 9 months.",
     [("preferred", None), ("after_hire", 9)]),
    ("nccpss certification is preferred.", [("preferred", None)]),
    ("no certification is needed.", [("none", None)]),
    ("se requiere la certificación medi-cal peer support specialist o obtenerla dentro de los 12 meses de "
     "contratación.", [("after_hire", 12)]),
    ("cpr and first aid certification required within 30 days.", []),
    ("valid driver's license required.", []),
    ("food handler card required within 30 days of hire.", []),
])
def test_certification_sentences(sentence, found):
    assert sentence_statuses(sentence) == found


@pytest.mark.parametrize("clause, months", [
    ("within 90 days of hire", 3), ("within six (6) months", 6), ("within one year", 12), ("within 18 months", 18),
    ("within 120 days", 4), ("dentro de los 90 días", 3), ("after hire", None),
])
def test_months_allowed(clause, months):
    assert months_allowed(clause) == months


@pytest.mark.parametrize("description, status, months", [
    ("NCCPSS certification is preferred; if hired without it, you must obtain it within 6 months.", "obtain", 6),
    ("Kentucky Adult Peer Support Specialist certification is required at hire; we also hire trainees who "
     "will complete the state training within 6 months.", "obtain", 6),
    ("Must hold a current North Carolina Certified Peer Support Specialist (NCCPSS) credential at the time of "
     "hire.", "required", None),
    ("Intentional Peer Support training is provided after hire; no certification is needed.", "none", None),
    ("Certified Prevention Specialist (CPS) credential required.", "none", None),
])
def test_certification_across_sentences(description, status, months):
    found = extract_facets("Peer Support Specialist", description)["certification"]
    assert (found["status"], found["months"]) == (status, months)


def test_facts_are_stored_with_the_facets():
    facets = extract_facets("Peer Specialist - Part-Time", "Part-time, 24 hours per week, evenings.\n"
                            "No driver's license required. High school diploma or GED. Second chance employer.")
    assert (facets["hours_per_week"], facets["schedule"], facets["requirements"]) == ([24, 24], ["evenings"], [])
    assert (facets["education"], facets["record_friendly"]) == ("high_school", True)
