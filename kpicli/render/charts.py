"""Charts as small SVG documents made from numbers: deterministic, with a title and description.

Withheld points are gaps in the line, never interpolated; the chart marks them and the
description says so. Coordinates are rounded so the same numbers give the same bytes.
"""

from __future__ import annotations

import math
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

FONT_SIZE = 9
# DejaVu Sans averages about 0.6 em per character: enough to keep labels apart without
# measuring glyphs.
CHAR_WIDTH = FONT_SIZE * 0.6
LEGEND_ROW = 13


# Named tuples: a large paper draws two thousand charts of two dozen points, and a chart is
# remembered by its points, which a tuple hashes without a Python call.
class ChartPoint(NamedTuple):
    label: str
    value: float | None


class ReferenceLine(NamedTuple):
    name: str
    value: float
    colour: str
    dash: str


class SeriesLine(NamedTuple):
    """A comparator's published series on the chart: runs of (point index, value), joined
    within a run and never across a missing year."""

    name: str
    runs: tuple[tuple[tuple[int, float], ...], ...]
    colour: str
    dash: str


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


def legend_rows(
    entries: Sequence[tuple[str, str, str]], width: float
) -> list[list[tuple[float, str, str, str]]]:
    """Legend entries laid out left to right, wrapping to a new row rather than being clipped."""
    rows: list[list[tuple[float, str, str, str]]] = [[]]
    x = 0.0
    for name, colour, dash in entries:
        entry_width = 22 + text_width(name) + 12
        if rows[-1] and x + entry_width > width:
            rows.append([])
            x = 0.0
        rows[-1].append((x, name, colour, dash))
        x += entry_width
    return rows


def legend_svg(rows: Sequence[Sequence[tuple[float, str, str, str]]], left: float, top: float) -> list[str]:
    body: list[str] = []
    for row_number, row in enumerate(rows):
        y = top + row_number * LEGEND_ROW
        for x, name, colour, dash in row:
            if dash == "gap":
                body.append(svg_text(left + x + 11, y + 3, "[c]", "middle", 8))
            else:
                body.append(svg_line(left + x, y, left + x + 18, y, colour, 2, dash))
            body.append(svg_text(left + x + 22, y + 3, name))
    return body


def trend_chart(
    points: Sequence[ChartPoint],
    references: Sequence[ReferenceLine],
    title: str,
    description: str,
    format_tick: Callable[[float, float], str] = tick_label,
    series_name: str = "This council",
    lines: Sequence[SeriesLine] = (),
) -> str:
    """The indicator's series with the target, and the comparators' own series, 560 px wide."""
    width = 560
    known = [p.value for p in points if p.value is not None] + [r.value for r in references]
    known += [value for line in lines for run in line.runs for _, value in run]
    if not points or not known:
        return svg_document(width, 60, title, description, [])
    ticks = nice_ticks(known)
    step_y = ticks[1] - ticks[0]
    labels = [format_tick(t, step_y) for t in ticks]
    widest_x = max(text_width(p.label) for p in points)
    left = int(max(max(text_width(label) for label in labels) + 12, widest_x / 2 + 4))
    withheld = any(p.value is None for p in points)
    entries = [(series_name, SERIES, "")] + [(r.name, r.colour, r.dash) for r in references]
    entries += [(line.name, line.colour, line.dash) for line in lines]
    if withheld:
        entries.append(("figure withheld (gap in line)", INK, "gap"))
    legend = legend_rows(entries, width - left - 8)
    # Every x label is centred on its point, so the last one needs half its width to the right.
    right, top, plot_h = int(max(14, widest_x / 2 + 4)), 8, 150
    height = top + plot_h + 22 + len(legend) * LEGEND_ROW + 4
    plot_w = width - left - right
    low, high = ticks[0], ticks[-1]
    step_x = plot_w / max(len(points) - 1, 1)

    def y_of(value: float) -> float:
        return top + plot_h - (value - low) / (high - low) * plot_h

    def x_of(index: int) -> float:
        return left + index * step_x if len(points) > 1 else left + plot_w / 2

    body = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    for value, label in zip(ticks, labels, strict=True):
        y = y_of(value)
        body.append(svg_line(left, y, width - right, y, GRID, 0.6))
        body.append(svg_text(left - 5, y + 3, label, "end"))
    body.append(svg_line(left, top + plot_h, width - right, top + plot_h, INK, 0.8))
    for reference in references:
        y = y_of(reference.value)
        body.append(svg_line(left, y, width - right, y, reference.colour, 1.4, reference.dash))
    for line in lines:
        for run in line.runs:
            path = " ".join(f"{fmt(x_of(i))},{fmt(y_of(value))}" for i, value in run)
            if len(run) > 1:
                body.append(
                    f'<polyline points="{path}" fill="none" stroke="{line.colour}" stroke-width="1.4" '
                    f'stroke-dasharray="{line.dash}"/>'
                )
            for i, value in run:
                x, y = x_of(i), y_of(value)
                body.append(
                    f'<rect x="{fmt(x - 2)}" y="{fmt(y - 2)}" width="4" height="4" fill="{line.colour}"/>'
                )
    coordinates = [None if p.value is None else (x_of(i), y_of(p.value)) for i, p in enumerate(points)]
    for segment in line_segments(coordinates):
        path = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in segment)
        body.append(f'<polyline points="{path}" fill="none" stroke="{SERIES}" stroke-width="2"/>')
    for point in coordinates:
        if point is not None:
            body.append(f'<circle cx="{fmt(point[0])}" cy="{fmt(point[1])}" r="2.4" fill="{SERIES}"/>')
    axis_y = top + plot_h
    for index in label_indexes([p.label for p in points], step_x):
        x = x_of(index)
        body.append(svg_line(x, axis_y, x, axis_y + 3, INK, 0.8))
        body.append(svg_text(x, axis_y + 13, points[index].label, "middle"))
    for index, chart_point in enumerate(points):
        if chart_point.value is None:
            body.append(svg_text(x_of(index), axis_y - 3, "[c]", "middle", 8))
    body.extend(legend_svg(legend, left, axis_y + 28))
    return svg_document(width, height, title, description, body)


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
