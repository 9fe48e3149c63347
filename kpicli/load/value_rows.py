"""Rows of values.csv: our own figures, each checked against its indicator's definition."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from kpicli.load.cells import (
    MAX_FIGURE_SQUARED,
    NUMBER_CHARACTERS,
    fail,
    parse_number,
    parse_period,
)
from kpicli.load.extracts import RawRow
from kpicli.load.symbols import missing_symbol, split_flags, with_cell
from kpicli.models.areas import Symbol, Unpublished
from kpicli.models.data import HEADLINE, Observation
from kpicli.models.definition import IndicatorDefinition, Unit
from kpicli.periods import Frequency, Period

NON_NEGATIVE_UNITS = frozenset({Unit.COUNT, Unit.PERCENT, Unit.RATE})


# Periods already read, by frequency and by the text exactly as written: an extract repeats a
# few hundred period strings over thousands of rows, and Period is frozen, so one parsed
# instance can serve them all.
# An annual indicator's periods are checked against its year_end, so they are remembered apart.
@functools.cache
def known_periods(frequency: Frequency, year_end: int | None) -> dict[str, Period]:  # noqa: ARG001
    """One empty dict for each frequency and year end, shared by every indicator that has them."""
    return {}


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
            known_periods(definition.frequency, definition.year_end),
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
    gives the same observation or the error; tests/load/test_value_rows.py proves the two agree."""
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
    period = parse_period(row, rules.frequency, rules.definition.year_end)
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
    return Observation(rules.id, period, final, numerator, denominator, variant, note)


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
