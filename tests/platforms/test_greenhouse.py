"""Greenhouse: board tokens from every URL form, and one job object into raw-posting fields."""
import pytest

from crawlers.platforms.greenhouse import board_token, money_text, posting_fields
from tests.platforms.recorded import recorded, subset

JOBS = recorded("greenhouse", "jobs.json")["jobs"]


@pytest.mark.parametrize("url, token", [
    ("https://boards.greenhouse.io/criminaljusticeagency", "criminaljusticeagency"),
    ("https://job-boards.greenhouse.io/criminaljusticeagency/jobs/4001234005", "criminaljusticeagency"),
    ("https://boards.greenhouse.io/embed/job_board?for=acme&b=https://acme.example/careers", "acme"),
    ("https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true", "acme"),
    ("https://job-boards.greenhouse.io/", None),
    ("https://boards.greenhouse.io/embed/job_board", None),
])
def test_board_token(url, token):
    assert board_token(url) == token


@pytest.mark.parametrize("job, expected", [
    (JOBS[0], {"external_id": "4410001", "title": "Peer Support Specialist - Crisis Stabilization Unit",
               "url": "https://job-boards.greenhouse.io/harborlight/jobs/4410001",
               "employment_type": "Full-time", "remote": False, "pay_text": None,
               "locations": ["Baltimore, MD"]}),
    # id as a string, no first_published, pay in a custom field, location only in its name
    (JOBS[1], {"external_id": "4410002", "date_posted": JOBS[1]["updated_at"], "pay_text": "$18.00 - $20.00/hr",
               "employment_type": "Part-time"}),
    # metadata null, requisition_id null
    (JOBS[2], {"employment_type": None, "pay_text": None, "salary": None}),
    # an office without a place: the location name says where a remote job is open
    (JOBS[3], {"remote": True, "locations": ["Remote - Maryland"]}),
    ({"title": "Peer Specialist"}, {"external_id": None, "url": None, "locations": [], "description_html": None}),
    ({"id": None, "internal_job_id": 77, "title": "Peer Mentor", "metadata": [
        {"name": "Employment Type", "value": ["Part-time", "Per diem"]}]},
     {"external_id": "77", "employment_type": "Part-time, Per diem"}),
])
def test_posting_fields(job, expected):
    assert subset(posting_fields(job), expected) == expected


def test_escaped_content_becomes_markup():
    description = posting_fields(JOBS[0])["description_html"]
    assert description.startswith("<p>Use your own recovery story") and "&lt;" not in description
    assert posting_fields({"content": "<p>already markup &amp; more</p>"})["description_html"] == \
        "<p>already markup &amp; more</p>"


REAL = recorded("greenhouse", "jobs-board-api.json")["jobs"]


@pytest.mark.parametrize("job, expected", [
    # the job's own "City, ST" wins over its office's label; a currency_range custom field is pay
    (REAL[0], {"locations": ["Towson, MD"], "pay_text": "$19.50 - $23.00", "employment_type": "Full-time",
               "remote": False, "title": "Peer Recovery Specialist &ndash; Mobile Crisis"}),
    # "Multiple Locations": the child offices, not their region office; a null custom value
    (REAL[1], {"external_id": "5520002", "employment_type": None, "date_posted": REAL[1]["updated_at"],
               "locations": ["Columbia, MD, United States", "Frederick, Maryland, United States"]}),
    # remote with a placeless office: the job's own label; company_name null falls to the source
    (REAL[2], {"locations": ["Remote - US"], "remote": True, "employer": None}),
    # a bare city name: the office says which state; a single currency amount
    (REAL[3], {"locations": ["Baltimore, MD, United States"], "pay_text": "$21.00"}),
    # several places in the job's own label, offices whose location is an object
    (REAL[4], {"locations": ["Hagerstown, Maryland, United States; Cumberland, Maryland, United States"],
               "employment_type": "Part-time, Per diem"}),
])
def test_board_api_shape(job, expected):
    assert subset(posting_fields(job), expected) == expected


@pytest.mark.parametrize("value, text", [
    ({"unit": "USD", "min_value": "52000.0", "max_value": "60000.0"}, "$52,000.00 - $60,000.00"),
    ({"unit": "USD", "min_value": "20.0", "max_value": "20.0"}, "$20.00"),
    ({"unit": "CAD", "amount": "25"}, "CAD 25.00"),
    ({"unit": "USD", "min_value": None, "max_value": ""}, None),
    ({"unit": "USD", "min_value": "n/a"}, None),
])
def test_money_text(value, text):
    assert money_text(value) == text
