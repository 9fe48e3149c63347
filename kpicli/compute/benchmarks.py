"""Comparison with London, England, statistical neighbours and any named comparator.

Like for like, always: a comparator is judged against our figure for the comparator's own
period whenever we have it (benchmarks are published a year or more after the period they
cover), and when our latest figure is older than the comparator's latest, against the
comparator's figure for our period. Only when neither exists are two different periods set
side by side, and then the comparison says so (`like_for_like` is False).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

from kpicli.compute.judgement import judge_printed
from kpicli.models.data import BenchmarkValue, Observation
from kpicli.models.definition import BenchmarkRule, IndicatorDefinition, Measure, Unit
from kpicli.models.facts import Cell, ComparatorSeries, Comparison, Judgement
from kpicli.periods import LENGTH_IN_MONTHS, Frequency, Period

# Comparisons print at least this many significant figures of every comparator's figure, so
# that two rates of 0.008 and 0.012 are not both shown as 0.01 and called "in line".
SIGNIFICANT_FIGURES = 2
MOST_DECIMALS = 6
# Sub-year flows that can be added up into the comparator's year from their counts.
ADDABLE = frozenset({Frequency.MONTH, Frequency.QUARTER})


def comparable_value(latest: Observation, definition: IndicatorDefinition) -> float | None:
    """The local figure in the comparators' unit: a count becomes a rate where the
    definition says how (rates compare with rates)."""
    basis = definition.benchmark_basis
    if basis is None:
        return latest.value
    if latest.denominator is None or latest.denominator == 0:
        return None
    numerator = latest.numerator if latest.numerator is not None else latest.value
    return numerator / latest.denominator * (100 if basis.unit == "percent" else basis.rate_per)


def comparison_decimals(definition: IndicatorDefinition) -> int:
    if definition.unit is Unit.CURRENCY and definition.benchmark_basis is None:
        # Unit costs are published in whole pounds.
        return 0
    return definition.benchmark_basis.decimals if definition.benchmark_basis else definition.decimals


def places_to_show(values: Iterable[float], definition: IndicatorDefinition) -> int:
    """The decimals every figure of an indicator's comparisons is printed to: the indicator's
    own, or more so that each comparator's figure shows SIGNIFICANT_FIGURES digits.

    Only the comparators' published figures decide it, never ours: the precision of a public
    table must not hint at a figure the public paper withholds."""
    places = comparison_decimals(definition)
    if definition.unit is Unit.CURRENCY and definition.benchmark_basis is None:
        return places
    for value in values:
        if value:
            places = max(places, SIGNIFICANT_FIGURES - 1 - math.floor(math.log10(abs(value))))
    return min(places, MOST_DECIMALS)


def is_published_by(published: dt.date | None, cutoff: dt.date | None) -> bool:
    return published is None or cutoff is None or published <= cutoff


def published_figures(
    benchmarks: Iterable[BenchmarkValue], area: str, report_month: int, cutoff: dt.date | None
) -> list[BenchmarkValue]:
    """The area's figures up to the report month that were published by the `cutoff` (the
    meeting's date), sorted by period."""
    return sorted(
        (
            b
            for b in benchmarks
            if b.area == area and b.period.end <= report_month and is_published_by(b.published, cutoff)
        ),
        key=lambda b: b.period.end,
    )


def is_same_time(ours: Period, theirs: Period, definition: IndicatorDefinition) -> bool:
    """Whether our figure for `ours` is for the same time as a comparator's for `theirs`."""
    if ours.end != theirs.end:
        return False
    if ours.frequency is theirs.frequency or definition.measure is Measure.SNAPSHOT:
        return True
    # Twelve months to March is the 2018/19 financial year.
    return ours.frequency is Frequency.ROLLING_12_MONTHS and LENGTH_IN_MONTHS[theirs.frequency] == 12


def added_up(period: Period, by_end: dict[int, Observation], definition: IndicatorDefinition) -> float | None:
    """Our percentage or rate for a comparator's longer period, from the counts of every
    shorter period in it: four quarters' numerators over their denominators give the year."""
    frequency = definition.frequency
    if (
        definition.measure is not Measure.FLOW
        or definition.cumulative is not None
        or definition.benchmark_basis is not None
        or frequency not in ADDABLE
        or definition.unit not in (Unit.PERCENT, Unit.RATE)
    ):
        return None
    step = LENGTH_IN_MONTHS[frequency]
    length = LENGTH_IN_MONTHS[period.frequency]
    if length <= step or length % step:
        return None
    numerator = denominator = 0.0
    for end in range(period.end - length + step, period.end + 1, step):
        part = by_end.get(end)
        if part is None or part.numerator is None or not part.denominator:
            return None
        numerator += part.numerator
        denominator += part.denominator
    factor = 100 if definition.unit is Unit.PERCENT else (definition.rate_per or 1)
    return numerator / denominator * factor


