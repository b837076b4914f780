"""Reading the organizations CSV: PeerJobs' columns and FindTreatment.gov's, bad rows skipped with a reason."""
import pytest

from crawlers.discovery.organizations import org_key_of, read_organizations, website_of

PEERJOBS_CSV = """name,website,city,state,zip
Harbor Light Recovery Center,https://www.harborlight.example/,Baltimore,MD,21218
Hope Center,hopecenter.example,Dayton,oh,45402
No Site Agency,,Tulsa,OK,74103
Mail Only,mailto:jobs@mail.example,Tulsa,OK,74103
Inside,http://10.1.2.3/,Tulsa,OK,74103
Local,http://intranet.local/,Tulsa,OK,74103
Nowhere,https://nowhere.example/,Atlantis,ZZ,00000
Harbor Light again,https://harborlight.example/careers,Towson,MD,21204
"""

FINDTREATMENT_CSV = """frid,name1,name2,street1,street2,city,state,zip,phone,typeFacility,intake1,hotline1,website,latitude,longitude,services
abc,Prairie Hope Recovery,Omaha Clinic,1 Main St,,Omaha,NE,68102,402-555-0100,SA,,,http://prairiehope.example,41.2,-95.9,Peer support services
def,River Clinic,,2 Main St,,Omaha,NE,68102,402-555-0101,MH,,,,41.2,-95.9,Mental health treatment
"""


def test_peerjobs_columns_are_read_and_bad_rows_skipped_with_their_reason():
    listed = read_organizations(PEERJOBS_CSV)
    assert [(o.org_key, o.name, o.state, o.postal_code) for o in listed.organizations] == [
        ("harborlight.example", "Harbor Light Recovery Center", "MD", "21218"),
        ("hopecenter.example", "Hope Center", "OH", "45402")]
    assert listed.organizations[1].website == "https://hopecenter.example/"
    reasons = dict(listed.skipped)
    assert reasons[4] == "no website"
    assert "not an http(s) address" in reasons[5]
    assert "internal address" in reasons[6] and "internal name" in reasons[7]
    assert "not a US state" in reasons[8]
    assert "listed already" in reasons[9]
    assert len(listed.skipped) == 6


def test_findtreatment_columns_name_the_facility_with_its_program():
    listed = read_organizations(FINDTREATMENT_CSV)
    assert [(o.name, o.org_key, o.city, o.state) for o in listed.organizations] == [
        ("Prairie Hope Recovery - Omaha Clinic", "prairiehope.example", "Omaha", "NE")]
    assert listed.skipped == [(3, "no website")]


@pytest.mark.parametrize("text, loopback, website, problem", [
    ("example.org", False, "https://example.org/", None),
    ("HTTP://Example.org/Careers", False, "http://example.org/Careers", None),
    ("ftp://example.org/", False, "", "not an http(s) address"),
    ("javascript:alert(1)", False, "", "not an http(s) address"),
    ("http://127.0.0.1:8080/", False, "", "internal address"),
    ("http://127.0.0.1:8080/", True, "http://127.0.0.1:8080/", None),
    ("http://localhost/", True, "http://localhost/", None),
    ("http://192.168.1.10/", True, "", "internal address"),
    ("http://[::1]/", False, "", "internal address"),
    ("http://intranet/", False, "", "not a public host name"),
])
def test_websites(text, loopback, website, problem):
    found, reason = website_of(text, loopback)
    assert found == website
    assert (reason is None) if problem is None else (problem in reason)


@pytest.mark.parametrize("website, key", [
    ("https://www.harborlight.example/", "harborlight.example"),
    ("https://WWW.Harborlight.Example/about", "harborlight.example"),
    ("https://careers.harborlight.example/", "careers.harborlight.example"),
    ("http://127.0.0.1:40123/", "127.0.0.1:40123"),
    ("https://example.org:443/", "example.org"),
])
def test_org_keys(website, key):
    assert org_key_of(website) == key
