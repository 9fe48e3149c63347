"""A breakdown Part 1 does not print (its indicator is not rated red or amber, so the paper gives
it no section of its own) must not show through anything Part 1 does print: the symbol's legend,
summary.json's count of withheld cells, whether there is a Part 2, or the warnings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from attacker import public_view
from public_reader import months_between, prepare, public_papers, read_public, with_reasons

from conftest import CONFIG, definition, make_project, monthly, with_actions
from kpicli.load import load_project
from kpicli.models.data import Project
from kpicli.periods import parse_month

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


# Five monthly counts of OLD_MONTHS (26 to 34 each month), reported for August 2019, and the
# first month Part 1 uses of each: worked out here from what the paper prints, not by kpicli.
# Red ones have a section with a two-year chart; green ones a dashboard row with a year's
# sparkline and the figure a year earlier. Control limits are worked out over the last 48
# months, or from a stated rebase, given at least 15 months: their span counts as used.
RED = {"kind": "thresholds", "green": 10, "red": 20}
GREEN = {"kind": "thresholds", "green": 40, "red": 50}
SWEPT = {
    # Limits over the last 48 months; the red one's chart is their span.
    "missing-episodes": ({"rag": RED}, "2015-09"),
    "private-fostering": ({"rag": GREEN}, "2015-09"),
    # Limits from March 2018 (18 months): the red one's chart goes further back.
    "children-in-need": (
        {"rag": RED, "spc": {"rebase": [{"period": "2018-03", "reason": "New team"}]}},
        "2017-09",
    ),
    "early-help-referrals": (
        {"rag": GREEN, "spc": {"rebase": [{"period": "2018-03", "reason": "New team"}]}},
        "2018-03",
    ),
    # Too few months since the rebase for limits: the sparkline and the year-earlier figure.
    "youth-offending-entrants": (
        {"rag": GREEN, "spc": {"rebase": [{"period": "2019-01", "reason": "New team"}]}},
        "2018-08",
    ),
}
WITH_LIMITS = {"missing-episodes", "private-fostering", "early-help-referrals"}


def swept_project(root: Path) -> Project:
    counts = [26 + (index * 7) % 9 for index in range(len(OLD_MONTHS))]
    root = make_project(
        root,
        definitions=[
            definition(id, number, **fields) for number, (id, (fields, _)) in enumerate(SWEPT.items(), 1)
        ],
        values=[row for id in SWEPT for row in monthly(id, OLD_MONTHS[0], counts)],
        narrative={id: with_actions("Context.") for id, (fields, _) in SWEPT.items() if fields["rag"] is RED},
    )
    return load_project(with_reasons(root, ["2019-08"]))


def with_figure(project: Project, month: str, value: int) -> Project:
    """The project with every indicator's figure for `month` set to `value`."""
    period = parse_month(month)
    observations = {
        id: tuple(o._replace(value=value) if o.period.end == period else o for o in series)
        for id, series in project.data.observations.items()
    }
    return replace(project, data=replace(project.data, observations=observations))


def test_a_small_figure_changes_part_1_only_where_part_1_uses_it(tmp_path: Path) -> None:
    """Every month of the series in turn is set to a small figure in twins. Two withheld figures
    (2 or 3) never change a byte. A withheld figure (3) or a shown one (13) change nothing
    outside the months Part 1 uses of any indicator; inside them, summary.json counts exactly
    the indicators whose used months hold it, and the control limits over it are left out."""
    project = swept_project(tmp_path / "swept")
    for month in OLD_MONTHS:
        three = with_figure(project, month, 3)
        small, large, smaller = (
            read_public(prepare(twin, "2019-08"))
            for twin in (three, with_figure(project, month, 13), with_figure(project, month, 2))
        )
        assert (smaller.html, smaller.csv, smaller.summary_text) == (
            small.html,
            small.csv,
            small.summary_text,
        ), month
        using = [id for id, (_, since) in SWEPT.items() if month >= since]
        if not using:
            assert (small.html, small.csv, small.summary_text) == (
                large.html,
                large.csv,
                large.summary_text,
            ), month
            continue
        assert (small.summary["suppressed_cells"], small.summary["exempt_paper"]) == (len(using), True), month
        assert large.summary["suppressed_cells"] == 0, month
        limits = {facts.definition.id: facts.spc for facts in public_view(three, "2019-08").indicators}
        assert not [id for id in using if id in WITH_LIMITS and limits[id] is not None], month
