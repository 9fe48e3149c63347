"""Read the extracts from an .xlsx workbook: one visible sheet or named table per extract."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kpicli.errors import Problem
from kpicli.load.extracts import OPTIONAL_FILES, RawRow
from kpicli.load.files import MAX_EXTRACT_BYTES, checked_file
from kpicli.load.sources.grid import cell_text, table_rows
from kpicli.models.config import EXTRACT_NAMES, ExcelSource, SheetChoice

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

UNREADABLE_HINT = "save it as an Excel Workbook (.xlsx); .xls files and CSV are not read as workbooks"


class Grid:
    """One extract's cells: the sheet, and the rows and columns its header and data occupy."""

    def __init__(
        self, sheet: Worksheet, label: str, first_row: int, last_row: int, first_col: int, last_col: int
    ) -> None:
        self.sheet = sheet
        self.label = label
        self.first_row = first_row
        self.last_row = last_row
        self.first_col = first_col
        self.last_col = last_col


def read_workbook(
    path: Path, shown: str, source: ExcelSource
) -> tuple[dict[str, list[RawRow]], list[Problem]]:
    raw: dict[str, list[RawRow]] = {f"{name}.csv": [] for name in EXTRACT_NAMES}
    if not path.is_file():
        return raw, [
            Problem(shown, None, "", "is missing", "source.workbook in kpicli.yaml names this workbook")
        ]
    workbook, problems = open_workbook(path, shown)
    if workbook is None:
        return raw, problems
    for name in EXTRACT_NAMES:
        choice = source.extracts.get(name)
        grid, found = find_grid(workbook, shown, name, choice)
        problems += found
        if grid is not None:
            raw[f"{name}.csv"], found = read_grid(grid, f"{shown}[{grid.label}]", f"{name}.csv")
            problems += found
    return raw, problems


def open_workbook(path: Path, shown: str) -> tuple[Workbook | None, list[Problem]]:
    from openpyxl import load_workbook

    problems = checked_file(path, shown, MAX_EXTRACT_BYTES)
    if problems:
        return None, problems
    try:
        # data_only: a formula cell gives the value Excel last calculated, as a CSV export would.
        return load_workbook(path, data_only=True), []
    except Exception as error:
        return None, [
            Problem(
                shown,
                None,
                "",
                f"cannot be read as an Excel workbook ({type(error).__name__})",
                UNREADABLE_HINT,
            )
        ]


def visible(sheet: Worksheet) -> bool:
    return sheet.sheet_state == "visible"


def find_grid(
    workbook: Workbook, shown: str, name: str, choice: SheetChoice | None
) -> tuple[Grid | None, list[Problem]]:
    if choice is not None and choice.table is not None:
        return find_table(workbook, shown, name, choice.table)
    wanted = choice.sheet if choice is not None and choice.sheet is not None else name
    sheets = [sheet for sheet in workbook.worksheets]
    exact = [sheet for sheet in sheets if sheet.title == wanted]
    matches = exact or [sheet for sheet in sheets if sheet.title.strip().lower() == wanted.strip().lower()]
    shown_names = [sheet.title for sheet in sheets if visible(sheet)]
    if not [sheet for sheet in matches if visible(sheet)]:
        if matches:
            return None, [
                Problem(
                    shown,
                    None,
                    "",
                    f"sheet '{matches[0].title}' for {name} is hidden",
                    "hidden sheets are ignored; unhide it or name another sheet in kpicli.yaml",
                )
            ]
        if choice is None and f"{name}.csv" in OPTIONAL_FILES:
            return None, []
        close = difflib.get_close_matches(wanted, shown_names, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "its visible sheets are " + ", ".join(shown_names)
        return None, [Problem(shown, None, "", f"has no sheet '{wanted}' for {name}", hint)]
    sheet = next(sheet for sheet in matches if visible(sheet))
    return Grid(sheet, sheet.title, 1, sheet.max_row, 1, sheet.max_column), []


def find_table(
    workbook: Workbook, shown: str, name: str, table_name: str
) -> tuple[Grid | None, list[Problem]]:
    from openpyxl.utils.cell import range_boundaries

    tables = {table: sheet for sheet in workbook.worksheets for table in sheet.tables}
    sheet = tables.get(table_name)
    if sheet is None:
        found = ", ".join(sorted(t for t, s in tables.items() if visible(s))) or "none"
        return None, [
            Problem(shown, None, "", f"has no table '{table_name}' for {name}", f"its tables are: {found}")
        ]
    if not visible(sheet):
        return None, [
            Problem(
                shown,
                None,
                "",
                f"table '{table_name}' is on hidden sheet '{sheet.title}'",
                "hidden sheets are ignored; unhide the sheet",
            )
        ]
    first_col, first_row, last_col, last_row = range_boundaries(sheet.tables[table_name].ref)
    assert first_col is not None and first_row is not None and last_col is not None and last_row is not None
    return Grid(sheet, f"{sheet.title}/{table_name}", first_row, last_row, first_col, last_col), []


def read_grid(grid: Grid, shown: str, name: str) -> tuple[list[RawRow], list[Problem]]:
    merged = merged_problems(grid, shown)
    if merged:
        return [], merged
    header = [cell_text(value, "") for value in row_values(grid, grid.first_row)]
    return table_rows(header, grid.first_row, body_rows(grid, header), shown, name)


def row_values(grid: Grid, row: int) -> list[object]:
    cells = grid.sheet.iter_rows(
        min_row=row, max_row=row, min_col=grid.first_col, max_col=grid.last_col, values_only=True
    )
    return list(next(cells, ()))


def body_rows(grid: Grid, header: Sequence[str]) -> Iterator[tuple[int, list[str]]]:
    columns = [column.strip().lower() for column in header]
    rows = grid.sheet.iter_rows(
        min_row=grid.first_row + 1, max_row=grid.last_row, min_col=grid.first_col, max_col=grid.last_col
    )
    for offset, cells in enumerate(rows):
        texts = [
            cell_text(
                cell.value,
                columns[i] if i < len(columns) else "",
                percent=is_percent(cell.number_format, cell.value),
                excel=True,
            )
            for i, cell in enumerate(cells)
        ]
        yield grid.first_row + 1 + offset, texts


def is_percent(number_format: str, value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and "%" in number_format.replace("\\%", "")
    )


def merged_problems(grid: Grid, shown: str) -> list[Problem]:
    """A merged header hides which column is which; merged data cells would read as blanks."""
    problems = []
    for cells in grid.sheet.merged_cells.ranges:
        if cells.max_row < grid.first_row or cells.min_row > grid.last_row:
            continue
        if cells.max_col < grid.first_col or cells.min_col > grid.last_col:
            continue
        where = "header cells" if cells.min_row == grid.first_row else "cells"
        problems.append(
            Problem(
                shown,
                cells.min_row,
                "",
                f"{where} {cells.coord} are merged",
                "unmerge them so every column has its own heading and every row its own values",
            )
        )
    return problems
