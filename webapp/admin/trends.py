"""The overview page: the figures the store keeps per day (indexer.store.figures), as charts.

Subscriptions and digests are counted as they happen, so a day's figures stay when the
subscriptions are deleted; sources by health and open peer postings by state are daily
snapshots. Plain functions build the charts; the view only picks the days and renders."""
from __future__ import annotations

from datetime import date

from flask import render_template, request
from sqlalchemy.orm import Session

from indexer.store import figures
from webapp.admin import bp
from webapp.admin.charts import Chart, Line, render
from webapp.db import get_session

#: The windows the page offers, in days; the first is the default.
WINDOWS = (30, 90)
SUBSCRIPTION_LINES = (("subscribed", "Made"), ("confirmed", "Confirmed"), ("unsubscribed", "Unsubscribed"),
                      ("paused_by_bounces", "Paused by bounces"))
DIGEST_LINES = (("sent", "Sent"), ("failed", "Failed"))
#: Health key -> (label, style in webapp.admin.charts.STYLES): failing red, healthy green.
HEALTH_LINES = {"failing": ("Failing", 1), "degraded": ("Degraded", 4), "healthy": ("Healthy", 2),
                "unknown": ("Not checked yet", 5)}
TOP_STATES = 5


def event_values(found: figures.FigureSeries, key: str = figures.ALL) -> tuple[int, ...]:
    """An event's count per day: a day with no row counted none."""
    return tuple(value or 0 for value in found.values.get(key, (None,) * len(found.days)))


def snapshot_values(found: figures.FigureSeries, key: str) -> tuple[int | None, ...]:
    """A key's figure per snapshot day (0 when the snapshot did not have it); None on days
    without a snapshot."""
    taken = [any(values[n] is not None for values in found.values.values()) for n in range(len(found.days))]
    mine = found.values.get(key, (None,) * len(found.days))
    return tuple((value or 0) if was_taken else None for value, was_taken in zip(mine, taken))


def events_chart(session: Session, chart_id: str, title: str, names: tuple, days: int, today: date | None) -> Chart:
    """Lines of events per day; no lines at all when none of them was ever counted in the window."""
    found = {figure: figures.series(session, figure, days, today) for figure, _label in names}
    span = next(iter(found.values())).days
    if not any(series.values for series in found.values()):
        return Chart(chart_id, title, span, ())
    return Chart(chart_id, title, span, tuple(Line(label, event_values(found[figure])) for figure, label in names))


def health_chart(session: Session, days: int, today: date | None) -> Chart:
    found = figures.series(session, "sources_health", days, today)
    lines = tuple(Line(label, snapshot_values(found, key), style) for key, (label, style) in HEALTH_LINES.items())
    return Chart("sources-health", "Sources by health", found.days, lines if found.values else (), summed=False)


def top_keys(found: figures.FigureSeries, count: int) -> list[str]:
    """The keys with the highest latest figure (then the highest ever), at most `count`."""
    def rank(key: str) -> tuple:
        values = found.values[key]
        latest = next((value for value in reversed(values) if value is not None), 0)
        return (-latest, -max((value or 0 for value in values), default=0), key)
    return sorted(found.values, key=rank)[:count]


def states_chart(session: Session, days: int, today: date | None) -> Chart:
    found = figures.series(session, "open_peer_by_state", days, today)
    lines = tuple(Line("No state" if key == figures.NO_STATE else key, snapshot_values(found, key))
                  for key in top_keys(found, TOP_STATES))
    return Chart("open-by-state", f"Open peer postings, top {TOP_STATES} states", found.days, lines, summed=False)


def overview_charts(session: Session, days: int, today: date | None = None) -> list[Chart]:
    return [events_chart(session, "subscriptions", "Subscriptions per day", SUBSCRIPTION_LINES, days, today),
            events_chart(session, "digests", "Digests per day", DIGEST_LINES, days, today),
            health_chart(session, days, today), states_chart(session, days, today)]


def network_totals(session: Session, days: int, today: date | None = None) -> list[tuple[str, list[int]]]:
    """(network, its totals of each event over the window), for networks counted in it."""
    names = SUBSCRIPTION_LINES + DIGEST_LINES
    found = {figure: figures.series(session, figure, days, today) for figure, _label in names}
    prefix = figures.network_key("")
    networks = sorted({key[len(prefix):] for series in found.values() for key in series.values
                       if key.startswith(prefix)})
    return [(network, [found[figure].total(figures.network_key(network)) for figure, _label in names])
            for network in networks]


def window(asked: str | None) -> int:
    return int(asked) if asked in {str(days) for days in WINDOWS} else WINDOWS[0]


@bp.route("/overview", endpoint="overview")
def overview_page():
    days, session = window(request.args.get("days")), get_session()
    return render_template("admin/overview.html", days=days, windows=WINDOWS,
                           charts=[render(chart) for chart in overview_charts(session, days)],
                           networks=network_totals(session, days),
                           event_labels=[label for _figure, label in SUBSCRIPTION_LINES + DIGEST_LINES])
