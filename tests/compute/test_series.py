"""The series as at the report period: latest, previous, a year earlier, runs, lagging data."""

from __future__ import annotations

import pytest
from builders import indicator, month, observation, period, series

from kpicli.compute.series import compute_series, run_of
from kpicli.models.facts import Direction, Judgement
from kpicli.periods import Frequency


def test_lagging_quarterly_figure_is_the_latest_at_a_later_month() -> None:
    definition = indicator(frequency="quarter", polarity="higher_is_better")
    rows = series("2018-06", [40, 42, 44, 46, 48, 50], Frequency.QUARTER)  # to 2019-09
    facts, known = compute_series(rows, definition, month("2019-08"), "", "")
    assert facts.latest is not None
    assert facts.latest.period == period("2019-06", Frequency.QUARTER)
    assert facts.latest.value.value == 48
    assert [o.period.code for o in known][-1] == "2019-06"


def test_no_figure_on_or_before_the_report_period_is_a_status_not_a_crash() -> None:
    facts, known = compute_series(series("2019-09", [1, 2]), indicator(), month("2019-08"), "", "")
    assert facts.latest is None and known == [] and facts.previous is None and facts.run is None


@pytest.mark.parametrize(
    ("frequency", "start", "report", "previous", "year_ago"),
    [
        (Frequency.MONTH, "2017-09", "2019-08", "2019-07", "2018-08"),
        (Frequency.QUARTER, "2017-09", "2019-08", "2019-03", "2018-06"),
        (Frequency.ROLLING_12_MONTHS, "2017-09", "2019-08", "2019-07", "2018-08"),
        (Frequency.ACADEMIC_YEAR, "2015-08", "2019-08", "2018-08", None),
        (Frequency.FINANCIAL_YEAR, "2015-03", "2019-08", "2018-03", None),
        (Frequency.CALENDAR_YEAR, "2014-12", "2019-08", "2017-12", None),
    ],
)
def test_previous_and_year_ago_for_each_frequency(
    frequency: Frequency, start: str, report: str, previous: str, year_ago: str | None
) -> None:
    definition = indicator(frequency=frequency.value)
    rows = series(start, range(10, 40), frequency)
    facts, _ = compute_series(rows, definition, month(report), "", "")
    assert facts.previous is not None
    assert facts.previous.since.code == previous
    # For yearly frequencies the previous period is the year ago: not said twice.
    assert (facts.year_ago.since.code if facts.year_ago else None) == year_ago


def test_missing_previous_period_gives_no_change_rather_than_a_wrong_one() -> None:
    rows = [observation("2019-05", 10), observation("2019-07", 12)]
    facts, _ = compute_series(rows, indicator(), month("2019-08"), "", "")
    assert facts.previous is None
    assert facts.run is None


def test_change_is_judged_by_polarity() -> None:
    rows = [observation("2019-07", 10), observation("2019-08", 12)]
    lower, _ = compute_series(rows, indicator(polarity="lower_is_better"), month("2019-08"), "", "")
    higher, _ = compute_series(rows, indicator(polarity="higher_is_better"), month("2019-08"), "", "")
    assert lower.previous is not None and higher.previous is not None
    assert lower.previous.difference.value == 2
    assert lower.previous.relative.value == pytest.approx(0.2)
    assert (lower.previous.judgement, higher.previous.judgement) == (
        Judgement.WORSE,
        Judgement.BETTER,
    )


def test_cumulative_counts_compare_only_with_the_same_point_last_year() -> None:
    definition = indicator(cumulative={"year": "calendar_year"})
    rows = series("2018-01", range(10, 30))  # to 2019-08
    facts, _ = compute_series(rows, definition, month("2019-08"), "", "")
    assert facts.previous is None and facts.run is None
    assert facts.year_ago is not None and facts.year_ago.since.code == "2018-08"


def test_run_counts_moves_in_the_latest_direction() -> None:
    rows = series("2015-08", [48, 46, 53, 62], Frequency.ACADEMIC_YEAR)
    run = run_of(rows, 0)
    assert run is not None
    assert (run.direction, run.length, run.since.code) == (Direction.UP, 2, "2016-08")


def test_run_stops_at_a_gap_in_the_periods() -> None:
    rows = [
        observation("2019-03", 1),
        observation("2019-05", 2),
        observation("2019-06", 3),
        observation("2019-07", 4),
    ]
    run = run_of(rows, 0)
    assert run is not None and run.length == 2


def test_flat_moves_form_their_own_run() -> None:
    run = run_of(series("2019-01", [5, 7, 7, 7]), 0)
    assert run is not None and (run.direction, run.length) == (Direction.FLAT, 2)


@pytest.mark.parametrize(
    ("earlier", "later", "direction"),
    [
        (54.46, 54.54, Direction.UP),  # 54% then 55%: a change, though smaller than half a point
        (54.54, 54.46, Direction.DOWN),
        (54.6, 55.4, Direction.FLAT),  # both 55%: no change, though nearly a point apart
    ],
)
def test_no_change_means_the_two_figures_print_the_same(
    earlier: float, later: float, direction: Direction
) -> None:
    definition = indicator(unit="percent", decimals=0, polarity="higher_is_better")
    facts, _ = compute_series(series("2019-07", [earlier, later]), definition, month("2019-08"), "", "")
    assert facts.previous is not None and facts.previous.direction is direction
