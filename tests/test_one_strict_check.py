"""One strict check: `validate --period P --strict` makes every check `build --period P --strict`
makes, so the two pass and fail together, with the same warnings."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from conftest import definition, make_project
from kpicli.cli import app

RUNNER = CliRunner()


def warning_lines(output: str) -> set[str]:
    return {line for line in output.splitlines() if line.startswith("error: ")}


def test_validate_strict_fails_where_build_strict_fails_and_says_the_same(
    small_project: Path, tmp_path: Path
) -> None:
    validated = RUNNER.invoke(app, ["validate", "-p", str(small_project), "--period", "2019-08", "--strict"])
    built = RUNNER.invoke(
        app, ["build", "-p", str(small_project), "--period", "2019-08", "--strict", "-o", str(tmp_path)]
    )
    assert validated.exit_code == built.exit_code == 1, (validated.output, built.output)
    assert "no narrative for this amber or red indicator" in validated.output
    assert warning_lines(validated.output) == warning_lines(built.output) != set()
    assert not (tmp_path / "2019-08").exists()


def test_a_comparator_never_published_is_a_note_not_a_warning_so_strict_can_pass(tmp_path: Path) -> None:
    root = make_project(
        tmp_path / "project",
        definitions=[
            definition(
                "exclusions",
                1,
                frequency="academic_year",
                comparators=["London", "England"],
                benchmark_basis={"unit": "rate", "rate_per": 100, "decimals": 2, "label": "per 100 pupils"},
            )
        ],
        values=[["exclusions", "2019-08", 62, None, 23870]],
        benchmarks=[["exclusions", "2019-08", "London", "[x]"], ["exclusions", "2019-08", "England", 0.2]],
    )
    validated = RUNNER.invoke(app, ["validate", "-p", str(root), "--period", "2019-08", "--strict"])
    assert validated.exit_code == 0, validated.output
    root_without = make_project(
        tmp_path / "without",
        definitions=[
            definition("exclusions", 1, frequency="academic_year", comparators=["London", "England"])
        ],
        values=[["exclusions", "2019-08", 62]],
        benchmarks=[["exclusions", "2019-08", "England", 0.2]],
    )
    failed = RUNNER.invoke(app, ["validate", "-p", str(root_without), "--period", "2019-08", "--strict"])
    assert failed.exit_code == 1 and "has no benchmark figure for London" in failed.output
