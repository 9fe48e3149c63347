"""Read the CSV extracts: rows keep their line numbers so every problem can point at one."""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from kpicli.errors import Problem, Severity
from kpicli.load.files import MAX_EXTRACT_BYTES, read_user_text

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "values.csv": ("indicator", "period"),
    "benchmarks.csv": ("indicator", "period", "area", "value"),
    "breakdowns.csv": ("indicator", "period", "dimension", "category", "value"),
}
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "values.csv": ("value", "numerator", "denominator", "variant", "note"),
    "benchmarks.csv": ("area_code", "la_code", "region", "published"),
    "breakdowns.csv": (),
}
OPTIONAL_FILES = frozenset({"breakdowns.csv"})
# Four times the 1,000 indicators by 120 months kpicli is measured on; the rows of a larger
# extract would not fit the memory budget, so reading stops here with an error.
MAX_EXTRACT_ROWS = 500_000


class RawRow(NamedTuple):
    """A row of an extract as text, with the file and the line it came from.

    The cells are kept as the list the reader gave, beside the header's positions, which all
    the rows of a file share: a dict for each row would cost more than everything else done
    with most rows of values.csv. A named tuple, as immutable as a frozen dataclass and made
    in a fraction of the time."""

    file: str
    line: int
    values: Sequence[str]
    # Each column's position in `values`, in the header's order; shared by the file's rows.
    columns: Mapping[str, int]

    @classmethod
    def of(cls, file: str, line: int, cells: Mapping[str, str]) -> RawRow:
        return cls(file, line, list(cells.values()), {column: i for i, column in enumerate(cells)})

    @property
    def cells(self) -> dict[str, str]:
        """The row's cells by column (a short row has none for its last columns)."""
        return dict(zip(self.columns, self.values, strict=False))

    def cell(self, column: str) -> str | None:
        """The cell as written, or None if the file has no such column or the row stops short."""
        index = self.columns.get(column)
        if index is None or index >= len(self.values):
            return None
        return self.values[index]

    def get(self, column: str) -> str:
        return (self.cell(column) or "").strip()


def column_positions(header: Sequence[str]) -> dict[str, int]:
    # A repeated column is an error found by header_problems; its first position is kept.
    positions: dict[str, int] = {}
    for index, column in enumerate(header):
        positions.setdefault(column, index)
    return positions


MISSING_EXTRACT = "is missing"


def read_extract(path: Path, shown: str, name: str) -> tuple[list[RawRow], list[Problem]]:
    """Read one extract with the csv module in strict mode; a missing optional file is simply
    empty. A quote left open is an error naming the line it opened on, not a cell that
    swallows every later row."""
    if not path.exists() and not path.is_symlink():
        if name in OPTIONAL_FILES:
            return [], []
        return [], [Problem(shown, None, "", MISSING_EXTRACT, f"every project needs {name}")]
    text, problems = read_user_text(path, shown, MAX_EXTRACT_BYTES)
    if text is None:
        return [], problems
    # Lines are counted in C before any row is parsed: a file too long to read is refused at once.
    if text.count("\n") > MAX_EXTRACT_ROWS + 1:
        return [], [too_many_rows(shown, MAX_EXTRACT_ROWS + 2)]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        return [], [Problem(shown, 1, "", "is empty", "the first line must name the columns")]
    except csv.Error as error:
        return [], [Problem(shown, 1, "", f"cannot be read as CSV: {error}", QUOTES_HINT)]
    problems = header_problems(header, shown, name)
    if any(problem.severity is Severity.ERROR for problem in problems):
        return [], problems
    rows: list[RawRow] = []
    width = len(header)
    columns = column_positions(header)
    # Run for every row of values.csv: a full row that starts with a cell skips the tests for
    # blank and overlong rows.
    # The last line of the last row skipped (blank or overlong), so that a quote left open is
    # reported at the line after the last row read: the line it opened on.
    skipped = 1
    try:
        for cells in reader:
            if len(cells) != width or not cells[0].strip():
                if not "".join(cells).strip():
                    skipped = reader.line_num
                    continue
                if len(cells) > width:
                    skipped = reader.line_num
                    problems.append(
                        Problem(
                            shown,
                            reader.line_num,
                            "",
                            f"has {len(cells)} cells but the header has {len(header)}",
                            "check for an unquoted comma",
                        )
                    )
                    continue
            rows.append(RawRow(shown, reader.line_num, cells, columns))
    except csv.Error as error:
        problems.append(csv_problem(shown, max(skipped, rows[-1].line if rows else 1) + 1, str(error)))
    # A header-only benchmarks.csv is how a project without comparators says so.
    return rows, problems + (no_rows(rows, problems, shown, 1, name) if name == "values.csv" else [])


