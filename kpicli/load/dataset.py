"""Every extract's rows made into the Dataset: each row built against its indicator's definition,
grouped by indicator, with one problem per mistake."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar

from kpicli.errors import Problem, Severity
from kpicli.load.benchmark_rows import BenchmarkRules, build_benchmark_row, row_key
from kpicli.load.breakdown_rows import build_breakdown
from kpicli.load.cells import RowError
from kpicli.load.extracts import RawRow
from kpicli.load.value_rows import ValueRules, build_observation
from kpicli.models.areas import AuthorityValue, Unpublished
from kpicli.models.data import BenchmarkValue, Dataset, Observation
from kpicli.models.definition import IndicatorDefinition
from kpicli.periods import PeriodError, month_text, parse_month

DUPLICATE_HINT = "keep one row per indicator, period and variant (or area, or category)"


T = TypeVar("T")


P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class RowContext:
    """What every row is checked against, besides its own definition."""

    definitions: dict[str, IndicatorDefinition]
    # Ids whose definition file failed to load: their rows are not checked, so one typo in a
    # definition does not bury the real problem under an error for every row.
    unchecked: frozenset[str] = frozenset()
    report_month: int | None = None


class Converted(NamedTuple, Generic[T]):
    items: dict[str, tuple[T, ...]]
    # Every indicator id a row named, whether or not its row was valid.
    named: set[str]


def convert_rows(
    rows: Iterable[RawRow],
    context: RowContext,
    prepare: Callable[[IndicatorDefinition, Mapping[str, int]], P],
    build: Callable[[RawRow, P], T],
    key: Callable[[T], tuple[Any, ...]],
    problems: list[Problem],
) -> Converted[T]:
    """Build each row against its indicator's definition, made ready once per indicator by
    `prepare`; group the results by indicator, sorted by `key`, which must be unique."""
    # By the id exactly as written: the indicator's id (stripped) and what prepare made of its
    # definition, or None if it has none.
    targets: dict[str | None, tuple[str, P | None]] = {}
    groups: dict[str, dict[tuple[Any, ...], tuple[int, T]]] = defaultdict(dict)
    unknown: dict[str, list[RawRow]] = defaultdict(list)
    for row in rows:
        written = row.cell("indicator")
        target = targets.get(written)
        if target is None:
            target = targets[written] = prepared_target(row, context, prepare)
        indicator, prepared = target
        if prepared is None:
            if indicator not in context.unchecked:
                unknown[indicator].append(row)
            continue
        try:
            item = build(row, prepared)
        except RowError as error:
            problems.append(error.problem)
            continue
        group = groups[indicator]
        item_key = key(item)
        first = group.get(item_key)
        if first is not None:
            problems.append(
                Problem(row.file, row.line, "period", f"duplicates line {first[0]}", DUPLICATE_HINT)
            )
            continue
        group[item_key] = (row.line, item)
    known = sorted({*context.definitions, *context.unchecked})
    problems += [unknown_indicator(found, known) for found in unknown.values()]
    items = {
        indicator: tuple(group[item_key][1] for item_key in sorted(group))
        for indicator, group in sorted(groups.items())
    }
    return Converted(items, {indicator for indicator, _ in targets.values()})


def prepared_target(
    row: RawRow, context: RowContext, prepare: Callable[[IndicatorDefinition, Mapping[str, int]], P]
) -> tuple[str, P | None]:
    indicator = row.get("indicator")
    definition = context.definitions.get(indicator)
    return indicator, prepare(definition, row.columns) if definition is not None else None


def as_is(definition: IndicatorDefinition, _: Mapping[str, int]) -> IndicatorDefinition:
    return definition


def unknown_indicator(rows: list[RawRow], known: list[str]) -> Problem:
    """One problem per unknown id, at its first row, rather than one per row."""
    first = rows[0]
    indicator = first.get("indicator")
    more = f" ({len(rows)} rows)" if len(rows) > 1 else ""
    if not indicator:
        return Problem(first.file, first.line, "indicator", "is empty" + more, "name the indicator by its id")
    close = difflib.get_close_matches(indicator, known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else "add a definition in indicator_defs/ or correct the id"
    return Problem(first.file, first.line, "indicator", f"'{indicator}' has no definition{more}", hint)


LATER_ROWS_HINT = "a build as at the report period ignores them"


def later_rows(rows: Iterable[RawRow], report_month: int) -> list[Problem]:
    """Rows after the report period: a build as at it ignores them, so say so once per id."""
    later: dict[str, list[tuple[int, RawRow]]] = defaultdict(list)
    months: dict[str, int | None] = {}
    for row in rows:
        text = row.get("period")
        if text not in months:
            # An extract repeats a few hundred period strings, so parse each once.
            try:
                months[text] = parse_month(text)
            except PeriodError:
                months[text] = None
        month = months[text]
        if month is None:
            continue
        if month > report_month:
            later[row.get("indicator")].append((month, row))
    problems: list[Problem] = []
    for indicator, found in sorted(later.items()):
        row = found[0][1]
        last = month_text(max(month for month, _ in found))
        problems.append(
            Problem(
                row.file,
                row.line,
                "period",
                f"{indicator} has {len(found)} row(s) after the report period "
                f"{month_text(report_month)}, up to {last}",
                LATER_ROWS_HINT,
                Severity.NOTE,
            )
        )
    return problems


def build_dataset(
    raw: dict[str, list[RawRow]], context: RowContext
) -> tuple[Dataset, set[str], list[Problem]]:
    """The dataset, the indicator ids that values.csv names, and every problem found."""
    problems: list[Problem] = []
    read = convert_rows(
        raw["values.csv"],
        context,
        ValueRules.of,
        build_observation,
        lambda o: (o.variant, o.period.end),
        problems,
    )
    observations, missing = split_value_rows(read.items)
    benchmark_rows = convert_rows(
        raw["benchmarks.csv"], context, BenchmarkRules.of, build_benchmark_row, row_key, problems
    )
    benchmarks, authorities, unpublished = split_benchmark_rows(benchmark_rows.items)
    breakdowns = convert_rows(
        raw["breakdowns.csv"],
        context,
        as_is,
        build_breakdown,
        lambda c: (c.period.end, c.dimension, c.category),
        problems,
    )
    if context.report_month is not None:
        for name in ("values.csv", "benchmarks.csv", "breakdowns.csv"):
            problems += later_rows(raw[name], context.report_month)
    # A breakdown keeps the extract's order of dimensions and categories ("Under 1" before
    # "1 to 4"), not the alphabet's: the grouping sorted them by name to find duplicates.
    in_extract_order = {
        indicator: tuple(sorted(cells, key=lambda c: (c.period.end, c.line)))
        for indicator, cells in breakdowns.items.items()
    }
    dataset = Dataset(observations, benchmarks, in_extract_order, authorities, unpublished, missing)
    return dataset, read.named, problems


def split_value_rows(
    items: Mapping[str, tuple[Observation | Unpublished, ...]],
) -> tuple[dict[str, tuple[Observation, ...]], dict[str, tuple[Unpublished, ...]]]:
    """Our figures, and our figures the extract marks as missing for a reason."""
    observations: dict[str, tuple[Observation, ...]] = {}
    missing: dict[str, tuple[Unpublished, ...]] = {}
    for indicator, rows in items.items():
        given = tuple(row for row in rows if isinstance(row, Observation))
        if given or not any(isinstance(row, Unpublished) for row in rows):
            observations[indicator] = given
        marked = tuple(row for row in rows if isinstance(row, Unpublished))
        if marked:
            missing[indicator] = marked
    return observations, missing


def split_benchmark_rows(
    items: Mapping[str, tuple[BenchmarkValue | AuthorityValue | Unpublished, ...]],
) -> tuple[
    dict[str, tuple[BenchmarkValue, ...]],
    dict[str, tuple[AuthorityValue, ...]],
    dict[str, tuple[Unpublished, ...]],
]:
    """Comparators' figures, every authority's, and the comparators' figures not published."""
    benchmarks: dict[str, tuple[BenchmarkValue, ...]] = {}
    authorities: dict[str, tuple[AuthorityValue, ...]] = {}
    unpublished: dict[str, tuple[Unpublished, ...]] = {}
    for indicator, rows in items.items():
        comparators = tuple(row for row in rows if isinstance(row, BenchmarkValue))
        if comparators:
            benchmarks[indicator] = comparators
        every = tuple(row for row in rows if isinstance(row, AuthorityValue))
        if every:
            authorities[indicator] = every
        missing = tuple(row for row in rows if isinstance(row, Unpublished) and not row.is_authority)
        if missing:
            unpublished[indicator] = missing
    return benchmarks, authorities, unpublished
