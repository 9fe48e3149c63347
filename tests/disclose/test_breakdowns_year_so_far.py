"""A year-to-date indicator's breakdown table is checked against the year's earlier tables that
Part 1 showed; one beside a withheld headline was never shown, so it is not worked out again."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CONFIG, definition, make_project, monthly
from kpicli.compute import breakdown_table, compute_report
from kpicli.disclose import breakdowns, disclose
from kpicli.load import load_project
from kpicli.models.facts import BreakdownTable
from kpicli.periods import Period, month_text, parse_month

MONTHS = ["2019-04", "2019-05", "2019-06", "2019-07"]
TEAMS = {"North": [2, 7, 11, 15], "South": [1, 6, 10, 14]}


def referrals_project(root: Path) -> Path:
    """Referrals year to date from April: April's total, 3, is small, so its headline and table
    are withheld; May's and June's are shown."""
    totals = [sum(counts[i] for counts in TEAMS.values()) for i in range(len(MONTHS))]
    return make_project(
        root,
        definitions=[
            definition(
                "referrals",
                1,
                cumulative={"year": "financial_year"},
                rag={"kind": "thresholds", "green": 1, "red": 2},
            )
        ],
        values=monthly("referrals", MONTHS[0], totals),
        breakdowns=[
            ["referrals", month, "Team", team, counts[i]]
            for i, month in enumerate(MONTHS)
            for team, counts in TEAMS.items()
        ],
        config=CONFIG,
    )


def test_only_the_tables_part_1_showed_are_worked_out_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = load_project(referrals_project(tmp_path / "p"))
    report = compute_report(project, parse_month(MONTHS[-1]))
    worked_out: list[str] = []

    def recorded(
        dimension: str, period: Period, rows: list[tuple[str, float]], headline: float | None
    ) -> BreakdownTable:
        worked_out.append(month_text(period.end))
        return breakdown_table(dimension, period, rows, headline)

    monkeypatch.setattr(breakdowns, "breakdown_table", recorded)
    public, _ = disclose(report, project)
    shown = [month_text(f.period.end) for f in public.indicators[0].headline.history if not f.value.withheld]
    assert MONTHS[0] not in shown and MONTHS[-1] in shown
    assert worked_out == [m for m in MONTHS if m in shown]
    assert public.indicators[0].breakdowns, "July's table is shown"
