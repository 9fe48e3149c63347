"""XmR limits and the Making Data Count rules: examples at each rule's edge, then properties."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpicli.compute.spc import (
    BASELINE_POINTS,
    MAX_POINTS,
    MINIMUM_POINTS,
    classify,
    near_limits,
    run_of_moves,
    run_on_one_side,
    summarise_variation,
    xmr_limits,
)
from kpicli.models.definition import Polarity
from kpicli.models.facts import Assurance, SpcRule, SpcSignal, SpcSummary, Variation
from kpicli.periods import Frequency
from tests.compute.builders import indicator, series

STEADY = [12.0, 10.0] * 10  # mean 11, average moving range 2: limits 11 -/+ 5.32; ends below


def spc_of(values: list[float], **fields: Any) -> SpcSummary | None:
    fields.setdefault("polarity", "higher_is_better")
    frequency = Frequency(fields.get("frequency", "month"))
    start = {"month": "2015-01", "quarter": "2010-03"}.get(frequency.value, "2015-01")
    return summarise_variation(series(start, values, frequency), indicator(**fields))


def kinds(summary: SpcSummary | None) -> list[SpcRule]:
    assert summary is not None
    return [signal.kind for signal in summary.signals]


def test_limits_are_mean_plus_or_minus_2_66_average_moving_ranges() -> None:
    mean, lower, upper = xmr_limits([10, 12, 10, 12])
    assert mean == 11
    assert (lower, upper) == pytest.approx((11 - 2.66 * 2, 11 + 2.66 * 2))


def test_limits_come_from_the_stated_baseline_so_a_shift_cannot_widen_them() -> None:
    summary = spc_of([*STEADY, *[30.0] * 5], polarity="lower_is_better")
    assert summary is not None
    assert summary.baseline_points == BASELINE_POINTS and summary.points == 25
    assert summary.start.code == "2015-01" and summary.baseline_end.code == "2016-08"
    assert summary.mean == 11 and summary.upper == pytest.approx(11 + 2.66 * 2)
    assert kinds(summary) == [SpcRule.BEYOND_LIMITS]
    assert summary.variation is Variation.CONCERN and summary.high is True


def test_a_rebase_starts_a_new_baseline_with_its_reason() -> None:
    values = [*[50.0, 52.0] * 10, *[80.0, 84.0] * 9]
    rebase = {"rebase": [{"period": "2016-09", "reason": "new front door"}]}
    summary = spc_of(values, spc=rebase)
    assert summary is not None
    assert summary.start.code == "2016-09" and summary.points == 18
    assert summary.mean == 82 and summary.rebase_reason == "new front door"
    assert summary.signals == ()
    without = spc_of(values)
    assert without is not None and without.mean == 51


def test_too_few_points_since_the_process_began_give_no_spc() -> None:
    assert spc_of(STEADY[: MINIMUM_POINTS - 1]) is None
    assert spc_of(STEADY[:MINIMUM_POINTS]) is not None
    assert spc_of(STEADY, spc={"rebase": [{"period": "2015-08", "reason": "x is y"}]}) is None


def test_a_long_series_is_analysed_over_its_most_recent_points() -> None:
    summary = spc_of([float(i % 5) for i in range(100)])
    assert summary is not None and summary.points == MAX_POINTS
    assert summary.start.code == "2019-05"  # 48 months to April 2023


@pytest.mark.parametrize(("latest", "fires"), [(16.32, False), (16.33, True), (5.68, False), (5.67, True)])
def test_point_beyond_limits_at_and_either_side(latest: float, fires: bool) -> None:
    assert (SpcRule.BEYOND_LIMITS in kinds(spc_of([*STEADY, latest]))) is fires


@pytest.mark.parametrize(("run", "fires"), [(6, False), (7, True)])
def test_run_of_seven_on_one_side_of_the_mean(run: int, fires: bool) -> None:
    summary = spc_of([*STEADY, *([11.5, 11.6] * 4)[:run]])
    assert (SpcRule.RUN_ONE_SIDE in kinds(summary)) is fires
    if fires:
        assert summary is not None and summary.variation is Variation.IMPROVEMENT
        assert summary.signals[-1].points == 7


def test_a_point_on_the_mean_ends_a_run() -> None:
    assert run_on_one_side([1, 5, 5, 3, 5, 5], 3) == (2, True)
    assert run_on_one_side([5, 1, 1, 1], 3) == (3, False)
    assert run_on_one_side([5, 1, 3], 3) == (0, False)


@pytest.mark.parametrize(("rises", "fires"), [(5, False), (6, True)])
def test_seven_points_each_higher_are_a_trend(rises: int, fires: bool) -> None:
    # The baseline ends at 10 after a fall; `rises` increases after it make rises + 1 points.
    values = [*STEADY, *(10.0 + 0.1 * step for step in range(1, rises + 1))]
    assert run_of_moves(values) == (rises + 1, True)
    summary = spc_of(values, polarity="lower_is_better")
    assert (SpcRule.TREND in kinds(summary)) is fires
    assert summary is not None
    assert summary.variation is (Variation.CONCERN if fires else Variation.COMMON_CAUSE)


def test_an_unchanged_value_ends_a_trend() -> None:
    assert run_of_moves([1, 2, 3, 3, 4, 5]) == (3, True)
    assert run_of_moves([7, 6, 5, 4, 3, 2, 1]) == (7, False)


def test_two_of_three_near_a_limit_on_the_same_side() -> None:
    # Limits 11 -/+ 5.32; two sigma is 11 + 3.55 = 14.55.
    assert near_limits([12, 15, 12, 15], 11, 5.68, 16.32) == (2, True)
    assert near_limits([12, 15, 15, 12], 11, 5.68, 16.32) == (0, True), "the latest must be near"
    assert near_limits([10, 15, 15], 11, 5.68, 16.32) == (0, True), "all three on one side"
    assert near_limits([6, 7, 7], 11, 5.68, 16.32) == (3, False)
    assert SpcRule.TWO_OF_THREE in kinds(spc_of([*STEADY, 15.0, 12.0, 15.0]))


def test_the_strongest_signal_decides_the_icon() -> None:
    # Rising from well below the mean: seven points rising, all below the mean.
    summary = spc_of([*STEADY, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], polarity="higher_is_better")
    assert kinds(summary)[:2] == [SpcRule.BEYOND_LIMITS, SpcRule.TREND] or SpcRule.TREND in kinds(summary)
    assert summary is not None and summary.signals[0].kind is SpcRule.TREND
    assert summary.variation is Variation.IMPROVEMENT


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
    assert classify([SpcSignal(SpcRule.TREND, high, 7)], polarity) is expected
    assert classify([], polarity) is Variation.COMMON_CAUSE


@pytest.mark.parametrize(
    ("target", "polarity", "expected"),
    [
        (5.0, "higher_is_better", Assurance.CONSISTENTLY_MET),
        (11.0, "higher_is_better", Assurance.HIT_OR_MISS),
        (17.0, "higher_is_better", Assurance.CONSISTENTLY_MISSED),
        (5.0, "lower_is_better", Assurance.CONSISTENTLY_MISSED),
        (17.0, "lower_is_better", Assurance.CONSISTENTLY_MET),
    ],
)
def test_assurance_places_the_target_against_the_limits(
    target: float, polarity: str, expected: Assurance
) -> None:
    rag = {"kind": "tolerance", "target": target, "tolerance": 1}
    summary = spc_of(STEADY, polarity=polarity, rag=rag)
    assert summary is not None and summary.assurance is expected and summary.target == target
    assert spc_of(STEADY, polarity=polarity) is not None
    assert spc_of(STEADY, polarity=polarity).assurance is None  # type: ignore[union-attr]


# Properties

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
any_series = st.lists(finite, min_size=1, max_size=70)


@settings(max_examples=150, deadline=None)
@given(values=any_series, cumulative=st.booleans())
def test_xmr_is_never_used_on_year_to_date_or_rolling_series(values: list[float], cumulative: bool) -> None:
    if cumulative:
        definition = {"cumulative": {"year": "financial_year"}, "polarity": "neutral"}
    else:
        definition = {"frequency": "rolling_12_months"}
    assert spc_of(values, **definition) is None


@settings(max_examples=150, deadline=None)
@given(
    values=st.lists(finite, min_size=MINIMUM_POINTS, max_size=60),
    later=st.lists(finite, min_size=0, max_size=10),
    baseline=st.integers(12, 40),
)
def test_limits_are_computed_on_the_stated_baseline_only(
    values: list[float], later: list[float], baseline: int
) -> None:
    settings_ = {"spc": {"baseline_points": baseline}}
    summary = spc_of(values, **settings_)
    assert summary is not None
    analysed = values[-MAX_POINTS:]
    expected = analysed[:baseline]
    assert summary.baseline_points == len(expected)
    mean, lower, upper = xmr_limits(expected)
    assert (summary.mean, summary.lower, summary.upper) == (mean, lower, upper)
    # Once the baseline is complete, whatever follows leaves the limits where they are (while
    # the baseline is still among the points analysed).
    if baseline <= len(values) and len(values) + len(later) <= MAX_POINTS:
        extended = spc_of([*values, *later], **settings_)
        assert extended is not None
        assert (extended.mean, extended.lower, extended.upper) == (mean, lower, upper)


@settings(max_examples=150, deadline=None)
@given(values=st.lists(finite, min_size=MINIMUM_POINTS, max_size=48))
def test_flipping_polarity_swaps_improvement_and_concern(values: list[float]) -> None:
    higher = spc_of(values, polarity="higher_is_better")
    lower = spc_of(values, polarity="lower_is_better")
    assert higher is not None and lower is not None
    swap = {Variation.IMPROVEMENT: Variation.CONCERN, Variation.CONCERN: Variation.IMPROVEMENT}
    assert lower.variation is swap.get(higher.variation, higher.variation)
    beyond = values[-1] > higher.upper or values[-1] < higher.lower
    assert (SpcRule.BEYOND_LIMITS in kinds(higher)) is beyond


def test_after_a_sustained_shift_assurance_comes_from_the_shift_never_the_older_baseline() -> None:
    rag = {"kind": "tolerance", "target": 11, "tolerance": 1}
    steady = [10.0, 12.0] * 10  # as STEADY, but ending above the mean
    assert spc_of(steady, rag=rag).assurance is Assurance.HIT_OR_MISS  # type: ignore[union-attr]
    # Ten points below the mean, each missing the target: too few for limits of their own.
    short = spc_of([*steady, *[6.5, 7.0] * 5], rag=rag)
    assert short is not None and SpcRule.RUN_ONE_SIDE in kinds(short)
    assert short.assurance is None and short.shift is not None
    assert (short.shift.points, short.shift.met, short.shift.lower) == (10, 0, None)
    assert short.shift.start.code == "2016-09"
    # Sixteen: limits from the shift alone (6.75 -/+ 2.66 x 0.5) put the target beyond reach.
    long = spc_of([*steady, *[6.5, 7.0] * 8], rag=rag)
    assert long is not None and long.shift is not None and long.shift.points == 16
    assert (long.shift.lower, long.shift.upper) == pytest.approx((6.75 - 1.33, 6.75 + 1.33))
    assert long.assurance is Assurance.CONSISTENTLY_MISSED
    # A lone point beyond the limits is not a shift: the baseline still describes the process.
    outlier = spc_of([*steady, 2.0], rag=rag)
    assert outlier is not None and outlier.shift is None and outlier.assurance is Assurance.HIT_OR_MISS
