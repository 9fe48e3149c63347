"""Small typed builders for compute tests: definitions and observations without files."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from conftest import definition
from kpicli.models.data import HEADLINE, BenchmarkValue, Observation
from kpicli.models.definition import IndicatorDefinition
from kpicli.periods import Frequency, Period, parse_month


def indicator(**fields: Any) -> IndicatorDefinition:
    return IndicatorDefinition.model_validate(definition("test-indicator", 1, **fields))


def period(text: str, frequency: Frequency = Frequency.MONTH) -> Period:
    return Period.parse(text, frequency)


def observation(
    text: str,
    value: float,
    frequency: Frequency = Frequency.MONTH,
    numerator: float | None = None,
    denominator: float | None = None,
    variant: str = HEADLINE,
) -> Observation:
    return Observation("test-indicator", period(text, frequency), value, numerator, denominator, variant)


def series(start: str, values: Iterable[float], frequency: Frequency = Frequency.MONTH) -> list[Observation]:
    first = Period.parse(start, frequency)
    return [Observation("test-indicator", first.shifted(step), value) for step, value in enumerate(values)]


def benchmark(text: str, area: str, value: float, frequency: Frequency) -> BenchmarkValue:
    return BenchmarkValue("test-indicator", period(text, frequency), area, value)


def month(text: str) -> int:
    return parse_month(text)
