"""Comparators: each at its own latest period, judged by polarity, rates compared with rates."""

from __future__ import annotations

import pytest
from builders import benchmark, indicator, month, observation

from kpicli.compute.benchmarks import compare_with_benchmarks
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
    found = compare_with_benchmarks(observation("2019-08", 65), published, definition, month("2019-08"))
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
        observation("2019-08", 12),
        [benchmark("2019-08", "England", 10, Frequency.MONTH)],
        definition,
        month("2019-08"),
    )
    assert found[0].judgement is expected


def test_a_difference_too_small_to_show_is_the_same() -> None:
    definition = indicator(polarity="higher_is_better", comparators=["England"], decimals=1)
    found = compare_with_benchmarks(
        observation("2019-08", 10.04),
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
        local, [benchmark("2018-08", "England", 0.20, AY)], definition, month("2019-08")
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
        observation("2019-08", 62),
        [benchmark("2019-08", "England", 0.2, Frequency.MONTH)],
        definition,
        month("2019-08"),
    )
    assert not found[0].local.known and found[0].judgement is Judgement.NOT_JUDGED


def test_no_local_figure_means_no_comparisons() -> None:
    definition = indicator(comparators=["England"])
    assert (
        compare_with_benchmarks(
            None,
            [benchmark("2019-08", "England", 1, Frequency.MONTH)],
            definition,
            month("2019-08"),
        )
        == ()
    )
