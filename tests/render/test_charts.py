"""Charts: round ticks, labels that never overlap, gaps for withheld figures, escaped text."""

from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from kpicli.models.facts import Cell, Figure
from kpicli.periods import Frequency, Period
from kpicli.render.charts import (
    ChartPoint,
    ChartSpec,
    OwnSeries,
    ProcessLimits,
    ReferenceLine,
    label_indexes,
    nice_ticks,
    sparkline,
    spread,
    text_width,
    tick_label,
    trend_chart,
)
from kpicli.render.indicator_row import sparkline_values


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


def spec(points: list[ChartPoint], **fields: object) -> ChartSpec:
    defaults: dict[str, object] = {
        "title": "T",
        "description": "D",
        "unit": "Number",
        "latest_label": "This council",
        "symbol": "[c]",
    }
    return ChartSpec(points=tuple(points), **(defaults | fields))  # type: ignore[arg-type]


def test_withheld_points_are_gaps_with_a_marker_and_a_note() -> None:
    points = [
        ChartPoint("Jan", 5),
        ChartPoint("Feb", 6),
        ChartPoint("Mar", None),
        ChartPoint("Apr", 7),
        ChartPoint("May", 8),
    ]
    svg = trend_chart(spec(points, references=(ReferenceLine("Target 6", 6, "#00703c", "8,3"),)))
    assert svg.count('stroke="#1d4f91" stroke-width="2.4"') == 2
    assert "[c]" in svg and "figure withheld" in svg


def test_chart_has_title_and_description_and_escapes_text() -> None:
    points = [ChartPoint("<b>Jan</b>", 1), ChartPoint("Feb", 2)]
    svg = trend_chart(spec(points, title="Title & <script>", description="Values {{ 7*7 }} <img src=x>"))
    assert re.search(
        r"<title>Title &amp; &lt;script&gt;</title>"
        r"<desc>Values \{\{ 7\*7 \}\} &lt;img src=x&gt;</desc>",
        svg,
    )
    assert "<b>" not in svg and 'role="img"' in svg


def test_same_numbers_give_the_same_svg() -> None:
    points = [ChartPoint(str(n), n * 1.2345678) for n in range(20)]
    assert trend_chart(spec(points)) == trend_chart(spec(list(points)))
    assert re.fullmatch(r"[\d.,\- ]+", re.search(r'points="([^"]+)"', trend_chart(spec(points))).group(1))  # type: ignore[union-attr]


def end_labels(svg: str) -> list[tuple[float, str]]:
    """The labels at the right-hand ends of the lines (x = 600 - 150 + 12)."""
    return [
        (float(y), text) for y, text in re.findall(r'<text x="462" y="([\d.]+)"[^>]*>([^<]+)</text>', svg)
    ]


def test_the_unit_latest_figure_and_every_line_are_named_on_the_chart_not_in_a_legend() -> None:
    points = [
        ChartPoint(f"{m} 2019", v)
        for m, v in zip(("Jan", "Feb", "Mar", "Apr"), (60, 58, 56, 54), strict=True)
    ]
    references = (
        ReferenceLine("Target 65%", 65, "#00703c", "10,3"),
        ReferenceLine("London 66%", 66, "#6f3c97", "5,3"),
    )
    svg = trend_chart(
        spec(points, unit="Percentage (%)", latest_label="This council 54%", references=references)
    )
    assert ">Percentage (%)</text>" in svg
    labels = [text for _, text in end_labels(svg)]
    assert sorted(labels) == ["London 66%", "Target 65%", "This council 54%"]
    assert 'font-weight="bold">This council 54%' in svg
    ys = sorted(y for y, _ in end_labels(svg))
    assert all(b - a >= 11 for a, b in itertools.pairwise(ys)), "end labels never overlap"


def test_a_target_of_zero_stays_visible_above_the_axis() -> None:
    points = [ChartPoint("Jan", 3), ChartPoint("Feb", 1), ChartPoint("Mar", 2)]
    svg = trend_chart(spec(points, references=(ReferenceLine("Target 0", 0, "#00703c", "10,3"),)))
    axis = svg.index('stroke="#0b0c0c" stroke-width="0.8"')
    target = svg.index('stroke="#00703c" stroke-width="2"')
    assert target > axis, "drawn after (so over) the axis"
    assert "Target 0" in svg and "M" not in re.sub(r"<title>.*</desc>", "", svg).split("<path")[0][-1:]
    assert "<path" not in svg, "an axis from zero has no break"


