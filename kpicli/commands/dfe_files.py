"""DfE's published files read into figures for every authority, region and England.

Two long shapes are read:

- **Explore Education Statistics** (EES) data files: one row per period and area, with
  `time_period` (201819, 2019), `time_identifier` (Academic year, Financial year, Calendar
  year, Reporting year), `geographic_level` (National, Regional, Local authority),
  `region_name`, `la_name`, `old_la_code`, `new_la_code` and a column per measure.
- **LAIT**, the Local Authority Interactive Tool's long file: `measure_code`, `year` (2018/19,
  2019, 2018-19 (OT)), `geographic_level`, `area_name`, `old_la_code`, `new_la_code`, `value`.

pandas reads the file (imported here only). Every problem names the file, its line and the
column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kpicli.errors import InputError, Problem
from kpicli.load.areas import AreaRegister, reference_areas
from kpicli.load.symbols import missing_symbol, split_flags
from kpicli.models.areas import ENGLAND, Area, AreaKind
from kpicli.models.definition import IndicatorDefinition
from kpicli.periods import Frequency, Period, PeriodError

EES_COLUMNS = ("time_period", "time_identifier", "geographic_level")

if TYPE_CHECKING:
    import pandas as pd


LAIT_COLUMNS = ("measure_code", "year", "geographic_level", "area_name", "value")


LEVELS = {
    "national": AreaKind.COUNTRY,
    "regional": AreaKind.REGION,
    "local authority": AreaKind.LOCAL_AUTHORITY,
}


# How an EES time_identifier ends its years: the month (1-12) and whether time_period is
# written as two years (201819) or one (2019).
TIME_IDENTIFIERS = {
    "academic year": (8, True),
    "financial year": (3, True),
    "calendar year": (12, False),
    "reporting year": (3, False),  # children in need and looked after: the year to 31 March
}


# A decimal with more places than any published figure has: a float's rounding noise.
FLOAT_NOISE = re.compile(r"\.\d{13,}$")
LAIT_SPAN = re.compile(r"^(\d{4})/(\d{2})$")


LAIT_OUTTURN = re.compile(r"^(\d{4})-(\d{2}) \(OT\)$")


LAIT_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, slots=True)
class ImportRequest:
    file: Path
    indicator: IndicatorDefinition
    measure: str
    authority: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    where: tuple[tuple[str, str], ...] = ()
    published: dt.date | None = None
    # The month a one-year figure ends in, for LAIT years written '2019' that are neither
    # calendar nor financial years (a workforce snapshot at 30 September: 9).
    year_end: int | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """One area's figure for one period, as it goes into benchmarks.csv."""

    period: Period
    area: Area
    value: str
    line: int
    numerator: str = ""
    denominator: str = ""


@dataclass(slots=True)
class Imported:
    figures: list[Figure] = field(default_factory=list)
    own: list[Figure] = field(default_factory=list)

    def count(self, kind: AreaKind) -> int:
        return len({f.area.name for f in self.figures if f.area.kind is kind})

    def periods(self) -> list[Period]:
        return sorted({f.period for f in self.figures}, key=lambda period: period.end)


def read_table(path: Path, shown: str) -> pd.DataFrame:
    import pandas as pd

    if not path.is_file():
        raise InputError([Problem(shown, None, "", "is not a file", "give the path of a DfE CSV file")])
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(
            [Problem(shown, None, "", f"cannot be read as CSV: {message}", "save it as UTF-8 CSV")]
        ) from None


def shape_of(table: pd.DataFrame, shown: str) -> str:
    columns = set(table.columns)
    if set(EES_COLUMNS) <= columns:
        return "ees"
    if set(LAIT_COLUMNS) <= columns:
        return "lait"
    found = ", ".join(list(table.columns)[:8]) or "none"
    raise InputError(
        [
            Problem(
                shown,
                1,
                "header",
                f"is not DfE's long CSV shape (columns found: {found})",
                "download the data file from Explore Education Statistics (it has time_period, "
                "time_identifier and geographic_level) or LAIT's long file (measure_code, year, "
                "geographic_level, area_name, value)",
            )
        ]
    )


