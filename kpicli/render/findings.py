"""What a trend chart shows, in one sentence: its alternative text, and a title a chart can share.

"Rose from 41 in 2015/16 to 62 in 2018/19; above London 2017/18 (55) throughout." Only
published figures are used. With a figure withheld the chart has a gap, and "throughout" would
speak for the gap, so the comparison is then stated for the latest published figure alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpicli.compute.judgement import direction_between
from kpicli.formatting import format_bare, join_words, round_half_up
from kpicli.models.definition import IndicatorDefinition
from kpicli.models.facts import Direction, Figure
from kpicli.periods import SPAN_YEARS, Period, month_year, short_year_span

SIDES = {Direction.UP: "above", Direction.DOWN: "below", Direction.FLAT: "level with"}


def when(period: Period) -> str:
    """'August 2019', 'April to June 2019', '2018/19', '2019': short, with months in full for
    a screen reader."""
    if period.frequency in SPAN_YEARS:
        return short_year_span(month_year(period.end))
    return period.label


def movement(first: Figure, last: Figure, definition: IndicatorDefinition) -> str:
    first_value, last_value = first.value.value, last.value.value
    assert first_value is not None and last_value is not None
    start, end = (
        round_half_up(first_value, definition.decimals),
        round_half_up(last_value, definition.decimals),
    )
    first_text, last_text = format_bare(first_value, definition), format_bare(last_value, definition)
    if first is last:
        return f"{last_text} in {when(last.period)}"
    if start == end:
        return f"{last_text} in {when(last.period)}, the same as in {when(first.period)}"
    verb = "Rose" if end > start else "Fell"
    return f"{verb} from {first_text} in {when(first.period)} to {last_text} in {when(last.period)}"


def side(value: float, reference: float, decimals: int) -> str:
    """Level exactly when the two print the same: the one rule of kpicli.compute.judgement."""
    return SIDES[direction_between(value, reference, decimals)]


def comparison(
    published: Sequence[Figure], name: str, reference: float, definition: IndicatorDefinition, gaps: bool
) -> str:
    """Where the line sits against one reference line: throughout, when it never crosses and
    nothing is withheld; otherwise at the latest published figure."""
    reference_text = f"{name} ({format_bare(reference, definition)})"
    sides = {side(f.value.value or 0.0, reference, definition.decimals) for f in published}
    if len(sides) == 1 and not gaps and len(published) > 1:
        return f"{sides.pop()} {reference_text} throughout"
    last = published[-1]
    return f"{side(last.value.value or 0.0, reference, definition.decimals)} {reference_text} in {when(last.period)}"


def trend_finding(
    history: Sequence[Figure],
    references: Sequence[tuple[str, float]],
    definition: IndicatorDefinition,
    compared: Sequence[str] = (),
) -> str:
    """The finding a trend chart shows: how the figure moved from its first published point to
    its last, where it sits against each reference line (the target), against each comparator
    for the same period (`compared`, already in words), how many figures are withheld and which
    periods have no figure at all."""
    published = [f for f in history if f.value.value is not None]
    withheld = sum(1 for f in history if f.value.withheld)
    absent = [f.period for f in history if f.value.value is None and not f.value.withheld]
    if not published:
        return "No figure is published for this period."
    parts = [movement(published[0], published[-1], definition)]
    gaps = withheld > 0 or bool(absent)
    parts += [comparison(published, name, value, definition, gaps) for name, value in references]
    parts += compared
    sentence = "; ".join(parts) + "."
    if withheld:
        sentence += f" {withheld} figure{'s are' if withheld != 1 else ' is'} withheld."
    return sentence + no_figure_words(absent)


def no_figure_words(periods: Sequence[Period]) -> str:
    """' There is no figure for April 2019.': the periods a chart shows with no figure at all
    (none was given, so nothing is withheld), each a gap in its line."""
    if not periods:
        return ""
    if len(periods) > 3:
        return f" There is no figure for {len(periods)} of the periods shown."
    return f" There is no figure for {join_words([when(period) for period in periods])}."
