"""Cells from workbooks and databases become the text a CSV export would hold."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kpicli.errors import Severity
from kpicli.load.sources.grid import cell_text, table_rows


@pytest.mark.parametrize(
    ("value", "column", "percent", "excel", "expected"),
    [
        (None, "value", False, False, ""),
        (dt.datetime(2019, 8, 1), "period", False, True, "2019-08"),
        (dt.date(2019, 6, 30), "period", False, False, "2019-06"),
        (dt.date(2019, 6, 30), "note", False, False, "2019-06-30"),
        (0.54, "value", True, True, "54"),
        (0.545, "value", True, True, "54.5"),
        (1, "value", True, True, "100"),
        (0.1 + 0.2, "value", False, True, "0.3"),
        (0.1 + 0.2, "value", False, False, repr(0.1 + 0.2)),
        (Decimal("87.50"), "value", False, False, "87.50"),
        (14, "value", False, True, "14"),
        (True, "value", False, False, "TRUE"),
        (" 1,234 ", "value", False, True, " 1,234 "),
    ],
)
def test_cell_text(value: object, column: str, percent: bool, excel: bool, expected: str) -> None:
    assert cell_text(value, column, percent=percent, excel=excel) == expected


def test_percent_fractions_read_back_exactly() -> None:
    for whole in ("54", "33.3", "87.5", "0.1", "99.99"):
        fraction = float(Decimal(whole) / 100)
        assert float(cell_text(fraction, "value", percent=True, excel=True)) == float(whole)


def test_rows_keep_their_numbers_and_skip_blank_rows() -> None:
    body = [(2, ["a", "2019-08", "1"]), (3, ["", " ", ""]), (4, ["b", "2019-08", "2"])]
    rows, problems = table_rows(["Indicator", "period ", "value"], 1, body, "book.xlsx[Values]", "values.csv")
    assert problems == []
    assert [(row.line, row.get("indicator")) for row in rows] == [(2, "a"), (4, "b")]


def test_wrong_columns_name_the_source_and_header_row() -> None:
    rows, problems = table_rows(["indicator", "month", "value"], 3, [], "book.xlsx[Values/tbl]", "values.csv")
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert rows == []
    assert [str(p) for p in errors] == [
        "book.xlsx[Values/tbl]:3: period: required column is missing (the header must include indicator, period)"
    ]


def test_values_with_no_rows_is_an_error_and_benchmarks_a_warning() -> None:
    _, values = table_rows(["indicator", "period", "value"], None, [], "sql[values]", "values.csv")
    _, benchmarks = table_rows(
        ["indicator", "period", "area", "value"], None, [], "sql[benchmarks]", "benchmarks.csv"
    )
    assert [(p.message, p.severity) for p in values] == [("has no rows", Severity.ERROR)]
    assert [(p.message, p.severity) for p in benchmarks] == [("has no rows", Severity.WARNING)]


def test_a_value_beyond_the_headings_is_rejected() -> None:
    _, problems = table_rows(
        ["indicator", "period", "value", ""], 1, [(2, ["a", "2019-08", "1", "x"])], "s", "values.csv"
    )
    assert (2, "has a value in a column with no heading") in [(p.line, p.message) for p in problems]
