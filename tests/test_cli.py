"""The command line: exit codes, lazy imports, list, init, --strict and --quiet."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import REPO_ROOT, with_actions
from kpicli import output_folder
from kpicli.cli import app

runner = CliRunner()
IMPORTS_AFTER = """
import json, sys
from typer.testing import CliRunner
from kpicli.cli import app
result = CliRunner().invoke(app, sys.argv[1:])
heavy = sorted(m for m in ("weasyprint", "pandas", "jinja2") if m in sys.modules)
print(json.dumps({"exit": result.exit_code, "heavy": heavy}))
"""


def heavy_imports(*args: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS_AFTER, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.mark.parametrize(
    "args",
    [["--help"], ["validate", "--project", "{project}"], ["list", "--project", "{project}"]],
)
def test_help_validate_and_list_never_import_the_renderers(small_project: Path, args: list[str]) -> None:
    result = heavy_imports(*(arg.format(project=small_project) for arg in args))
    assert result == {"exit": 0, "heavy": []}


def test_list_shows_every_indicator_with_its_rating(small_project: Path) -> None:
    result = runner.invoke(app, ["list", "--project", str(small_project), "--period", "2019-08"])
    assert result.exit_code == 0, result.output
    heading, *lines = result.output.splitlines()
    assert heading.startswith("NOT FOR PUBLICATION"), "cse-risk is exempt; its rating is not public"
    assert lines[0].split("\t")[0] == "number"
    rows = {line.split("\t")[1]: line.split("\t") for line in lines[1:]}
    assert set(rows) == {"missing-episodes", "placement-stability", "cse-risk"}
    assert rows["missing-episodes"][4] == "August 2019"


def test_list_rejects_a_range(small_project: Path) -> None:
    result = runner.invoke(app, ["list", "--project", str(small_project), "--period", "2019-01..2019-03"])
    assert result.exit_code == 2


def test_init_makes_a_project_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "papers"
    made = runner.invoke(app, ["init", str(target)])
    assert made.exit_code == 0, made.output
    assert (target / "kpicli.yaml").is_file()
    assert "schema/" in made.output and (target / "schema" / "indicator.schema.json").is_file()
    checked = runner.invoke(app, ["validate", "--project", str(target)])
    assert checked.exit_code == 0, checked.output


def test_init_blank_makes_one_example_indicator_that_passes_strict(tmp_path: Path) -> None:
    target = tmp_path / "papers"
    made = runner.invoke(app, ["init", "--blank", str(target)])
    assert made.exit_code == 0, made.output
    assert sorted(p.name for p in (target / "indicator_defs").iterdir()) == ["re-referrals.yaml"]
    assert not (target / "sample_data").exists()
    assert (target / "schema" / "indicator.schema.json").is_file()
    checked = runner.invoke(app, ["validate", "--project", str(target), "--period", "2025-03", "--strict"])
    assert checked.exit_code == 0, checked.output
    assert checked.output.splitlines() == [f"OK: the project in {target.resolve()} is valid (0 warning(s))."]


def test_a_paper_of_one_indicator_says_one_not_1_indicators(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The PDF says what the HTML says; this reads the HTML.
    monkeypatch.setattr(
        output_folder, "render_pdf_file", lambda html, folders, target: target.write_bytes(b"%PDF")
    )
    target = tmp_path / "papers"
    assert runner.invoke(app, ["init", "--blank", str(target)]).exit_code == 0
    built = runner.invoke(
        app, ["build", "--period", "2025-03", "-p", str(target), "-o", str(tmp_path / "out")]
    )
    assert built.exit_code == 0, built.output
    html = (tmp_path / "out" / "2025-03" / "public.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "The one indicator rated is green." in text
    assert "The one indicator is rated green." in text
    assert "as at the end of March 2025: 1 indicator." in text
    assert "1 indicators" not in text


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_backwards_range_is_a_usage_error(small_project: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", "--period", "2019-08..2019-01", "-p", str(small_project), "-o", str(tmp_path)]
    )
    assert result.exit_code == 2


def test_strict_fails_with_exit_1_on_warnings(small_project: Path, tmp_path: Path) -> None:
    # --strict stops before rendering, so no PDF is made and no fake is needed.
    result = runner.invoke(
        app, ["build", "--period", "2019-08", "-p", str(small_project), "-o", str(tmp_path), "--strict"]
    )
    assert result.exit_code == 1
    assert "--strict" in result.output
    assert not (tmp_path / "2019-08").exists()
    # The exempt indicator's warning is an error now, and still marked not for publication.
    lines = result.output.splitlines()
    private = next(i for i, line in enumerate(lines) if "cse-risk" in line)
    assert lines[private].startswith("error: ")
    assert lines[private - 1] == (
        "Not for publication: warnings about exempt indicators or figures withheld from Part 1 "
        "(errors under --strict):"
    )
    validated = runner.invoke(app, ["validate", "-p", str(small_project), "--period", "2019-08", "--strict"])
    assert validated.exit_code == 1
    assert validated.output.splitlines()[: private + 1] == lines[: private + 1]


def test_quiet_builds_print_nothing_and_a_rebuild_says_it_skipped(
    small_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        output_folder, "render_pdf_file", lambda html, folders, target: target.write_bytes(b"%PDF")
    )
    # Run from another folder without --out: the papers go to the project's own out/.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    args = ["build", "--period", "2019-08", "-p", str(small_project), "-j", "1"]
    quiet = runner.invoke(app, [*args, "--quiet"])
    assert (quiet.exit_code, quiet.output) == (0, "")
    again = runner.invoke(app, args)
    assert again.exit_code == 0
    assert "up to date" in again.output
    summary = json.loads((small_project / "out" / "2019-08" / "summary.json").read_text(encoding="utf-8"))
    assert summary["period"] == "2019-08"
    assert list(elsewhere.iterdir()) == []


def test_version_is_printed() -> None:
    from kpicli import __version__

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"kpicli {__version__}"


def test_a_range_build_prints_each_periods_warnings_under_its_period(
    small_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        output_folder, "render_pdf_file", lambda html, folders, target: target.write_bytes(b"%PDF")
    )
    for period in ("2019-07", "2019-08"):
        # A small number in the public narrative of an indicator with withheld figures: a
        # warning a public file may carry, one for each month's file.
        (small_project / "narrative" / period / "missing-episodes.md").write_text(
            with_actions("Three children went missing twice."), encoding="utf-8"
        )
    common = ["-p", str(small_project), "-j", "1"]
    single = runner.invoke(app, ["build", "--period", "2019-08", "-o", str(tmp_path / "one"), *common])
    warning_lines = [line for line in single.output.splitlines() if line.startswith("warning: ")]
    assert warning_lines, "the small project should warn, or this test proves nothing"
    args = ["build", "--period", "2019-07..2019-08", "-o", str(tmp_path / "range"), *common]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    headings = [i for i, line in enumerate(lines) if line.startswith("Warnings for ")]
    assert [lines[i] for i in headings] == ["Warnings for 2019-07:", "Warnings for 2019-08:"]
    assert set(warning_lines) <= set(lines[headings[1] + 1 :])
    quiet = runner.invoke(app, [*args, "--force", "--quiet"])
    assert (quiet.exit_code, quiet.output) == (0, "")


def test_a_note_is_told_by_its_severity_and_never_counted_as_a_problem(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kpicli.cli import fail_with
    from kpicli.errors import InputError, Problem, Severity

    note = Problem("sample_data/values.csv", 12, "period", "has 2 later rows", "any words", Severity.NOTE)
    error = Problem("sample_data/values.csv", 13, "value", "is empty")
    with pytest.raises(typer.Exit):
        fail_with(InputError([error, note]))
    assert capsys.readouterr().err.splitlines() == [
        "note: sample_data/values.csv:12: period: has 2 later rows (any words)",
        "error: sample_data/values.csv:13: value: is empty",
        "Error: 1 problem in the input; nothing was built.",
    ]
