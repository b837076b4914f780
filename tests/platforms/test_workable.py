"""Workable: accounts from board URLs, and one widget job into raw-posting fields."""
import pytest

from crawlers.platforms.workable import account_of, job_fields
from tests.platforms.recorded import days_ago, recorded, subset

BOARD = recorded("workable", "widget.json")["jobs"]
OLDER = recorded("workable", "widget-older.json")["jobs"]


@pytest.mark.parametrize("url, account", [
    ("https://apply.workable.com/highdesertpeer/", "highdesertpeer"),
    ("https://apply.workable.com/highdesertpeer/j/7C1E5A20B3/", "highdesertpeer"),
    ("https://highdesertpeer.workable.com/", "highdesertpeer"),
    ("https://apply.workable.com/api/v1/widget/accounts/highdesertpeer?details=true", "highdesertpeer"),
    ("https://apply.workable.com/j/7C1E5A20B3", None),  # a short job link names no account
    ("https://apply.workable.com/api/v1/widget/accounts/", None),
    ("https://apply.workable.com/", None),
    ("https://www.workable.com/pricing", None),  # the vendor's own site
])
def test_account_of(url, account):
    assert account_of(url) == account


def nm(city, region="New Mexico", country="US"):
    return {"street": None, "city": city, "region": region, "postal_code": None, "country": country}


@pytest.mark.parametrize("job, expected", [
    (BOARD[0], {"external_id": "7C1E5A20B3", "title": "Peer Support Worker", "employment_type": "Full-time",
                "url": "https://apply.workable.com/j/7C1E5A20B3", "remote": False,
                "apply_url": "https://apply.workable.com/j/7C1E5A20B3/apply",
                "date_posted": days_ago(2), "locations": [nm("Albuquerque")]}),
    (BOARD[1], {"locations": [nm("Santa Fe")]}),  # the hidden location is left out
    (BOARD[3], {"remote": True, "locations": [nm(None)]}),
    # no `url`: the board's page for its shortcode; no `published_on`: created_at; flat address
    (BOARD[4], {"url": "https://apply.workable.com/highdesertpeer/j/7C1E5A20B7/", "date_posted": days_ago(9),
                "locations": [nm("Farmington", country="United States")]}),
    # without details: no description; telecommuting as text; shortlink as the page
    (OLDER[0], {"description_html": None, "remote": True, "title": "Peer Mentor", "employment_type": "Contract",
                "url": "https://apply.workable.com/j/4B9D0E6611",
                "apply_url": "https://apply.workable.com/j/4B9D0E6611", "date_posted": days_ago(14),
                "locations": [nm("Gallup", "NM", "United States")]}),
    # only a hidden location, blank dates, nulls
    (OLDER[1], {"locations": [], "date_posted": None, "remote": False, "employment_type": None}),
    ({"title": "Peer Mentor", "locations": "Taos", "telecommuting": 1}, {"locations": [], "url": None,
                                                                        "external_id": None, "remote": False}),
    ({"code": "PM-9", "workplace": "remote"}, {"external_id": "PM-9", "remote": True}),
])
def test_job_fields(job, expected):
    assert subset(job_fields(job, "highdesertpeer"), expected) == expected
