"""`kpicli import dfe`: DfE's published data for every authority, region and England, into
benchmarks.csv, so no benchmark is typed by hand.

Two long shapes are read:

- **Explore Education Statistics** (EES) data files: one row per period and area, with
  `time_period` (201819, 2019), `time_identifier` (Academic year, Financial year, Calendar
  year, Reporting year), `geographic_level` (National, Regional, Local authority),
  `region_name`, `la_name`, `old_la_code`, `new_la_code` and a column per measure.
- **LAIT**, the Local Authority Interactive Tool's long file: `measure_code`, `year` (2018/19,
  2019, 2018-19 (OT)), `geographic_level`, `area_name`, `old_la_code`, `new_la_code`, `value`.

pandas reads the file (imported here only). Every problem names the file, its line and the
column, and nothing is written unless the whole file reads cleanly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kpicli.errors import InputError, Problem
from kpicli.load.areas import AreaRegister, reference_areas
from kpicli.load.symbols import missing_symbol, split_flags
from kpicli.models.areas import ENGLAND, Area, AreaKind
from kpicli.models.definition import IndicatorDefinition, Unit, published_elsewhere_yaml
from kpicli.periods import Frequency, Period, PeriodError

if TYPE_CHECKING:
    import pandas as pd

EES_COLUMNS = ("time_period", "time_identifier", "geographic_level")
LAIT_COLUMNS = ("measure_code", "year", "geographic_level", "area_name", "value")
LEVELS = {
    "national": AreaKind.COUNTRY,
    "regional": AreaKind.REGION,
    "local authority": AreaKind.LOCAL_AUTHORITY,
}
BENCHMARK_COLUMNS = ("indicator", "period", "area", "area_code", "la_code", "region", "value", "published")
VALUES_COLUMNS = ("indicator", "period", "value", "numerator", "denominator", "variant", "note")
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


KIND_ORDER = {AreaKind.COUNTRY: 0, AreaKind.REGION: 1, AreaKind.SUBREGION: 2, AreaKind.LOCAL_AUTHORITY: 3}


def benchmark_rows(
    imported: Imported, indicator: str, published: dt.date | None, earlier: Mapping[tuple[str, str], str]
) -> list[dict[str, str]]:
    """The rows for benchmarks.csv. A DfE file holds every year since the series began, but
    only its latest year was published on the day --published gives: that date goes on the
    latest year alone. An earlier year keeps a date before it that benchmarks.csv already gave
    it (from the import of its own release), or none: published before any paper that would use
    it. Dating every year with the latest release would hide them all from papers before that
    day."""
    figures = sorted(imported.figures, key=lambda f: (KIND_ORDER[f.area.kind], f.area.name, f.period.end))
    latest = imported.periods()[-1] if figures else None
    rows = []
    for figure in figures:
        dated = published.isoformat() if published and figure.period == latest else ""
        authority = figure.area.kind is AreaKind.LOCAL_AUTHORITY
        rows.append(
            {
                "indicator": indicator,
                "period": figure.period.code,
                "area": figure.area.name,
                "area_code": figure.area.gss_code,
                "la_code": figure.area.code if authority else "",
                "region": figure.area.region if authority else "",
                "value": figure.value,
                "published": dated
                or kept_date(earlier.get((figure.period.code, figure.area.name)), published),
            }
        )
    return rows


def kept_date(before: str | None, published: dt.date | None) -> str:
    """An earlier year's date from benchmarks.csv, unless it is not before this release's: then
    it is the stamp of an import that dated every year alike."""
    if not before or (published is not None and before >= published.isoformat()):
        return ""
    return before


def release_dates(path: Path, indicator: str) -> dict[tuple[str, str], str]:
    """The publication dates benchmarks.csv already gives the indicator's figures, by period
    and area: kept when the indicator is imported again from a later release."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {
            ((row.get("period") or "").strip(), (row.get("area") or "").strip()): published
            for row in csv.DictReader(handle)
            if (row.get("indicator") or "").strip() == indicator
            and (published := (row.get("published") or "").strip())
        }


def value_rows(imported: Imported, indicator: str) -> list[dict[str, str]]:
    """The authority's own figures, for values.csv; a symbol for a figure DfE did not publish."""
    rows = []
    for figure in sorted(imported.own, key=lambda f: f.period.end):
        number, flags = split_flags(figure.value)
        rows.append(
            {
                "indicator": indicator,
                "period": figure.period.code,
                "value": number,
                "numerator": figure.numerator if cell_value(figure.numerator) == figure.numerator else "",
                "denominator": figure.denominator
                if cell_value(figure.denominator) == figure.denominator
                else "",
                "variant": "",
                "note": "; ".join(flag.name.replace("_", " ").capitalize() for flag in flags),
            }
        )
    return rows


