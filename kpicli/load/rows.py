"""Turn extract rows into typed figures, checking each against its indicator's definition."""

from __future__ import annotations

import difflib
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar

from kpicli.errors import Problem, Severity
from kpicli.load.extracts import RawRow
from kpicli.load.symbols import missing_symbol, split_flags, with_cell
from kpicli.models.areas import AuthorityValue, Symbol, Unpublished
from kpicli.models.data import HEADLINE, BenchmarkValue, BreakdownCell, Dataset, Observation
from kpicli.models.definition import BenchmarkRule, IndicatorDefinition, Unit
from kpicli.periods import (
    MONTH_NAMES,
    Frequency,
    Period,
    PeriodError,
    month_number,
    month_text,
    month_year,
    parse_month,
)

COUNT_UNITS = frozenset({Unit.COUNT})
NON_NEGATIVE_UNITS = frozenset({Unit.COUNT, Unit.PERCENT, Unit.RATE})
NOT_NUMBERS_HINT = "write a number with no symbols; leave the row out if there is no figure"
DUPLICATE_HINT = "keep one row per indicator, period and variant (or area, or category)"
T = TypeVar("T")
P = TypeVar("P")


class RowError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def fail(row: RawRow, column: str, message: str, hint: str = "") -> RowError:
    return RowError(Problem(row.file, row.line, column, message, hint))


# Numbers are plain ASCII decimals: float() alone would also take 3_52, Arabic-Indic digits,
# 1e5 and "infinity", which no extract means.
PLAIN_NUMBER = re.compile(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)\Z")
THOUSANDS = re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?\Z")
# A cell made of these alone is read the same by float() as by the careful reading.
NUMBER_CHARACTERS = "0123456789.-"
# No council figure comes near this; beyond it sums and roundings lose meaning (and overflow).
MAX_FIGURE = 1e15
MAX_FIGURE_SQUARED = MAX_FIGURE * MAX_FIGURE
COMMA_HINT = "write a decimal point, as in 3.5; a comma may only separate thousands, as in 1,234"


def parse_number(row: RawRow, column: str, required: bool, percent: bool = False) -> float | None:
    """The cell as a number: a plain decimal, with commas only between thousands and, for a
    percentage's value, an optional % sign."""
    text = row.get(column)
    if not text:
        if required:
            raise fail(row, column, "is empty", "give a number")
        return None
    if text.strip(NUMBER_CHARACTERS):
        number = parse_number_carefully(row, column, text, percent)
    else:
        # Fast path for the common plain number: only digits, point and minus.
        try:
            number = float(text)
        except ValueError:
            number = parse_number_carefully(row, column, text, percent)
    if not -MAX_FIGURE < number < MAX_FIGURE:
        raise fail(
            row, column, f"'{text}' is too large for a figure", f"figures must be below {MAX_FIGURE:,.0f}"
        )
    return number


def parse_number_carefully(row: RawRow, column: str, text: str, percent: bool) -> float:
    written = text
    if text.endswith("%"):
        if not percent:
            raise fail(
                row, column, f"'{written}' has a % sign but is not a percentage", "write the number alone"
            )
        text = text[:-1].rstrip()
    if "," in text:
        if not THOUSANDS.match(text):
            raise fail(row, column, f"'{written}' has a comma that is not a thousands separator", COMMA_HINT)
        text = text.replace(",", "")
    if not PLAIN_NUMBER.match(text):
        raise fail(row, column, f"'{written}' is not a number", NOT_NUMBERS_HINT)
    return float(text)


@functools.lru_cache(maxsize=65536)
def cached_period(text: str, frequency: Frequency) -> Period:
    # An extract repeats a few hundred period strings over thousands of rows; Period is frozen,
    # so one parsed instance can serve them all (errors are raised afresh, never cached).
    return Period.parse(text, frequency)


def parse_period(row: RawRow, frequency: Frequency, year_end: int | None = None) -> Period:
    try:
        period = cached_period(row.get("period"), frequency)
    except PeriodError as error:
        raise fail(row, "period", str(error)) from None
    check_year_end(row, period, year_end)
    return period


def check_year_end(row: RawRow, period: Period, year_end: int | None) -> None:
    """An annual indicator's figures all end (or are taken) in its year_end month."""
    if year_end is not None and period.frequency is Frequency.ANNUAL and month_number(period.end) != year_end:
        raise fail(
            row,
            "period",
            f"period {period.code} does not end in {MONTH_NAMES[year_end - 1]}, the month this "
            f"indicator's year ends (year_end: {year_end})",
            f"write {month_year(period.end)}-{year_end:02d} or earlier",
        )


# Periods already read, by frequency and by the text exactly as written: an extract repeats a
# few hundred period strings over thousands of rows, and Period is frozen, so one parsed
# instance can serve them all.
# An annual indicator's periods are checked against its year_end, so they are remembered apart.
KNOWN_PERIODS: dict[tuple[Frequency, int | None], dict[str, Period]] = defaultdict(dict)


