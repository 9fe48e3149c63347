"""Red, amber or green, with polarity, and always with the reason.

The figure is rated as it is published: rounded to the indicator's decimals first, so a
paper never says that a figure shown as 65% misses a target of 65%.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kpicli.formatting import format_difference, format_value, rounded
from kpicli.models.definition import (
    BenchmarkRule,
    IndicatorDefinition,
    Polarity,
    ThresholdsRule,
    ToleranceRule,
)
from kpicli.models.facts import Comparison, Judgement, RagResult, Rating

Show = Callable[[float], str]


def number(value: float) -> str:
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def rate_by_thresholds(
    value: float, rule: ThresholdsRule, polarity: Polarity, show: Show = number
) -> RagResult:
    higher = polarity is Polarity.HIGHER_IS_BETTER
    is_green = value >= rule.green if higher else value <= rule.green
    is_red = value < rule.red if higher else value > rule.red
    shown = show(value)
    if is_green:
        side = "at or above" if higher else "at or below"
        return RagResult(Rating.GREEN, f"{shown} is {side} the green threshold of {show(rule.green)}")
    if is_red:
        side = "below" if higher else "above"
        return RagResult(Rating.RED, f"{shown} is {side} the red threshold of {show(rule.red)}")
    between = f"between the red threshold ({show(rule.red)}) and the green threshold ({show(rule.green)})"
    return RagResult(Rating.AMBER, f"{shown} is {between}")


def rate_by_tolerance(
    value: float,
    rule: ToleranceRule,
    polarity: Polarity,
    show: Show = number,
    show_band: Show = number,
) -> RagResult:
    shortfall = rule.target - value if polarity is Polarity.HIGHER_IS_BETTER else value - rule.target
    band = rule.band
    shown, target = show(value), show(rule.target)
    if shortfall <= 0:
        return RagResult(Rating.GREEN, f"{shown} meets the target of {target}")
    tolerance = f"the tolerance of {show_band(band)}"
    # Rounding error must not push a figure exactly on the band's edge into red.
    if shortfall <= band + 1e-9:
        return RagResult(Rating.AMBER, f"{shown} misses the target of {target} by no more than {tolerance}")
    return RagResult(Rating.RED, f"{shown} misses the target of {target} by more than {tolerance}")


def listed(areas: Sequence[str]) -> str:
    return " and ".join(areas) if len(areas) < 3 else ", ".join(areas[:-1]) + " and " + areas[-1]


def rate_by_benchmarks(rule: BenchmarkRule, comparisons: Sequence[Comparison]) -> RagResult:
    """Green when at least as good as every named comparator, red when worse than all of
    them, amber otherwise. Not rated unless every named comparator has a figure."""
    found = {c.area: c for c in comparisons if c.area in rule.comparators}
    missing = [area for area in rule.comparators if area not in found]
    if missing:
        return RagResult(Rating.NOT_RATED, "no published figure to rate against for " + listed(missing))
    if any(not c.local.known for c in found.values()):
        return RagResult(
            Rating.NOT_RATED,
            "the local figure cannot be put in the comparators' unit (no denominator)",
        )
    judged = {area: found[area].judgement for area in rule.comparators}
    when = compared_when([found[area] for area in rule.comparators])
    if all(j in (Judgement.BETTER, Judgement.SAME) for j in judged.values()):
        return RagResult(Rating.GREEN, "at least as good as " + listed(rule.comparators) + when)
    if all(j is Judgement.WORSE for j in judged.values()):
        return RagResult(Rating.RED, "worse than " + listed(rule.comparators) + when)
    better = [area for area, j in judged.items() if j is not Judgement.WORSE]
    worse = [area for area, j in judged.items() if j is Judgement.WORSE]
    return RagResult(
        Rating.AMBER, f"at least as good as {listed(better)} but worse than {listed(worse)}{when}"
    )


def compared_when(comparisons: Sequence[Comparison]) -> str:
    """The period a benchmark rating rests on, so a rating never rests on figures for
    different periods without saying so: ' for 2017/18', or ' (our figure for 2018/19
    against theirs for 2017/18)'."""
    pairs = sorted({(c.our_period, c.period, c.like_for_like) for c in comparisons})
    if len(pairs) == 1 and pairs[0][2]:
        return f" for {pairs[0][1].label}"
    return "".join(
        f" ({c.area}: {c.period.label}"
        + ("" if c.like_for_like else f", ours for {c.our_period.label}")
        + ")"
        for c in comparisons
    )


def places_for(value: float, decimals: int) -> int:
    """The indicator's decimals, or more when a threshold needs them (64.5 must not show as 65)."""
    for places in range(decimals, 5):
        if abs(rounded(value, places) - value) < 1e-9:
            return places
    return 4


def published(value: float, definition: IndicatorDefinition) -> float:
    return rounded(value, definition.decimals)


def rate(
    value: float | None, definition: IndicatorDefinition, comparisons: Sequence[Comparison]
) -> RagResult:
    rule = definition.rag
    if rule is None:
        return RagResult(Rating.NOT_RATED, "no rating rule: reported for information")
    if value is None:
        return RagResult(Rating.NOT_RATED, "no figure for the period")

    def show(figure: float) -> str:
        return format_value(figure, definition, places_for(figure, definition.decimals))

    def show_band(band: float) -> str:
        return format_difference(band, definition, places_for(band, definition.decimals))

    if isinstance(rule, ThresholdsRule):
        return rate_by_thresholds(published(value, definition), rule, definition.polarity, show)
    if isinstance(rule, ToleranceRule):
        return rate_by_tolerance(published(value, definition), rule, definition.polarity, show, show_band)
    return rate_by_benchmarks(rule, comparisons)
