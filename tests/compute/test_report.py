"""compute_report: variants side by side, persistence of red across report periods."""

from __future__ import annotations

from pathlib import Path

from conftest import CONFIG, definition, make_project, monthly
from kpicli.compute import compute_report
from kpicli.load import load_project
from kpicli.models.facts import Rating, Status
from kpicli.periods import parse_month

MEETINGS = [
    {"period": "2019-02", "date": "2019-03-19", "reference": "CYP19001"},
    {"period": "2019-05", "date": "2019-07-09", "reference": "CYP19002"},
    {"period": "2019-08", "date": "2019-11-12", "reference": "CYP19003"},
]
PAPERS = [
    {
        "reference": "CYP19001",
        "meeting_date": "2019-03-19",
        "period": "2019-02",
        "title": "February 2019",
    },
    {
        "reference": "CYP19002",
        "meeting_date": "2019-07-09",
        "period": "2019-05",
        "title": "May 2019",
    },
]


def test_persistence_counts_consecutive_red_report_periods_with_their_papers(
    tmp_path: Path,
) -> None:
    # Lower is better, red above 20: amber at February 2019, red at May and August.
    values = [15] * 14 + [25] * 6  # 2018-01 .. 2019-08: red from 2019-03
    root = make_project(
        tmp_path / "p",
        [definition("missing", 1, rag={"kind": "thresholds", "green": 10, "red": 20})],
        monthly("missing", "2018-01", values),
        config={**CONFIG, "meetings": MEETINGS},
        papers=PAPERS,
    )
    facts = compute_report(load_project(root), parse_month("2019-08")).indicators[0]
    assert facts.rag.rating is Rating.RED and facts.previous_rating is Rating.RED
    assert facts.persistence is not None
    assert facts.persistence.red_reports == 2
    assert [paper.reference for paper in facts.persistence.earlier_papers] == ["CYP19002"]


def test_variants_are_computed_side_by_side(tmp_path: Path) -> None:
    accommodation = definition(
        "care-leavers",
        1,
        unit="percent",
        polarity="higher_is_better",
        frequency="quarter",
        variants=[{"id": "excluding-declined", "label": "excluding those who decline support"}],
    )
    rows = [
        ["care-leavers", "2019-06", None, 112, 149],
        ["care-leavers", "2019-06", None, 112, 146, "excluding-declined"],
    ]
    facts = compute_report(
        load_project(make_project(tmp_path / "p", [accommodation], rows)), parse_month("2019-08")
    ).indicators[0]
    assert facts.headline.latest is not None and facts.variants[0].latest is not None
    assert round(facts.headline.latest.value.value or 0) == 75
    assert round(facts.variants[0].latest.value.value or 0) == 77
    assert facts.variants[0].label == "excluding those who decline support"


def test_an_indicator_without_data_is_reported_as_no_data(tmp_path: Path) -> None:
    root = make_project(
        tmp_path / "p",
        [definition("alpha", 1), definition("beta", 2)],
        monthly("alpha", "2019-01", [1, 2]),
    )
    facts = compute_report(load_project(root), parse_month("2019-08")).indicators[1]
    assert facts.status is Status.NO_DATA and facts.rag.rating is Rating.NOT_RATED
