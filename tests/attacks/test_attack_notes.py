"""Notes from the extract beside published figures: Part 1 prints them, so a note must not give
a small count, in digits or in words, nor any number Part 1 withholds."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from public_reader import months_between, public_papers

from conftest import CONFIG, definition, make_project, monthly

PERIODS = months_between("2019-07", "2019-08")


def project_with_note(root: Path, note: str) -> Path:
    make_project(
        root,
        definitions=[definition("missing", 1, rag={"kind": "thresholds", "green": 50, "red": 60})],
        values=monthly("missing", "2019-01", [30, 31, 32, 33, 34, 35, 36, 37]),
        config={**CONFIG, "meetings": [{"period": p, "date": f"{p}-28", "reference": p} for p in PERIODS]},
    )
    path = root / "sample_data" / "values.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows = [[*rows[0], "note"], *[[*row, note if row[1] == "2019-08" else ""] for row in rows[1:]]]
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return root


@pytest.mark.parametrize(
    "note",
    [
        "Provisional: excludes two children placed out of the borough",
        "Three siblings returned home after the extract was taken",
        "Excludes 2 children placed out of the borough",
    ],
)
def test_a_note_giving_a_small_count_is_not_printed(tmp_path: Path, note: str) -> None:
    papers = public_papers(project_with_note(tmp_path / "p", note), PERIODS)
    for paper in papers.values():
        assert note not in paper.everything


def test_a_note_without_a_small_count_is_printed(tmp_path: Path) -> None:
    note = "Provisional: DfE publishes validated figures in July 2020 (Year 7 to Year 11)"
    papers = public_papers(project_with_note(tmp_path / "p", note), PERIODS)
    assert note in papers["2019-08"].everything