QUOTES_HINT = 'a cell that starts with " must end with "; write a " inside a cell as ""'


def csv_problem(shown: str, line: int, error: str) -> Problem:
    if "unexpected end of data" in error:
        return Problem(shown, line, "", "a quote opened on this line is never closed", QUOTES_HINT)
    return Problem(shown, line, "", f"cannot be read as CSV: {error}", QUOTES_HINT)


def too_many_rows(shown: str, line: int) -> Problem:
    return Problem(
        shown,
        line,
        "",
        f"has more than {MAX_EXTRACT_ROWS:,} rows; kpicli reads at most {MAX_EXTRACT_ROWS:,}",
        "leave out rows no paper needs, such as years long past",
    )


def no_rows(
    rows: list[RawRow], problems: list[Problem], shown: str, line: int | None, name: str
) -> list[Problem]:
    """An extract that should hold figures but holds none is an error: without values nothing
    can be reported (an empty benchmarks extract is merely unusual, so a warning)."""
    if rows or name in OPTIONAL_FILES or any(p.severity is Severity.ERROR for p in problems):
        return []
    severity = Severity.ERROR if name == "values.csv" else Severity.WARNING
    hint = f"it should hold the {name.removesuffix('.csv')} extract; check the file, sheet, filter or query"
    return [Problem(shown, line, "", "has no rows", hint, severity)]


def unknown_column(column: str, missing: list[str], shown: str) -> Problem:
    """A misspelt column is an error (its figures would silently go missing); any other
    extra column, such as an officer's own notes, is ignored with a warning."""
    close = difflib.get_close_matches(column, missing, n=1, cutoff=0.75)
    if close:
        return Problem(shown, 1, column, "unknown column", f"did you mean '{close[0]}'?")
    return Problem(shown, 1, column or "(blank)", "unknown column is ignored", "", Severity.WARNING)


SEPARATORS = {";": "semicolons", "\t": "tabs"}


def header_problems(header: list[str], shown: str, name: str) -> list[Problem]:
    separator = next((s for s in SEPARATORS if len(header) == 1 and s in header[0]), None)
    if separator is not None:
        # Excel in much of Europe saves "CSV" with semicolons; its "Text" with tabs.
        message = f"the columns are separated by {SEPARATORS[separator]}, not commas"
        return [Problem(shown, 1, "", message, "save it as CSV (comma delimited) or CSV UTF-8")]
    problems = [
        Problem(
            shown,
            1,
            column,
            "required column is missing",
            "the header must include " + ", ".join(REQUIRED_COLUMNS[name]),
        )
        for column in REQUIRED_COLUMNS[name]
        if column not in header
    ]
    known = set(REQUIRED_COLUMNS[name]) | set(OPTIONAL_COLUMNS[name])
    problems += [
        unknown_column(column, sorted(known - set(header)), shown) for column in header if column not in known
    ]
    if name == "values.csv" and "value" not in header and not {"numerator", "denominator"} <= set(header):
        problems.append(
            Problem(
                shown,
                1,
                "value",
                "required column is missing",
                "give value, or numerator and denominator",
            )
        )
    duplicates = sorted({column for column in header if header.count(column) > 1})
    problems += [Problem(shown, 1, column, "column appears twice", "") for column in duplicates]
    return problems
