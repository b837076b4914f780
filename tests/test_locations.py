"""Location text into places: what sources write in their location fields."""
import pytest

from indexer.parsers.locations import PlaceText, mentions_remote, parse_locations, place_from_fields


def P(city=None, state=None, postal_code=None, remote=False, remote_area=None, hybrid=False, country=None):
    return PlaceText(city, state, postal_code, remote, remote_area, hybrid, country)


@pytest.mark.parametrize("text, places", [
    ("Dayton, OH 45402", [P("Dayton", "OH", "45402")]),
    ("Dayton, OH 45402-1234", [P("Dayton", "OH", "45402-1234")]),
    ("45402", [P(postal_code="45402")]),
    ("Dayton, Ohio", [P("Dayton", "OH")]),
    ("Cincinnati OH", [P("Cincinnati", "OH")]),
    ("Kansas City Missouri", [P("Kansas City", "MO")]),
    ("Ohio", [P(state="OH")]),
    ("New York, NY", [P("New York", "NY")]),
    ("Washington, DC", [P("Washington", "DC")]),
    ("Washington", [P(state="WA")]),
    ("Indianapolis, IN", [P("Indianapolis", "IN")]),                   # "IN" is a state, not a word
    ("Portland, OR (Hybrid)", [P("Portland", "OR", hybrid=True)]),       # so is "OR"
    ("San Juan, PR", [P("San Juan", "PR")]),
    ("St. Louis, MO", [P("St. Louis", "MO")]),
    ("Queens", [P("Queens")]),
    ("Toronto, Ontario", [P("Toronto", country="CA")]),
    # addresses and countries (ADP's " City, ST, US", SmartRecruiters' fullLocation)
    ("123 Main St, Dayton, OH, US", [P("Dayton", "OH")]),
    (" Dayton, OH, US", [P("Dayton", "OH")]),
    ("Dayton, Ohio, United States", [P("Dayton", "OH")]),
    ("On-site: Akron, OH", [P("Akron", "OH")]),
    ("Kansas City, MO, USA", [P("Kansas City", "MO")]),
    ("Tampa, Florida 33601", [P("Tampa", "FL", "33601")]),
    ("  Lufkin,  TX  ", [P("Lufkin", "TX")]),
    ("dayton oh", [P("dayton", "OH")]),
    ("Main Clinic", [P("Main Clinic")]),
    # iCIMS codes: country-state-city
    ("US-WI-Milwaukee", [P("Milwaukee", "WI")]),
    ("US-OH-Dayton | US-OH-Xenia", [P("Dayton", "OH"), P("Xenia", "OH")]),
    ("US-WI-Remote", [P(state="WI", remote=True, remote_area="WI")]),
    ("US-Remote", [P(remote=True, remote_area="US")]),
    # remarks in parentheses that name no place
    ("Dayton, OH (Main Campus)", [P("Dayton", "OH")]),
    ("Dayton (Montgomery County), OH", [P("Dayton", "OH")]),
    ("Dayton, OH (remote eligible)", [P("Dayton", "OH", remote=True, remote_area="OH")]),
    # remote and hybrid
    ("Remote", [P(remote=True)]),
    ("Remote - OH", [P(state="OH", remote=True, remote_area="OH")]),
    # a remote label naming several states is open in each
    ("Remote - OH, KY, IN", [P(state=s, remote=True, remote_area=s) for s in ("OH", "KY", "IN")]),
    ("Remote (Ohio, Pennsylvania)", [P(state=s, remote=True, remote_area=s) for s in ("OH", "PA")]),
    ("Remote in Ohio or Kentucky", [P(state=s, remote=True, remote_area=s) for s in ("OH", "KY")]),
    ("Remote - New York, NY", [P(city="New York", state="NY", remote=True, remote_area="NY")]),
    ("Remote - IN", [P(state="IN", remote=True, remote_area="IN")]),
    ("Ohio (Remote)", [P(state="OH", remote=True, remote_area="OH")]),
    ("Remote (must reside in Ohio)", [P(state="OH", remote=True, remote_area="OH")]),
    ("Work from home - Texas", [P(state="TX", remote=True, remote_area="TX")]),
    ("Remote - US", [P(remote=True, remote_area="US")]),
    ("Remote - Oregon", [P(state="OR", remote=True, remote_area="OR")]),
    ("Remote (Maryland)", [P(state="MD", remote=True, remote_area="MD")]),
    ("Remote, NC", [P(state="NC", remote=True, remote_area="NC")]),
    ("Dayton (OH)", [P("Dayton", "OH")]),
    ("Telework", [P(remote=True)]),
    ("Anywhere in the U.S. (remote job)", [P(remote=True, remote_area="US")]),
    ("Hybrid - Columbus, Ohio", [P("Columbus", "OH", hybrid=True)]),
    # several places
    ("Dayton, OH; Columbus, OH", [P("Dayton", "OH"), P("Columbus", "OH")]),
    ("Dayton, OH | Springfield, IL", [P("Dayton", "OH"), P("Springfield", "IL")]),
    ("Dayton and Columbus, OH", [P("Dayton", "OH"), P("Columbus", "OH")]),
    ("Dayton/Springfield, OH", [P("Dayton", "OH"), P("Springfield", "OH")]),
    ("Dayton, Springfield, Xenia, OH", [P("Dayton", "OH"), P("Springfield", "OH"), P("Xenia", "OH")]),
    ("Dayton, OH or Remote", [P("Dayton", "OH"), P(remote=True)]),
    ("Denton, TX 76201 | Remote", [P("Denton", "TX", "76201"), P(remote=True)]),
    ("Dayton, OH\nDayton, OH", [P("Dayton", "OH")]),
    ("Montgomery County Job Center, Dayton, OH", [P("Dayton", "OH")]),
    ("Denver, CO; Boulder, CO", [P("Denver", "CO"), P("Boulder", "CO")]),
    ("US, CO, Denver; US, CO, Boulder", [P("Denver", "CO"), P("Boulder", "CO")]),
    ("Springfield; Columbus, OH", [P("Springfield", "OH"), P("Columbus", "OH")]),
    # abroad: the country, never a US state, ZIP or remote area
    ("Toronto, Ontario, Canada", [P("Toronto", country="CA")]),
    ("Israel, Yokneam", [P("Yokneam", country="IL")]),
    ("10115 Berlin, Germany", [P("Berlin", country="DE")]),
    ("Remote - Canada", [P(remote=True, remote_area="abroad", country="CA")]),
    ("Dayton, OH; London, UK", [P("Dayton", "OH"), P("London", country="GB")]),
    ("London; London, UK", [P("London", country=None), P("London", country="GB")]),
    # no place
    ("Multiple Locations; Remote", [P(remote=True)]),
    ("2 Locations", []), ("Multiple Locations", []), ("N/A", []), ("TBD", []), ("Various", []), ("Location Negotiable After Selection", []),
    ("", []), ("   ", []), (None, []), (42, []),
])
def test_parse_locations(text, places):
    assert parse_locations(text) == places