def test_an_axis_that_does_not_start_at_zero_is_marked() -> None:
    points = [ChartPoint("Jan", 61), ChartPoint("Feb", 58), ChartPoint("Mar", 54)]
    assert "<path" in trend_chart(spec(points)), "a break on the vertical axis"


def test_money_ticks_carry_the_pound_sign() -> None:
    from kpicli.render.chart_context import money_tick

    assert money_tick(80000, 5000) == "£80,000"
    assert money_tick(1_500_000, 500_000) == "£1.5m"


def test_process_limits_are_drawn_over_a_shaded_baseline_and_named() -> None:
    points = [ChartPoint(str(n), 10 + (n % 3)) for n in range(20)]
    limits = ProcessLimits(2, 15, 11, 8, 14, ("Mean 11", "Upper limit 14", "Lower limit 8"), rebased=True)
    svg = trend_chart(spec(points, limits=limits))
    assert {"Mean 11", "Upper limit 14", "Lower limit 8"} <= {text for _, text in end_labels(svg)}
    assert ">Baseline</text>" in svg and ">Process changed</text>" in svg
    assert 'fill="#eef0f1"' in svg


def test_a_second_set_of_our_figures_is_a_line_of_its_own() -> None:
    points = [ChartPoint("Q1", 75), ChartPoint("Q2", 76), ChartPoint("Q3", 75)]
    variant = OwnSeries("Excluding care leavers who decline support 83%", (82, 84, 83))
    svg = trend_chart(spec(points, variants=(variant,)))
    assert svg.count('stroke-dasharray="6,3"') == 1
    lines = [text for _, text in end_labels(svg)]
    assert "Excluding care" in lines and "support 83%" in lines, "wrapped to fit beside the chart"


@given(ys=st.lists(st.floats(0, 200), min_size=1, max_size=8))
def test_end_labels_are_spread_apart_and_kept_in_the_chart(ys: list[float]) -> None:
    placed = spread([(y, f"label {i}", "#000") for i, y in enumerate(ys)], 4, 190)
    positions = sorted(y for y, _, _ in placed)
    assert all(b - a >= 12.9 for a, b in itertools.pairwise(positions)) or len(ys) * 13 > 186
    assert all(y >= 4 for y in positions)


def test_sparkline_breaks_at_withheld_values() -> None:
    assert sparkline([1, 2, None, 3, 4], "d").count("<polyline") == 2


def test_a_comparator_is_drawn_as_its_published_series_with_a_gap_for_a_missing_year() -> None:
    from types import SimpleNamespace

    from kpicli.models.facts import Cell, ComparatorSeries, Figure
    from kpicli.periods import Frequency, Period, parse_month
    from kpicli.render.chart_context import comparator_lines

    def year(text: str) -> Period:
        return Period(parse_month(text), Frequency.ACADEMIC_YEAR)

    history = [Figure(year(f"{y}-08"), Cell.of(float(y - 2010))) for y in range(2014, 2020)]
    published = ComparatorSeries(
        "England", tuple((year(f"{y}-08"), 1.0 + y % 3) for y in (2014, 2015, 2017, 2018, 2019))
    )
    (line,) = comparator_lines(SimpleNamespace(comparator_series=(published,)), history)  # type: ignore[arg-type]
    # 2016 was not published: 2014-15 is one run, 2017-19 another, never joined across 2016.
    assert [[index for index, _ in run] for run in line.runs] == [[0, 1], [3, 4, 5]]
    assert line.name == "England"


def test_a_sparkline_breaks_at_a_year_with_no_figure_instead_of_joining_across_it() -> None:
    """Rutland's repeat child protection plans: no figure for 2018, 2022 or 2023 (DfE's [x]).
    The sparkline's periods are the years, so 2017 and 2019 are not drawn as neighbours."""
    published = {2017: 13, 2019: 17, 2020: 8, 2021: 0, 2024: 9, 2025: 7}
    history = [
        Figure(Period.parse(f"{year}-03", Frequency.ANNUAL), Cell(float(value)))
        for year, value in published.items()
    ]
    values = sparkline_values(history)
    assert values == [13.0, None, 17.0, 8.0, 0.0, None, None, 9.0, 7.0]
    svg = sparkline(values, "Trend over the last 9 periods, with no figure for 3 of them")
    assert svg.count("<polyline") == 3  # 2017 alone (a dot), 2019 to 2021, 2024 to 2025
    withheld = [*history, Figure(Period.parse("2026-03", Frequency.ANNUAL), Cell(None, withheld=True))]
    assert sparkline_values(withheld) == []
