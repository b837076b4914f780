"""Small line charts drawn on the server: figures per day in, SVG markup out. No script.

Each chart is an <svg role="img"> named by its <title> and told in words by its <desc>, with
the same figures in a table under a <details>. Lines differ in color and dash, and a legend
names each in words, so color is never the only way to tell them apart. The viewBox is about
a phone's width, so the text reads at its size on a 360 px screen.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Sequence

from markupsafe import Markup, escape

WIDTH, LEFT, RIGHT, TOP, PLOT_HEIGHT = 320, 34, 12, 10, 130
BOTTOM = TOP + PLOT_HEIGHT
LEGEND_TOP, LEGEND_ROW, LEGEND_COLUMNS = BOTTOM + 34, 20, 2
#: (stroke color, dash pattern): dark enough on white (3:1 and more), told apart by dash too.
STYLES = (("#0b5cad", ""), ("#b3401a", "7 3"), ("#1a7f37", "2 3"), ("#8a3f7c", "9 3 2 3"),
          ("#8a5a00", "4 2"), ("#4d4d4d", "12 4"))
EMPTY = "No figures yet"


@dataclass(frozen=True)
class Line:
    label: str
    #: One per day of the chart, oldest first; None where there is no figure for the day.
    values: tuple[int | None, ...]
    #: Which of STYLES draws it; by default its place among the chart's lines.
    style: int | None = None


@dataclass(frozen=True)
class Chart:
    #: Starts the ids of the chart's title and description (unique on the page).
    id: str
    title: str
    days: tuple[date, ...]
    lines: tuple[Line, ...]
    #: Figures per day that add up (events), rather than levels on each day (snapshots).
    summed: bool = True


def nice_top(high: int | float) -> int:
    """The axis' top: the smallest 1, 2 or 5 times a power of ten at or above `high`."""
    top = 1
    while True:
        for factor in (1, 2, 5):
            if top * factor >= high:
                return top * factor
        top *= 10


def scale(values: Sequence[int | None], top: int, width: float = WIDTH - LEFT - RIGHT,
          height: float = PLOT_HEIGHT) -> list[tuple[float, float] | None]:
    """Each value's point: the oldest at the left edge, the newest at the right, 0 at the
    bottom and `top` at the top; a lone value in the middle; None stays None."""
    step = width / (len(values) - 1) if len(values) > 1 else 0
    points = []
    for position, value in enumerate(values):
        x = LEFT + (position * step if len(values) > 1 else width / 2)
        points.append(None if value is None else (round(x, 1), round(BOTTOM - value / top * height, 1)))
    return points


