"""Paylocity: company GUIDs from board URLs, and one feed job into raw-posting fields."""
import pytest

from crawlers.platforms.paylocity import company_guid, posting_fields
from tests.platforms.recorded import recorded, subset

JOBS = recorded("paylocity", "jobs.json")["jobs"]
GUID = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"


@pytest.mark.parametrize("url, guid", [
    (f"https://recruiting.paylocity.com/recruiting/jobs/All/{GUID}/Desert-Sun-Behavioral-Health", GUID),
    (f"https://recruiting.paylocity.com/Recruiting/Jobs/All/{GUID.upper()}", GUID.upper()),
    (f"https://recruiting.paylocity.com/recruiting/v2/api/feed/jobs/{GUID}", GUID),
    ("https://recruiting.paylocity.com/Recruiting/Jobs/Details/740266", None),
])
def test_company_guid(url, guid):
    assert company_guid(url) == guid


@pytest.mark.parametrize("job, expected", [
    (JOBS[0], {"external_id": "740101", "pay_text": "$18.00 - $21.00 per hour", "employment_type": ["Full-Time"],
               "employer": "Desert Sun Behavioral Health", "apply_url": JOBS[0]["applyUrl"], "remote": False,
               "locations": ["Phoenix, AZ, 85014, United States"]}),
    (JOBS[1], {"external_id": "740102", "employment_type": ["Part-Time", "Temporary"],
               "title": "Certified Peer Support Specialist (CPSS) - Bilingual Spanish"}),
    (JOBS[3], {"remote": True, "employment_type": [], "pay_text": "DOE"}),
    ({"jobId": None, "title": "Peer Mentor", "jobLocation": None, "jobTypes": "Full-Time"},
     {"external_id": None, "locations": [], "employment_type": ["Full-Time"], "description_html": None}),
])
def test_posting_fields(job, expected):
    assert subset(posting_fields(job), expected) == expected


def test_plain_text_description_becomes_paragraphs_and_requirements_follow():
    description = posting_fields(JOBS[1])["description_html"]
    assert description == ("<p>Help Spanish-speaking members set recovery goals.</p>"
                           "<p>Bilingual pay differential.</p>")
    assert "<h3>Requirements</h3>" in posting_fields(JOBS[0])["description_html"]


FEED = recorded("paylocity", "jobs-feed.json")["jobs"]


@pytest.mark.parametrize("job, expected", [
    # the address as one label; the location's own name is no place
    (FEED[0], {"locations": ["Mesa, AZ, 85201, United States"], "remote": False, "external_id": "740211",
               "pay_text": "$19.00 - $22.50 / hour"}),
    # jobTitle / jobUrl / location text, no publishedDate
    (FEED[1], {"title": "Peer Navigator", "locations": ["Flagstaff, AZ"], "date_posted": FEED[1]["createdUtc"],
               "url": FEED[1]["jobUrl"], "employment_type": [], "pay_text": None}),
    # PascalCase keys; remote with only a display name
    (FEED[2], {"external_id": "740213", "title": "Remote Peer Support Specialist", "remote": True,
               "locations": ["Remote - Arizona"], "employment_type": ["Part-Time"],
               "pay_text": "Starting at $18.50 per hour", "apply_url": FEED[2]["ApplyUrl"]}),
    (FEED[3], {"locations": ["Yuma, Arizona, United States"], "apply_url": FEED[3]["displayUrl"]}),
])
def test_feed_shape(job, expected):
    assert subset(posting_fields(job), expected) == expected
