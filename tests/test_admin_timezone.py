"""Times in the operator's time zone: PEERJOBS_ADMIN_TIMEZONE (an IANA name, UTC by default, a
bad name a clear error), every admin time shown with its zone, cron still read in the
scheduler's zone and the next run shown in both."""
from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest
from click.testing import CliRunner

from foundation.schedules import Schedules
from foundation.settings import Settings, SettingsError
from peerjobs.cli import main
from tests.admin_support import admin_settings, seed
from tests.test_admin import schedules_file, signed_in  # noqa: F401  (an autouse fixture)
from webapp import create_app
from webapp.admin import clock
from webapp.extensions import limiter


@pytest.mark.parametrize("moment, zone, words", [
    (datetime(2026, 1, 9, 14, 3), "UTC", "9 Jan 2026, 14:03 UTC"),
    (datetime(2026, 1, 9, 14, 3), "America/Chicago", "9 Jan 2026, 08:03 CST"),
    (datetime(2026, 7, 9, 14, 3), "America/Chicago", "9 Jul 2026, 09:03 CDT"),
    (datetime(2026, 7, 9, 3, 30), "America/Los_Angeles", "8 Jul 2026, 20:30 PDT"),
    (None, "America/Chicago", ""),
])
def test_when_names_the_zone_it_shows(moment, zone, words):
    assert clock.when(moment, zone) == words


def test_a_stamp_kept_as_text_reads_like_the_others():
    assert clock.when_stamp("2026-07-09T14:03:00", "America/New_York") == "9 Jul 2026, 10:03 EDT"
    assert clock.when_stamp("not a time", "UTC") == "not a time"


def test_the_setting_defaults_to_utc_and_refuses_a_name_that_is_no_zone(tmp_path):
    assert Settings.from_env({"PEERJOBS_DATA_DIR": str(tmp_path)}).admin_timezone == "UTC"
    chosen = Settings.from_env({"PEERJOBS_DATA_DIR": str(tmp_path), "PEERJOBS_ADMIN_TIMEZONE": "America/Denver"})
    assert chosen.admin_timezone == "America/Denver"
    for bad in ("Mars/Olympus", "EST5EDT; rm", "../etc/passwd"):
        with pytest.raises(SettingsError, match="PEERJOBS_ADMIN_TIMEZONE=.* is not a time zone"):
            Settings.from_env({"PEERJOBS_DATA_DIR": str(tmp_path), "PEERJOBS_ADMIN_TIMEZONE": bad})
    result = CliRunner().invoke(main, ["settings"], env={"PEERJOBS_ADMIN_TIMEZONE": "Central"})
    assert result.exit_code == 1 and "is not a time zone: give an IANA name" in result.output


def test_next_runs_in_both_zones():
    line = type("Line", (), {"enabled": True, "next_run_at": None, "schedule": "0 9 * * *"})()
    found = clock.next_runs(line, Schedules(), "America/Chicago", now=datetime(2026, 1, 9, 10, 0))
    assert (found.in_schedule_zone, found.in_admin_zone) == ("10 Jan 2026, 09:00 UTC", "10 Jan 2026, 03:00 CST")
    line.enabled = False
    assert clock.next_runs(line, Schedules(), "America/Chicago") is None


def test_admin_pages_show_times_in_the_operators_zone(tmp_path):
    settings = dataclasses.replace(admin_settings(tmp_path, f"sqlite:///{tmp_path / 'store.db'}"),
                                   admin_timezone="America/Chicago")
    app = create_app(settings)
    limiter.reset()
    with app.app_context():
        from webapp.db import get_session
        seed(get_session())
    client = signed_in(app)
    table = client.get("/admin/sources").text
    assert " CST</time>" in table or " CDT</time>" in table
    assert "Times are America/Chicago." in table
    page = client.get("/admin/sources/steady").text
    assert "Cron times are kept and read in UTC, the scheduler's time zone, not America/Chicago." in page
    assert "Next run: " in page and "UTC, which is " in page
    limiter.reset()