@dataclass(frozen=True, slots=True)
class ValueRules:
    """What build_observation reads from a definition, read once per indicator: a pydantic
    attribute costs several times a slot's, and values.csv has a row per indicator and month."""

    definition: IndicatorDefinition
    id: str
    frequency: Frequency
    percent: bool
    count: bool
    non_negative: bool
    decimals: int
    # What numerator / denominator is multiplied by to give the value, if it can be derived.
    factor: float | None
    tolerance: float
    periods: dict[str, Period]
    # The file's header positions these rules were made for, and the positions of the
    # period, numerator, denominator, value, variant and note columns in it (None if the file
    # lacks one: its rows are then all read carefully).
    columns: Mapping[str, int]
    positions: tuple[int, int, int, int, int, int] | None

    @classmethod
    def of(cls, definition: IndicatorDefinition, columns: Mapping[str, int]) -> ValueRules:
        unit = definition.unit
        factor: float | None = None
        if unit is Unit.PERCENT:
            factor = 100
        elif unit is Unit.RATE and definition.rate_per:
            factor = definition.rate_per
        return cls(
            definition,
            definition.id,
            definition.frequency,
            unit is Unit.PERCENT,
            unit is Unit.COUNT,
            unit in NON_NEGATIVE_UNITS,
            definition.decimals,
            factor,
            0.5 * 10**-definition.decimals + 1e-9,
            KNOWN_PERIODS[definition.frequency, definition.year_end],
            columns,
            quick_positions(columns),
        )


QUICK_COLUMNS = ("period", "numerator", "denominator", "value", "variant", "note")


def quick_positions(columns: Mapping[str, int]) -> tuple[int, int, int, int, int, int] | None:
    if not all(column in columns for column in QUICK_COLUMNS):
        return None
    period, numerator, denominator, value, variant, note = (columns[column] for column in QUICK_COLUMNS)
    return period, numerator, denominator, value, variant, note


def build_observation(row: RawRow, rules: ValueRules) -> Observation | Unpublished:
    """The quick reading of a plain row: every column present, a period read before, numbers
    float() accepts, no variant. Anything else is read by build_observation_carefully, which
    gives the same observation or the error; test_rows proves the two agree."""
    values, positions = row.values, rules.positions
    if positions is None or row.columns is not rules.columns or len(values) != len(rules.columns):
        return build_observation_carefully(row, rules)
    at_period, at_numerator, at_denominator, at_value, at_variant, at_note = positions
    period = rules.periods.get(values[at_period])
    numerator_text, denominator_text, value_text = (
        values[at_numerator],
        values[at_denominator],
        values[at_value],
    )
    # One test for all three cells: digits, point and minus only, as parse_number's fast path.
    if (numerator_text + denominator_text + value_text).strip(NUMBER_CHARACTERS):
        return build_observation_carefully(row, rules)
    try:
        numerator = float(numerator_text) if numerator_text else None
        denominator = float(denominator_text) if denominator_text else None
        value = float(value_text) if value_text else None
    except ValueError:
        return build_observation_carefully(row, rules)
    # One test that none of the three is too large (or overflowed to infinity), without a call.
    numerator_or_0, denominator_or_0, value_or_0 = numerator or 0.0, denominator or 0.0, value or 0.0
    if (
        period is None
        or values[at_variant]
        or numerator_or_0 * numerator_or_0 + denominator_or_0 * denominator_or_0 + value_or_0 * value_or_0
        >= MAX_FIGURE_SQUARED
    ):
        return build_observation_carefully(row, rules)
    note = values[at_note]
    return checked_observation(
        row, rules, period, numerator, denominator, value, HEADLINE, note.strip() if note else ""
    )


def build_observation_carefully(row: RawRow, rules: ValueRules) -> Observation | Unpublished:
    written = row.cell("period")
    try:
        period = cached_period(row.get("period"), rules.frequency)
    except PeriodError as error:
        raise fail(row, "period", str(error)) from None
    check_year_end(row, period, rules.definition.year_end)
    if written is not None:
        if len(rules.periods) > 65536:
            rules.periods.clear()
        rules.periods[written] = period
    variant = row.get("variant")
    if variant:
        check_variant(row, variant, rules.definition)
    written_value = row.get("value")
    symbol = missing_symbol(written_value) if written_value else None
    if symbol is not None:
        # Missing for a reason the source gives ([c] suppressed, [x] not available...).
        return Unpublished(rules.id, period, "", symbol, variant or HEADLINE)
    note = row.get("note")
    number, flags = split_flags(written_value)
    if flags:
        row = with_cell(row, "value", number)
        note = "; ".join(part for part in (note, *(FLAG_WORDS[flag] for flag in flags)) if part)
    numerator = parse_number(row, "numerator", required=False)
    denominator = parse_number(row, "denominator", required=False)
    value = parse_number(row, "value", required=False, percent=rules.percent)
    return checked_observation(row, rules, period, numerator, denominator, value, variant or HEADLINE, note)


