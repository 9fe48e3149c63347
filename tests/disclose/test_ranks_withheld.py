"""A rank, quartile or comparison is a fact about our figure: the public outputs never show one
for a figure they withhold, and Part 2 shows it."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import CONFIG, definition, make_project, write_csv
from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.load import load_project
from kpicli.models.facts import Cell, Ranks, Standing
from kpicli.narrate import narrate_exempt, narrate_public
from kpicli.periods import Frequency, Period, parse_month
from kpicli.render import public_csv, render_exempt_html, render_public_html, summary_json

LONDON = ["Bromley", "Sutton", "Croydon", "Merton", "Camden", "Barnet", "Ealing", "Harrow"]


def ranked_project(root: Path, small: bool) -> Path:
    count = 3 if small else 40
    make_project(
        root,
        definitions=[
            definition(
                "exclusions",
                1,
                frequency="academic_year",
                comparators=["England", "Statistical neighbours"],
                rag={"kind": "benchmark", "comparators": ["England"]},
                benchmark_basis={"unit": "rate", "rate_per": 100, "decimals": 2, "label": "per 100 pupils"},
            )
        ],
        values=[["exclusions", "2018-08", 30, None, 20000], ["exclusions", "2019-08", count, None, 20000]],
        config={**CONFIG, "benchmarking": {"region": "London", "statistical_neighbours": LONDON[:3]}},
    )
    rows = [["exclusions", "2019-08", "England", 0.15]]
    rows += [["exclusions", "2019-08", name, 0.05 + 0.03 * i] for i, name in enumerate(LONDON)]
    write_csv(root / "sample_data" / "benchmarks.csv", ["indicator", "period", "area", "value"], rows)
    return root


def outputs(root: Path) -> tuple[str, str]:
    project = load_project(root)
    public_view, exempt_view = disclose(compute_report(project, parse_month("2019-08")), project)
    public = narrate_public(public_view, {}, "narrative")
    exempt = narrate_exempt(exempt_view, {}, "narrative")
    published = render_public_html(public, None) + public_csv(public) + summary_json(public, [], [])
    return published, render_exempt_html(exempt, None)


# A rank or band as the paper gives one (not the appendix's explanation of band A).
RANK = re.compile(r"\b\d+(st|nd|rd|th) of \d+|ranked \w+ of|band [A-D][,;.)]")


def test_no_rank_or_quartile_for_a_withheld_figure_in_any_public_output(tmp_path: Path) -> None:
    published, exempt = outputs(ranked_project(tmp_path / "small", small=True))
    assert not RANK.search(published), RANK.search(published)
    assert "[c]" in published
    assert RANK.search(exempt), "Part 2 shows the rank the public paper withholds"


def test_a_published_figure_keeps_its_rank_and_quartile(tmp_path: Path) -> None:
    published, _ = outputs(ranked_project(tmp_path / "large", small=False))
    assert "of nine London authorities" in published and "quartile" in published


def standing(england: Cell, quartile: Cell, region: Cell) -> Standing:
    period = Period(parse_month("2019-08"), Frequency.ACADEMIC_YEAR)
    return Standing(period, Cell.of(3.0), "London", region, 33, england, 153, quartile)


def test_a_standing_is_ranked_only_with_a_rank_and_a_band_neither_withheld() -> None:
    hidden = Cell.hidden("small_count")
    assert standing(Cell.of(40.0), Cell.of(2.0), Cell.of(5.0)).ranked == Ranks(40, 2, 5)
    assert standing(Cell.of(40.0), Cell.of(2.0), Cell(None)).ranked == Ranks(40, 2, None)
    assert standing(hidden, hidden, hidden).ranked is None
    assert standing(Cell.of(40.0), Cell(None), Cell.of(5.0)).ranked is None
