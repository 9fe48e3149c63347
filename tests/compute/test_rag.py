"""RAG rules at and either side of their boundaries, for both polarities."""

from __future__ import annotations

import pytest
from builders import indicator

from kpicli.compute.rag import rate, rate_by_benchmarks, rate_by_thresholds, rate_by_tolerance
from kpicli.models.definition import BenchmarkRule, Polarity, ThresholdsRule, ToleranceRule
from kpicli.models.facts import Cell, Comparison, Judgement, Rating
from kpicli.periods import Frequency, Period

HIGHER, LOWER = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (79.9, Rating.AMBER),
        (80, Rating.GREEN),
        (80.1, Rating.GREEN),
        (69.9, Rating.RED),
        (70, Rating.AMBER),
        (70.1, Rating.AMBER),
    ],
)
def test_thresholds_higher_is_better(value: float, expected: Rating) -> None:
    rule = ThresholdsRule(kind="thresholds", green=80, red=70)
    assert rate_by_thresholds(value, rule, HIGHER).rating is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (9.9, Rating.GREEN),
        (10, Rating.GREEN),
        (10.1, Rating.AMBER),
        (19.9, Rating.AMBER),
        (20, Rating.AMBER),
        (20.1, Rating.RED),
    ],
)
def test_thresholds_lower_is_better(value: float, expected: Rating) -> None:
    rule = ThresholdsRule(kind="thresholds", green=10, red=20)
    assert rate_by_thresholds(value, rule, LOWER).rating is expected


@pytest.mark.parametrize(
    ("polarity", "value", "expected"),
    [
        (HIGHER, 65, Rating.GREEN),
        (HIGHER, 64.9, Rating.AMBER),
        (HIGHER, 60, Rating.AMBER),
        (HIGHER, 59.9, Rating.RED),
        (LOWER, 65, Rating.GREEN),
        (LOWER, 65.1, Rating.AMBER),
        (LOWER, 70, Rating.AMBER),
        (LOWER, 70.1, Rating.RED),
    ],
)
def test_tolerance_absolute(polarity: Polarity, value: float, expected: Rating) -> None:
    rule = ToleranceRule(kind="tolerance", target=65, tolerance=5)
    assert rate_by_tolerance(value, rule, polarity).rating is expected


@pytest.mark.parametrize(
    ("polarity", "value", "expected"),
    [
        (HIGHER, 200, Rating.GREEN),
        (HIGHER, 190, Rating.AMBER),  # 5% of 200 = 10
        (HIGHER, 189.9, Rating.RED),
        (LOWER, 200, Rating.GREEN),
        (LOWER, 210, Rating.AMBER),
        (LOWER, 210.1, Rating.RED),
    ],
)
def test_tolerance_percent_of_target(polarity: Polarity, value: float, expected: Rating) -> None:
    rule = ToleranceRule(kind="tolerance", target=200, tolerance=5, tolerance_unit="percent_of_target")
    assert rate_by_tolerance(value, rule, polarity).rating is expected


def comparison(area: str, judgement: Judgement, known: bool = True) -> Comparison:
    local = Cell.of(1.0 if known else None)
    return Comparison(area, Period(24218, Frequency.FINANCIAL_YEAR), 1.0, local, local, judgement)


@pytest.mark.parametrize(
    ("london", "england", "expected"),
    [
        (Judgement.BETTER, Judgement.BETTER, Rating.GREEN),
        (Judgement.SAME, Judgement.BETTER, Rating.GREEN),
        (Judgement.SAME, Judgement.SAME, Rating.GREEN),
        (Judgement.BETTER, Judgement.WORSE, Rating.AMBER),
        (Judgement.WORSE, Judgement.SAME, Rating.AMBER),
        (Judgement.WORSE, Judgement.WORSE, Rating.RED),
    ],
)
def test_benchmark_rule(london: Judgement, england: Judgement, expected: Rating) -> None:
    rule = BenchmarkRule(kind="benchmark", comparators=["London", "England"])
    result = rate_by_benchmarks(rule, [comparison("London", london), comparison("England", england)])
    assert result.rating is expected
    assert "London" in result.reason and "England" in result.reason


def test_benchmark_rule_ignores_comparators_it_does_not_name() -> None:
    rule = BenchmarkRule(kind="benchmark", comparators=["England"])
    result = rate_by_benchmarks(
        rule, [comparison("London", Judgement.WORSE), comparison("England", Judgement.BETTER)]
    )
    assert result.rating is Rating.GREEN


def test_benchmark_rule_without_a_named_comparator_is_not_rated() -> None:
    rule = BenchmarkRule(kind="benchmark", comparators=["London", "England"])
    result = rate_by_benchmarks(rule, [comparison("England", Judgement.BETTER)])
    assert result.rating is Rating.NOT_RATED
    assert "London" in result.reason


def test_benchmark_rule_without_a_local_rate_is_not_rated() -> None:
    rule = BenchmarkRule(kind="benchmark", comparators=["England"])
    result = rate_by_benchmarks(rule, [comparison("England", Judgement.NOT_JUDGED, known=False)])
    assert result.rating is Rating.NOT_RATED
    assert "denominator" in result.reason


def test_no_rule_and_no_figure_are_not_rated_with_a_reason() -> None:
    unrated = rate(5, indicator(), ())
    missing = rate(None, indicator(rag={"kind": "thresholds", "green": 1, "red": 2}), ())
    assert (unrated.rating, missing.rating) == (Rating.NOT_RATED, Rating.NOT_RATED)
    assert unrated.reason != missing.reason and missing.reason


def test_the_published_figure_is_rated_and_shown_in_the_reason() -> None:
    definition = indicator(
        unit="percent",
        polarity="higher_is_better",
        rag={"kind": "tolerance", "target": 65, "tolerance": 5},
    )
    # 64.96 is published as 65%: it must not be said to miss a target of 65%.
    assert rate(64.96, definition, ()).rating is Rating.GREEN
    red = rate(54.2056, definition, ())
    assert red.rating is Rating.RED
    assert red.reason == "54% misses the target of 65% by more than the tolerance of 5 percentage points"


def test_thresholds_keep_the_decimals_they_need_in_the_reason() -> None:
    definition = indicator(rag={"kind": "thresholds", "green": 10.5, "red": 20})
    assert (
        rate(11, definition, ()).reason
        == "11 is between the red threshold (20) and the green threshold (10.5)"
    )
