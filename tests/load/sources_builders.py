"""Fixtures and builders for the source tests: turn a project's CSV extracts into a workbook or database tables, as a council would hold them."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
POSTGRES_VARIABLE = "KPICLI_TEST_POSTGRES_URL"

EXTRACTS = ("values", "benchmarks", "breakdowns")
NUMERIC = frozenset({"value", "numerator", "denominator"})
PROJECT_PARTS = ("kpicli.yaml", "indicator_defs", "narrative", "actions.yaml", "papers.yaml", "templates")


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [row for row in rows[1:] if any(cell.strip() for cell in row)]


def copy_project(source: Path, target: Path, with_csv: bool) -> Path:
    """The project without its data folder (unless asked), so only the new source can supply it."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part)
        elif (source / part).is_file():
            shutil.copy2(source / part, target / part)
    if with_csv:
        shutil.copytree(source / data_folder(source), target / data_folder(source))
    return target


def data_folder(root: Path) -> str:
    return str(
        yaml.safe_load((root / "kpicli.yaml").read_text(encoding="utf-8")).get("data_folder", "sample_data")
    )


def set_source(root: Path, source: dict[str, Any]) -> None:
    path = root / "kpicli.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["source"] = source
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def excel_cell(column: str, text: str, index: int) -> tuple[object, str | None]:
    """Store a CSV cell the ways officers' workbooks do, varying by row: the quirks kpicli must undo."""
    if not text:
        return None, None
    if column == "period" and index % 2 == 0:
        year, month = (int(part) for part in text.split("-"))
        return dt.datetime(year, month, 1), "mmm-yy"
    if column in NUMERIC:
        if not is_number(text):
            return text, None  # a symbol for a figure missing for a reason: "[x]"
        if index % 3 == 1:
            return text, "@"  # a number stored as text
        if index % 3 == 2 and column == "value":
            return float(Decimal(text) / 100), "0.0%"  # a percentage stored as a fraction
        number = float(text)
        return int(number) if number.is_integer() else number, None
    return text, None


def write_workbook(csv_folder: Path, target: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    notes = workbook.active
    assert notes is not None
    # Workbooks carry working sheets too; a hidden one is never read.
    notes.title = "Working"
    notes.append(["indicator", "period", "value"])
    notes.sheet_state = "hidden"
    for name in EXTRACTS:
        path = csv_folder / f"{name}.csv"
        if not path.exists():
            continue
        sheet = workbook.create_sheet(name.capitalize())
        header, rows = read_csv(path)
        sheet.append(header)
        for index, row in enumerate(rows):
            for column_number, (column, text) in enumerate(zip(header, row, strict=False), start=1):
                value, number_format = excel_cell(column, text, index)
                cell = sheet.cell(row=index + 2, column=column_number, value=value)  # type: ignore[arg-type]
                if number_format:
                    cell.number_format = number_format
    workbook.save(target)


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def sql_value(column: str, text: str, numeric: frozenset[str] = NUMERIC) -> object:
    if not text:
        return None
    if column == "period":
        year, month = (int(part) for part in text.split("-"))
        return dt.date(year, month, 1)
    return float(text) if column in numeric else text


def load_tables(csv_folder: Path, url: str, prefix: str) -> None:
    """Tables named prefix+extract with real column types: dates for periods, doubles for figures."""
    from sqlalchemy import Column, Date, Float, MetaData, Table, Text, create_engine

    engine = create_engine(url)
    metadata = MetaData()
    contents = {}
    for name in EXTRACTS:
        header, rows = read_csv(csv_folder / f"{name}.csv")
        # A column holding a symbol for a missing figure ("[x]") is text, as a database would keep it.
        numeric = frozenset(
            c
            for i, c in enumerate(header)
            if c in NUMERIC and all(is_number(r[i]) for r in rows if len(r) > i and r[i])
        )
        types = {"period": Date, **dict.fromkeys(numeric, Float)}
        table = Table(prefix + name, metadata, *(Column(c, types.get(c, Text)) for c in header))
        contents[table] = [
            {c: sql_value(c, t, numeric) for c, t in zip(header, row, strict=False)} for row in rows
        ]
    metadata.drop_all(engine)
    metadata.create_all(engine)
    with engine.begin() as connection:
        for table, rows in contents.items():
            connection.execute(table.insert(), rows)
    engine.dispose()


def drop_tables(url: str, prefix: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        for name in EXTRACTS:
            connection.execute(text(f'DROP TABLE IF EXISTS "{prefix}{name}"'))
    engine.dispose()


# Fixtures: test modules import them by name.


@pytest.fixture
def postgres_url() -> str:
    """The server .ci/run starts; skipped elsewhere unless CI demands it."""
    url = os.environ.get(POSTGRES_VARIABLE, "")
    if not url:
        if os.environ.get("KPICLI_REQUIRE_POSTGRES"):
            pytest.fail(
                f"{POSTGRES_VARIABLE} is not set but KPICLI_REQUIRE_POSTGRES is: .ci/run should have started PostgreSQL"
            )
        pytest.skip(f"no PostgreSQL server: set {POSTGRES_VARIABLE} (.ci/run starts one and sets it)")
    return url


@pytest.fixture
def table_prefix() -> str:
    """Tables unique to one test, so parallel workers share the server without colliding."""
    return f"t{uuid.uuid4().hex[:10]}_"


@pytest.fixture
def project_without_data(tmp_path: Path) -> Path:
    return copy_project(REPO_ROOT, tmp_path / "project", with_csv=False)
