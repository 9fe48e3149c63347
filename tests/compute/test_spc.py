"""XmR limits and the Making Data Count rules, classified by polarity."""

from __future__ import annotations

import pytest

from kpicli.compute.spc import (
    BASELINE_POINTS,
    MINIMUM_POINTS,
    classify,
    run_of_moves,
    run_on_one_side,
    summarise_variation,
    xmr_limits,
)
from kpicli.models.definition import Polarity
from kpicli.models.facts import SpcSignal, Variation

STEADY = [12.0, 10.0] * 10  # mean 11, average moving range 2: limits 11 -/+ 5.32; ends below


def test_limits_are_mean_plus_or_minus_2_66_average_moving_ranges() -> None:
    mean, lower, upper = xmr_limits([10, 12, 10, 12])
    assert mean == 11
    assert (lower, upper) == pytest.approx((11 - 2.66 * 2, 11 + 2.66 * 2))


def test_limits_come_from_the_baseline_so_a_shift_cannot_widen_them() -> None:
    shifted = [*STEADY, *[30.0] * 5]
    summary = summarise_variation(shifted, Polarity.LOWER_IS_BETTER)
    assert summary is not None
    assert summary.baseline_points == BASELINE_POINTS
    assert summary.mean == 11 and summary.upper == pytest.approx(11 + 2.66 * 2)
    assert [s.rule for s in summary.signals] == ["beyond_limits"]
    assert summary.variation is Variation.CONCERN


def test_too_few_points_give_no_spc() -> None:
    assert summarise_variation(STEADY[: MINIMUM_POINTS - 1], Polarity.HIGHER_IS_BETTER) is None
    assert summarise_variation(STEADY[:MINIMUM_POINTS], Polarity.HIGHER_IS_BETTER) is not None


@pytest.mark.parametrize(("latest", "fires"), [(16.32, False), (16.33, True), (5.68, False), (5.67, True)])
def test_point_beyond_limits_at_and_either_side(latest: float, fires: bool) -> None:
    summary = summarise_variation([*STEADY, latest], Polarity.HIGHER_IS_BETTER)
    assert summary is not None
    assert ("beyond_limits" in [s.rule for s in summary.signals]) is fires


@pytest.mark.parametrize(("run", "fires"), [(6, False), (7, True)])
def test_run_of_seven_on_one_side_of_the_mean(run: int, fires: bool) -> None:
    values = [*STEADY, *([11.5, 11.6] * 4)[:run]]
    summary = summarise_variation(values, Polarity.HIGHER_IS_BETTER)
    assert summary is not None
    assert ("run_one_side" in [s.rule for s in summary.signals]) is fires
    if fires:
        assert summary.variation is Variation.IMPROVEMENT


def test_a_point_on_the_mean_neither_adds_to_nor_breaks_a_run() -> None:
    assert run_on_one_side([1, 5, 5, 3, 5, 5], 3) == (4, True)
    assert run_on_one_side([5, 1, 1, 3, 1], 3) == (3, False)


@pytest.mark.parametrize(("rises", "fires"), [(4, False), (5, True)])
def test_run_of_six_increases_counts_points(rises: int, fires: bool) -> None:
    # The baseline ends at 10 after a fall; `rises` increases after it make rises + 1 points.
    values = [*STEADY, *(10.0 + 0.1 * step for step in range(1, rises + 1))]
    assert run_of_moves(values) == (rises + 1, True)
    summary = summarise_variation(values, Polarity.LOWER_IS_BETTER)
    assert summary is not None
    assert ("trend" in [s.rule for s in summary.signals]) is fires
    assert summary.variation is (Variation.CONCERN if fires else Variation.COMMON_CAUSE)


def test_an_unchanged_value_ends_a_trend() -> None:
    assert run_of_moves([1, 2, 3, 3, 4, 5]) == (3, True)
    assert run_of_moves([6, 5, 4, 3, 2, 1]) == (6, False)


@pytest.mark.parametrize(
    ("polarity", "high", "expected"),
    [
        (Polarity.HIGHER_IS_BETTER, True, Variation.IMPROVEMENT),
        (Polarity.HIGHER_IS_BETTER, False, Variation.CONCERN),
        (Polarity.LOWER_IS_BETTER, True, Variation.CONCERN),
        (Polarity.LOWER_IS_BETTER, False, Variation.IMPROVEMENT),
        (Polarity.NEUTRAL, True, Variation.NEUTRAL_SPECIAL_CAUSE),
    ],
)
def test_classification_by_polarity(polarity: Polarity, high: bool, expected: Variation) -> None:
    assert classify([SpcSignal("trend", "", high)], polarity) is expected
    assert classify([], polarity) is Variation.COMMON_CAUSE


def test_a_mixture_of_signals_is_a_concern() -> None:
    signals = [SpcSignal("trend", "", True), SpcSignal("run_one_side", "", False)]
    assert classify(signals, Polarity.HIGHER_IS_BETTER) is Variation.CONCERN
