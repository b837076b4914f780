"""The overview's charts as a pure function: figures per day in, SVG markup out."""
from __future__ import annotations

import re
from datetime import date, timedelta
from xml.etree import ElementTree

import pytest

from webapp.admin import charts
from webapp.admin.charts import BOTTOM, LEFT, PLOT_HEIGHT, RIGHT, WIDTH, Chart, Line

SVG = "{http://www.w3.org/2000/svg}"


def days(count: int, last: date = date(2026, 12, 7)) -> tuple[date, ...]:
    return tuple(last - timedelta(days=back) for back in range(count - 1, -1, -1))


def parsed(markup: str) -> ElementTree.Element:
    """The <figure> as XML (the markup is XHTML-clean), with the SVG namespace made explicit."""
    return ElementTree.fromstring(str(markup).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


@pytest.mark.parametrize("high, top", [(0, 1), (1, 1), (2, 2), (3, 5), (5, 5), (7, 10), (10, 10), (11, 20),
                                       (49, 50), (120, 200), (999, 1000)])
def test_the_axis_top_is_a_round_number_at_or_above_the_highest_figure(high, top):
    assert charts.nice_top(high) == top


PLOT_WIDTH = WIDTH - LEFT - RIGHT


@pytest.mark.parametrize("values, top, expected", [
    ((0, 5, 10), 10, [(LEFT, BOTTOM), (LEFT + PLOT_WIDTH / 2, BOTTOM - PLOT_HEIGHT / 2),
                      (LEFT + PLOT_WIDTH, BOTTOM - PLOT_HEIGHT)]),
    ((2, 2), 5, [(LEFT, BOTTOM - PLOT_HEIGHT * 2 / 5), (LEFT + PLOT_WIDTH, BOTTOM - PLOT_HEIGHT * 2 / 5)]),
    ((4,), 5, [(LEFT + PLOT_WIDTH / 2, BOTTOM - PLOT_HEIGHT * 4 / 5)]),  # one day: in the middle
    ((1, None, 3, 0), 5, [(LEFT, BOTTOM - PLOT_HEIGHT / 5), None,
                          (LEFT + PLOT_WIDTH * 2 / 3, BOTTOM - PLOT_HEIGHT * 3 / 5), (LEFT + PLOT_WIDTH, BOTTOM)]),
])
def test_points_are_scaled_oldest_left_zero_at_the_bottom_top_at_the_top(values, top, expected):
    found = charts.scale(values, top)
    assert len(found) == len(expected)
    for point, wanted in zip(found, expected):
        assert point == wanted or point == pytest.approx(wanted, abs=0.05)


@pytest.mark.parametrize("points, runs", [
    ([(1, 1), (2, 2)], [[(1, 1), (2, 2)]]),
    ([(1, 1), None, (3, 3), (4, 4)], [[(1, 1)], [(3, 3), (4, 4)]]),
    ([None, None], []),
    ([], []),
])
def test_a_day_without_a_figure_breaks_the_line(points, runs):
    assert charts.runs_of(points) == runs


@pytest.mark.parametrize("lines", [(), (Line("Sent", (None, None, None)),)])
def test_a_chart_without_figures_says_so_and_draws_nothing(lines):
    markup = charts.render(Chart("empty", "Digests per day", days(3), lines))
    assert "No figures yet" in markup and "<svg" not in markup and "<table" not in markup
    assert "<figcaption>Digests per day</figcaption>" in markup


def test_a_chart_is_an_image_named_by_its_title_and_told_in_its_description():
    chart = Chart("subs", "Subscriptions per day", days(3),
                  (Line("Confirmed", (0, 2, 1)), Line("Unsubscribed", (1, 0, 0))))
    figure = parsed(charts.render(chart))
    svg = figure.find(f"{SVG}svg")
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "subs-title subs-desc"
    assert svg.get("width") == "100%" and svg.get("viewBox").startswith(f"0 0 {WIDTH} ")
    assert svg.find(f"{SVG}title").text == "Subscriptions per day"
    assert svg.find(f"{SVG}title").get("id") == "subs-title"
    desc = svg.find(f"{SVG}desc").text
    assert desc.startswith("5 Dec 2026 to 7 Dec 2026")
    assert "Confirmed: latest 1, highest 2, 3 in all." in desc and "Unsubscribed: latest 0, highest 1, 1 in all." in desc
    legend = [text.text for text in svg.iter(f"{SVG}text")]
    assert "Confirmed" in legend and "Unsubscribed" in legend  # named in words, not by color alone
    assert "5 Dec" in legend and "7 Dec" in legend and "0" in legend and "2" in legend


def test_lines_differ_in_dash_as_well_as_color_and_points_are_where_scale_puts_them():
    chart = Chart("d", "Digests per day", days(3), (Line("Sent", (0, 1, 2)), Line("Failed", (2, 1, 0))))
    paths = parsed(charts.render(chart)).find(f"{SVG}svg").findall(f"{SVG}path")
    assert len(paths) == 2
    assert len({path.get("stroke") for path in paths}) == 2
    assert [path.get("stroke-dasharray") for path in paths] == [None, charts.STYLES[1][1]]
    expected = charts.scale((0, 1, 2), 2)
    numbers = [float(n) for n in re.findall(r"[\d.]+", paths[0].get("d"))]
    assert list(zip(numbers[::2], numbers[1::2])) == expected
    assert expected == [(LEFT, BOTTOM), (LEFT + PLOT_WIDTH / 2, BOTTOM - PLOT_HEIGHT / 2), (WIDTH - RIGHT, BOTTOM - PLOT_HEIGHT)]


def test_a_one_day_series_is_a_dot_and_its_table_has_the_one_figure():
    chart = Chart("one", "Sources by health", days(1), (Line("Healthy", (7,), 2),), summed=False)
    figure = parsed(charts.render(chart))
    svg = figure.find(f"{SVG}svg")
    assert svg.findall(f"{SVG}path") == []
    [dot] = svg.findall(f"{SVG}circle")
    assert (float(dot.get("cx")), float(dot.get("cy"))) == charts.scale((7,), 10)[0]
    assert dot.get("fill") == charts.STYLES[2][0]
    assert "Healthy: latest 7, highest 7." in svg.find(f"{SVG}desc").text  # a level is not summed
    rows = figure.findall(".//tbody/tr")
    assert [(row.find("th").text, [td.text for td in row.findall("td")]) for row in rows] == [("2026-12-07", ["7"])]


def test_the_table_holds_the_same_figures_newest_day_first_with_a_dash_for_none():
    chart = Chart("t", "Open peer postings", days(3), (Line("OH", (3, None, 5)), Line("TX", (1, None, 0))),
                  summed=False)
    figure = parsed(charts.render(chart))
    assert figure.find(".//summary").text == "Open peer postings: the figures"
    assert [th.text for th in figure.findall(".//thead/tr/th")] == ["Day", "OH", "TX"]
    rows = [[row.find("th").text] + [td.text for td in row.findall("td")] for row in figure.findall(".//tbody/tr")]
    assert rows == [["2026-12-07", "5", "0"], ["2026-12-06", "–", "–"], ["2026-12-05", "3", "1"]]


def test_labels_are_escaped():
    chart = Chart("x", "Sources <b>", days(2), (Line("<script>", (1, 2)),))
    markup = str(charts.render(chart))
    assert "<script>" not in markup and "&lt;script&gt;" in markup and "<b>" not in markup
