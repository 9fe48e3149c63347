"""Charts as small SVG documents made from numbers: deterministic, with a title and description.

Withheld points are gaps in the line, never interpolated, and the description says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

INK = "#0b0c0c"
SERIES = "#1d4f91"
LONDON = "#6f3c97"
ENGLAND = "#505a5f"
TARGET = "#00703c"
GRID = "#d0d3d4"


@dataclass(frozen=True, slots=True)
class ChartPoint:
    label: str
    value: float | None


@dataclass(frozen=True, slots=True)
class ReferenceLine:
    name: str
    value: float
    colour: str
    dash: str


def fmt(number: float) -> str:
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def nice_range(values: Sequence[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    padding = (high - low) * 0.12
    low = 0.0 if low >= 0 and low - padding <= (high - low) * 0.5 else low - padding
    return low, high + padding


def svg_document(width: int, height: int, title: str, description: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="9">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>" + "".join(body) + "</svg>"
    )


def line_segments(coordinates: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    segments: list[list[tuple[float, float]]] = [[]]
    for point in coordinates:
        if point is None:
            if segments[-1]:
                segments.append([])
            continue
        segments[-1].append(point)
    return [segment for segment in segments if segment]


def trend_chart(
    points: Sequence[ChartPoint],
    references: Sequence[ReferenceLine],
    title: str,
    description: str,
    format_tick: object = None,
) -> str:
    """The indicator's series with target and comparator lines; 170 x 460 px."""
    width, height = 460, 170
    left, right, top, bottom = 46, 12, 12, 30
    known = [p.value for p in points if p.value is not None] + [r.value for r in references]
    if not points or not known:
        return svg_document(width, height, title, description, [])
    low, high = nice_range(known)
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(points) - 1, 1)

    def y_of(value: float) -> float:
        return top + plot_h - (value - low) / (high - low) * plot_h

    body = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    for tick in range(5):
        value = low + (high - low) * tick / 4
        y = y_of(value)
        body.append(f'<line x1="{left}" y1="{fmt(y)}" x2="{width - right}" y2="{fmt(y)}" stroke="{GRID}" stroke-width="0.6"/>')
        label = fmt(value) if abs(high - low) < 50 else f"{value:,.0f}"
        body.append(f'<text x="{left - 4}" y="{fmt(y + 3)}" text-anchor="end" fill="{INK}">{escape(label)}</text>')
    for reference in references:
        y = fmt(y_of(reference.value))
        body.append(
            f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="{reference.colour}" '
            f'stroke-width="1.4" stroke-dasharray="{reference.dash}"/>'
        )
    coordinates = [None if p.value is None else (left + i * step, y_of(p.value)) for i, p in enumerate(points)]
    for segment in line_segments(coordinates):
        path = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in segment)
        body.append(f'<polyline points="{path}" fill="none" stroke="{SERIES}" stroke-width="2"/>')
    for point in coordinates:
        if point is not None:
            body.append(f'<circle cx="{fmt(point[0])}" cy="{fmt(point[1])}" r="2.4" fill="{SERIES}"/>')
    every = max(1, round(len(points) / 6))
    for index, point in enumerate(points):
        if index % every == 0 or index == len(points) - 1:
            x = fmt(left + index * step)
            body.append(f'<text x="{x}" y="{height - bottom + 13}" text-anchor="middle" fill="{INK}">{escape(point.label)}</text>')
    for index, point in enumerate(points):
        if point.value is None:
            x = fmt(left + index * step)
            body.append(f'<text x="{x}" y="{top + plot_h - 2}" text-anchor="middle" fill="{INK}" font-size="8">[c]</text>')
    legend_x = left
    legend = [("This borough", SERIES, "")] + [(r.name, r.colour, r.dash) for r in references]
    for name, colour, dash in legend:
        body.append(
            f'<line x1="{legend_x}" y1="{height - 6}" x2="{legend_x + 14}" y2="{height - 6}" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="{dash}"/>'
        )
        body.append(f'<text x="{legend_x + 18}" y="{height - 3}" fill="{INK}">{escape(name)}</text>')
        legend_x += 26 + 6 * len(name)
    return svg_document(width, height, title, description, body)


def sparkline(values: Sequence[float | None], description: str) -> str:
    """A small trend line for dashboards; 70 x 18 px."""
    width, height = 70, 18
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return svg_document(width, height, "Trend", description, [])
    low, high = min(known), max(known)
    span = (high - low) or 1
    step = (width - 4) / max(len(values) - 1, 1)
    coordinates = [None if v is None else (2 + i * step, height - 2 - (v - low) / span * (height - 4)) for i, v in enumerate(values)]
    body = []
    for segment in line_segments(coordinates):
        path = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in segment)
        body.append(f'<polyline points="{path}" fill="none" stroke="{SERIES}" stroke-width="1.4"/>')
    last = next(point for point in reversed(coordinates) if point is not None)
    body.append(f'<circle cx="{fmt(last[0])}" cy="{fmt(last[1])}" r="1.8" fill="{SERIES}"/>')
    return svg_document(width, height, "Trend", description, body)
