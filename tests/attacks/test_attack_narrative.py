"""Class 9: the officer's narrative. Part 1 prints none of a 'Part 2 only' section and no HTML
comment; Part 2 prints the section; a small number in public narrative beside withheld figures
is a warning, and an error under --strict."""

from __future__ import annotations

from pathlib import Path

import pytest
from public_reader import public_papers
from typer.testing import CliRunner

from conftest import definition, make_project, monthly
from kpicli.cli import app
from kpicli.load import load_project
from kpicli.manifest import Manifest
from kpicli.pipeline import prepare_paper

PERIOD = "2019-08"
SECRET = "Placement breakdown at Larchwood"
NOTE = "check with Sam before publishing"
FRONT = "---\nno_action_reason: A test project, with nothing new being done.\n---\n"
NARRATIVE = f"""\
---
no_action_reason: A test project, with nothing new being done.
---
## Context

Missing episodes fell over the summer. <!-- {NOTE} -->

## Part 2 only

{SECRET}: the two children concerned are known to the panel.

## Action being taken

Return interviews are offered within 72 hours.
"""


def project(root: Path, narrative: str = NARRATIVE) -> Path:
    return make_project(
        root,
        definitions=[definition("missing", 1, rag={"kind": "thresholds", "green": 10, "red": 20})],
        values=monthly("missing", "2019-01", [30, 31, 2, 33, 34, 35, 36, 37]),
        narrative={"missing": narrative},
    )


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    root = project(tmp_path_factory.mktemp("narrative") / "p")
    paper = prepare_paper(load_project(root), PERIOD, Manifest(PERIOD, "", "", {}))
    public = public_papers(root, [PERIOD])[PERIOD]
    return public.everything + public.html, paper.html["exempt"]


def test_a_part_2_section_reaches_only_the_exempt_paper(texts: tuple[str, str]) -> None:
    public, exempt = texts
    assert SECRET not in public
    assert SECRET in exempt
    assert "Return interviews are offered within 72 hours" in public, "the section after it is public"


def test_html_comments_are_dropped_from_both_papers(texts: tuple[str, str]) -> None:
    public, exempt = texts
    assert NOTE not in public and NOTE not in exempt
    assert "Missing episodes fell over the summer." in public


def test_a_small_number_in_public_narrative_beside_withheld_figures_is_a_warning(tmp_path: Path) -> None:
    root = project(tmp_path / "p", FRONT + "Three children went missing twice in March.\n")
    paper = public_papers(root, [PERIOD])[PERIOD]
    [warning] = [w for w in paper.summary["warnings"] if "narrative:" in w]
    assert warning.startswith("narrative/2019-08/missing.md:4: narrative: 'Three'"), "its line in the file"
    strict = CliRunner().invoke(
        app, ["build", "--period", PERIOD, "--project", str(root), "--strict", "-o", str(tmp_path / "o")]
    )
    assert strict.exit_code == 1 and "'Three' is a number below 5" in strict.output


def test_no_warning_for_numbers_that_are_labels_dates_or_shares(tmp_path: Path) -> None:
    text = (
        FRONT + "On 1 April, Year 7 pupils and three in four care leavers were seen; each one is reviewed.\n"
    )
    paper = public_papers(project(tmp_path / "p", text), [PERIOD])[PERIOD]
    assert not [w for w in paper.summary["warnings"] if "narrative:" in w]