@pytest.mark.parametrize("city, region, postal_code, places", [
    ("Dayton", "Ohio", "45402-1234", [P("Dayton", "OH", "45402-1234")]),
    ("Dayton", "OH", None, [P("Dayton", "OH")]),
    ("Washington", None, None, [P("Washington")]),        # a city field is a city, not a state
    (None, "OH", None, [P(state="OH")]),
    (None, None, "45402", [P(postal_code="45402")]),
    ("Atlantis", "Sea", None, [P("Atlantis")]),
    ("Remote - OH", None, None, [P(state="OH", remote=True, remote_area="OH")]),
    ("Remote", "OH", None, [P(state="OH", remote=True, remote_area="OH")]),
    ("Dayton, OH 45402", None, None, [P("Dayton", "OH", "45402")]),  # JSON-LD address as one string
    ("Dayton OH", None, None, [P("Dayton", "OH")]),
    ("US-WI-Milwaukee", None, None, [P("Milwaukee", "WI")]),
    (None, "Remote", None, [P(remote=True)]),
    (None, None, None, []),
    ("  ", "", None, []),
])
def test_place_from_fields(city, region, postal_code, places):
    assert place_from_fields(city, region, postal_code) == places


@pytest.mark.parametrize("city, region, postal_code, country, places", [
    ("Dayton", "OH", "45402", "US", [P("Dayton", "OH", "45402")]),
    ("Dayton", "OH", "45402", "USA", [P("Dayton", "OH", "45402")]),
    ("Dayton", "OH", None, "United States", [P("Dayton", "OH")]),
    ("Toronto", "Ontario", "M5V 2T6", "CA", [P("Toronto", country="CA")]),
    ("Toronto", "ON", None, "CAN", [P("Toronto", country="CA")]),
    ("Ontario", "CA", None, "Canada", [P("Ontario", country="CA")]),   # the country field decides
    ("London", None, None, "GB", [P("London", country="GB")]),
    ("Remote", None, None, "CA", [P(remote=True, remote_area="abroad", country="CA")]),
    ("Manila", "Metro Manila", "1000", "Philippines", [P("Manila", country="PH")]),
    ("Dayton", "OH", None, None, [P("Dayton", "OH")]),
    ("Dayton", "OH", None, "Atlantis", [P("Dayton", "OH")]),          # an unknown country is no country
])
def test_place_from_fields_with_a_country(city, region, postal_code, country, places):
    assert place_from_fields(city, region, postal_code, country) == places


@pytest.mark.parametrize("texts, remote", [
    (("Remote - Oregon",), True), (("Peer Support Specialist - Remote",), True), (("Telework",), True),
    (("Telecommuting eligible",), True), (("Work from home",), True), (("Anywhere in the U.S.",), True),
    (("Virtual Peer Support",), True), (("Dayton, OH", "Remote Peer Specialist"), True),
    (("Dayton, OH",), False), (("Remoteness Clinic",), False), (("Hybrid",), False), ((None, 42), False), ((), False),
])
def test_mentions_remote(texts, remote):
    assert mentions_remote(*texts) is remote


@pytest.mark.parametrize("text", ["x" * 10000, "," * 500, "; ; ;", "\x00<script>", "Remote" * 300, "12345" * 50])
def test_odd_location_text_never_raises(text):
    assert all(isinstance(place, PlaceText) for place in parse_locations(text))