def merged_csv(path: Path, indicator: str, rows: Iterable[dict[str, str]], wanted: Sequence[str]) -> str:
    """The extract with `indicator`'s rows replaced by `rows`, every other row kept as it was;
    the header gains any column the new rows use."""
    header: list[str] = []
    kept: list[dict[str, str]] = []
    if path.is_file():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in reader.fieldnames or []]
            kept = [row for row in reader if (row.get("indicator") or "").strip() != indicator]
    rows = list(rows)
    for column in wanted:
        if column not in header and (any(row.get(column) for row in rows) or not header):
            header.append(column)
    for column in ("indicator", "period", "value"):
        if column not in header:
            header.insert(0, column)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(kept)
    writer.writerows(rows)
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class ImportResult:
    benchmarks: Path
    rows: int
    authorities: int
    regions: int
    periods: tuple[Period, ...]
    values: Path | None = None
    own_rows: int = 0
    authority: str = ""
    # The definition's disclosure block naming DfE as the publisher of the authority's own
    # figures, when they are percentages or rates without counts (which Part 1 otherwise withholds).
    published_elsewhere: str = ""


def write_atomically(path: Path, text: str) -> None:
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
    os.replace(temporary, path)


def import_dfe(project_dir: Path, request: ImportRequest, shown: str, data_folder: Path) -> ImportResult:
    """Read the file and write the indicator's rows into benchmarks.csv (and, for --authority,
    its own figures into values.csv): both files are written only when the whole file reads."""
    imported = read_dfe(request, shown)
    indicator = request.indicator.id
    benchmarks = data_folder / "benchmarks.csv"
    rows = benchmark_rows(imported, indicator, request.published, release_dates(benchmarks, indicator))
    texts = {benchmarks: merged_csv(benchmarks, indicator, rows, BENCHMARK_COLUMNS)}
    values = None
    if imported.own:
        values = data_folder / "values.csv"
        texts[values] = merged_csv(values, indicator, value_rows(imported, indicator), VALUES_COLUMNS)
    for path, text in texts.items():
        write_atomically(path, text)
    return ImportResult(
        benchmarks=benchmarks,
        rows=len(rows),
        authorities=imported.count(AreaKind.LOCAL_AUTHORITY),
        regions=imported.count(AreaKind.REGION) + imported.count(AreaKind.SUBREGION),
        periods=tuple(imported.periods()),
        values=values,
        own_rows=len(imported.own),
        authority=imported.own[0].area.name if imported.own else "",
        published_elsewhere=published_elsewhere_block(request, imported),
    )


def published_elsewhere_block(request: ImportRequest, imported: Imported) -> str:
    """The YAML that lets Part 1 show the authority's own figures DfE published as a percentage
    or rate alone: without counts Part 1 cannot check them for small numbers, so withholds them
    unless they are published elsewhere, as these are."""
    definition = request.indicator
    if definition.unit not in (Unit.PERCENT, Unit.RATE):
        return ""
    periods = [
        figure.period.code
        for figure in imported.own
        if cell_value(figure.value) is not None
        and not (cell_value(figure.numerator) and cell_value(figure.denominator))
    ]
    source = f"Department for Education, {request.file.name}"
    return published_elsewhere_yaml(definition.disclosure, source, periods, flow=False)


def project_target(project_dir: Path, indicator_id: str) -> tuple[IndicatorDefinition, Path, str]:
    """The indicator's definition, the folder of the project's CSV extracts and the definition's file."""
    from kpicli.load import CONFIG_FILE, load_config, load_definitions
    from kpicli.models.config import CsvSource

    root = project_dir.resolve()
    problems: list[Problem] = []
    config, _ = load_config(root, problems)
    definitions = load_definitions(root)
    if config is None:
        raise InputError(problems)
    source = config.source
    if not isinstance(source, CsvSource):
        raise InputError(
            [
                Problem(
                    CONFIG_FILE,
                    None,
                    "source",
                    f"the project reads its extracts from {source.kind}",
                    "kpicli import writes CSV extracts; import into a CSV project and copy the rows across",
                )
            ]
        )
    definition = definitions.by_id.get(indicator_id)
    if definition is None:
        import difflib

        close = difflib.get_close_matches(indicator_id, sorted(definitions.by_id), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "add its definition to indicator_defs/ first"
        raise InputError(
            [
                *definitions.problems,
                Problem("--indicator", None, "", f"'{indicator_id}' has no definition", hint),
            ]
        )
    return definition, root / (source.folder or config.data_folder), definitions.sources[indicator_id].file
