"""`kpicli import dfe`: DfE's published data for every authority, region and England, into
benchmarks.csv, so no benchmark is typed by hand. kpicli.commands.dfe_files reads the file;
nothing is written unless the whole file reads cleanly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kpicli.commands.dfe_files import Imported, ImportRequest, cell_value, read_dfe
from kpicli.errors import InputError, Problem
from kpicli.load.symbols import split_flags
from kpicli.models.areas import AreaKind
from kpicli.models.definition import IndicatorDefinition, Unit, published_elsewhere_yaml
from kpicli.periods import Period
from kpicli.staging import write_atomically

BENCHMARK_COLUMNS = ("indicator", "period", "area", "area_code", "la_code", "region", "value", "published")
VALUES_COLUMNS = ("indicator", "period", "value", "numerator", "denominator", "variant", "note")


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


def import_dfe(request: ImportRequest, shown: str, data_folder: Path) -> ImportResult:
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
