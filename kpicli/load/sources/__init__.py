"""Where the extracts come from: CSV files, an Excel workbook or a SQL database.

Every source yields the same RawRows, named by where they came from, so the checks in
load.dataset and every later stage cannot tell the sources apart.
"""

from __future__ import annotations

from pathlib import Path

from kpicli.errors import Problem
from kpicli.load.extracts import RawRow, read_extract
from kpicli.models.config import CsvSource, ExcelSource, ProjectConfig, SqlSource

EXTRACT_FILES = ("values.csv", "benchmarks.csv", "breakdowns.csv")
DEFAULT_FOLDER = "sample_data"


def shown_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_source(
    root: Path, config: ProjectConfig | None
) -> tuple[dict[str, list[RawRow]], list[Problem], list[Path]]:
    """Read every extract from the configured source: rows by CSV file name, problems, files read."""
    source = config.source if config is not None else CsvSource()
    if isinstance(source, ExcelSource):
        from kpicli.load.sources.excel import read_workbook

        path = root / source.workbook
        raw, problems = read_workbook(path, shown_path(path, root), source)
        return raw, problems, [path]
    if isinstance(source, SqlSource):
        from kpicli.load.sources.sql import read_database

        raw, problems = read_database(source, root)
        return raw, problems, []
    return read_csv_folder(root, source.folder or (config.data_folder if config else DEFAULT_FOLDER))


def read_csv_folder(root: Path, folder: str) -> tuple[dict[str, list[RawRow]], list[Problem], list[Path]]:
    raw: dict[str, list[RawRow]] = {}
    problems: list[Problem] = []
    for name in EXTRACT_FILES:
        path = root / folder / name
        raw[name], found = read_extract(path, shown_path(path, root), name)
        problems += found
    return raw, problems, [root / folder / name for name in EXTRACT_FILES]
