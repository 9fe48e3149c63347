"""Rows from a grid of cells (a sheet, a named table or a query result) checked like a CSV file.

Cells arrive as Python values; they become the text a CSV export would hold, so load checks
them exactly as it checks CSV.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from kpicli.errors import Problem, Severity
from kpicli.load.extracts import (
    MAX_EXTRACT_ROWS,
    RawRow,
    column_positions,
    header_problems,
    no_rows,
    too_many_rows,
)

# Excel keeps 15 significant digits; more would expose binary noise (0.1+0.2) no CSV export shows.
EXCEL_DIGITS = ".15g"


def cell_text(value: object, column: str, percent: bool = False, excel: bool = False) -> str:
    """The text a CSV export would hold for this value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        # A period typed into Excel becomes a date; any day of the month names that month.
        return f"{value.year:04d}-{value.month:02d}" if column == "period" else value.isoformat()
    if isinstance(value, int | float | Decimal):
        return number_text(value, percent, excel)
    return str(value)


def number_text(value: int | float | Decimal, percent: bool, excel: bool) -> str:
    exact = repr(value) if isinstance(value, float) else str(value)
    text = format(value, EXCEL_DIGITS) if excel and isinstance(value, float) else exact
    if percent:
        # A cell shown as 54% holds 0.54; decimal arithmetic keeps 54 from becoming 54.00000000000001.
        return format((Decimal(text) * 100).normalize(), "f")
    return text


def table_rows(
    header_cells: Sequence[str],
    header_line: int | None,
    body: Iterable[tuple[int, Sequence[str]]],
    shown: str,
    name: str,
) -> tuple[list[RawRow], list[Problem]]:
    """Check the header as for CSV, then keep each non-blank row with its row number."""
    header = [cell.strip().lower() for cell in header_cells]
    while header and not header[-1]:
        header.pop()
    problems = [dataclasses.replace(p, line=header_line) for p in header_problems(header, shown, name)]
    if any(problem.severity is Severity.ERROR for problem in problems):
        return [], problems
    rows: list[RawRow] = []
    columns = column_positions(header)
    for line, cells in body:
        if not any(cell.strip() for cell in cells):
            continue
        if any(cell.strip() for cell in cells[len(header) :]):
            problems.append(
                Problem(
                    shown,
                    line,
                    "",
                    "has a value in a column with no heading",
                    "give the column a heading or clear the cell",
                )
            )
            continue
        if len(rows) == MAX_EXTRACT_ROWS:
            problems.append(too_many_rows(shown, line))
            break
        rows.append(RawRow(shown, line, list(cells), columns))
    return rows, problems + no_rows(rows, problems, shown, header_line, name)
