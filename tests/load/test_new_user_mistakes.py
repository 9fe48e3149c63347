"""Mistakes a new user made building a real project, each caught by plain `kpicli validate` with
the exact `file:line: field: message (hint)` line and exit 1, and nothing misleading beside it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kpicli.cli import app
from tests.load.project import build_base_project
from tests.load.test_broken_inputs import copy_project

Edit = Callable[[Path], None]


def write(file: str, text: str | bytes) -> Edit:
    def edit(root: Path) -> None:
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return edit


def rename(file: str, to: str) -> Edit:
    def edit(root: Path) -> None:
        (root / to).parent.mkdir(parents=True, exist_ok=True)
        (root / file).rename(root / to)

    return edit


def replace(file: str, old: str, new: str) -> Edit:
    def edit(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    return edit


@dataclass(frozen=True)
class Mistake:
    name: str
    edits: tuple[Edit, ...]
    # Every error line validate prints, exactly.
    errors: tuple[str, ...]


NARRATIVE = "narrative/2019-08"
VALUES = "sample_data/values.csv"

MISTAKES = [
    Mistake(
        "narrative file naming no indicator",
        (rename(f"{NARRATIVE}/referrals.md", f"{NARRATIVE}/referals.md"),),
        ("error: narrative/2019-08/referals.md: names no indicator (did you mean referrals.md?)",),
    ),
    Mistake(
        "narrative file like no indicator at all",
        (write(f"{NARRATIVE}/notes-for-chair.md", "Words.\n"),),
        (
            "error: narrative/2019-08/notes-for-chair.md: names no indicator "
            "(name the file after an indicator's id (the id: in its definition))",
        ),
    ),
    Mistake(
        "narrative folder month without its zero",
        (rename(NARRATIVE, "narrative/2019-8"),),
        (
            "error: narrative/2019-8: is not a report period YYYY-MM, so no paper reads the "
            "narrative in it (did you mean narrative/2019-08?)",
        ),
    ),
    Mistake(
        "narrative folder in words",
        (rename(NARRATIVE, "narrative/August 2019"),),
        (
            "error: narrative/August 2019: is not a report period YYYY-MM, so no paper reads the "
            "narrative in it (name it for the report period, YYYY-MM (2019-08 for the paper as at "
            "August 2019))",
        ),
    ),
    Mistake(
        "narrative file outside a period folder",
        (rename(f"{NARRATIVE}/referrals.md", "narrative/referrals.md"),),
        (
            "error: narrative/referrals.md: is not in a report period's folder, so no paper reads it "
            "(move it to narrative/YYYY-MM/referrals.md, YYYY-MM being the report period)",
        ),
    ),
    Mistake(
        "percentages written as fractions",
        (
            replace(VALUES, "stability,2019-03,,60,90,", "stability,2019-03,0.67,,,"),
            replace(VALUES, "stability,2019-06,,64,90,", "stability,2019-06,0.71,,,"),
        ),
        (
            "error: sample_data/values.csv:11: value: every figure for stability is 1 or less (0.71 for "
            "2019-06), but its benchmarks are around 68: the percentages look written as fractions "
            "(percentages are written 86, not 0.86: multiply the figures by 100, or give numerator and "
            "denominator)",
        ),
    ),
    Mistake(
        "a negative figure no benchmark has",
        (
            replace("indicator_defs/referrals.yaml", "unit: count", "unit: number"),
            replace(VALUES, "referrals,2019-04,14", "referrals,2019-04,-14"),
        ),
        (
            "error: sample_data/values.csv:5: value: -14 for 2019-04 is negative, but no benchmark "
            "figure for referrals is (check the sign; a figure such as a caseload or a unit cost "
            "cannot be below zero)",
        ),
    ),
    Mistake(
        "a misspelt key of a tolerance rule",
        (replace("indicator_defs/stability.yaml", "  tolerance: 5", "  tollerance: 5"),),
        ("error: indicator_defs/stability.yaml:14: rag.tollerance: unknown key (did you mean 'tolerance'?)",),
    ),
    Mistake(
        "a misspelt key in kpicli.yaml naming another data folder",
        (
            rename("sample_data", "data"),
            replace("kpicli.yaml", "meetings:", "data_folder: data\nstale_after_month: 6\nmeetings:"),
        ),
        ("error: kpicli.yaml:13: stale_after_month: unknown key (did you mean 'stale_after_months'?)",),
    ),
    Mistake(
        "a CSV separated by semicolons",
        (write(VALUES, "indicator;period;value\nreferrals;2019-08;12\n"),),
        (
            "error: sample_data/values.csv:1: the columns are separated by semicolons, not commas "
            "(save it as CSV (comma delimited) or CSV UTF-8)",
        ),
    ),
    Mistake(
        "a CSV saved as UTF-16",
        (
            lambda root: (root / VALUES).write_bytes(
                (root / VALUES).read_text(encoding="utf-8").encode("utf-16")
            ),
        ),
        (
            "error: sample_data/values.csv: is UTF-16 text, not UTF-8 (it looks like Excel's 'Unicode "
            "Text'; save it again as 'CSV UTF-8 (Comma delimited)')",
        ),
    ),
    Mistake(
        "a section named by its title's case",
        (replace("indicator_defs/stability.yaml", "section: childrens-social-care", "section: Education"),),
        (
            "error: indicator_defs/stability.yaml:4: section: 'Education' is not a section in "
            "kpicli.yaml (did you mean 'education'?)",
        ),
    ),
    Mistake(
        "a misspelt comparator",
        (replace("indicator_defs/referrals.yaml", "- England", "- england\n- Stat neighbours"),),
        (
            "error: indicator_defs/referrals.yaml:18: comparators: 'Stat neighbours' is not an area kpicli "
            "knows, nor one benchmarks.csv gives figures for (did you mean 'Statistical neighbours'?)",
        ),
    ),
]


@pytest.fixture(scope="module")
def base_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_base_project(tmp_path_factory.mktemp("base") / "project")


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.name.replace(" ", "-"))
def test_plain_validate_names_the_mistake_exactly(
    mistake: Mistake, base_project: Path, tmp_path: Path
) -> None:
    root = copy_project(base_project, tmp_path / "project")
    for edit in mistake.edits:
        edit(root)
    result = CliRunner().invoke(app, ["validate", "--project", str(root)])
    assert result.exit_code == 1, result.output
    errors = tuple(line for line in result.output.splitlines() if line.startswith("error: "))
    assert errors == mistake.errors, result.output


def validated_at(root: Path) -> list[str]:
    result = CliRunner().invoke(app, ["validate", "--project", str(root), "--period", "2019-08"])
    return result.output.splitlines()


def test_a_comparator_written_in_another_case_is_the_area_it_names(
    base_project: Path, tmp_path: Path
) -> None:
    root = copy_project(base_project, tmp_path / "project")
    replace("indicator_defs/referrals.yaml", "- England", "- england")(root)
    lines = validated_at(root)
    assert lines[-1].startswith("OK: "), lines
    assert not [line for line in lines if "comparators" in line]


def test_rows_after_the_period_stay_notes_beside_errors(base_project: Path, tmp_path: Path) -> None:
    root = copy_project(base_project, tmp_path / "project")
    with (root / VALUES).open("a", encoding="utf-8") as handle:
        handle.write("referrals,2019-09,20,,,\nreferrals,2019-10,-3,,,\n")
    lines = validated_at(root)
    assert lines[:2] == [
        "note: sample_data/values.csv:12: period: referrals has 2 row(s) after the report period 2019-08, "
        "up to 2019-10 (a build as at the report period ignores them)",
        "error: sample_data/values.csv:13: value: -3 is negative (counts, percentages and rates cannot be "
        "below zero)",
    ], lines


def test_a_definition_warning_points_at_the_key_it_is_about(base_project: Path, tmp_path: Path) -> None:
    root = copy_project(base_project, tmp_path / "project")
    replace("sample_data/benchmarks.csv", "referrals,2019-03,England,14\n", "")(root)
    assert (
        "warning: indicator_defs/referrals.yaml:15: comparators: has no benchmark figure for England "
        "(add the comparator's published figure to benchmarks.csv)"
    ) in validated_at(root)
