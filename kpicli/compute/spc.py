"""Statistical process control: XmR limits and the NHS 'Making Data Count' rules.

Limits come from a baseline (the first BASELINE_POINTS points, or all of them when there
are fewer), so a recent shift cannot widen the limits it is judged against. The rules look
at the latest point, as the Making Data Count variation icons do: is the latest point beyond
a limit, the end of a run of RUN_ON_ONE_SIDE points on one side of the mean, or the end of
RUN_OF_MOVES points each higher (or lower) than the one before.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from kpicli.models.definition import Polarity
from kpicli.models.facts import SpcSignal, SpcSummary, Variation

MINIMUM_POINTS = 15
BASELINE_POINTS = 20
RUN_ON_ONE_SIDE = 7
RUN_OF_MOVES = 6
# 3 / d2 for moving ranges of two points (d2 = 1.128): limits at three sigma.
XMR_CONSTANT = 2.66


def xmr_limits(baseline: Sequence[float]) -> tuple[float, float, float]:
    """Mean, lower and upper process limits: mean -/+ 2.66 times the average moving range."""
    mean = sum(baseline) / len(baseline)
    moving_ranges = [abs(later - earlier) for earlier, later in pairwise(baseline)]
    average_range = sum(moving_ranges) / len(moving_ranges)
    return mean, mean - XMR_CONSTANT * average_range, mean + XMR_CONSTANT * average_range


def run_on_one_side(values: Sequence[float], mean: float) -> tuple[int, bool]:
    """Points in the run on one side of the mean that ends at the latest point off the mean,
    and whether that side is above. A point on the mean neither adds to nor breaks a run."""
    off_mean = [value for value in values if value != mean]
    if not off_mean:
        return 0, False
    high = off_mean[-1] > mean
    length = 0
    for value in reversed(off_mean):
        if (value > mean) != high:
            break
        length += 1
    return length, high


def run_of_moves(values: Sequence[float]) -> tuple[int, bool]:
    """Points in the run of consecutive increases (or decreases) ending at the latest point,
    and whether it rises. An unchanged value ends the run: it is neither a rise nor a fall."""
    if len(values) < 2 or values[-1] == values[-2]:
        return 0, False
    rising = values[-1] > values[-2]
    points = 1
    for earlier, later in zip(reversed(values[:-1]), reversed(values), strict=False):
        if later == earlier or (later > earlier) != rising:
            break
        points += 1
    return points, rising


def detect_signals(values: Sequence[float], mean: float, lower: float, upper: float) -> list[SpcSignal]:
    signals = []
    latest = values[-1]
    if latest > upper or latest < lower:
        high = latest > upper
        where = "above the upper" if high else "below the lower"
        signals.append(SpcSignal("beyond_limits", f"the latest point is {where} process limit", high))
    side_run, high = run_on_one_side(values, mean)
    if side_run >= RUN_ON_ONE_SIDE:
        side = "above" if high else "below"
        signals.append(SpcSignal("run_one_side", f"{side_run} points in a row {side} the average", high))
    moves, rising = run_of_moves(values)
    if moves >= RUN_OF_MOVES:
        signals.append(
            SpcSignal("trend", f"{moves} points in a row {'rising' if rising else 'falling'}", rising)
        )
    return signals


def classify(signals: Sequence[SpcSignal], polarity: Polarity) -> Variation:
    """Special cause on the good side is improvement, on the bad side concern; a mixture is
    reported as concern so that a warning is never hidden."""
    if not signals:
        return Variation.COMMON_CAUSE
    if polarity is Polarity.NEUTRAL:
        return Variation.NEUTRAL_SPECIAL_CAUSE
    good_when_high = polarity is Polarity.HIGHER_IS_BETTER
    if any(signal.high != good_when_high for signal in signals):
        return Variation.CONCERN
    return Variation.IMPROVEMENT


def summarise_variation(values: Sequence[float], polarity: Polarity) -> SpcSummary | None:
    if len(values) < MINIMUM_POINTS:
        return None
    mean, lower, upper = xmr_limits(values[:BASELINE_POINTS])
    signals = detect_signals(values, mean, lower, upper)
    baseline = min(len(values), BASELINE_POINTS)
    return SpcSummary(len(values), mean, lower, upper, tuple(signals), classify(signals, polarity), baseline)
