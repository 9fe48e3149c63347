"""Red, amber or green, with polarity, and always with the reason."""

from __future__ import annotations

from collections.abc import Sequence

from kpicli.models.definition import (
    BenchmarkRule,
    IndicatorDefinition,
    Polarity,
    ThresholdsRule,
    ToleranceRule,
)
from kpicli.models.facts import Comparison, Judgement, RagResult, Rating


def number(value: float) -> str:
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def rate_by_thresholds(value: float, rule: ThresholdsRule, polarity: Polarity) -> RagResult:
    higher = polarity is Polarity.HIGHER_IS_BETTER
    is_green = value >= rule.green if higher else value <= rule.green
    is_red = value < rule.red if higher else value > rule.red
    shown = number(value)
    if is_green:
        side = "at or above" if higher else "at or below"
        return RagResult(Rating.GREEN, f"{shown} is {side} the green threshold of {number(rule.green)}")
    if is_red:
        side = "below" if higher else "above"
        return RagResult(Rating.RED, f"{shown} is {side} the red threshold of {number(rule.red)}")
    return RagResult(Rating.AMBER, f"{shown} is between the red threshold ({number(rule.red)}) and the green threshold ({number(rule.green)})")


def rate_by_tolerance(value: float, rule: ToleranceRule, polarity: Polarity) -> RagResult:
    shortfall = rule.target - value if polarity is Polarity.HIGHER_IS_BETTER else value - rule.target
    band = rule.tolerance if rule.tolerance_unit == "absolute" else abs(rule.target) * rule.tolerance / 100
    shown, target = number(value), number(rule.target)
    if shortfall <= 0:
        return RagResult(Rating.GREEN, f"{shown} meets the target of {target}")
    if shortfall <= band:
        return RagResult(Rating.AMBER, f"{shown} misses the target of {target} by no more than the tolerance of {number(band)}")
    return RagResult(Rating.RED, f"{shown} misses the target of {target} by more than the tolerance of {number(band)}")


def rate_by_benchmarks(rule: BenchmarkRule, comparisons: Sequence[Comparison]) -> RagResult:
    judged = {c.area: c.judgement for c in comparisons if c.area in rule.comparators and c.local.known}
    missing = [area for area in rule.comparators if area not in judged]
    if missing:
        return RagResult(Rating.NOT_RATED, "no published figure to rate against for " + " and ".join(missing))
    if all(j in (Judgement.BETTER, Judgement.SAME) for j in judged.values()):
        return RagResult(Rating.GREEN, "at least as good as " + " and ".join(rule.comparators))
    if all(j is Judgement.WORSE for j in judged.values()):
        return RagResult(Rating.RED, "worse than " + " and ".join(rule.comparators))
    better = [area for area, j in judged.items() if j is not Judgement.WORSE]
    worse = [area for area, j in judged.items() if j is Judgement.WORSE]
    return RagResult(Rating.AMBER, f"better than {' and '.join(better)} but worse than {' and '.join(worse)}")


def rate(value: float | None, definition: IndicatorDefinition, comparisons: Sequence[Comparison]) -> RagResult:
    rule = definition.rag
    if rule is None:
        return RagResult(Rating.NOT_RATED, "no rating rule: reported for information")
    if value is None:
        return RagResult(Rating.NOT_RATED, "no figure for the period")
    if isinstance(rule, ThresholdsRule):
        return rate_by_thresholds(value, rule, definition.polarity)
    if isinstance(rule, ToleranceRule):
        return rate_by_tolerance(value, rule, definition.polarity)
    return rate_by_benchmarks(rule, comparisons)
