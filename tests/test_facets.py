"""Facets read from title and description: table-driven over the phrasings postings use."""
from __future__ import annotations

import pytest

from indexer.taxonomy.facets import extract_facets, peer_fields

KEYS = {"certification", "lived_experience", "populations", "settings", "paid", "bilingual", "languages",
        "seniority", "hours_per_week", "schedule", "requirements", "education", "record_friendly", "recovery_months"}


def test_every_key_is_always_present():
    facets = extract_facets("")
    assert set(facets) == KEYS
    assert facets["certification"] == {"status": "none", "names": [], "months": None}
    assert (facets["paid"], facets["bilingual"], facets["seniority"]) == ("unknown", False, "unknown")


@pytest.mark.parametrize("title, description, status, names", [
    ("Recovery Coach", "Illinois CRSS certification required.", "required", ["CRSS", "state"]),
    ("Recovery Coach", "Qualifications\nCurrent CPRS certification", "required", ["CPRS"]),
    ("Peer Specialist", "Certified Peer Specialist preferred.", "preferred", ["CPS"]),
    ("Peer Specialist", "Preferred qualifications:\nNCPS credential", "preferred", ["NCPS"]),
    ("Peer Specialist", "CPS required, or willing to obtain certification within 6 months of hire.", "obtain", ["CPS"]),
    ("Recovery Coach", "CRPA or willingness to obtain it; we will train you.", "obtain", ["CRPA"]),
    ("Peer Counselor", "Washington Certified Peer Counselor (CPC) credential required.", "required", ["CPC", "state"]),
    ("Certified Peer Specialist", "Join our team.", "required", ["CPS"]),
    ("Peer Support Technician", "Certification through a VA-approved training within one year of hire.", "obtain", ["VA"]),
    ("Peer Specialist", "CPR and First Aid certification required within 30 days.", "none", []),
    ("Peer Specialist", "Valid driver's license required.", "none", []),
    # in a peer posting, "certification" alone is the peer credential
    ("Peer Support Specialist", "Certification is not required at hire but must be obtained within 18 months.",
     "obtain", []),
    ("Peer Recovery Specialist", "Applicants without certification will be considered if they agree to become "
     "certified within one year.", "obtain", []),
    ("Recovery Coach", "Certified personal trainer background preferred.", "none", []),
])
def test_certification(title, description, status, names):
    found = extract_facets(title, description)["certification"]
    assert (found["status"], found["names"]) == (status, names)


@pytest.mark.parametrize("description, kinds", [
    ("Lived experience of mental health or substance use recovery required.", ["mental_health", "substance_use"]),
    ("You are a parent or caregiver of a child who received mental health services.", ["mental_health", "family"]),
    ("Must be a Veteran in recovery from a mental health condition.", ["mental_health", "veteran"]),
    ("Lived experience of incarceration and recovery required.", ["justice"]),
    ("Ages 18 to 30, with lived experience of mental health services as a young person.", ["mental_health", "youth"]),
    ("Lived experience of recovery strongly preferred.", []),
    ("No lived experience of mental health or substance use is required.", []),
    ("We do not discriminate on the basis of veteran status or disability.", []),
])
def test_lived_experience(description, kinds):
    assert extract_facets("Peer Specialist", description)["lived_experience"] == kinds


@pytest.mark.parametrize("title, description, settings", [
    ("Peer Specialist, ACT Team", "", ["act_team"]),
    ("CPRS Recovery Coach - Hospital ED Linkage", "", ["emergency_department"]),
    ("Peer Specialist – Peer Respite", "", ["respite"]),
    ("Forensic Peer Specialist - County Jail", "", ["jail_prison"]),
    ("Peer Specialist – Court Diversion (Mental Health Court)", "", ["diversion"]),
    ("Warmline Peer Operator", "", ["warmline"]),
    ("Peer Navigator", "Work in our primary care clinic and on street outreach.", ["homeless_outreach", "primary_care"]),
    ("Peer Specialist", "High school diploma or GED required.", []),
    ("Special ed aide", "", []),
    ("Peer Mentor", "Members of our clubhouse and its recreation program.", ["clubhouse", "recreation"]),
])
def test_settings(title, description, settings):
    assert extract_facets(title, description)["settings"] == settings


@pytest.mark.parametrize("title, description, paid", [
    ("Warmline Peer Volunteer", "", "volunteer"),
    ("Peer Mentor", "This is a volunteer position with a monthly stipend.", "volunteer"),
    ("Peer Specialist", "Pay is $21.00 per hour.", "paid"),
    ("Peer Specialist", "Full benefits and paid time off.", "paid"),
    ("Peer Volunteer Coordinator", "", "unknown"),
    ("Peer Specialist", "Help people in recovery.", "unknown"),
])
def test_paid_or_volunteer(title, description, paid):
    assert extract_facets(title, description)["paid"] == paid


@pytest.mark.parametrize("title, description, bilingual, languages", [
    ("Peer Support Specialist II - Bilingual (Spanish)", "", True, ["spanish"]),
    ("Peer Advocate", "Fluency in Spanish, Russian or Vietnamese preferred.", True, ["russian", "spanish", "vietnamese"]),
    ("Peer Advocate", "Bilingual candidates encouraged to apply.", True, []),
    ("Peer Advocate", "ASL required.", True, ["american_sign_language"]),
    ("Peer Advocate", "We serve Spanish-speaking families.", False, []),
    ("Peer Advocate", "Spanish is not required.", False, []),
])
def test_bilingual(title, description, bilingual, languages):
    facets = extract_facets(title, description)
    assert (facets["bilingual"], facets["languages"]) == (bilingual, languages)


@pytest.mark.parametrize("title, description, seniority", [
    ("Peer Support Specialist I", "", "entry"),
    ("Peer Specialist Trainee", "", "entry"),
    ("Peer Support Specialist II", "", "experienced"),
    ("Sr. Peer Specialist", "", "experienced"),
    ("Lead Peer Recovery Specialist", "", "lead"),
    ("Peer Specialist Supervisor", "", "supervisor"),
    ("Director of Peer Services", "", "supervisor"),
    ("Peer Specialist", "This is an entry-level position.", "entry"),
    ("Peer Specialist", "Two years of experience as a peer specialist.", "experienced"),
    ("Peer Specialist", "1 year of experience.", "unknown"),
    ("Case Manager", "", "unknown"),
])
def test_seniority(title, description, seniority):
    assert extract_facets(title, description)["seniority"] == seniority


def test_populations():
    facets = extract_facets("Peer Navigator - Reentry", "We serve veterans and LGBTQ+ adults experiencing homelessness.")
    assert facets["populations"] == ["adults", "veterans", "homeless", "justice_involved", "lgbtq"]


def test_peer_fields_are_what_normalize_stores():
    fields = peer_fields({"title": "Peer Specialist", "description_text": "Lived experience required.",
                          "employer": "VA Medical Center", "pay_min": 18.0})
    assert fields["category"] == "veteran_peer_support" and fields["is_peer"] is True
    assert "employer" in fields["classification"] and fields["facets"]["paid"] == "paid"
