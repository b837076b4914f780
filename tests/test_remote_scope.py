"""Where a remote job's applicants must live, read from its description."""
import pytest

from indexer.parsers.remote_scope import ABROAD, area_code, remote_scope


@pytest.mark.parametrize("text, states", [
    ("Colorado residents only.", {"CO"}),
    ("This position is remote. Colorado Residents Only", {"CO"}),
    ("New Mexico residents only", {"NM"}),
    ("Candidates must reside in Ohio.", {"OH"}),
    ("Remote (must reside in Texas)", {"TX"}),
    ("Remote - must live in Florida", {"FL"}),
    ("This role is open to candidates in WA, OR, ID.", {"WA", "OR", "ID"}),
    ("Open to residents of Washington, Oregon and Idaho only.", {"WA", "OR", "ID"}),
    ("Must reside in the state of New York or New Jersey.", {"NY", "NJ"}),
    ("Must be located in Pennsylvania, Delaware, or Maryland to be considered.", {"PA", "DE", "MD"}),
    ("Candidates must reside in Ohio, Kentucky, or Indiana and have a valid license.", {"OH", "KY", "IN"}),
    ("This is a remote position open to candidates in NC and SC", {"NC", "SC"}),
    ("Remote within the Commonwealth of Massachusetts.", {"MA"}),
    ("Telework for residents of the District of Columbia", {"DC"}),
    ("Must reside in Ohio or a neighboring state.", {"OH"}),  # the neighbours are not named
    ("Remote within Canada.", {ABROAD}),
    ("Candidates must reside in Portugal.", {ABROAD}),
    ("Open to residents of South Korea.", {ABROAD}),
    ("Applicants must be based in the Philippines.", {ABROAD}),
    ("Applicants must live in the United States.", set()),
    ("You do not need to reside in Colorado.", set()),
    ("You may live in OR near Denver.", set()),  # "OR" in capitals but no list of states follows
    ("Staff must reside in the community they serve.", set()),
    ("We serve residents of Dayton and Springfield.", set()),
    ("Ohio residents answer calls from home.", set()),
    # a second set, written and scored before these rules: 18 of 25 were read right
    ("Fully remote. We can only hire in the following states: AZ, CO, NM, TX, UT.", {"AZ", "CO", "NM", "TX", "UT"}),
    ("Telework is permitted; must be a Virginia resident.", {"VA"}),
    ("Candidates must be Illinois residents.", {"IL"}),
    ("Remote; Kentucky residency required.", {"KY"}),
    ("Applicants must currently reside in one of these states: Florida, Georgia, Alabama.", {"FL", "GA", "AL"}),
    ("Remote position open to candidates anywhere in Canada.", {ABROAD}),
    ("This position is remote; Wisconsin residency is required within 30 days of hire.", {"WI"}),
    ("We are not able to hire in California, New York, or Washington.", set()),
    ("We employ people in recovery from all walks of life.", set()),
    ("We hire in all 50 states.", set()),
    ("Open to remote candidates located in the Eastern or Central time zones.", set()),
    ("Remote, but candidates must be within driving distance of our Denver office.", set()),
    ("", set()),
    ("residents of " + "Ohio, " * 5000, {"OH"}),  # long hostile text stays fast and bounded
])
def test_remote_scope(text, states):
    assert remote_scope(text) == frozenset(states)


@pytest.mark.parametrize("states, code", [
    ({"CO"}, "CO"), ({"WA", "OR", "ID"}, "ID OR WA"),
    ({"AK", "CO", "ID", "OR", "UT", "WA", "WY", "MT"}, "AK CO ID MT OR UT WA"),  # seven fit the store's column
])
def test_area_code(states, code):
    assert area_code(states) == code
