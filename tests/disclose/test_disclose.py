"""The disclosure stage as a whole: exempt indicators become one line, the views are sealed,
and every decision (derived facts included) is recorded for `kpicli explain`."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import definition, make_project, monthly
from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.load import load_project
from kpicli.models.facts import Rating
from kpicli.models.views import ExemptView, PublicView, Suppression
from kpicli.periods import parse_month

AUGUST_2019 = parse_month("2019-08")


def views(root: Path) -> tuple[PublicView, ExemptView]:
    project = load_project(root)
    return disclose(compute_report(project, AUGUST_2019), project)


@pytest.fixture
def small_latest(tmp_path: Path) -> Path:
    """A count whose latest month is small (so rated green), so everything derived from it must go."""
    return make_project(
        tmp_path / "project",
        definitions=[
            definition("missing-episodes", 1, rag={"kind": "thresholds", "green": 10, "red": 20}),
            definition(
                "cse-risk", 2, exempt={"paragraph": 2, "reason": "Could identify individual children."}
            ),
        ],
        values=monthly("missing-episodes", "2018-01", [*range(21, 40), 3])
        + monthly("cse-risk", "2019-01", [7, 8, 9, 7, 6, 8, 9, 7]),
    )


def decisions_for(public: PublicView, indicator: str) -> list[Suppression]:
    return [s for s in public.suppressions if s.indicator == indicator]


def test_an_exempt_indicator_is_only_a_line_in_part_1_and_whole_in_part_2(small_latest: Path) -> None:
    public, exempt = views(small_latest)
    assert [facts.definition.id for facts in public.indicators] == ["missing-episodes"]
    assert [(notice.number, notice.paragraph) for notice in public.exempt_notices] == [(2, 2)]
    assert [facts.definition.id for facts in exempt.indicators] == ["missing-episodes", "cse-risk"]
    assert exempt.exempt_paragraphs == (2,)
    [decision] = decisions_for(public, "cse-risk")
    assert "paragraph 2" in decision.rule


def test_facts_derived_from_a_withheld_latest_figure_are_recorded_as_withheld(small_latest: Path) -> None:
    public, exempt = views(small_latest)
    [published] = public.indicators
    assert published.rag.rating is Rating.WITHHELD and published.headline.previous is None
    assert exempt.indicators[0].rag.rating is Rating.GREEN, "the exempt view keeps the real rating"
    derived = {d.what for d in decisions_for(public, "missing-episodes") if d.name == "derived"}
    assert {"rating", "change from the previous figure"} <= derived
    assert {"previous report's rating", "control limits (SPC)"} & derived


def test_views_are_made_only_by_the_disclosure_stage(small_latest: Path) -> None:
    public, exempt = views(small_latest)
    with pytest.raises(TypeError, match=r"only by kpicli\.disclose"):
        PublicView(public.context, exempt.indicators, (), (), object())
    with pytest.raises(TypeError, match=r"only by kpicli\.disclose"):
        ExemptView(exempt.context, exempt.indicators, (), object())


def test_only_withheld_figures_count_as_suppressed_cells(small_latest: Path) -> None:
    public, _ = views(small_latest)
    cells = [d for d in public.suppressions if d.is_cell]
    assert [(d.indicator, d.what, d.name) for d in cells] == [
        ("missing-episodes", "figure for August 2019", "small_count")
    ]
    assert public.suppressed_cells == 1 < len(public.suppressions)


def test_a_comparison_never_rests_on_a_withheld_figure(tmp_path: Path) -> None:
    """England's latest figure is for a year whose figure of ours is withheld (2 of 40): Part 1
    cannot compare like for like, so it compares our latest published figure and says the two
    are for different years; the rating rests on that comparison, never on the withheld one."""
    root = make_project(
        tmp_path / "project",
        definitions=[
            definition(
                "eet",
                1,
                unit="percent",
                polarity="higher_is_better",
                frequency="quarter",
                rag={"kind": "benchmark", "comparators": ["England"]},
                comparators=["England"],
            )
        ],
        values=[["eet", "2018-06", None, 2, 40], ["eet", "2019-06", None, 30, 40]],
        benchmarks=[["eet", "2018-06", "England", 10.0]],
    )
    public, exempt = views(root)
    assert exempt.indicators[0].comparisons[0].local.value == 5.0, "the exact view compares like for like"
    [comparison] = public.indicators[0].comparisons
    assert comparison.local.value == 75.0 and not comparison.like_for_like
    assert public.indicators[0].rag.rating is Rating.GREEN
