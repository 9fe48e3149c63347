"""Any fact derived from our figure (a rank among authorities, a quartile, a neighbours'
comparison, a rating on benchmarks) goes with the figure it rests on, whatever new fact is
added: twins differing only in a withheld figure must print the same papers."""

from __future__ import annotations

from pathlib import Path

import pytest
from public_reader import public_papers
from test_attack_classes import assert_twins_read_the_same

from conftest import CONFIG, definition, make_project, write_csv

AUTHORITIES = ["Bromley", "Sutton", "Croydon", "Merton", "Camden", "Barnet", "Ealing", "Harrow"]


def ranked(root: Path, counts: tuple[int, int], ranked_year: str) -> Path:
    """Exclusions for 2017/18 and 2018/19, every London authority's rate for `ranked_year`."""
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
        values=[
            ["exclusions", "2018-08", counts[0], None, 2000],
            ["exclusions", "2019-08", counts[1], None, 2000],
        ],
        config={**CONFIG, "benchmarking": {"region": "London", "statistical_neighbours": AUTHORITIES[:3]}},
    )
    rows = [["exclusions", ranked_year, "England", 0.15]]
    rows += [["exclusions", ranked_year, name, 0.05 + 0.03 * i] for i, name in enumerate(AUTHORITIES)]
    write_csv(root / "sample_data" / "benchmarks.csv", ["indicator", "period", "area", "value"], rows)
    return root


@pytest.mark.parametrize(
    ("first", "second", "year"),
    [
        ((30, 2), (30, 4), "2019-08"),  # this year's figure withheld
        ((2, 30), (4, 30), "2018-08"),  # last year's, the only year every authority has a figure for
    ],
)
def test_no_rank_quartile_or_comparison_rests_on_a_withheld_figure(
    tmp_path: Path, first: tuple[int, int], second: tuple[int, int], year: str
) -> None:
    papers = [
        public_papers(ranked(tmp_path / f"twin-{n}", counts, year), ["2019-08"])
        for n, counts in enumerate((first, second))
    ]
    assert_twins_read_the_same(*papers)
