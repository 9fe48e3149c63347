"""Statistical process control the NHS "Making Data Count" way: XmR limits on a stated baseline.

The current process starts at the series' start or at the latest stated rebase (the process
changed), and at most MAX_POINTS points back so that the chart can show it. Its mean and
limits come from its first `baseline_points` points (20 unless the definition says otherwise),
so a later shift cannot widen the limits it is judged against; the chart draws that span.

When the latest point is a signal, the process has moved: whether the target will be met is
judged on limits worked out from the points since it moved, once there are enough of them
(Making Data Count recalculates limits after a sustained shift), and never on the baseline's.

The rules look at the latest point, as the variation icon does, in Making Data Count's order
of precedence: beyond a limit; one of seven points each higher (or lower) than the one before;
two of the last three points near a limit (beyond two sigma) on the same side; the end of a
run of seven points on one side of the mean. A point on the mean, or a repeated value, ends a
run or a trend.

Year-to-date and rolling 12-month figures are never given limits: each point shares most of
its months with its neighbours, so the moving ranges are far too small and the limits too
tight.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from kpicli.models.data import Observation
from kpicli.models.definition import IndicatorDefinition, Polarity
from kpicli.models.facts import Assurance, Shift, SpcRule, SpcSignal, SpcSummary, Variation
from kpicli.periods import Frequency, Period

MINIMUM_POINTS = 15
BASELINE_POINTS = 20
# The most points analysed (and charted): four years of months. Without a stated rebase a
# longer series is analysed from this many points back.
MAX_POINTS = 48
RUN_ON_ONE_SIDE = 7
TREND_POINTS = 7
# 3 / d2 for moving ranges of two points (d2 = 1.128): limits at three sigma.
XMR_CONSTANT = 2.66
# Two sigma, as a share of the distance from the mean to a limit.
NEAR_LIMIT = 2 / 3


def spc_applies(definition: IndicatorDefinition) -> bool:
    """Never on year-to-date or rolling figures: their points overlap."""
    return definition.cumulative is None and definition.frequency is not Frequency.ROLLING_12_MONTHS


def xmr_limits(baseline: Sequence[float]) -> tuple[float, float, float]:
    """Mean, lower and upper process limits: mean -/+ 2.66 times the average moving range."""
    mean = sum(baseline) / len(baseline)
    moving_ranges = [abs(later - earlier) for earlier, later in pairwise(baseline)]
    average_range = sum(moving_ranges) / len(moving_ranges)
    return mean, mean - XMR_CONSTANT * average_range, mean + XMR_CONSTANT * average_range


def run_on_one_side(values: Sequence[float], mean: float) -> tuple[int, bool]:
    """Points in the run on one side of the mean that ends at the latest point, and whether
    that side is above. A point on the mean is on neither side: it ends a run."""
    latest = values[-1]
    if latest == mean:
        return 0, False
    high = latest > mean
    length = 0
    for value in reversed(values):
        if value == mean or (value > mean) != high:
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


def near_limits(values: Sequence[float], mean: float, lower: float, upper: float) -> tuple[int, bool]:
    """How many of the last three points are near a limit (beyond two sigma, within three) on
    the latest point's side, when the latest is one of them and all three are on that side."""
    latest = values[-1]
    high = latest > mean
    near_high = mean + NEAR_LIMIT * (upper - mean)
    near_low = mean - NEAR_LIMIT * (mean - lower)

    def is_near(value: float) -> bool:
        return near_high < value <= upper if high else lower <= value < near_low

    last_three = values[-3:]
    if len(last_three) < 3 or not is_near(latest):
        return 0, high
    if any(value == mean or (value > mean) != high for value in last_three):
        return 0, high
    return sum(1 for value in last_three if is_near(value)), high


def detect_signals(values: Sequence[float], mean: float, lower: float, upper: float) -> list[SpcSignal]:
    """Every rule the latest point is part of, strongest first."""
    signals = []
    latest = values[-1]
    if latest > upper or latest < lower:
        signals.append(SpcSignal(SpcRule.BEYOND_LIMITS, latest > upper, 1))
    moves, rising = run_of_moves(values)
    if moves >= TREND_POINTS:
        signals.append(SpcSignal(SpcRule.TREND, rising, moves))
    near, high = near_limits(values, mean, lower, upper)
    if near >= 2:
        signals.append(SpcSignal(SpcRule.TWO_OF_THREE, high, near))
    side_run, high = run_on_one_side(values, mean)
    if side_run >= RUN_ON_ONE_SIDE:
        signals.append(SpcSignal(SpcRule.RUN_ONE_SIDE, high, side_run))
    return signals


