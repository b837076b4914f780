"""Offline geocoding: ZIPs, city+state, states, and the search box's free text."""

import pytest

from indexer.parsers import geo


@pytest.mark.parametrize("text, expected", [
    ("OH", "OH"), ("oh", "OH"), ("Ohio", "OH"), ("  ohio ", "OH"), ("NEW YORK", "NY"),
    ("north carolina", "NC"), ("DC", "DC"), ("D.C.", "DC"), ("District of Columbia", "DC"),
    ("Puerto Rico", "PR"), ("PR", "PR"), ("GU", "GU"), ("Guam", "GU"), ("VI", "VI"),
    ("U.S. Virgin Islands", "VI"), ("US Virgin Islands", "VI"), ("Virgin Islands", "VI"), ("American Samoa", "AS"),
    ("Northern Mariana Islands", "MP"), ("District Columbia", "DC"), ("Ontario", None), ("", None), (None, None),
    ("XX", None),
])
def test_state_code(text, expected):
    assert geo.state_code(text) == expected


@pytest.mark.parametrize("text, normalized", [
    ("St. Louis", "SAINT LOUIS"), ("Winston-Salem", "WINSTON SALEM"), ("O'Fallon", "O FALLON"),
    ("  ft   worth ", "FORT WORTH"), ("Mt. Vernon", "MOUNT VERNON"), ("Coeur d'Alene", "COEUR D ALENE"), ("", ""),
])
def test_normalize_name(text, normalized):
    assert geo.normalize_name(text) == normalized


@pytest.mark.parametrize("city, shown", [("Winston-salem", "Winston-Salem"), ("Dayton", "Dayton"), ("", "")])
def test_display_name(city, shown):
    assert geo.display_name(city) == shown


@pytest.mark.parametrize("city, state, postal_code, kind, label, expected_state", [
    ("Dayton", "OH", "45402", "zip", "45402", "OH"),
    (None, None, "45402-1234", "zip", "45402", "OH"),           # ZIP+4
    (None, None, "454021234", "zip", "45402", "OH"),
    ("Columbus", "OH", "45402", "zip", "45402", "OH"),           # the ZIP wins over the city
    ("Dayton", "Ohio", None, "city", "Dayton, OH", "OH"),        # full state name
    ("DAYTON", "oh", None, "city", "Dayton, OH", "OH"),          # mixed case
    ("Dayton", "OH", "00000", "city", "Dayton, OH", "OH"),       # unknown ZIP falls back to the city
    ("St. Louis", "MO", None, "city", "Saint Louis, MO", "MO"),
    ("Washington", "DC", None, "city", "Washington, DC", "DC"),
    ("Washington", "District of Columbia", None, "city", "Washington, DC", "DC"),
    ("Queens", "NY", None, "city", "Queens, NY", "NY"),                # a borough, by its county
    ("Montgomery County", "OH", None, "city", "Montgomery, OH", "OH"),
    ("Orleans Parish", "LA", None, "city", "Orleans, LA", "LA"),
    ("O'Fallon", "MO", None, "city", "O Fallon, MO", "MO"),           # the ZIP data writes "O Fallon"
    ("Coeur d'Alene", "ID", None, "city", "Coeur D Alene, ID", "ID"),
    ("Winston-Salem", "NC", None, "city", "Winston Salem, NC", "NC"),  # as most of its ZIPs write it
])
def test_locate(city, state, postal_code, kind, label, expected_state):
    place = geo.locate(city, state, postal_code)
    assert (place.kind, place.label, place.state) == (kind, label, expected_state)


@pytest.mark.parametrize("city, state, postal_code", [
    ("Nowhereville", "OH", None), ("Dayton", None, None), (None, "OH", None), (None, None, None),
    ("Dayton", "Ontario", None), (None, None, "ABCDE"),
])
def test_locate_unknown(city, state, postal_code):
    assert geo.locate(city, state, postal_code) is None


