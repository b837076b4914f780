"""Titles as matched (plurals, inverted roles, levels and codes) and as shown (cleaned for reading)."""
from __future__ import annotations

import pytest

from indexer.taxonomy.classify import classify, clean_title
from indexer.taxonomy.credentials import load_credentials
from indexer.taxonomy.display_title import display_title
from indexer.taxonomy.titles import match_form, title_credential, ungendered


@pytest.mark.parametrize("title, form", [
    ("Recovery Coaches", "recovery coach"),
    ("Peer Support Specialists (Multiple Openings)", "peer support specialist | multiple openings"),
    ("Specialist, Peer Support - Level II", "specialist | peer support | peer support specialist"),
    ("Peer Supp Spec - Outpt", "peer support specialist | outpatient"),
    ("Mentor - Peer Support Services", "mentor | peer support services | peer mentor"),
    ("Peer Specialist - Full Time - Nights", "peer specialist"),
    ("Peer Specialist GS-0102-7", "peer specialist gs"),
])
def test_match_form(title, form):
    assert match_form(title, clean_title(title)) == form


def test_spanish_gendered_endings_are_dropped():
    assert ungendered("Navegador(a) de Pares") == "Navegador de Pares"


@pytest.mark.parametrize("title, abbreviation", [
    ("CRPS-F", "CRPS-F"), ("CPRC - Adult Services", "CPRC"), ("CPS", "CPS"),
    ("Certified Peer Specialist (CPS-AD)", "CPS-AD"),
    ("CPS Investigator", None), ("CRM Specialist", None), ("THW - Community Health Worker", None),
    ("Family Support Specialist (THW)", "THW"),
])
def test_title_credentials_through_the_lexicon(title, abbreviation):
    found = title_credential(title, load_credentials())
    assert (found[0] if found else None) == abbreviation


@pytest.mark.parametrize("title, category, rule", [
    ("CRPS-F", "family_peer_advocate", "title 'credential CRPS-F' -> family_peer_advocate"),
    ("CPC", "peer_counselor", "title 'credential CPC' -> peer_counselor"),
    ("CMHYPS", "youth_peer_advocate", "title 'credential CMHYPS' -> youth_peer_advocate"),
    ("Family Support Specialist (THW)", "family_peer_advocate", "title 'credential THW' -> family_peer_advocate"),
    ("Recovery Coaches - Bridge Clinic", "peer_recovery_coach", "title 'recovery coach' -> peer_recovery_coach"),
    ("Recovery Navigator (Peer)", "peer_navigator",
     "title 'recovery navigator' + title 'peer' -> peer_navigator"),
    ("Navegador(a) de Pares", "peer_navigator", "title 'navegador de pares' -> peer_navigator"),
    ("CPS Investigator", None, "not peer work: no peer-role words in the title"),
    ("Stretch & Recovery Coach", None, "not peer work: 'fitness' in the title"),
])
def test_classify_names_its_evidence(title, category, rule):
    verdict = classify(title)
    assert (verdict.category, verdict.rule) == (category, rule)


@pytest.mark.parametrize("title, shown", [
    ("Peer Support Specialist | Req #24-0113", "Peer Support Specialist"),
    ("Peer Support Specialist - $2,000 Sign-On Bonus", "Peer Support Specialist"),
    ("Peer Support Specialist ($19.50-$22.00/hr)", "Peer Support Specialist"),
    ("Mentor - Peer Support Services *NEW*", "Mentor - Peer Support Services"),
    ("Lived Experience Specialist - $500 Sign-On Bonus - JR68487", "Lived Experience Specialist"),
    ("NEW! FAMILY SUPPORT SPECIALIST (THW) - CERTIFIED - POSTING 54120",
     "Family Support Specialist (THW) - Certified"),
    ("CERTIFIED RECOVERY PEER SPECIALIST - CRPS-A - ACT TEAM", "Certified Recovery Peer Specialist - CRPS-A - ACT Team"),
    ("YOUTH PEER ADVOCATE - CHILDREN AND FAMILY SERVICES (TOPEKA, KS)",
     "Youth Peer Advocate - Children and Family Services (Topeka, KS)"),
    ("HIRING: CHIEF PEER OFFICER - 2ND SHIFT", "Chief Peer Officer - 2nd Shift"),
    ("Peer Specialist - CPS - CPS", "Peer Specialist - CPS"),
    ("VA PEER SUPPORT APPRENTICE", "VA Peer Support Apprentice"),
    ("Peer Specialist I/II", "Peer Specialist I/II"),
    ("Req #123", "Req #123"),
])
def test_display_title(title, shown):
    assert display_title(title) == shown
