"""City type-ahead: what people type into the where box, and what they should be offered."""
from __future__ import annotations

import string

import pytest

from indexer.parsers import geo
from indexer.parsers.places import MAX_SUGGESTIONS, suggest


@pytest.mark.parametrize("typed, first", [
    ("day", "Dayton, OH"),            # the big Dayton before Day, FL and Dayton, TX
    ("Dayton", "Dayton, OH"),
    ("DAYTON", "Dayton, OH"),
    ("  dayton  ", "Dayton, OH"),
    ("houst", "Houston, TX"),
    ("st lo", "Saint Louis, MO"),     # "St." is spelled "Saint" in the ZIP data
    ("St. Lou", "Saint Louis, MO"),
    ("ft wor", "Fort Worth, TX"),
    ("mt vern", "Mount Vernon, NY"),
    ("new y", "New York, NY"),
    ("winston-sa", "Winston Salem, NC"),  # "Winston-Salem" and "Winston Salem" are one city
    ("o'fal", "O Fallon, MO"),
    ("san", "San Antonio, TX"),
    ("billings, mt", "Billings, MT"),     # MT after a comma is Montana, not "Mount"
    ("dayton, ohio", "Dayton, OH"),
    ("Kansas City, Mis", "Kansas City, MO"),
])
def test_the_first_suggestion_is_the_place_most_people_mean(typed, first):
    assert suggest(typed)[0].label == first


@pytest.mark.parametrize("typed, labels", [
    ("dayton, o", ["Dayton, OH", "Dayton, OR"]),       # after a comma the city is whole
    ("dayton, new", ["Dayton, NJ", "Dayton, NY"]),
    ("Dayton, OH", ["Dayton, OH"]),
])
def test_a_state_after_a_comma_narrows_the_list(typed, labels):
    assert [place.label for place in suggest(typed)] == labels


@pytest.mark.parametrize("typed", ["", "   ", ",", ", OH", "zzzz", "dayton, zz", "12345", "<script>",
                                   "\x00\x01", "x" * 10_000, None, "Daytonaaa"])
def test_nothing_sensible_typed_gives_no_suggestions(typed):
    assert suggest(typed) == []


def test_a_city_sits_where_its_streets_are_not_at_a_zip_without_a_position():
    livingston = suggest("Livingston, TX")[0]  # one of its ZIPs is listed at (0, 0)
    assert (round(livingston.latitude), round(livingston.longitude)) == (31, -95)


def test_bigger_places_come_first_and_there_are_at_most_ten():
    places = suggest("port")
    assert len(places) == MAX_SUGGESTIONS
    assert [p.zip_codes for p in places] == sorted((p.zip_codes for p in places), reverse=True)
    assert places[0].label == "Portland, OR"
    assert len(suggest("port", limit=3)) == 3 and suggest("port", limit=0) == []


def test_an_exact_name_comes_before_longer_names_of_the_same_size():
    labels = [place.label for place in suggest("day")]
    assert labels.index("Day, FL") < labels.index("Dayhoit, KY")


def test_each_suggestion_can_be_searched_as_it_is():
    """The label goes into the where box; the search must find that same city."""
    for first, second in zip(string.ascii_lowercase, "aeiouyrln" * 3):
        for place in suggest(first + second):
            found = geo.parse_where(place.label)
            assert found is not None and (found.kind, found.state) == ("city", place.state), place.label
            assert geo.normalize_name(found.city) == geo.normalize_name(place.city), place.label
