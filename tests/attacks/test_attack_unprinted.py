"""A breakdown Part 1 does not print (its indicator is not rated red or amber, so the paper gives
it no section of its own) must not show through anything Part 1 does print: the symbol's legend,
summary.json's count of withheld cells, whether there is a Part 2, or the warnings."""

from __future__ import annotations

from pathlib import Path

from public_reader import months_between, public_papers

from conftest import CONFIG, definition, make_project, monthly, with_actions

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


OLD_MONTHS = months_between("2014-09", "2019-08")


def old_figure_project(root: Path, old: int) -> Path:
    """Five years of two monthly counts: red (charted) and green (on a dashboard). January 2015,
    older than anything Part 1 prints of them, is `old`; the officer writes 'three children'."""
    counts = [26 + (index * 7) % 9 for index in range(len(OLD_MONTHS))]
    counts[OLD_MONTHS.index("2015-01")] = old
    rag = {"kind": "thresholds", "green": 40, "red": 50}
    return make_project(
        root,
        definitions=[
            definition("missing-episodes", 1, rag={"kind": "thresholds", "green": 10, "red": 20}),
            definition("private-fostering", 2, rag=rag),
        ],
        values=monthly("missing-episodes", OLD_MONTHS[0], counts)
        + monthly("private-fostering", OLD_MONTHS[0], counts),
        narrative={
            "missing-episodes": with_actions("Three children went missing more than once."),
            "private-fostering": "Three children were privately fostered by relatives.\n",
        },
        narrative_periods=("2019-05", "2019-08"),
    )


def test_a_small_figure_older_than_anything_part_1_prints_changes_no_byte_of_it(tmp_path: Path) -> None:
    """Twins differing only in January 2015's figure, 3 (withheld) or 13: Part 1 prints neither
    (the chart shows two years, the dashboard one), so no public output may differ: not the count
    of withheld cells, whether there is a Part 2, a warning, the analysis or a word of the paper."""
    periods = ["2019-05", "2019-08"]
    small = public_papers(old_figure_project(tmp_path / "small", 3), periods)
    large = public_papers(old_figure_project(tmp_path / "large", 13), periods)
    for period in periods:
        assert small[period].summary_text == large[period].summary_text, period
        assert small[period].csv == large[period].csv, period
        assert small[period].html == large[period].html, period