def line_of(index: object) -> int:
    """The file line of a row: the header is line 1 (DfE files have no multi-line cells)."""
    return int(str(index)) + 2


def check_column(table: pd.DataFrame, column: str, shown: str, option: str) -> None:
    if column in table.columns:
        return
    import difflib

    close = difflib.get_close_matches(column, list(table.columns), n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"the file's columns are {', '.join(table.columns)}"
    raise InputError([Problem(shown, 1, option, f"'{column}' is not a column of the file", hint)])


def ees_period(text: str, identifier: str, frequency: Frequency) -> Period:
    kind = TIME_IDENTIFIERS.get(identifier.strip().lower())
    if kind is None:
        known = ", ".join(name.capitalize() for name in TIME_IDENTIFIERS)
        raise PeriodError(f"time_identifier '{identifier}' is not one kpicli reads ({known})")
    month, two_years = kind
    text = text.strip()
    if two_years:
        if not re.fullmatch(r"\d{6}", text) or int(text[4:]) != (int(text[:4]) + 1) % 100:
            raise PeriodError(f"time_period '{text}' is not a year such as 201819")
        year = int(text[:4]) + 1 if month < 9 else int(text[:4])
    else:
        if not re.fullmatch(r"\d{4}", text):
            raise PeriodError(f"time_period '{text}' is not a year such as 2019")
        year = int(text)
    return checked_period(year, month, frequency)


def lait_period(text: str, frequency: Frequency, year_end: int | None) -> Period:
    text = text.strip()
    if match := LAIT_SPAN.match(text):
        second = int(match.group(1)) + 1
        month = 3 if frequency is Frequency.FINANCIAL_YEAR else 8
        return checked_period(second, month, frequency)
    if match := LAIT_OUTTURN.match(text):
        return checked_period(int(match.group(1)) + 1, 3, frequency)
    if match := LAIT_YEAR.match(text):
        ends = year_end or {Frequency.CALENDAR_YEAR: 12, Frequency.FINANCIAL_YEAR: 3}.get(frequency)
        if ends is None:
            raise PeriodError(
                f"year '{text}' does not say which month it ends in: pass --year-end MM "
                "(9 for a snapshot at 30 September, 3 for 31 March)"
            )
        return checked_period(int(match.group(1)), ends, frequency)
    raise PeriodError(f"year '{text}' is not 2018/19, 2019 or 2018-19 (OT)")


def checked_period(year: int, month: int, frequency: Frequency) -> Period:
    period = Period(year * 12 + month - 1, frequency)
    try:
        period.check_boundary()
    except PeriodError as error:
        raise PeriodError(f"{error}; set the indicator's benchmark_frequency to match DfE's years") from None
    return period


def area_of(level: str, names: Sequence[str], register: AreaRegister) -> Area | None:
    """The area a row is for, by its codes first and then its name."""
    kind = LEVELS.get(level.strip().lower())
    if kind is None:
        return None
    if kind is AreaKind.COUNTRY:
        return register.find(ENGLAND)
    for name in names:
        found = register.find(name) if name else None
        if found is not None:
            return found
    return None


def cell_value(text: str) -> str | None:
    """A figure as benchmarks.csv takes it ('54.2', '[x]'), or None if it is neither."""
    symbol = missing_symbol(text)
    if symbol is not None:
        return symbol.shown
    number, flags = split_flags(text)
    number = number.replace(",", "")
    try:
        parsed = float(number)
    except ValueError:
        return None
    if FLOAT_NOISE.search(number):
        # LAIT writes some figures as the float that came out of a sum: 17.400000000000002.
        number = f"{parsed:.12g}"
    return " ".join([number, *(flag.shown for flag in flags)])


def read_dfe(request: ImportRequest, shown: str) -> Imported:
    """Every area's figure for the measure, checked; raise InputError listing every problem."""
    table = read_table(request.file, shown)
    shape = shape_of(table, shown)
    frequency = request.indicator.comparison_frequency
    register = reference_areas()
    if shape == "lait":
        table = table[table["measure_code"] == request.measure]
        if table.empty:
            raise InputError(
                [Problem(shown, None, "--measure", f"no rows have measure_code '{request.measure}'", "")]
            )
    else:
        for column in (request.measure, request.numerator, request.denominator):
            if column:
                check_column(table, column, shown, "--measure")
        for column, wanted in request.where:
            check_column(table, column, shown, "--where")
            table = table[table[column] == wanted]
    problems: list[Problem] = []
    imported = Imported()
    seen: dict[tuple[str, int], int] = {}
    own = register.find(request.authority) if request.authority else None
    for index, row in table.iterrows():
        line = line_of(index)
        try:
            if shape == "lait":
                period = lait_period(row["year"], frequency, request.year_end or request.indicator.year_end)
                names = [row.get("old_la_code", ""), row.get("new_la_code", ""), row["area_name"]]
                raw = row["value"]
            else:
                period = ees_period(row["time_period"], row["time_identifier"], frequency)
                names = [
                    row.get(c, "")
                    for c in ("old_la_code", "new_la_code", "la_name", "region_code", "region_name")
                ]
                raw = row[request.measure]
        except PeriodError as error:
            problems.append(Problem(shown, line, "time_period" if shape == "ees" else "year", str(error)))
            continue
        area = area_of(row["geographic_level"], names, register)
        if area is None:
            level = row["geographic_level"]
            if level.strip().lower() in LEVELS:
                problems.append(
                    Problem(
                        shown,
                        line,
                        "area",
                        f"'{' / '.join(n for n in names if n)}' is not an English area kpicli knows",
                    )
                )
            continue  # other levels (parliamentary constituency, ...) are not comparators
        value = cell_value(raw)
        authority = area.kind is AreaKind.LOCAL_AUTHORITY
        if (
            authority
            and value is not None
            and value.startswith("[")
            and (own is None or area.name != own.name)
        ):
            # Another authority's missing figure neither ranks nor averages: nothing to write.
            continue
        if value is None:
            column = "value" if shape == "lait" else request.measure
            problems.append(Problem(shown, line, column, f"'{raw}' is not a number or a DfE symbol", ""))
            continue
        key = (area.name, period.end)
        if key in seen:
            columns = ", ".join(c for c in table.columns if c not in EES_COLUMNS)[:200]
            problems.append(
                Problem(
                    shown,
                    line,
                    "",
                    f"{area.name} has a second row for {period.label} (the first is line {seen[key]})",
                    f"choose one breakdown with --where COLUMN=VALUE (columns: {columns})",
                )
            )
            continue
        seen[key] = line
        figure = Figure(period, area, value, line)
        imported.figures.append(figure)
        if own is not None and area.name == own.name:
            numerator = row.get(request.numerator, "") if request.numerator else ""
            denominator = row.get(request.denominator, "") if request.denominator else ""
            imported.own.append(Figure(period, area, value, line, numerator, denominator))
    if request.authority and own is None:
        close = register.suggest(request.authority)
        hint = f"did you mean '{close}'?" if close else "give a local authority's name, ONS code or DfE code"
        problems.append(
            Problem(shown, None, "--authority", f"'{request.authority}' is not an area kpicli knows", hint)
        )
    elif request.authority and not imported.own:
        problems.append(
            Problem(shown, None, "--authority", f"the file has no figures for {own.name if own else ''}", "")
        )
    if problems:
        raise InputError(grouped(problems))
    if not imported.figures:
        raise InputError(
            [Problem(shown, None, "", "has no rows for England, a region or a local authority", "")]
        )
    return imported


def grouped(problems: list[Problem]) -> list[Problem]:
    """One problem per kind of mistake, at its first line, with how many more rows have it: a
    file of the wrong years gives one error, not a thousand."""
    first: dict[tuple[str, str], Problem] = {}
    counts: dict[tuple[str, str], int] = {}
    for problem in problems:
        kind = (problem.field, re.sub(r"'[^']*'|\d+", "#", problem.message))
        first.setdefault(kind, problem)
        counts[kind] = counts.get(kind, 0) + 1
    result = []
    for kind, problem in first.items():
        more = counts[kind] - 1
        suffix = f" (and {more:,} more row{'s' if more != 1 else ''} like it)" if more else ""
        result.append(
            Problem(problem.file, problem.line, problem.field, problem.message + suffix, problem.hint)
        )
    return result
