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
