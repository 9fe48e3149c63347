"""Charts as small SVG documents made from numbers: deterministic, with a title and description.

A trend chart is drawn 600 units wide to be printed 170 mm wide, so its text of 11 units is
8.8 pt on paper. The unit is named on the vertical axis; an axis that does not start at zero
is marked with a break; each line (ours with its latest figure, the target, the comparators,
the process mean and limits) is named at its right-hand end rather than in a legend; a target
drawn on the axis stays visible above it. Withheld points are gaps in the line, never
interpolated; the chart marks them and the description says so. Coordinates are rounded so
the same numbers give the same bytes.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence
from html import escape
from typing import NamedTuple

INK = "#0b0c0c"
MUTED = "#505a5f"
SERIES = "#1d4f91"
LONDON = "#6f3c97"
ENGLAND = "#505a5f"
TARGET = "#00703c"
NEIGHBOURS = "#a3471c"
GRID = "#d0d3d4"

PROCESS = "#6b7075"
BASELINE = "#eef0f1"
VARIANT = "#0b0c0c"

FONT_SIZE = 11
# DejaVu Sans averages about 0.6 em per character: enough to keep labels apart without
# measuring glyphs.
CHAR_WIDTH = FONT_SIZE * 0.6
# A trend chart's width in SVG units; printed 170 mm wide (paper.css .chart).
CHART_WIDTH = 600
# Room at the right for the lines' names and figures: END_LABEL_CHARS characters a line.
END_LABELS = 150
END_LABEL_CHARS = 20


# Named tuples: a large paper draws two thousand charts of two dozen points, and a chart is
# remembered by its points, which a tuple hashes without a Python call.
class ChartPoint(NamedTuple):
    label: str
    value: float | None
    # No figure at all for the period (none was given), rather than one withheld: a gap in the
    # line without the symbol.
    missing: bool = False


class ReferenceLine(NamedTuple):
    name: str
    value: float
    colour: str
    dash: str


class SeriesLine(NamedTuple):
    """A comparator's published series on the chart: runs of (point index, value), joined
    within a run and never across a missing year. `label` names it at its end."""

    name: str
    runs: tuple[tuple[tuple[int, float], ...], ...]
    colour: str
    dash: str
    label: str = ""


class ProcessLimits(NamedTuple):
    """The current process's mean and limits from point `start`, worked out from the points up
    to `baseline_end`; `rebased` when the process changed at `start`."""

    start: int
    baseline_end: int
    mean: float
    lower: float
    upper: float
    labels: tuple[str, str, str]  # mean, upper limit, lower limit, as the chart names them
    rebased: bool = False


class OwnSeries(NamedTuple):
    """A second set of our own figures (a variant), drawn beside the headline series."""

    label: str
    values: tuple[float | None, ...]


class ChartSpec(NamedTuple):
    """Everything one trend chart shows, already formatted: a pure, hashable description."""

    points: tuple[ChartPoint, ...]
    title: str
    description: str
    unit: str  # the vertical axis's unit, e.g. "Percentage", "£", "Number"
    latest_label: str  # our line's name and latest figure, e.g. "This council 54%"
    symbol: str  # marks a withheld figure, as the project's tables print it: "[c]"
    references: tuple[ReferenceLine, ...] = ()
    lines: tuple[SeriesLine, ...] = ()
    limits: ProcessLimits | None = None
    variants: tuple[OwnSeries, ...] = ()
    percent_axis: bool = False
    money_axis: bool = False


def fmt(number: float) -> str:
    text = f"{number:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def text_width(text: str, size: float = FONT_SIZE) -> float:
    return len(text) * size * 0.6


def svg_text(x: float, y: float, text: str, anchor: str = "start", size: int = FONT_SIZE) -> str:
    return (
        f'<text x="{fmt(x)}" y="{fmt(y)}" text-anchor="{anchor}" fill="{INK}" '
        f'font-size="{size}">{escape(text)}</text>'
    )


def svg_line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float, dash: str = "") -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}" '
        f'stroke="{colour}" stroke-width="{fmt(width)}"{dashes}/>'
    )


def nice_step(span: float, target_ticks: int = 4) -> float:
    """A step of 1, 2, 2.5 or 5 times a power of ten giving about `target_ticks` intervals."""
    raw = span / target_ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if multiple * magnitude >= raw:
            return float(multiple * magnitude)
    return float(10 * magnitude)


def nice_ticks(values: Sequence[float]) -> list[float]:
    """Round tick values covering the data; starts at zero when zero is not far below it."""
    low, high = min(values), max(values)
    if low >= 0 and low <= (high - low) * 0.8:
        low = 0.0
    if low == high:
        low, high = low - 1, high + 1
    step = nice_step(high - low)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    count = round((last - first) / step)
    return [round(first + step * i, 10) for i in range(count + 1)]


def step_decimals(step: float) -> int:
    """The fewest decimals that print every multiple of `step` exactly (2.5 -> 1, 0.25 -> 2)."""
    for decimals in range(4):
        if abs(step * 10**decimals - round(step * 10**decimals)) < 1e-6:
            return decimals
    return 4


def tick_label(value: float, step: float) -> str:
    return f"{value:,.{step_decimals(step)}f}"


def svg_document(width: int, height: int, title: str, description: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="kpicli Sans, DejaVu Sans, sans-serif" '
        f'font-size="{FONT_SIZE}">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>" + "".join(body) + "</svg>"
    )


def line_segments(
    coordinates: Sequence[tuple[float, float] | None],
) -> list[list[tuple[float, float]]]:
    segments: list[list[tuple[float, float]]] = [[]]
    for point in coordinates:
        if point is None:
            if segments[-1]:
                segments.append([])
            continue
        segments[-1].append(point)
    return [segment for segment in segments if segment]


def label_indexes(labels: Sequence[str], step: float) -> list[int]:
    """Which x labels to print so that none overlaps another: every n-th, with the last one
    always shown and the one before it dropped when they would touch."""
    if not labels:
        return []
    widest = max(text_width(label) for label in labels) + 8
    every = max(1, math.ceil(widest / step)) if step > 0 else 1
    chosen = list(range(0, len(labels), every))
    last = len(labels) - 1
    if chosen[-1] != last:
        if (last - chosen[-1]) * step < widest:
            chosen.pop()
        chosen.append(last)
    return chosen


def wrapped(text: str) -> list[str]:
    """An end label's lines: as many as it takes to fit the room at the chart's right."""
    return textwrap.wrap(text, END_LABEL_CHARS) or [""]


def spread(labels: list[tuple[float, str, str]], top: float, bottom: float) -> list[tuple[float, str, str]]:
    """End labels (y, text, colour) moved apart just enough not to overlap, in their order down
    the chart (a label of two lines takes two lines' room), and kept between `top` and
    `bottom`."""
    line = FONT_SIZE + 2
    placed = sorted(labels)
    heights = [len(wrapped(text)) * line for _, text, _ in placed]
    ys = [y for y, _, _ in placed]
    if ys:
        ys[0] = max(ys[0], top)
    for i in range(1, len(ys)):
        ys[i] = max(ys[i], ys[i - 1] + heights[i - 1])
    overflow = ys[-1] + heights[-1] - line - bottom if ys else 0
    if overflow > 0:
        ys[-1] -= overflow
        for i in range(len(ys) - 2, -1, -1):
            ys[i] = min(ys[i], ys[i + 1] - heights[i])
    ys = [max(y, top) for y in ys]
    return [(y, text, colour) for y, (_, text, colour) in zip(ys, placed, strict=True)]


def axis_break(x: float, y: float) -> str:
    """A zigzag across the vertical axis just above the horizontal one: the axis does not
    start at zero."""
    return (
        f'<rect x="{fmt(x - 6)}" y="{fmt(y - 14)}" width="12" height="9" fill="#ffffff"/>'
        f'<path d="M{fmt(x - 5)},{fmt(y - 5)} L{fmt(x + 5)},{fmt(y - 9)} '
        f'M{fmt(x - 5)},{fmt(y - 10)} L{fmt(x + 5)},{fmt(y - 14)}" fill="none" stroke="{INK}" '
        'stroke-width="1.2"/>'
    )


def polyline(path: str, colour: str, width: float, dash: str = "") -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{fmt(width)}"{dashes}/>'


def end_label(x: float, y: float, text: str, colour: str, bold: bool) -> str:
    """A line's name at its right-hand end, with a short stroke in its colour and dash."""
    weight = ' font-weight="bold"' if bold else ""
    fill = colour if bold else INK
    lines = "".join(
        f'<text x="{fmt(x)}" y="{fmt(y + 4 + n * (FONT_SIZE + 2))}" fill="{fill}"{weight}>{escape(part)}</text>'
        for n, part in enumerate(wrapped(text))
    )
    return svg_line(x - 8, y, x - 2, y, colour, 2) + lines


def trend_chart(spec: ChartSpec, format_tick: Callable[[float, float], str] = tick_label) -> str:
    """Our series with the target, the comparators' series, the process mean and limits with
    their baseline shaded, and any second set of our figures, CHART_WIDTH units wide."""
    width, points = CHART_WIDTH, spec.points
    known = [p.value for p in points if p.value is not None] + [r.value for r in spec.references]
    known += [value for line in spec.lines for run in line.runs for _, value in run]
    known += [v for series in spec.variants for v in series.values if v is not None]
    if spec.limits is not None:
        known += [spec.limits.lower, spec.limits.upper]
    if not points or not known:
        return svg_document(width, 60, spec.title, spec.description, [])
    ticks = nice_ticks(known)
    labels = [format_tick(t, ticks[1] - ticks[0]) for t in ticks]
    widest_x = max(text_width(p.label) for p in points)
    left = int(max(max(text_width(label) for label in labels) + 12, widest_x / 2 + 4))
    top, plot_h, right = 24, 160, END_LABELS
    notes = gap_notes(points, spec.symbol)
    height = top + plot_h + 26 + (FONT_SIZE + 8) * len(notes)
    plot_w = width - left - right
    low, high = ticks[0], ticks[-1]
    step_x = plot_w / max(len(points) - 1, 1)

    def y_of(value: float) -> float:
        return top + plot_h - (value - low) / (high - low) * plot_h

    def x_of(index: int) -> float:
        return left + index * step_x if len(points) > 1 else left + plot_w / 2

    axis_y, plot_right = top + plot_h, width - right
    body = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    limits = spec.limits
    if limits is not None:
        # The points the limits come from, shaded, so the reader sees the baseline.
        x0 = max(x_of(limits.start) - step_x / 2, left)
        x1 = min(x_of(limits.baseline_end) + step_x / 2, plot_right)
        body.append(
            f'<rect x="{fmt(x0)}" y="{top}" width="{fmt(x1 - x0)}" height="{plot_h}" fill="{BASELINE}"/>'
        )
        body.append(svg_text(x0 + 3, top + FONT_SIZE + 1, "Baseline"))
    body.append(svg_text(4, top - 10, spec.unit))
    for value, label in zip(ticks, labels, strict=True):
        y = y_of(value)
        body.append(svg_line(left, y, plot_right, y, GRID, 0.6))
        body.append(svg_text(left - 5, y + 4, label, "end"))
    body.append(svg_line(left, top, left, axis_y, INK, 0.8))
    body.append(svg_line(left, axis_y, plot_right, axis_y, INK, 0.8))
    if low > 0 or high < 0:
        body.append(axis_break(left, axis_y))
    ends: list[tuple[float, str, str]] = []
    if limits is not None:
        start = x_of(limits.start)
        for value, label, dash in zip(
            (limits.mean, limits.upper, limits.lower), limits.labels, ("", "4,3", "4,3"), strict=True
        ):
            y = y_of(value)
            body.append(svg_line(start, y, plot_right, y, PROCESS, 1.2, dash))
            ends.append((y, label, PROCESS))
        if limits.rebased:
            body.append(svg_line(start, top, start, axis_y, INK, 1, "2,2"))
            body.append(svg_text(start + 3, axis_y - 5, "Process changed"))
    for reference in spec.references:
        # Drawn after the axis: a target of zero lies on the axis and must still be seen.
        y = y_of(reference.value)
        body.append(svg_line(left, y, plot_right, y, reference.colour, 2, reference.dash))
        ends.append((y, reference.name, reference.colour))
    for line in spec.lines:
        for run in line.runs:
            if len(run) > 1:
                body.append(
                    polyline(
                        " ".join(f"{fmt(x_of(i))},{fmt(y_of(v))}" for i, v in run),
                        line.colour,
                        1.6,
                        line.dash,
                    )
                )
            for i, value in run:
                x, y = x_of(i), y_of(value)
                body.append(
                    f'<rect x="{fmt(x - 2.5)}" y="{fmt(y - 2.5)}" width="5" height="5" fill="{line.colour}"/>'
                )
        ends.append((y_of(line.runs[-1][-1][1]), line.label or line.name, line.colour))
    for series in spec.variants:
        marks = [None if v is None else (x_of(i), y_of(v)) for i, v in enumerate(series.values)]
        for segment in line_segments(marks):
            body.append(polyline(" ".join(f"{fmt(x)},{fmt(y)}" for x, y in segment), VARIANT, 1.6, "6,3"))
        for mark in (m for m in marks if m is not None):
            body.append(
                f'<circle cx="{fmt(mark[0])}" cy="{fmt(mark[1])}" r="2.6" fill="#ffffff" '
                f'stroke="{VARIANT}" stroke-width="1.2"/>'
            )
        last = next((m for m in reversed(marks) if m is not None), None)
        if last is not None:
            ends.append((last[1], series.label, VARIANT))
    coordinates = [None if p.value is None else (x_of(i), y_of(p.value)) for i, p in enumerate(points)]
    for segment in line_segments(coordinates):
        body.append(polyline(" ".join(f"{fmt(x)},{fmt(y)}" for x, y in segment), SERIES, 2.4))
    for point in (c for c in coordinates if c is not None):
        body.append(f'<circle cx="{fmt(point[0])}" cy="{fmt(point[1])}" r="2.8" fill="{SERIES}"/>')
    latest = next((c for c in reversed(coordinates) if c is not None), None)
    bold = ""
    if latest is not None:
        # The latest figure is named on our line's end, in bold.
        body.append(f'<circle cx="{fmt(latest[0])}" cy="{fmt(latest[1])}" r="4.2" fill="{SERIES}"/>')
        bold = spec.latest_label
        ends.append((latest[1], bold, SERIES))
    # Never below the axis line: the last period's label, centred on the last point, reaches
    # under the end labels, and would be overprinted ('... 75%' over 'Apr to Jun 2019').
    for y, text, colour in spread(ends, top + 4, axis_y - 4):
        body.append(end_label(plot_right + 12, y, text, colour, text == bold))
    for index in label_indexes([p.label for p in points], step_x):
        x = x_of(index)
        body.append(svg_line(x, axis_y, x, axis_y + 4, INK, 0.8))
        body.append(svg_text(x, axis_y + 17, points[index].label, "middle"))
    for index, chart_point in enumerate(points):
        if chart_point.value is None and not chart_point.missing:
            body.append(svg_text(x_of(index), axis_y - 5, spec.symbol, "middle"))
    for row, note in enumerate(notes):
        body.append(svg_text(left, axis_y + 36 + row * (FONT_SIZE + 8), note))
    return svg_document(width, height, spec.title, spec.description, body)


def gap_notes(points: Sequence[ChartPoint], symbol: str) -> list[str]:
    """What the gaps in our line are: a figure withheld (marked `symbol`), or no figure at all."""
    notes = []
    if any(p.value is None and not p.missing for p in points):
        notes.append(f"{symbol} figure withheld: a gap in the line")
    absent = [p.label for p in points if p.missing]
    if len(absent) == 1:
        notes.append(f"No figure for {absent[0]}: a gap in the line")
    elif absent:
        named = f"{', '.join(absent[:-1])} and {absent[-1]}" if len(absent) <= 3 else f"{len(absent)} periods"
        notes.append(f"No figure for {named}: gaps in the line")
    return notes


def sparkline(values: Sequence[float | None], description: str) -> str:
    """A small trend line for dashboards, 70 x 18 px; gaps where figures are withheld."""
    width, height = 70, 18
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return svg_document(width, height, "Trend", description, [])
    low, high = min(known), max(known)
    span = (high - low) or 1
    step = (width - 4) / max(len(values) - 1, 1)
    coordinates = [
        None if v is None else (2 + i * step, height - 2 - (v - low) / span * (height - 4))
        for i, v in enumerate(values)
    ]
    body = []
    for segment in line_segments(coordinates):
        path = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in segment)
        body.append(f'<polyline points="{path}" fill="none" stroke="{SERIES}" stroke-width="1.4"/>')
        if len(segment) == 1:
            x, y = segment[0]
            body.append(f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="1" fill="{SERIES}"/>')
    last = next(point for point in reversed(coordinates) if point is not None)
    body.append(f'<circle cx="{fmt(last[0])}" cy="{fmt(last[1])}" r="1.8" fill="{SERIES}"/>')
    return svg_document(width, height, "Trend", description, body)


# The letters on the icons, as strokes in a 24-unit box (drawn, not set in type, so that no
# text on the page is smaller than the rest of the paper's).
ICON_LETTERS = {
    "H": "M4 7 V17 M10 7 V17 M4 12 H10",
    "L": "M4 7 V17 H10",
    "P": "M9 7 V17 M9 7 H13 A3 3 0 0 1 13 13 H9",
    "F": "M9 7 V17 M9 7 H15 M9 12 H14",
    "?": "M9 9 A3 3 0 1 1 13 11.5 Q12 12.5 12 14 M12 16 V17.5",
}


def spc_icon(letter: str, colour: str, arrow: str, description: str) -> str:
    """A Making Data Count style icon, drawn here: a disc in the icon's colour holding a letter
    (H or L for the side of a special cause, P or F for the target passed or failed, ? for hit
    and miss) and, for variation, an arrow or a wave, so that it reads in greyscale too."""
    size = 24
    body = [f'<circle cx="12" cy="12" r="11" fill="{colour}" stroke="{INK}" stroke-width="1"/>']
    strokes = {"up": "M17 17 V7 M14 10 L17 7 L20 10", "down": "M17 7 V17 M14 14 L17 17 L20 14"}
    if arrow == "wave":
        strokes["wave"] = "M4 13 Q8 7 12 13 T20 13"
    if arrow in strokes:
        body.append(f'<path d="{strokes[arrow]}" fill="none" stroke="#ffffff" stroke-width="1.8"/>')
    if letter:
        body.append(
            f'<path d="{ICON_LETTERS[letter]}" fill="none" stroke="#ffffff" stroke-width="2" '
            'stroke-linecap="round" stroke-linejoin="round"/>'
        )
    return svg_document(size, size, "", description, body)
