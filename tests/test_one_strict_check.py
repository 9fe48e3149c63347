"""One strict check: `validate --period P --strict` makes every check `build --period P --strict`
makes, so the two pass and fail together, with the same warnings."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from conftest import REPO_ROOT, definition, make_project
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


def test_the_shipped_sample_passes_strict() -> None:
    validated = RUNNER.invoke(app, ["validate", "-p", str(REPO_ROOT), "--period", "2019-08", "--strict"])
    assert validated.exit_code == 0, validated.output


def test_a_figure_published_months_after_its_year_is_stale_only_past_its_lag(tmp_path: Path) -> None:
    def validated(lag: int, latest: str) -> list[str]:
        root = make_project(
            tmp_path / f"lag-{lag}-{latest}",
            definitions=[
                definition(
                    "attainment", 1, unit="number", frequency="academic_year", publication_lag_months=lag
                ),
                definition("referrals", 2),
            ],
            values=[["attainment", latest, 46.1], ["referrals", "2019-08", 12]],
        )
        result = RUNNER.invoke(app, ["validate", "-p", str(root), "--period", "2019-08"])
        assert result.exit_code == 0, result.output
        return [line for line in result.output.splitlines() if line.startswith("warning:")]

    # As at August 2019 the 2017/18 results are the latest out (2018/19's come in January).
    assert validated(5, "2018-08") == []
    assert validated(0, "2018-08") != []
    assert validated(5, "2017-08") == [
        "warning: indicator_defs/attainment.yaml:11: period: latest figure is for 2016/17 academic year "
        "(check the extract is up to date; if the figures come out later than that, give the definition "
        "publication_lag_months (months from a period's end to its publication))"
    ]
