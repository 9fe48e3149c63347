"""Class 1 and 11: the public set is made from the public view alone, and nothing beside it
tells more. Twin projects that differ only in a withheld figure must give byte-identical public
outputs; warnings about withheld or exempt indicators stay out of them; the manifest (which names
and hashes exempt inputs) is not in the period folder; `explain` and `list` say when they show
what Part 1 withholds."""

from __future__ import annotations

from pathlib import Path

import pytest
from public_reader import occurrences, public_papers
from typer.testing import CliRunner

from conftest import definition, make_project, monthly
from kpicli import output_folder
from kpicli.cli import app
from kpicli.commands.explain import explain
from kpicli.periods import parse_month

PERIOD = "2019-08"
NOT_FOR_PUBLICATION = "NOT FOR PUBLICATION"
EXEMPT_TITLE = "Children at risk of the zebra protocol"


def twin(root: Path, withheld: int) -> Path:
    """Exclusions withheld as a small count (rated green at 2, red at 4 if it were shown), an
    exempt indicator rated red, and neither has any narrative: the warnings differ, the public
    outputs must not."""
    return make_project(
        root,
        definitions=[
            definition("exclusions", 1, rag={"kind": "thresholds", "green": 3, "red": 3.5}),
            definition(
                "zebra",
                2,
                title=EXEMPT_TITLE,
                rag={"kind": "thresholds", "green": 1, "red": 2},
                exempt={"paragraph": 2, "reason": "Could identify children."},
            ),
            definition("contacts", 3),
        ],
        values=[
            *monthly("exclusions", "2019-06", [40, 41, withheld]),
            *monthly("zebra", "2019-06", [7, 8, 9]),
            *monthly("contacts", "2019-06", [500, 510, 520]),
        ],
    )


@pytest.fixture
def no_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDFs say what the HTML says; these tests are about the files beside them."""
    monkeypatch.setattr(
        output_folder, "render_pdf_file", lambda html, folders, target: target.write_bytes(b"%PDF")
    )


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("twins")
    return [twin(root / f"withheld-{value}", value) for value in (2, 4)]


def test_a_withheld_rating_changes_no_public_output(twins: list[Path]) -> None:
    green, red = (public_papers(root, [PERIOD])[PERIOD] for root in twins)
    assert green.rows["exclusions"]["value"] == "[c]"
    assert green.summary_text == red.summary_text
    assert green.csv == red.csv
    assert green.html == red.html


def test_no_public_warning_names_a_withheld_or_exempt_indicator(twins: list[Path]) -> None:
    paper = public_papers(twins[1], [PERIOD])[PERIOD]
    warnings = " ".join(paper.summary["warnings"])
    assert "exclusions" not in warnings and "zebra" not in warnings
    assert "contacts" in warnings or paper.summary["warnings"] == []


def test_the_console_marks_warnings_not_for_publication(
    twins: list[Path], tmp_path: Path, no_pdfs: None
) -> None:
    result = CliRunner().invoke(
        app, ["build", "--period", PERIOD, "--project", str(twins[1]), "--out", str(tmp_path), "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    heading = result.output.index("Not for publication")
    assert result.output.index("narrative/2019-08/exclusions.md") > heading
    assert result.output.index("narrative/2019-08/zebra.md") > heading


def test_the_manifest_is_not_in_the_period_folder(twins: list[Path], tmp_path: Path, no_pdfs: None) -> None:
    runner = CliRunner()
    args = ["build", "--period", PERIOD, "--project", str(twins[0]), "--out", str(tmp_path), "-j", "1"]
    assert runner.invoke(app, args).exit_code == 0
    names = {path.name for path in (tmp_path / PERIOD).iterdir()}
    assert "manifest.json" not in names
    again = runner.invoke(app, args)
    assert "up to date" in again.output, "the manifest beside the folder still makes a rebuild a no-op"


def test_explain_is_headed_not_for_publication_when_it_shows_a_withheld_figure(twins: list[Path]) -> None:
    assert explain(twins[0], "exclusions", parse_month(PERIOD)).startswith(NOT_FOR_PUBLICATION)
    assert explain(twins[0], "zebra", parse_month(PERIOD)).startswith(NOT_FOR_PUBLICATION)
    assert not explain(twins[0], "contacts", parse_month(PERIOD)).startswith(NOT_FOR_PUBLICATION)


def test_list_is_headed_not_for_publication_when_it_shows_a_withheld_rating(twins: list[Path]) -> None:
    result = CliRunner().invoke(app, ["list", "--project", str(twins[0]), "--period", PERIOD])
    assert result.exit_code == 0
    assert result.output.startswith(NOT_FOR_PUBLICATION)


def test_public_csv_prints_figures_at_the_papers_precision(tmp_path: Path) -> None:
    root = make_project(
        tmp_path / "p",
        definitions=[
            definition("eet", 1, unit="percent", polarity="higher_is_better", decimals=0),
            definition("staff", 2, unit="number", decimals=1),
        ],
        values=[["eet", PERIOD, None, 30, 70], ["staff", PERIOD, 16.6666666]],
    )
    rows = public_papers(root, [PERIOD])[PERIOD].rows
    assert (rows["eet"]["value"], rows["eet"]["numerator"], rows["eet"]["denominator"]) == ("43", "30", "70")
    assert rows["staff"]["value"] == "16.7"
    assert occurrences(public_papers(root, [PERIOD])[PERIOD].csv, 42.857) == []
