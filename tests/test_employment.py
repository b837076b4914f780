"""Employment type: source labels onto schema.org values."""
import pytest

from indexer.parsers.employment import employment_type, employment_type_in_title, employment_types, is_unfilled


@pytest.mark.parametrize("value, expected", [
    ("FULL_TIME", "FULL_TIME"), ("full_time", "FULL_TIME"), (["PART_TIME"], "PART_TIME"),
    ("Part-time", "PART_TIME"), ("full time", "FULL_TIME"), ("Full-Time", "FULL_TIME"),
    ("Regular Full Time", "FULL_TIME"), ("Full time - Nights", "FULL_TIME"),
    ("1.0 FTE", "FULL_TIME"), ("0.5 FTE", "PART_TIME"), (".75 FTE", "PART_TIME"), ("Regular, 0.9 FTE", "FULL_TIME"),
    ("0 FTE", None), ("Part Time 0.6 FTE", "PART_TIME"),
    ("Part Time (20 hrs/week)", "PART_TIME"), ("Part-Time Benefits Eligible", "PART_TIME"),
    ("PRN", "PER_DIEM"), ("Per Diem", "PER_DIEM"), ("per-diem", "PER_DIEM"), ("PRN / Per Diem", "PER_DIEM"),
    ("On Call", "PER_DIEM"), ("Casual", "PER_DIEM"), ("Relief", "PER_DIEM"), ("As needed", "PER_DIEM"),
    ("Part Time PRN", "PER_DIEM"),                      # the kind wins over the hours
    ("Volunteer", "VOLUNTEER"), ("Unpaid volunteer", "VOLUNTEER"),
    ("Temporary", "TEMPORARY"), ("Seasonal", "TEMPORARY"), ("Limited Term", "TEMPORARY"),
    ("Full-Time Temporary", "TEMPORARY"),
    ("Contract", "CONTRACTOR"), ("1099 Independent Contractor", "CONTRACTOR"),
    ("Internship", "INTERN"), ("Other", "OTHER"),
    ("FT/PT", "FULL_TIME"), ("Full-Time/Part-Time", "FULL_TIME"), ("Part or Full Time", "PART_TIME"),
    (["", "Full-Time"], "FULL_TIME"), (["Full-time", "Permanent"], "FULL_TIME"),   # USAJOBS schedule + offering
    (["Permanent", "Part-time"], "PART_TIME"),
    ("{{employment_type}}", None), ("{{ job.type }}", None), ("[Job Type]", None), ("%%JOBTYPE%%", None),
    ("${type}", None), ("N/A", None), ("Select One", None), ("TBD", None), ("-", None),
    ("Permanent", None), ("", None), (None, None), (42, None), ({"type": "FULL_TIME"}, None),
])
def test_employment_type(value, expected):
    assert employment_type(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("FT/PT", ("FULL_TIME", "PART_TIME")), ("Part Time PRN", ("PER_DIEM", "PART_TIME")),
    (["Full-time", "Part-time", "Full-time"], ("FULL_TIME", "PART_TIME")), ("", ()),
])
def test_employment_types_lists_every_value(value, expected):
    assert employment_types(value) == expected


@pytest.mark.parametrize("title, expected", [
    ("Peer Specialist - PRN", "PER_DIEM"), ("Part-Time Recovery Coach", "PART_TIME"),
    ("Peer Advocate (FT/PT)", "FULL_TIME"), ("Peer Specialist PT", "PART_TIME"),
    ("Temporary Peer Navigator", "TEMPORARY"), ("Peer Support Specialist", None),
    ("Full Circle Peer Mentor", None), ("Peer Bridger - Contract Services", None), (None, None),
])
def test_employment_type_in_title(title, expected):
    assert employment_type_in_title(title) == expected


@pytest.mark.parametrize("value, unfilled", [
    ("{{type}}", True), ("[Employment Type]", True), ("N/A", True), ("Full-time [40 hrs]", False),
    ("Full-time", False),
])
def test_is_unfilled(value, unfilled):
    assert is_unfilled(value) is unfilled