# What a flag after a figure adds to its note.
FLAG_WORDS = {
    Symbol.PROVISIONAL: "Provisional",
    Symbol.REVISED: "Revised",
    Symbol.LOW_RELIABILITY: "Low reliability",
}


def checked_observation(
    row: RawRow,
    rules: ValueRules,
    period: Period,
    numerator: float | None,
    denominator: float | None,
    value: float | None,
    variant: str,
    note: str,
) -> Observation:
    if rules.non_negative and ((numerator or 0) < 0 or (denominator or 0) < 0 or (value or 0) < 0):
        check_not_negative(row, numerator, denominator, value)
    derived = None
    if numerator is not None and denominator is not None:
        if denominator == 0:
            raise fail(row, "denominator", "is zero", "a percentage or rate needs a denominator above zero")
        if numerator > denominator and rules.percent:
            raise fail(
                row,
                "numerator",
                f"{numerator:g} is more than the denominator {denominator:g}",
                "check the two columns are not swapped",
            )
        if rules.factor is not None:
            derived = numerator / denominator * rules.factor
    if value is None and derived is None:
        raise fail(row, "value", "is empty", "give value, or numerator and denominator")
    if value is not None and derived is not None and abs(value - derived) > rules.tolerance:
        raise fail(
            row,
            "value",
            f"{value:g} does not match numerator/denominator ({derived:.{rules.decimals}f})",
            "correct one of them, or leave value blank",
        )
    final = value if value is not None else derived
    assert final is not None
    if rules.percent and not 0 <= final <= 100:
        raise fail(
            row,
            "value",
            f"{final:g} is not a percentage between 0 and 100",
            "percentages are written 54, not 0.54 or 154",
        )
    if rules.count and final != int(final):
        raise fail(row, "value", f"{final:g} is not a whole number", "counts are whole numbers")
    # tuple.__new__ makes the named tuple (every field given) without its constructor's
    # Python call: there is an observation for every row.
    return tuple.__new__(Observation, (rules.id, period, final, numerator, denominator, variant, note))


def check_variant(row: RawRow, variant: str, definition: IndicatorDefinition) -> None:
    known_variants = {variant.id for variant in definition.variants}
    if variant not in known_variants:
        hint = (
            "use one of " + ", ".join(sorted(known_variants))
            if known_variants
            else "this indicator has no variants; leave it blank"
        )
        raise fail(row, "variant", f"'{variant}' is not a variant of {definition.id}", hint)


def check_not_negative(
    row: RawRow, numerator: float | None, denominator: float | None, value: float | None
) -> None:
    for column, number in (
        ("numerator", numerator),
        ("denominator", denominator),
        ("value", value),
    ):
        if number is not None and number < 0:
            raise fail(
                row,
                column,
                f"{number:g} is negative",
                "counts, percentages and rates cannot be below zero",
            )


def allowed_areas(definition: IndicatorDefinition) -> set[str]:
    areas = set(definition.comparators)
    if isinstance(definition.rag, BenchmarkRule):
        areas |= set(definition.rag.comparators)
    return areas


def build_benchmark(row: RawRow, definition: IndicatorDefinition) -> BenchmarkValue:
    area = row.get("area")
    if area not in allowed_areas(definition):
        named = ", ".join(sorted(allowed_areas(definition))) or "none"
        raise fail(
            row,
            "area",
            f"'{area}' is not a comparator of {definition.id}",
            f"its definition names: {named}; add it to comparators",
        )
    period = parse_period(row, definition.comparison_frequency, definition.year_end)
    basis = definition.benchmark_basis
    percent = basis.unit == "percent" if basis is not None else definition.unit is Unit.PERCENT
    value = parse_number(row, "value", required=True, percent=percent)
    assert value is not None
    if definition.benchmark_basis is None and definition.unit is Unit.PERCENT and not 0 <= value <= 100:
        raise fail(
            row,
            "value",
            f"{value:g} is not a percentage between 0 and 100",
            "percentages are written 54, not 0.54",
        )
    return BenchmarkValue(definition.id, period, area, value)


def build_breakdown(row: RawRow, definition: IndicatorDefinition) -> BreakdownCell:
    period = parse_period(row, definition.frequency)
    for column in ("dimension", "category"):
        if not row.get(column):
            raise fail(row, column, "is empty", "name the breakdown and the category")
    value = parse_number(row, "value", required=True)
    assert value is not None
    if value < 0:
        raise fail(row, "value", f"{value:g} is negative", "breakdown counts cannot be below zero")
    return BreakdownCell(definition.id, period, row.get("dimension"), row.get("category"), value, row.line)


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


def as_is(definition: IndicatorDefinition, columns: Mapping[str, int]) -> IndicatorDefinition:
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


# The hint of the note about rows later than the report period: information, not a warning
# (a re-run of an old paper rightly ignores them), so neither strict mode counts it.
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
                Severity.WARNING,
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
    from kpicli.load.benchmark_rows import BenchmarkRules, build_benchmark_row, row_key

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
