"""How far back Part 1 shows an indicator's figures: its chart's periods, its sparkline's, and the
periods of the figures its tables compare and rank.

A withheld figure older than all of them is withheld in the public view (later decisions may
rest on it) but appears nowhere in Part 1, so nothing Part 1 prints may count or mention it:
summary.json's count of withheld cells would otherwise tell a reader that an old figure they
cannot see was small.
"""

from __future__ import annotations

from kpicli.models.facts import IndicatorFacts
from kpicli.periods import Frequency

# How many periods a trend chart shows; 8 for a frequency not named.
HISTORY_POINTS = {Frequency.MONTH: 24, Frequency.QUARTER: 12, Frequency.ROLLING_12_MONTHS: 24}
# How many periods a dashboard's sparkline shows.
SPARK_PERIODS = 12


def chart_start(facts: IndicatorFacts) -> int:
    """The end month of the first period the trend chart shows: the usual span, or from the
    start of the current process when the limits come from earlier points, so that the
    baseline is always charted."""
    latest = facts.headline.history[-1].period
    start = latest.shifted(1 - HISTORY_POINTS.get(facts.definition.frequency, 8)).end
    return start if facts.spc is None else min(start, facts.spc.start.end)


def shown_since(facts: IndicatorFacts) -> int:
    """The end month of the earliest period whose figure Part 1 can show for the indicator."""
    months = [variant.latest.period.end for variant in facts.variants if variant.latest is not None]
    months += [comparison.our_period.end for comparison in facts.comparisons]
    if facts.standing is not None:
        months.append(facts.standing.period.end)
    history = facts.headline.history
    if history:
        months += [chart_start(facts), history[-1].period.shifted(1 - SPARK_PERIODS).end]
    return min(months, default=0)