@pytest.mark.parametrize("text, kind, label, state", [
    ("Dayton, OH", "city", "Dayton, OH", "OH"),
    ("dayton oh", "city", "Dayton, OH", "OH"),
    ("Dayton, Ohio", "city", "Dayton, OH", "OH"),
    ("dayton ohio", "city", "Dayton, OH", "OH"),
    ("45402", "zip", "45402", "OH"),
    ("45402-1234", "zip", "45402", "OH"),
    ("Dayton, OH 45402", "zip", "45402", "OH"),
    ("OH", "state", "Ohio", "OH"),
    ("Ohio", "state", "Ohio", "OH"),
    ("New York", "state", "New York", "NY"),
    ("New York, NY", "city", "New York, NY", "NY"),
    ("new york ny", "city", "New York, NY", "NY"),
    ("Queens, NY", "city", "Queens, NY", "NY"),
    ("Brooklyn NY", "city", "Brooklyn, NY", "NY"),
    ("Washington, DC", "city", "Washington, DC", "DC"),
    ("washington dc", "city", "Washington, DC", "DC"),
    ("DC", "state", "District of Columbia", "DC"),
    ("Kansas City, Missouri", "city", "Kansas City, MO", "MO"),
    ("Chicago", "city", "Chicago, IL", "IL"),
    ("San Juan, PR", "city", "San Juan, PR", "PR"),
])
def test_parse_where(text, kind, label, state):
    place = geo.parse_where(text)
    assert (place.kind, place.label, place.state) == (kind, label, state)


@pytest.mark.parametrize("text", ["", "   ", "Xyzzy", "Dayton, XX", "Atlantis, OH", "99999", "Ontario, Canada",
                                  "x" * 10000, "\x00<script>"])
def test_parse_where_unknown(text):
    assert geo.parse_where(text) is None


@pytest.mark.parametrize("text, kind, state, latitude, longitude", [
    ("Guam", "state", "GU", 13.5, 144.8), ("Hagatna, GU", "city", "GU", 13.5, 144.75),
    ("Saipan, MP", "city", "MP", 15.2, 145.75), ("Pago Pago, AS", "city", "AS", -14.3, -170.7),
    ("Christiansted, VI", "city", "VI", 17.75, -64.7), ("St. Thomas, VI", "city", "VI", 18.34, -64.93),
    ("00961", "zip", "PR", 18.4, -66.2), ("96950", "zip", "MP", 15.2, 145.75), ("San Juan, PR", "city", "PR", 18.4, -66.1),
    ("Puerto Rico", "state", "PR", 18.2, -66.4), ("District of Columbia", "state", "DC", 38.9, -77.0),
])
def test_dc_and_the_territories_are_places(text, kind, state, latitude, longitude):
    place = geo.parse_where(text)
    assert (place.kind, place.state) == (kind, state)
    assert place.latitude == pytest.approx(latitude, abs=0.4) and place.longitude == pytest.approx(longitude, abs=0.4)


@pytest.mark.parametrize("city, state", [
    ("Dayton", "OH"), ("Kalamazoo", "MI"), ("Denver", "CO"), ("Chicago", "IL"), ("Albuquerque", "NM"),
    ("Springfield", None), ("Columbus", None), ("Portland", "OR"), ("London", None), ("Atlantis", None), ("", None),
])
def test_likely_state_of_a_city_named_alone(city, state):
    assert geo.likely_state(city) == state


def test_places_are_where_they_should_be():
    dayton, columbus = geo.parse_where("Dayton, OH"), geo.parse_where("Columbus, OH")
    assert 39.6 < dayton.latitude < 39.9 and -84.4 < dayton.longitude < -84.0
    assert 60 < geo.distance_miles(dayton.latitude, dayton.longitude,
                                   columbus.latitude, columbus.longitude) < 80
    ohio = geo.parse_where("Ohio")
    assert 39 < ohio.latitude < 41.5 and -84 < ohio.longitude < -81.5


def test_distance_miles():
    assert geo.distance_miles(39.0, -84.0, 39.0, -84.0) == 0
    # One degree of latitude is about 69 miles everywhere.
    assert geo.distance_miles(39.0, -84.0, 40.0, -84.0) == pytest.approx(69.1, abs=0.2)
    # New York to Los Angeles, about 2,450 miles.
    assert geo.distance_miles(40.71, -74.01, 34.05, -118.24) == pytest.approx(2446, rel=0.01)


@pytest.mark.parametrize("text, state", [("Billings, MT", "MT"), ("Mt. Vernon, OH", "OH"), ("MT", "MT")])
def test_montana_is_a_state_and_mount_is_still_a_word(text, state):
    place = geo.parse_where(text)
    assert place is not None and place.state == state


def test_cities_are_not_placed_by_zip_rows_without_a_position():
    place = geo.parse_where("Livingston, TX")
    assert place is not None and 30 < place.latitude < 31.5 and -95.5 < place.longitude < -94.5
