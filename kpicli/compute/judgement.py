"""Better or worse: the one place polarity turns a difference into a judgement.

Two figures are "the same" (and "in line with" each other) exactly when they print the same
to the decimals they are shown with; otherwise the one that prints higher is higher. Rounding
half up never reverses an order, so the words, the tables and the ratings cannot disagree.
"""

from __future__ import annotations

from kpicli.formatting import rounded
from kpicli.models.definition import Polarity
from kpicli.models.facts import Direction, Judgement


def direction_between(later: float, earlier: float, decimals: int) -> Direction:
    """FLAT when the two figures print the same to `decimals` places."""
    if rounded(later, decimals) == rounded(earlier, decimals):
        return Direction.FLAT
    return Direction.UP if later > earlier else Direction.DOWN


def judge_direction(direction: Direction, polarity: Polarity) -> Judgement:
    if direction is Direction.FLAT:
        return Judgement.SAME
    if polarity is Polarity.NEUTRAL:
        return Judgement.NOT_JUDGED
    higher_is_better = polarity is Polarity.HIGHER_IS_BETTER
    return Judgement.BETTER if (direction is Direction.UP) == higher_is_better else Judgement.WORSE


def judge_printed(ours: float, theirs: float, polarity: Polarity, decimals: int) -> Judgement:
    """Judge our figure against another by the indicator's polarity, as printed."""
    return judge_direction(direction_between(ours, theirs, decimals), polarity)
