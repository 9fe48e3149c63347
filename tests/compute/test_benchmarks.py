"""Comparators: each at its own latest period, judged by polarity, rates compared with rates."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from builders import benchmark, indicator, month, observation

from kpicli.compute.benchmarks import comparator_series, compare_with_benchmarks
from kpicli.models.facts import Judgement
from kpicli.periods import Frequency

FY, AY = Frequency.FINANCIAL_YEAR, Frequency.ACADEMIC_YEAR


def test_each_comparator_uses_its_own_latest_period_on_or_before_the_report() -> None:
    definition = indicator(
        unit="percent",
        polarity="higher_is_better",
        comparators=["London", "England"],
        benchmark_frequency="financial_year",
    )
    published = [
        benchmark("2017-03", "London", 60, FY),
        benchmark("2018-03", "London", 62, FY),
        benchmark("2020-03", "London", 99, FY),  # not yet published at 2019-08
        benchmark("2017-03", "England", 58, FY),
    ]
    found = compare_with_benchmarks([observation("2019-08", 65)], published, definition, month("2019-08"))
    by_area = {c.area: c for c in found}
    assert by_area["London"].period.code == "2018-03" and by_area["London"].benchmark == 62
    assert by_area["London"].period.label == "2017/18 financial year"
    assert by_area["England"].period.code == "2017-03"
    assert by_area["London"].gap.value == pytest.approx(3)


@pytest.mark.parametrize(
    ("polarity", "expected"),
    [
        ("higher_is_better", Judgement.BETTER),
        ("lower_is_better", Judgement.WORSE),
        ("neutral", Judgement.NOT_JUDGED),
    ],
)
def test_judgement_follows_polarity(polarity: str, expected: Judgement) -> None:
    definition = indicator(polarity=polarity, comparators=["England"])
    found = compare_with_benchmarks(
        [observation("2019-08", 12)],
        [benchmark("2019-08", "England", 10, Frequency.MONTH)],
        definition,
        month("2019-08"),
    )
    assert found[0].judgement is expected


def test_a_difference_too_small_to_show_is_the_same() -> None:
    definition = indicator(polarity="higher_is_better", comparators=["England"], decimals=1)
    found = compare_with_benchmarks(
        [observation("2019-08", 10.04)],
        [benchmark("2019-08", "England", 10, Frequency.MONTH)],
        definition,
        month("2019-08"),
    )
    assert found[0].judgement is Judgement.SAME


def test_a_count_is_compared_as_a_rate_using_its_denominator() -> None:
    definition = indicator(
        frequency="academic_year",
        comparators=["England"],
        benchmark_basis={"unit": "rate", "rate_per": 100, "label": "per 100 pupils", "decimals": 2},
    )
    local = observation("2019-08", 62, AY, denominator=23870)
    found = compare_with_benchmarks(
        [local], [benchmark("2018-08", "England", 0.20, AY)], definition, month("2019-08")
    )
    assert found[0].local.value == pytest.approx(62 / 23870 * 100)
    assert found[0].gap.value == pytest.approx(62 / 23870 * 100 - 0.20)
    assert found[0].judgement is Judgement.WORSE


def test_without_a_denominator_a_count_is_not_judged_against_a_rate() -> None:
    definition = indicator(
        comparators=["England"],
        benchmark_basis={"unit": "rate", "rate_per": 100, "label": "per 100 pupils"},
    )
    found = compare_with_benchmarks(
        [observation("2019-08", 62)],
        [benchmark("2019-08", "England", 0.2, Frequency.MONTH)],
        definition,
        month("2019-08"),
    )
    assert not found[0].local.known and found[0].judgement is Judgement.NOT_JUDGED


def test_no_local_figure_means_no_comparisons() -> None:
    definition = indicator(comparators=["England"])
    assert (
        compare_with_benchmarks(
            [],
            [benchmark("2019-08", "England", 1, Frequency.MONTH)],
            definition,
            month("2019-08"),
        )
        == ()
    )


def test_a_stale_local_figure_is_compared_with_the_comparator_for_its_own_year() -> None:
    """The bug members acted on: our 2018/19 figure called below England's 2019/20 figure,
    when against England's 2018/19 figure it was above."""
    definition = indicator(frequency="academic_year", polarity="lower_is_better", comparators=["England"])
    ours = [observation("2018-08", 5.0, AY), observation("2019-08", 6.0, AY)]
    england = [benchmark("2019-08", "England", 5.5, AY), benchmark("2020-08", "England", 7.0, AY)]
    (found,) = compare_with_benchmarks(ours, england, definition, month("2020-09"))
    assert found.period.code == "2019-08" and found.our_period.code == "2019-08"
    assert found.like_for_like and found.benchmark == 5.5
    assert found.latest_period is not None and found.latest_period.code == "2020-08"
    assert found.judgement is Judgement.WORSE