def runs_of(points: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """The points in unbroken runs: a day without a figure breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def day_label(day: date) -> str:
    return f"{day.day} {day:%b}"


def has_figures(chart: Chart) -> bool:
    return bool(chart.days) and any(value is not None for line in chart.lines for value in line.values)


def description(chart: Chart) -> str:
    """The chart in words: its days, and each line's latest, highest (and total) figure."""
    parts = [f"{day_label(chart.days[0])} {chart.days[0].year} to {day_label(chart.days[-1])} "
             f"{chart.days[-1].year}, one figure per day."]
    for line in chart.lines:
        known = [value for value in line.values if value is not None]
        latest = next((value for value in reversed(line.values) if value is not None), None)
        words = f"{line.label}: latest {latest if latest is not None else 'none'}, highest {max(known, default=0)}"
        parts.append(words + (f", {sum(known)} in all." if chart.summed else "."))
    return " ".join(parts)


def _line_svg(line: Line, index: int, top: int) -> str:
    color, dash = STYLES[(line.style if line.style is not None else index) % len(STYLES)]
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    drawn = []
    for run in runs_of(scale(line.values, top)):
        if len(run) == 1:
            drawn.append(f'<circle cx="{run[0][0]:g}" cy="{run[0][1]:g}" r="3.5" fill="{color}"/>')
        else:
            path = " ".join(f"{'M' if n == 0 else 'L'}{x:g},{y:g}" for n, (x, y) in enumerate(run))
            drawn.append(f'<path d="{path}" fill="none" stroke="{color}" stroke-width="2.5"{dashed}/>')
    return "".join(drawn)


def _legend_svg(line: Line, index: int) -> str:
    color, dash = STYLES[(line.style if line.style is not None else index) % len(STYLES)]
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    column, row = index % LEGEND_COLUMNS, index // LEGEND_COLUMNS
    x, y = 4 + column * (WIDTH - 4) / LEGEND_COLUMNS, LEGEND_TOP + row * LEGEND_ROW
    return (f'<line x1="{x:g}" y1="{y - 4:g}" x2="{x + 22:g}" y2="{y - 4:g}" stroke="{color}" '
            f'stroke-width="3"{dashed}/><text x="{x + 27:g}" y="{y:g}">{escape(line.label)}</text>')


def _axes_svg(chart: Chart, top: int) -> str:
    ticks = [0, top // 2, top] if top % 2 == 0 else [0, top]
    parts = []
    for tick in ticks:
        y = BOTTOM - tick / top * PLOT_HEIGHT
        parts.append(f'<line x1="{LEFT}" y1="{y:g}" x2="{WIDTH - RIGHT}" y2="{y:g}" stroke="#c8c8c8"/>'
                     f'<text x="{LEFT - 6}" y="{y + 4:g}" text-anchor="end">{tick}</text>')
    days = chart.days
    marks = ([(LEFT, "start", days[0]), (WIDTH - RIGHT, "end", days[-1])] if len(days) > 1
             else [((LEFT + WIDTH - RIGHT) / 2, "middle", days[0])])
    for x, anchor, day in marks:
        parts.append(f'<text x="{x:g}" y="{BOTTOM + 18}" text-anchor="{anchor}">{day_label(day)}</text>')
    return "".join(parts)


def svg(chart: Chart) -> Markup:
    """The chart's <svg>: axes, lines, legend."""
    top = nice_top(max((v for line in chart.lines for v in line.values if v is not None), default=0))
    rows = -(-len(chart.lines) // LEGEND_COLUMNS)
    height = LEGEND_TOP + max(rows - 1, 0) * LEGEND_ROW + 10
    ids = f"{chart.id}-title {chart.id}-desc"
    return Markup(
        f'<svg role="img" aria-labelledby="{ids}" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" font-size="12" fill="#222" class="chart">'
        f'<title id="{chart.id}-title">{escape(chart.title)}</title>'
        f'<desc id="{chart.id}-desc">{escape(description(chart))}</desc>'
        f'{_axes_svg(chart, top)}'
        + "".join(_line_svg(line, index, top) for index, line in enumerate(chart.lines))
        + "".join(_legend_svg(line, index) for index, line in enumerate(chart.lines))
        + "</svg>")


def table(chart: Chart) -> Markup:
    """The chart's figures, newest day first, in a table under <details>."""
    head = "".join(f'<th scope="col" class="num">{escape(line.label)}</th>' for line in chart.lines)
    body = []
    for position in range(len(chart.days) - 1, -1, -1):
        cells = "".join(f'<td class="num">{"–" if line.values[position] is None else line.values[position]}</td>'
                        for line in chart.lines)
        body.append(f'<tr><th scope="row">{chart.days[position].isoformat()}</th>{cells}</tr>')
    return Markup(
        f'<details><summary>{escape(chart.title)}: the figures</summary>'
        f'<div class="scroll" role="region" aria-label="{escape(chart.title)}, figures" tabindex="0">'
        f'<table><thead><tr><th scope="col">Day</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
        f'</div></details>')


def render(chart: Chart) -> Markup:
    """The chart and its table in a <figure>; "No figures yet" when there is nothing to draw."""
    caption = f"<figcaption>{escape(chart.title)}</figcaption>"
    if not has_figures(chart):
        return Markup(f'<figure class="chart-box">{caption}<p class="quiet">{EMPTY}</p></figure>')
    return Markup(f'<figure class="chart-box">{caption}{svg(chart)}{table(chart)}</figure>')
