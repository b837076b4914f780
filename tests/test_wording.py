"""A remote job's area in words, on cards and posting pages."""
import pytest

from indexer.wording import place_in_words


@pytest.mark.parametrize("city, state, remote, area, words", [
    (None, None, True, "CO", "Remote, for people in Colorado"),
    (None, None, True, "ID OR WA", "Remote, for people in Idaho, Oregon or Washington"),
    (None, None, True, "abroad", "Remote, outside the US"),
    (None, None, True, "US", "Remote"),
    (None, None, True, None, "Remote"),
    (None, "OH", True, None, "Remote, for people in Ohio"),
    ("Dayton", "OH", True, "OH", "Dayton, OH, or remote for people in Ohio"),
    ("Dayton", "OH", True, "US", "Dayton, OH, or remote"),
    ("Dayton", "OH", False, "CO", "Dayton, OH"),
])
def test_a_remote_area_names_who_may_take_the_job(city, state, remote, area, words):
    assert place_in_words(city, state, remote, area) == words
