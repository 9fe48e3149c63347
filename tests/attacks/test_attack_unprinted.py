"""A breakdown Part 1 does not print (its indicator is not rated red or amber, so the paper gives
it no section of its own) must not show through anything Part 1 does print: the symbol's legend,
summary.json's count of withheld cells, whether there is a Part 2, or the warnings."""

from __future__ import annotations

from pathlib import Path

from public_reader import months_between, public_papers

from conftest import CONFIG, definition, make_project, monthly

PERIODS = months_between("2019-04", "2019-06")


def project(root: Path, east: list[int]) -> Path:
    teams = {"North": [20, 24, 30], "South": [22, 27, 33], "East": east}
    return make_project(
        root,
        definitions=[definition("referrals", 1, rag={"kind": "thresholds", "green": 100, "red": 200})],
        values=monthly("referrals", PERIODS[0], [sum(v[i] for v in teams.values()) for i in range(3)]),
        breakdowns=[
            ["referrals", month, "Team", team, counts[i]]
            for i, month in enumerate(PERIODS)
            for team, counts in teams.items()
        ],
        config={**CONFIG, "meetings": [{"period": p, "date": f"{p}-28", "reference": p} for p in PERIODS]},
    )


def test_a_small_cell_in_a_breakdown_part_1_does_not_print_changes_nothing_it_prints(tmp_path: Path) -> None:
    small = public_papers(project(tmp_path / "small", [2, 3, 3]), PERIODS)
    large = public_papers(project(tmp_path / "large", [2 + 6, 3 + 6, 3 + 6]), PERIODS)
    for period in PERIODS:
        assert "by team" not in small[period].html.lower()
        for key in ("suppressed_cells", "exempt_paper", "files", "warnings"):
            assert small[period].summary[key] == large[period].summary[key], (period, key)
        assert small[period].text.count("[c]") == large[period].text.count("[c]"), period
