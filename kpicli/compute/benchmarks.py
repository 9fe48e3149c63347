"""Comparison with London, England, statistical neighbours and any named comparator."""

from __future__ import annotations

from collections.abc import Sequence

from kpicli.compute.judgement import judge
from kpicli.models.data import BenchmarkValue, Observation
from kpicli.models.definition import BenchmarkRule, IndicatorDefinition
from kpicli.models.facts import Cell, Comparison, Judgement


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
    return definition.benchmark_basis.decimals if definition.benchmark_basis else definition.decimals


def comparator_areas(definition: IndicatorDefinition) -> list[str]:
    areas = list(definition.comparators)
    if isinstance(definition.rag, BenchmarkRule):
        areas += [area for area in definition.rag.comparators if area not in areas]
    return areas


def compare_with_benchmarks(
    latest: Observation | None,
    benchmarks: Sequence[BenchmarkValue],
    definition: IndicatorDefinition,
    report_month: int,
) -> tuple[Comparison, ...]:
    if latest is None:
        return ()
    local = comparable_value(latest, definition)
    decimals = comparison_decimals(definition)
    comparisons = []
    for area in comparator_areas(definition):
        # Each comparator has its own latest period: benchmarks are published a year or more late.
        published = [b for b in benchmarks if b.area == area and b.period.end <= report_month]
        if not published:
            continue
        benchmark = max(published, key=lambda b: b.period.end)
        gap = None if local is None else local - benchmark.value
        comparisons.append(
            Comparison(
                area=area,
                period=benchmark.period,
                benchmark=benchmark.value,
                local=Cell.of(local),
                gap=Cell.of(gap),
                judgement=Judgement.NOT_JUDGED if gap is None else judge(gap, definition.polarity, decimals),
            )
        )
    return tuple(comparisons)
