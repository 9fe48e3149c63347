"""Charts: round ticks, labels that never overlap, gaps for withheld figures, escaped text."""

from __future__ import annotations

import itertools
import re

from kpicli.render.charts import (
    ChartPoint,
    ReferenceLine,
    label_indexes,
    legend_rows,
    nice_ticks,
    sparkline,
    text_width,
    tick_label,
    trend_chart,
)


def test_ticks_cover_the_data_with_an_even_round_step() -> None:
    values = [64.1, 49.3, 57.0, 61.8]
    ticks = nice_ticks(values)
    steps = {round(b - a, 9) for a, b in itertools.pairwise(ticks)}
    assert ticks[0] <= min(values) and ticks[-1] >= max(values)
    assert len(steps) == 1 and steps.pop() in (1, 2, 2.5, 5, 10, 20)
    assert 3 <= len(ticks) <= 7


def test_tick_labels_show_just_enough_decimals() -> None:
    assert tick_label(0.25, 0.05) == "0.25"
    assert tick_label(12.5, 2.5) == "12.5"
    assert tick_label(1500, 500) == "1,500"


def test_x_labels_never_overlap_and_the_last_is_always_shown() -> None:
    labels = [f"{month} 2019" for month in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug")] * 3
    step = 20.0
    chosen = label_indexes(labels, step)
    assert chosen[-1] == len(labels) - 1
    widest = max(text_width(label) for label in labels)
    assert all((b - a) * step >= widest for a, b in itertools.pairwise(chosen))


def test_legend_wraps_rather_than_running_off_the_chart() -> None:
    entries = [(f"Comparator number {n} 2017/18", "#000000", "") for n in range(6)]
    rows = legend_rows(entries, 300)
    assert len(rows) > 1
    assert all(x + text_width(name) <= 300 for row in rows for x, name, _, _ in row)


def test_withheld_points_are_gaps_with_a_marker_and_a_legend_note() -> None:
    points = [
        ChartPoint("Jan", 5),
        ChartPoint("Feb", 6),
        ChartPoint("Mar", None),
        ChartPoint("Apr", 7),
        ChartPoint("May", 8),
    ]
    svg = trend_chart(points, [ReferenceLine("Target", 6, "#00703c", "8,3")], "T", "D")
    assert svg.count("<polyline") == 2
    assert "[c]" in svg and "figure withheld" in svg


def test_chart_has_title_and_description_and_escapes_text() -> None:
    points = [ChartPoint("<b>Jan</b>", 1), ChartPoint("Feb", 2)]
    svg = trend_chart(points, [], "Title & <script>", "Values {{ 7*7 }} <img src=x>")
    assert re.search(
        r"<title>Title &amp; &lt;script&gt;</title>"
        r"<desc>Values \{\{ 7\*7 \}\} &lt;img src=x&gt;</desc>",
        svg,
    )
    assert "<b>" not in svg and 'role="img"' in svg


def test_same_numbers_give_the_same_svg() -> None:
    points = [ChartPoint(str(n), n * 1.2345678) for n in range(20)]
    assert trend_chart(points, [], "T", "D") == trend_chart(list(points), [], "T", "D")
    assert re.fullmatch(
        r"[\d.,\- ]+", re.search(r'points="([^"]+)"', trend_chart(points, [], "T", "D")).group(1)
    )  # type: ignore[union-attr]


def test_sparkline_breaks_at_withheld_values() -> None:
    assert sparkline([1, 2, None, 3, 4], "d").count("<polyline") == 2


def test_a_comparator_is_drawn_as_its_published_series_with_a_gap_for_a_missing_year() -> None:
    from types import SimpleNamespace

    from kpicli.models.facts import Cell, ComparatorSeries, Figure
    from kpicli.periods import Frequency, Period, parse_month
    from kpicli.render.context import comparator_lines

    def year(text: str) -> Period:
        return Period(parse_month(text), Frequency.ACADEMIC_YEAR)

    history = [Figure(year(f"{y}-08"), Cell.of(float(y - 2010))) for y in range(2014, 2020)]
    published = ComparatorSeries(
        "England", tuple((year(f"{y}-08"), 1.0 + y % 3) for y in (2014, 2015, 2017, 2018, 2019)), True
    )
    (line,) = comparator_lines(SimpleNamespace(comparator_series=(published,)), history)  # type: ignore[arg-type]
    # 2016 was not published: 2014-15 is one run, 2017-19 another, never joined across 2016.
    assert [[index for index, _ in run] for run in line.runs] == [[0, 1], [3, 4, 5]]
    assert line.name == "England"
