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


@dataclass(frozen=True)
class Mistake:
    name: str
    edits: tuple[Edit, ...]
    # Every error line validate prints, exactly.
    errors: tuple[str, ...]


NARRATIVE = "narrative/2019-08"

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
