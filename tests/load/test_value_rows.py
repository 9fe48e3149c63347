"""build_observation's quick reading of a plain row agrees with the careful one on every row."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import definition
from kpicli.errors import Problem
from kpicli.load.benchmark_rows import build_benchmark
from kpicli.load.cells import RowError
from kpicli.load.dataset import RowContext, as_is, convert_rows
from kpicli.load.extracts import RawRow
from kpicli.load.value_rows import ValueRules, build_observation, build_observation_carefully, known_periods
from kpicli.models.data import Observation
from kpicli.models.definition import IndicatorDefinition

DEFINITIONS = {
    unit: IndicatorDefinition.model_validate(
        definition(
            f"an-indicator-in-{unit}",
            1,
            unit=unit,
            decimals=1,
            **({"rate_per": 10_000} if unit == "rate" else {}),
            variants=[{"id": "excluding-declined", "label": "excluding those who decline"}],
        )
    )
    for unit in ("count", "percent", "rate", "currency", "days", "number")
}
NUMBERS = [
    "", " ", "0", "-0", "3", "12", " 12 ", "12.0", "12.5", "54", "90", "100", "101", "-3",
    "1,250", "54%", "1e400", "nan", "inf", "-inf", "1_000", "\u00a012", "12\u2003", "abc",
    "0.54", "1e308",
]  # fmt: skip
PERIODS = ["2019-08", " 2019-08", "2019-08 ", "2019-8", "2019-13", "", "Aug 2019", "2019-07"]
VARIANTS = ["", " ", "excluding-declined", "unknown-variant"]
NOTES = ["", "  provisional  ", "revised"]
HEADER = ("indicator", "period", "value", "numerator", "denominator", "variant", "note")


def outcome(build: Any, row: RawRow, rules: ValueRules) -> Observation | Problem:
    try:
        return build(row, rules)  # type: ignore[no-any-return]
    except RowError as error:
        return error.problem


@settings(max_examples=400, deadline=None)
@given(
    unit=st.sampled_from(sorted(DEFINITIONS)),
    period=st.sampled_from(PERIODS),
    numerator=st.sampled_from(NUMBERS),
    denominator=st.sampled_from(NUMBERS),
    value=st.sampled_from(NUMBERS),
    variant=st.sampled_from(VARIANTS),
    note=st.sampled_from(NOTES),
    cold=st.booleans(),
    header=st.permutations(HEADER).flatmap(
        lambda order: st.sampled_from([order, order[:-1], tuple(c for c in order if c != "variant")])
    ),
    cut=st.integers(0, 2),
)
def test_quick_and_careful_readings_agree(
    unit: str,
    period: str,
    numerator: str,
    denominator: str,
    value: str,
    variant: str,
    note: str,
    cold: bool,
    header: tuple[str, ...],
    cut: int,
) -> None:
    """Whatever the cells, the order of the columns, a missing optional column or a row
    that stops short."""
    cells = {
        "indicator": DEFINITIONS[unit].id,
        "period": period,
        "numerator": numerator,
        "denominator": denominator,
        "value": value,
        "variant": variant,
        "note": note,
    }
    columns = {column: index for index, column in enumerate(header)}
    values = [cells[column] for column in header]
    row = RawRow("data/values.csv", 7, values[: len(values) - cut], columns)
    if cold:
        # The quick reading must also be right before any period has been read carefully.
        known_periods.cache_clear()
    rules = ValueRules.of(DEFINITIONS[unit], columns)
    quick = outcome(build_observation, row, rules)
    careful = outcome(build_observation_carefully, row, rules)
    assert quick == careful
    # Once the careful reading has remembered the period, the quick one still agrees.
    assert outcome(build_observation, row, rules) == careful


def test_missing_cells_are_read_carefully() -> None:
    """A short row's dict has no cell for the later columns; nothing is read as None's text."""
    columns = {column: index for index, column in enumerate(HEADER)}
    rules = ValueRules.of(DEFINITIONS["count"], columns)
    row = RawRow("data/values.csv", 3, [DEFINITIONS["count"].id, "2019-08"], columns)
    problem = outcome(build_observation, row, rules)
    assert problem == Problem(
        "data/values.csv", 3, "value", "is empty", "give value, or numerator and denominator"
    )


@pytest.mark.parametrize("written", ["count-indicator", " count-indicator "])
def test_rows_are_grouped_by_indicator_and_sorted_with_duplicates_named(written: str) -> None:
    known = IndicatorDefinition.model_validate(definition("count-indicator", 1, comparators=["London"]))
    rows = [
        RawRow.of("benchmarks.csv", 2, {"indicator": written, "period": "2019-08", "area": "London", "value": "5"}),
        RawRow.of("benchmarks.csv", 3, {"indicator": written, "period": "2019-07", "area": "London", "value": "4"}),
        RawRow.of("benchmarks.csv", 4, {"indicator": "count-indicator", "period": "2019-08", "area": "London", "value": "6"}),
        RawRow.of("benchmarks.csv", 5, {"indicator": "countindicator", "period": "2019-08", "area": "London", "value": "6"}),
    ]  # fmt: skip
    problems: list[Problem] = []
    converted = convert_rows(
        rows,
        RowContext({known.id: known}),
        as_is,
        build_benchmark,
        lambda b: (b.area, b.period.end),
        problems,
    )
    assert [b.value for b in converted.items["count-indicator"]] == [4, 5]
    assert converted.named == {"count-indicator", "countindicator"}
    assert [(p.line, p.message, p.hint) for p in problems] == [
        (4, "duplicates line 2", "keep one row per indicator, period and variant (or area, or category)"),
        (5, "'countindicator' has no definition", "did you mean 'count-indicator'?"),
    ]


@pytest.mark.parametrize(
    ("period", "message", "hint"),
    [
        ("2019-13", "'2019-13' has month 13; months run from 01 to 12", ""),
        (
            "2019-08",
            "period 2019-08 does not end in March, the month this indicator's year ends (year_end: 3)",
            "write 2019-03 or earlier",
        ),
    ],
)
def test_a_bad_period_is_named_as_every_extract_names_it(period: str, message: str, hint: str) -> None:
    annual = IndicatorDefinition.model_validate(
        definition("annual-indicator", 1, frequency="annual", year_end=3)
    )
    columns = {column: index for index, column in enumerate(HEADER)}
    row = RawRow("data/values.csv", 4, [annual.id, period, "5", "", "", "", ""], columns)
    problem = outcome(build_observation_carefully, row, ValueRules.of(annual, columns))
    assert problem == Problem("data/values.csv", 4, "period", message, hint)
