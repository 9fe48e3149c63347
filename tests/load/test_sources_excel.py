"""The Excel source: the sample from a generated workbook, and every way a workbook goes wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sources_builders import REPO_ROOT, project_without_data, read_csv, set_source, write_workbook

from kpicli.errors import InputError, errors_only
from kpicli.load import load_project

__all__ = ["project_without_data"]  # a fixture

HEADER = ["indicator", "period", "value", "numerator", "denominator", "variant", "note"]


def load_errors(root: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_project(root)
    return [str(problem) for problem in errors_only(caught.value.problems)]


def excel_project(root: Path, workbook: Workbook, extracts: dict[str, Any] | None = None) -> Path:
    workbook.save(root / "kpis.xlsx")
    set_source(
        root, {"kind": "excel", "workbook": "kpis.xlsx", **({"extracts": extracts} if extracts else {})}
    )
    return root


def sample_workbook() -> Workbook:
    """The sample's extracts, written plainly, for tests that then break one thing."""
    workbook = Workbook()
    default = workbook.active
    assert default is not None
    workbook.remove(default)
    for name in ("values", "benchmarks", "breakdowns"):
        header, rows = read_csv(REPO_ROOT / "sample_data" / f"{name}.csv")
        sheet = workbook.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    return workbook


def test_the_sample_from_a_workbook_matches_the_csv_extracts(project_without_data: Path) -> None:
    write_workbook(REPO_ROOT / "sample_data", project_without_data / "kpis.xlsx")
    set_source(project_without_data, {"kind": "excel", "workbook": "kpis.xlsx"})
    from_csv = load_project(REPO_ROOT)
    from_excel = load_project(project_without_data)
    assert from_excel.data == from_csv.data
    assert from_excel.warnings == from_csv.warnings
    assert project_without_data / "kpis.xlsx" in from_excel.input_files


def test_a_named_table_on_any_sheet_is_read_with_its_own_row_numbers(project_without_data: Path) -> None:
    from openpyxl.worksheet.table import Table

    workbook = sample_workbook()
    sheet = workbook["values"]
    sheet.insert_rows(1, 3)  # a title block above the table, as officers' workbooks have
    sheet["A1"] = "Kingsbridge KPI values"
    sheet.add_table(Table(displayName="KpiValues", ref=f"A4:G{sheet.max_row}"))
    sheet.cell(row=6, column=3, value="n/a")
    root = excel_project(project_without_data, workbook, {"values": {"table": "KpiValues"}})
    assert "kpis.xlsx[values/KpiValues]:6: value: 'n/a' is not a number" in " ".join(load_errors(root))


def test_a_missing_sheet_names_the_workbook_and_suggests_the_nearest(project_without_data: Path) -> None:
    workbook = sample_workbook()
    workbook["benchmarks"].title = "Benchmark"
    root = excel_project(project_without_data, workbook)
    assert load_errors(root) == [
        "kpis.xlsx: has no sheet 'benchmarks' for benchmarks (did you mean 'Benchmark'?)"
    ]


def test_a_hidden_sheet_is_ignored(project_without_data: Path) -> None:
    workbook = sample_workbook()
    workbook["values"].sheet_state = "hidden"
    root = excel_project(project_without_data, workbook)
    assert load_errors(root) == [
        "kpis.xlsx: sheet 'values' for values is hidden (hidden sheets are ignored; unhide it or name another sheet in kpicli.yaml)"
    ]


def test_wrong_columns_name_the_sheet(project_without_data: Path) -> None:
    workbook = sample_workbook()
    workbook["benchmarks"]["C1"] = "region"
    root = excel_project(project_without_data, workbook)
    assert load_errors(root) == [
        "kpis.xlsx[benchmarks]:1: area: required column is missing (the header must include indicator, period, area, value)"
    ]


def test_merged_header_cells_are_rejected(project_without_data: Path) -> None:
    workbook = sample_workbook()
    workbook["values"].merge_cells("D1:E1")
    root = excel_project(project_without_data, workbook)
    assert load_errors(root) == [
        "kpis.xlsx[values]:1: header cells D1:E1 are merged (unmerge them so every column has its own heading and every row its own values)"
    ]


def test_a_bad_cell_names_the_sheet_and_row(project_without_data: Path) -> None:
    workbook = sample_workbook()
    workbook["values"]["B10"] = "Aug 2019"
    root = excel_project(project_without_data, workbook)
    assert [error for error in load_errors(root) if "values]:10" in error] == [
        "kpis.xlsx[values]:10: period: 'Aug 2019' is not a period; write the month it ends in as YYYY-MM"
    ]


def test_a_sheet_with_only_headings_has_no_rows(project_without_data: Path) -> None:
    workbook = sample_workbook()
    workbook.remove(workbook["values"])
    workbook.create_sheet("values").append(HEADER)
    root = excel_project(project_without_data, workbook)
    assert "kpis.xlsx[values]:1: has no rows" in " ".join(load_errors(root))


@pytest.mark.parametrize("content", [b"indicator,period,value\n", b""])
def test_a_file_that_is_not_a_workbook_is_named(project_without_data: Path, content: bytes) -> None:
    (project_without_data / "kpis.xlsx").write_bytes(content)
    set_source(project_without_data, {"kind": "excel", "workbook": "kpis.xlsx"})
    [error] = load_errors(project_without_data)
    assert error.startswith("kpis.xlsx: cannot be read as an Excel workbook")


def test_a_missing_workbook(project_without_data: Path) -> None:
    set_source(project_without_data, {"kind": "excel", "workbook": "data/kpis.xlsx"})
    assert load_errors(project_without_data) == [
        "data/kpis.xlsx: is missing (source.workbook in kpicli.yaml names this workbook)"
    ]
