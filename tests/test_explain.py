"""`kpicli explain`: every step for one indicator, plain text, deterministic."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kpicli.cli import app
from kpicli.commands.explain import UnknownIndicator, explain
from kpicli.periods import parse_month


def test_explain_lists_every_step(small_project: Path) -> None:
    text = explain(small_project, "missing-episodes", parse_month("2019-08"))
    heading, *lines = text.splitlines()
    assert heading.startswith("NOT FOR PUBLICATION"), "two of its figures are small, so withheld"
    assert lines[0] == "Indicator 1: Missing episodes (missing-episodes)"
    assert "  latest: August 2019 [2019-08]: 33" in lines
    assert "  previous: July 2019 [2019-07] 31; change 2 (0.0645 relative), up, judged worse" in lines
    assert "RAG rule: thresholds: green 10, red 20 (lower_is_better)" in lines
    assert "  rating: red: 33 is above the red threshold of 20" in lines
    assert (
        "Statistical process control (XmR): 20 points from January 2018; "
        "limits from the first 20 (to August 2019)" in lines
    )
    # Eleven points above the mean since October 2018: a shift too short for limits of its own,
    # so no assurance from limits that predate it.
    assert (
        "  shift: 11 points from October 2018 (0 met the target); "
        "too few points for limits of its own, so no assurance" in lines
    )
    assert "  variation: concern" in lines
    assert any(line.startswith("Persistence: red in ") for line in lines)
    assert "Public paper (Part 1):" in lines
    assert any("withheld: figure for" in line for line in lines)  # 2 and 3 are small counts
    assert text == explain(small_project, "missing-episodes", parse_month("2019-08"))


def test_explain_an_exempt_indicator_names_its_paragraph(small_project: Path) -> None:
    text = explain(small_project, "3", parse_month("2019-08"))
    assert text.endswith("Public paper (Part 1):\n  exempt: withheld from Part 1 under paragraph 2\n")


def test_explain_comparators_with_their_own_periods(small_project: Path) -> None:
    text = explain(small_project, "placement-stability", parse_month("2019-08"))
    assert (
        "  London: 68 for 2018/19 financial year [2019-03]; local 53 for March 2019 [2019-03]; "
        "gap -15; shown to 0 decimal place(s); judged worse" in text.splitlines()
    )


def test_unknown_indicator_suggests_the_nearest(small_project: Path) -> None:
    with pytest.raises(UnknownIndicator, match="did you mean 'missing-episodes'"):
        explain(small_project, "missing-episode", parse_month("2019-08"))


def test_cli_explain_exit_codes(small_project: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["explain", "cse-risk", "--period", "2019-08", "--project", str(small_project)])
    assert ok.exit_code == 0 and "paragraph 2" in ok.output
    unknown = runner.invoke(
        app, ["explain", "cse-risks", "--period", "2019-08", "--project", str(small_project)]
    )
    assert unknown.exit_code == 1
    assert "Error: no indicator 'cse-risks' in indicator_defs/; did you mean 'cse-risk'?" in unknown.output


def test_explain_shows_each_suppression_decision_with_its_rule(small_project: Path) -> None:
    text = explain(small_project, "missing-episodes", parse_month("2019-08"))
    decisions = [line for line in text.splitlines() if line.startswith("  withheld: ")]
    # 3 (March 2018) and 2 (August 2018) are the small counts in the small project; the change
    # from August 2018 (a year before the latest) and the control limits go with them.
    assert decisions[:2] == [
        "  withheld: figure for March 2018: [small_count] a count between 1 and 4 could identify children",
        "  withheld: figure for August 2018: [small_count] a count between 1 and 4 could identify children",
    ]
    derived = "[derived] worked out from a withheld figure"
    assert f"  withheld: change from a year earlier: {derived}" in decisions
    assert f"  withheld: control limits (SPC): {derived}" in decisions
    assert all(derived in line for line in decisions[2:])
