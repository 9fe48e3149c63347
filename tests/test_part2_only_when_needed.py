"""A Part 2 paper only when it holds something: nothing exempt and nothing withheld means no
exempt paper, said in the console and in summary.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import definition, make_project, monthly, with_actions
from kpicli.cli import app


@pytest.mark.e2e
def test_no_exempt_paper_when_nothing_is_exempt_or_withheld(tmp_path: Path) -> None:
    root = make_project(
        tmp_path / "project",
        definitions=[definition("referrals", 1, rag={"kind": "thresholds", "green": 100, "red": 200})],
        values=monthly("referrals", "2019-01", [120, 130, 125, 140, 150, 145, 160, 155]),
        narrative={"referrals": with_actions()},
    )
    result = CliRunner().invoke(
        app, ["build", "--period", "2019-08", "-p", str(root), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert "No Part 2 paper: nothing in this report is exempt or withheld." in result.output
    folder = tmp_path / "out" / "2019-08"
    assert sorted(p.name for p in folder.iterdir()) == [
        "public.csv",
        "public.html",
        "public.pdf",
        "summary.json",
    ]
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["exempt_paper"] is False and "exempt.pdf" not in summary["files"]
    again = CliRunner().invoke(
        app, ["build", "--period", "2019-08", "-p", str(root), "-o", str(tmp_path / "out")]
    )
    assert "is up to date" in again.output, "an unchanged build without Part 2 is current"


@pytest.mark.e2e
def test_a_withheld_figure_gives_a_part_2(small_project: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["build", "--period", "2019-08", "-p", str(small_project), "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "2019-08" / "exempt.pdf").is_file()
    assert (
        json.loads((tmp_path / "2019-08" / "summary.json").read_text(encoding="utf-8"))["exempt_paper"]
        is True
    )
