"""The admin overview through the real app and store (SQLite and PostgreSQL): charts of the
figures kept per day, their tables, "No figures yet" before any, and figures that stay when the
subscriptions they counted are deleted."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from alerts import subscribing
from indexer.store import figures
from indexer.store.models import utcnow
from tests.admin_support import seed_traffic
from tests.test_admin import app, client, schedules_file, sessions, sqlite_app  # noqa: F401  (fixtures)
from webapp.admin import trends

DAY = date(2026, 12, 7)


def chart_rows(page: str, chart_id: str) -> dict[str, list[str]]:
    """Day -> the figures in one chart's table."""
    figure = page.split(f'id="{chart_id}-title"', 1)[1].split("</figure>", 1)[0]
    return {day: re.findall(r'<td class="num">([^<]*)</td>', cells)
            for day, cells in re.findall(r'<tr><th scope="row">([\d-]+)</th>(.*?)</tr>', figure)}


def test_a_stranger_is_sent_to_sign_in(sqlite_app):  # noqa: F811
    response = sqlite_app.test_client().get("/admin/overview")
    assert response.status_code == 302 and "/admin/login" in response.headers["Location"]


def test_before_any_figure_every_chart_says_so(client):  # noqa: F811
    page = client.get("/admin/overview").text
    assert page.count("No figures yet") == 4 and "<svg" not in page
    assert 'aria-current="page">Overview<' in page.replace("\n", "")


def test_the_overview_draws_the_figures_kept_with_their_tables(client, sessions):  # noqa: F811
    today = utcnow().date()
    with sessions() as session:
        figures.record_event(session, "subscribed", 2, network="ohio-peers")
        figures.record_event(session, "confirmed")
        figures.record_event(session, "sent", 3, day=today - timedelta(days=2))
        figures.record_event(session, "failed", network="ohio-peers")
        session.commit()
        figures.take_snapshot(session)  # the seeded sources: 2 failing, 1 degraded, 1 healthy, 1 never crawled
    page = client.get("/admin/overview").text
    assert page.count('<svg role="img"') == 3  # no open postings yet: that chart has no figures
    for title in ("Subscriptions per day", "Digests per day", "Sources by health"):
        assert f">{title}</title>" in page
    assert chart_rows(page, "subscriptions")[today.isoformat()] == ["2", "1", "0", "0"]
    digests = chart_rows(page, "digests")
    assert digests[today.isoformat()] == ["0", "1"] and digests[(today - timedelta(days=2)).isoformat()] == ["3", "0"]
    assert len(digests) == 30
    health = chart_rows(page, "sources-health")
    assert health[today.isoformat()] == ["2", "1", "1", "1"]
    assert health[(today - timedelta(days=1)).isoformat()] == ["–"] * 4  # no snapshot that day
    by_network = page.split('id="by-network"', 1)[1]
    assert re.search(r'<th scope="row">ohio-peers</th>' + r'<td class="num">(\d+)</td>' * 6, by_network).groups() == \
        ("2", "0", "0", "0", "0", "1")


def test_a_deleted_subscription_leaves_its_days_figures(client, sessions):  # noqa: F811
    with sessions() as session:
        due = subscribing.subscribe(session, "sam@example.org", "daily", {"q": "peer"})
        subscribing.confirm(session, due.subscription_id)
        subscribing.confirm(session, due.subscription_id)  # twice: counted once
        assert subscribing.delete(session, due.subscription_id)
    page = client.get("/admin/overview").text
    assert chart_rows(page, "subscriptions")[utcnow().date().isoformat()] == ["1", "1", "1", "0"]
    assert "sam@example.org" not in page


def test_ninety_days_on_request_and_only_the_windows_offered(client, sessions):  # noqa: F811
    with sessions() as session:
        seed_traffic(session)
    today = utcnow().date()
    longer = client.get("/admin/overview?days=90").text
    assert len(chart_rows(longer, "subscriptions")) == 90
    assert (today - timedelta(days=89)).isoformat() in longer
    assert 'aria-current="page">Last 90 days' in longer
    assert len(chart_rows(client.get("/admin/overview?days=7").text, "subscriptions")) == 30


def series(values: dict[str, tuple]) -> figures.FigureSeries:
    count = len(next(iter(values.values())))
    return figures.FigureSeries("f", tuple(DAY - timedelta(days=back) for back in range(count - 1, -1, -1)), values)


@pytest.mark.parametrize("values, key, expected", [
    ({"OH": (None, 3, 4), "TX": (None, None, 1)}, "TX", (None, 0, 1)),  # snapshot that day without TX: 0
    ({"OH": (None, 3, 4), "TX": (None, None, 1)}, "OH", (None, 3, 4)),  # no snapshot the first day: None
    ({"OH": (2, None)}, "VT", (0, None)),
])
def test_snapshot_values(values, key, expected):
    assert trends.snapshot_values(series(values), key) == expected


@pytest.mark.parametrize("values, expected", [
    ({"all": (None, 2, None)}, (0, 2, 0)),
    ({"network:x": (1, None, None)}, (0, 0, 0)),
])
def test_event_values_count_days_without_a_row_as_none_happened(values, expected):
    assert trends.event_values(series(values)) == expected


@pytest.mark.parametrize("values, count, expected", [
    ({"OH": (9, 1), "TX": (1, 5), "CA": (2, 5), "none": (0, 2)}, 2, ["CA", "TX"]),  # latest first, then highest
    ({"OH": (9, None), "TX": (None, 5)}, 5, ["OH", "TX"]),
    ({"OH": (1, 1)}, 3, ["OH"]),
])
def test_top_keys(values, count, expected):
    assert trends.top_keys(series(values), count) == expected


@pytest.mark.parametrize("asked, days", [(None, 30), ("30", 30), ("90", 90), ("7", 30), ("90x", 30)])
def test_window(asked, days):
    assert trends.window(asked) == days
