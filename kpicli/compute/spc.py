"""Statistical process control: XmR limits and the NHS 'Making Data Count' rules."""

from __future__ import annotations

from collections.abc import Sequence

from kpicli.models.definition import Polarity
from kpicli.models.facts import SpcSignal, SpcSummary, Variation

MINIMUM_POINTS = 15
RUN_ON_ONE_SIDE = 7
RUN_OF_MOVES = 6
XMR_CONSTANT = 2.66


def xmr_limits(values: Sequence[float]) -> tuple[float, float, float]:
    mean = sum(values) / len(values)
    moving_ranges = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    average_range = sum(moving_ranges) / len(moving_ranges)
    return mean, mean - XMR_CONSTANT * average_range, mean + XMR_CONSTANT * average_range


def run_on_one_side(values: Sequence[float], mean: float) -> tuple[int, bool]:
    """Length of the run of points on the latest point's side of the mean, and which side."""
    high = values[-1] > mean
    length = 0
    for value in reversed(values):
        if value == mean or (value > mean) != high:
            break
        length += 1
    return length, high


def run_of_moves(values: Sequence[float]) -> tuple[int, bool]:
    """Consecutive increases (or decreases) ending at the latest point, counted in points."""
    if len(values) < 2 or values[-1] == values[-2]:
        return 0, False
    rising = values[-1] > values[-2]
    moves = 0
    for earlier, later in zip(reversed(values[:-1]), reversed(values), strict=False):
        if later == earlier or (later > earlier) != rising:
            break
        moves += 1
    return moves + 1, rising


def detect_signals(values: Sequence[float], mean: float, lower: float, upper: float) -> list[SpcSignal]:
    signals = []
    latest = values[-1]
    if latest > upper or latest < lower:
        high = latest > upper
        signals.append(SpcSignal("beyond_limits", f"the latest point is {'above the upper' if high else 'below the lower'} process limit", high))
    side_run, high = run_on_one_side(values, mean)
    if side_run >= RUN_ON_ONE_SIDE:
        signals.append(SpcSignal("run_one_side", f"{side_run} points in a row {'above' if high else 'below'} the average", high))
    moves, rising = run_of_moves(values)
    if moves >= RUN_OF_MOVES:
        signals.append(SpcSignal("trend", f"{moves} points in a row {'rising' if rising else 'falling'}", rising))
    return signals


def classify(signals: Sequence[SpcSignal], polarity: Polarity) -> Variation:
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
    mean, lower, upper = xmr_limits(values)
    signals = detect_signals(values, mean, lower, upper)
    return SpcSummary(len(values), mean, lower, upper, tuple(signals), classify(signals, polarity))
