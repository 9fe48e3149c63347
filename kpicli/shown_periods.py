"""How far back Part 1 uses an indicator's figures: the periods it prints (the trend chart's,
when the indicator has a section of its own; the sparkline's; the figure a year earlier; the
figures its tables compare and rank) and the periods its control limits are worked out over.

A withheld figure within them is counted in summary.json and any statistic over it is left
out, which tells a reader no more than the symbol would. A withheld figure older than all of
them is withheld in the public view (later decisions may rest on it) but Part 1 uses it
nowhere, so nothing Part 1 prints may count or mention it: summary.json's count of withheld
cells would otherwise tell a reader that an old figure they cannot see was small.

The control limits' span counts whether or not Part 1 prints them: a withheld figure within it
is why they are left out, and their absence must be counted like the symbol.
"""

from __future__ import annotations

from kpicli.compute.spc import analysed_since
from kpicli.models.facts import BELOW_EXPECTATION, IndicatorFacts
from kpicli.periods import Frequency

# How many periods a trend chart shows; 8 for a frequency not named.
HISTORY_POINTS = {Frequency.MONTH: 24, Frequency.QUARTER: 12, Frequency.ROLLING_12_MONTHS: 24}
# How many periods a dashboard's sparkline shows.
SPARK_PERIODS = 12


def history_points(frequency: Frequency) -> int:
    """How many periods a trend chart shows: two years of months, three of quarters, else 8."""
    return HISTORY_POINTS.get(frequency, 8)


def chart_start(facts: IndicatorFacts) -> int:
    """The end month of the first period the trend chart shows: the usual span, or from the
    start of the current process when the limits come from earlier points, so that the
    baseline is always charted."""
    latest = facts.headline.history[-1].period
    start = latest.shifted(1 - history_points(facts.definition.frequency)).end
    return start if facts.spc is None else min(start, facts.spc.start.end)


def shown_since(facts: IndicatorFacts) -> int:
    """The end month of the earliest period whose figure Part 1 uses for the indicator."""
    months = [variant.latest.period.end for variant in facts.variants if variant.latest is not None]
    months += [comparison.our_period.end for comparison in facts.comparisons]
    if facts.standing is not None:
        months.append(facts.standing.period.end)
    history = facts.headline.history
    if history:
        latest = history[-1].period
        months += [latest.shifted(1 - SPARK_PERIODS).end, latest.year_earlier().end]
        if facts.rag.rating in BELOW_EXPECTATION:
            months.append(chart_start(facts))
        analysed = analysed_since([figure.period for figure in history], facts.definition)
        if analysed is not None:
            months.append(analysed.end)
    return min(months, default=0)