def classify(signals: Sequence[SpcSignal], polarity: Polarity) -> Variation:
    """The strongest signal decides, as for the variation icon: on the good side it is
    improvement, on the bad side concern, and for a neutral indicator simply special cause."""
    if not signals:
        return Variation.COMMON_CAUSE
    if polarity is Polarity.NEUTRAL:
        return Variation.NEUTRAL_SPECIAL_CAUSE
    good_when_high = polarity is Polarity.HIGHER_IS_BETTER
    return Variation.IMPROVEMENT if signals[0].high == good_when_high else Variation.CONCERN


def assure(target: float | None, lower: float, upper: float, polarity: Polarity) -> Assurance | None:
    """Whether the process, as it varies, will meet the target: a target outside the limits is
    met (or missed) every time, one inside them is hit and miss."""
    if target is None or polarity is Polarity.NEUTRAL:
        return None
    higher = polarity is Polarity.HIGHER_IS_BETTER
    if target < lower:
        return Assurance.CONSISTENTLY_MET if higher else Assurance.CONSISTENTLY_MISSED
    if target > upper:
        return Assurance.CONSISTENTLY_MISSED if higher else Assurance.CONSISTENTLY_MET
    return Assurance.HIT_OR_MISS


def meets(value: float, target: float, polarity: Polarity) -> bool:
    return value >= target if polarity is Polarity.HIGHER_IS_BETTER else value <= target


def shift_since(
    points: Sequence[Observation], mean: float, target: float | None, polarity: Polarity
) -> Shift | None:
    """After a signal, a sustained shift (the latest point ends a run of at least RUN_ON_ONE_SIDE
    points on one side of the baseline mean; a lone outlier is not one): the process as it now is. Making Data Count recalculates limits after a sustained shift, so
    the assurance is judged on the shift's own limits once it has as many points as any
    process needs (MINIMUM_POINTS); fewer, and the paper only counts how often it met the target."""
    values = [o.value for o in points]
    length, _ = run_on_one_side(values, mean)
    if length < RUN_ON_ONE_SIDE or target is None or polarity is Polarity.NEUTRAL:
        return None
    shifted = values[-length:]
    met = sum(meets(value, target, polarity) for value in shifted)
    start = points[-length].period
    if length < MINIMUM_POINTS:
        return Shift(start, length, met)
    _, lower, upper = xmr_limits(shifted)
    return Shift(start, length, met, lower, upper)


def process_start(periods: Sequence[Period], definition: IndicatorDefinition) -> tuple[int, str]:
    """Where in `periods` (ascending) the current process starts: at the latest stated rebase
    at or before the latest period (with its reason), and no more than MAX_POINTS back."""
    latest = periods[-1]
    reason = ""
    start = None
    for rebase in definition.spc.rebase if definition.spc else ():
        period = Period.parse(rebase.period, definition.frequency)
        if period.end <= latest.end:
            start, reason = period.end, rebase.reason
    first = next(i for i, period in enumerate(periods) if start is None or period.end >= start)
    return max(first, len(periods) - MAX_POINTS), reason


def current_process(
    observations: Sequence[Observation], definition: IndicatorDefinition
) -> tuple[list[Observation], str]:
    """The points of the current process (`process_start`), with the reason it started."""
    first, reason = process_start([o.period for o in observations], definition)
    return list(observations[first:]), reason


def analysed_since(periods: Sequence[Period], definition: IndicatorDefinition) -> Period | None:
    """The first period the control limits would be worked out from, given every period with a
    figure (shown or withheld): None where XmR does not apply or there would be too few points."""
    if not periods or not spc_applies(definition):
        return None
    first, _ = process_start(periods, definition)
    return periods[first] if len(periods) - first >= MINIMUM_POINTS else None


def summarise_variation(
    observations: Sequence[Observation], definition: IndicatorDefinition
) -> SpcSummary | None:
    """Limits, signals and icons for the latest point, or None where XmR does not apply or the
    current process has too few points."""
    if not observations or not spc_applies(definition):
        return None
    points, reason = current_process(observations, definition)
    if len(points) < MINIMUM_POINTS:
        return None
    wanted = definition.spc.baseline_points if definition.spc else BASELINE_POINTS
    baseline = points[:wanted]
    values = [o.value for o in points]
    mean, lower, upper = xmr_limits([o.value for o in baseline])
    signals = tuple(detect_signals(values, mean, lower, upper))
    target = definition.target
    assurance = assure(target, lower, upper, definition.polarity)
    shift = shift_since(points, mean, target, definition.polarity) if signals else None
    if shift is not None:
        # The baseline's limits predate the change: never reassure from them.
        assurance = (
            None
            if shift.lower is None or shift.upper is None
            else assure(target, shift.lower, shift.upper, definition.polarity)
        )
    return SpcSummary(
        start=points[0].period,
        baseline_end=baseline[-1].period,
        baseline_points=len(baseline),
        points=len(points),
        mean=mean,
        lower=lower,
        upper=upper,
        signals=signals,
        variation=classify(signals, definition.polarity),
        assurance=assurance,
        target=target,
        rebase_reason=reason,
        shift=shift,
    )
