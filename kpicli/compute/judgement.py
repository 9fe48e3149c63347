"""Better or worse: the one place polarity turns a difference into a judgement."""

from __future__ import annotations

from kpicli.models.definition import Polarity
from kpicli.models.facts import Direction, Judgement


def display_tolerance(decimals: int) -> float:
    """Differences smaller than half the last shown digit read as 'no change'."""
    return 0.5 * 10.0**-decimals


def direction_of(difference: float, decimals: int) -> Direction:
    if abs(difference) < display_tolerance(decimals):
        return Direction.FLAT
    return Direction.UP if difference > 0 else Direction.DOWN


def judge(difference: float, polarity: Polarity, decimals: int) -> Judgement:
    """Judge `difference` = (this figure - the other one) by the indicator's polarity."""
    direction = direction_of(difference, decimals)
    if direction is Direction.FLAT:
        return Judgement.SAME
    if polarity is Polarity.NEUTRAL:
        return Judgement.NOT_JUDGED
    higher_is_better = polarity is Polarity.HIGHER_IS_BETTER
    return Judgement.BETTER if (direction is Direction.UP) == higher_is_better else Judgement.WORSE