def our_figure_for(
    period: Period, by_end: dict[int, Observation], definition: IndicatorDefinition
) -> tuple[float | None, Period] | None:
    """Our figure (in the comparators' unit) for the same time as a comparator's `period`,
    and the period it is for; None if we have no such figure."""
    observation = by_end.get(period.end)
    if observation is not None and is_same_time(observation.period, period, definition):
        return comparable_value(observation, definition), observation.period
    total = added_up(period, by_end, definition)
    return None if total is None else (total, period)


def choose_pair(
    published: Sequence[BenchmarkValue],
    latest: Observation,
    by_end: dict[int, Observation],
    definition: IndicatorDefinition,
) -> tuple[BenchmarkValue, float | None, Period, bool]:
    """The comparator's figure, ours, our period and whether they are like for like.

    `published` is sorted by period. The comparator's latest figure first; when our latest
    figure is older than it, the comparator's figure for our period."""
    newest = published[-1]
    candidates = [newest]
    if latest.period.end < newest.period.end:
        candidates = [b for b in reversed(published) if b.period.end <= latest.period.end]
    for benchmark in candidates:
        ours = our_figure_for(benchmark.period, by_end, definition)
        if ours is not None:
            return benchmark, ours[0], ours[1], True
    return newest, comparable_value(latest, definition), latest.period, False


def compare_with_benchmarks(
    known: Sequence[Observation],
    benchmarks: Sequence[BenchmarkValue],
    definition: IndicatorDefinition,
    report_month: int,
    cutoff: dt.date | None = None,
) -> tuple[Comparison, ...]:
    """Every comparator with a published figure, against our headline series as at the report
    month (`known`, sorted by period). With a `cutoff` (the meeting's date), only figures
    published by then: what the committee could have seen."""
    if not known:
        return ()
    latest = known[-1]
    by_end = {observation.period.end: observation for observation in known}
    chosen = []
    for area in definition.comparator_areas:
        published = published_figures(benchmarks, area, report_month, cutoff)
        if published:
            chosen.append((area, published[-1], *choose_pair(published, latest, by_end, definition)))
    decimals = places_to_show((benchmark.value for _, _, benchmark, *_ in chosen), definition)
    comparisons = []
    for area, newest, benchmark, local, local_period, like_for_like in chosen:
        gap = None if local is None else local - benchmark.value
        judgement = (
            Judgement.NOT_JUDGED
            if local is None
            else judge_printed(local, benchmark.value, definition.polarity, decimals)
        )
        comparisons.append(
            Comparison(
                area=area,
                period=benchmark.period,
                benchmark=benchmark.value,
                local=Cell.of(local),
                gap=Cell.of(gap),
                judgement=judgement,
                local_period=local_period,
                decimals=decimals,
                latest_period=newest.period if newest.period != benchmark.period else None,
                like_for_like=like_for_like,
                count=benchmark.count,
                of=benchmark.of,
            )
        )
    return tuple(comparisons)


# A chart shows at most this many comparators: more lines than that cannot be told apart.
CHARTED = 3


def comparator_series(
    benchmarks: Sequence[BenchmarkValue],
    definition: IndicatorDefinition,
    report_month: int,
    cutoff: dt.date | None = None,
) -> tuple[ComparatorSeries, ...]:
    """The comparators the chart draws, each as its published series up to the report month:
    those a benchmark rating rests on first, then the others the definition names. None for a
    count compared as a rate (the chart's axis is the count)."""
    if definition.benchmark_basis is not None:
        return ()
    rule = list(definition.rag.comparators) if isinstance(definition.rag, BenchmarkRule) else []
    areas = [*rule, *(area for area in definition.comparator_areas if area not in rule)][:CHARTED]
    found = []
    for area in areas:
        points = tuple((b.period, b.value) for b in published_figures(benchmarks, area, report_month, cutoff))
        if points:
            found.append(ComparatorSeries(area, points))
    return tuple(found)