def test_a_lagging_comparator_is_judged_on_our_figure_for_its_year() -> None:
    definition = indicator(frequency="academic_year", polarity="lower_is_better", comparators=["England"])
    ours = [observation("2018-08", 4.0, AY), observation("2019-08", 6.0, AY)]
    (found,) = compare_with_benchmarks(
        ours, [benchmark("2018-08", "England", 5.0, AY)], definition, month("2019-08")
    )
    assert found.our_period.code == "2018-08" and found.local.value == 4.0
    assert found.like_for_like and found.judgement is Judgement.BETTER


def test_a_snapshot_compares_with_the_comparator_on_the_same_date() -> None:
    definition = indicator(
        unit="percent", measure="snapshot", comparators=["England"], benchmark_frequency="financial_year"
    )
    ours = [observation("2018-03", 60.0), observation("2018-04", 70.0), observation("2019-08", 80.0)]
    (found,) = compare_with_benchmarks(
        ours, [benchmark("2018-03", "England", 65, FY)], definition, month("2019-08")
    )
    assert found.like_for_like and found.local.value == 60.0


def test_quarterly_flows_are_added_up_into_the_comparators_year_from_their_counts() -> None:
    definition = indicator(
        unit="percent",
        frequency="quarter",
        polarity="higher_is_better",
        comparators=["England"],
        benchmark_frequency="calendar_year",
    )
    quarters = [
        observation(f"2018-{m:02d}", 0, Frequency.QUARTER, numerator=n, denominator=100)
        for m, n in ((3, 40), (6, 50), (9, 60), (12, 70))
    ]
    latest = observation("2019-06", 54, Frequency.QUARTER, numerator=54, denominator=100)
    (found,) = compare_with_benchmarks(
        [*quarters, latest],
        [benchmark("2018-12", "England", 58, Frequency.CALENDAR_YEAR)],
        definition,
        month("2019-08"),
    )
    assert found.like_for_like and found.local.value == pytest.approx(55.0)
    assert found.judgement is Judgement.WORSE
    # Without every quarter's counts there is no figure for the year: the periods differ, and say so.
    (partial,) = compare_with_benchmarks(
        [*quarters[1:], latest],
        [benchmark("2018-12", "England", 58, Frequency.CALENDAR_YEAR)],
        definition,
        month("2019-08"),
    )
    assert not partial.like_for_like and partial.our_period.code == "2019-06"


def test_in_line_means_the_two_figures_print_the_same() -> None:
    """0.0077 and 0.0118 both print as 0.01 to two places: the comparison shows enough places
    for each comparator's figure to have two significant figures, and judges on those."""
    definition = indicator(
        frequency="academic_year",
        comparators=["England"],
        benchmark_basis={"unit": "rate", "rate_per": 100, "label": "per 100 pupils", "decimals": 2},
    )
    local = observation("2019-08", 2, AY, denominator=26000)  # 0.0077 per 100 pupils
    (found,) = compare_with_benchmarks(
        [local], [benchmark("2019-08", "England", 0.0118, AY)], definition, month("2019-08")
    )
    assert found.decimals == 3 and found.judgement is Judgement.BETTER
    (same,) = compare_with_benchmarks(
        [local], [benchmark("2019-08", "England", 0.0081, AY)], definition, month("2019-08")
    )
    assert same.decimals == 4 and same.judgement is Judgement.BETTER
    (equal,) = compare_with_benchmarks(
        [local], [benchmark("2019-08", "England", 0.00772, AY)], definition, month("2019-08")
    )
    assert equal.judgement is Judgement.SAME


def test_the_chart_draws_the_figures_the_comparison_chose_from() -> None:
    """Up to the report month and published by the meeting: one filter for both."""
    definition = indicator(comparators=["England"], benchmark_frequency="financial_year")
    meeting = dt.date(2019, 9, 1)
    published = [
        replace(benchmark("2018-03", "England", 60, FY), published=dt.date(2018, 9, 1)),
        replace(benchmark("2019-03", "England", 61, FY), published=dt.date(2019, 10, 1)),
        benchmark("2017-03", "England", 59, FY),
        benchmark("2020-03", "England", 62, FY),
        benchmark("2018-03", "London", 70, FY),
    ]
    (compared,) = compare_with_benchmarks(
        [observation("2019-08", 65)], published, definition, month("2019-08"), meeting
    )
    (series,) = comparator_series(published, definition, month("2019-08"), meeting)
    assert [(p.code, value) for p, value in series.points] == [("2017-03", 59), ("2018-03", 60)]
    assert compared.period == series.points[-1][0] and compared.benchmark == 60


def test_the_areas_compared_are_the_comparators_then_those_a_benchmark_rating_adds() -> None:
    definition = indicator(
        comparators=["England", "London"],
        rag={"kind": "benchmark", "comparators": ["Statistical neighbours", "England"]},
    )
    assert definition.comparator_areas == ["England", "London", "Statistical neighbours"]
    assert indicator(comparators=["England"]).comparator_areas == ["England"]
