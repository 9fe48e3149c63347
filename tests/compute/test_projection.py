"""Year-end projection of year-to-date counts: the seed's case, both methods, and fallbacks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from builders import indicator, series

from conftest import definition, make_project, monthly
from kpicli.compute import compute_report
from kpicli.compute.projection import project_year_end
from kpicli.load import load_project
from kpicli.periods import Frequency, parse_month

# Year to date by month: 2017 reaches 199 by August and 281 by December; 2018 252 and 356.
YTD_2017 = [20, 45, 70, 95, 120, 145, 170, 199, 222, 245, 262, 281]
YTD_2018 = [30, 62, 95, 125, 160, 190, 222, 252, 280, 310, 335, 356]
YTD_2019 = [40, 85, 130, 175, 215, 260, 300, 343]


def assessments(**fields: Any) -> dict[str, Any]:
    return definition(
        "ehc-assessments",
        35,
        section="education",
        polarity="neutral",
        cumulative={"year": "calendar_year"},
        **fields,
    )


def projection_for(tmp_path: Path, **fields: Any) -> Any:
    root = make_project(
        tmp_path / "p",
        [assessments(**fields)],
        monthly("ehc-assessments", "2017-01", YTD_2017 + YTD_2018 + YTD_2019),
    )
    report = compute_report(load_project(root), parse_month("2019-08"))
    return report.indicators[0].projection


def test_seed_case_seasonal_over_two_years(tmp_path: Path) -> None:
    projection = projection_for(tmp_path, projection={"method": "seasonal", "profile_years": 2})
    assert projection.method == "seasonal"
    assert projection.projected.value == pytest.approx(343 / ((199 / 281 + 252 / 356) / 2))
    assert round(projection.projected.value) == 484
    assert round(projection.change.value * 100) == 36
    assert round(projection.share_of_last_year.value * 100) == 96
    assert round(projection.last_year_change.value * 100) == 27
    assert (projection.year_before_total.value, projection.last_year_total.value) == (281, 356)
    assert (
        projection.basis
        == "on the pattern of earlier years (252 of 356 by August 2018; 199 of 281 by August 2017)"
    )
    assert projection.workings[-3] == "projected: 343 / 0.70803 = 484.4"


def test_one_profile_year_uses_last_year_alone(tmp_path: Path) -> None:
    projection = projection_for(tmp_path, projection={"method": "seasonal"})
    assert projection.projected.value == pytest.approx(343 * 356 / 252)
    assert round(projection.projected.value) == 485
    assert projection.basis == "on the pattern of earlier years (252 of 356 by August 2018)"


def test_pro_rata_by_elapsed_months(tmp_path: Path) -> None:
    projection = projection_for(tmp_path, projection={"method": "pro_rata"})
    assert projection.method == "pro_rata"
    assert projection.projected.value == pytest.approx(343 * 12 / 8)
    assert projection.basis == "pro rata: 8 of 12 months elapsed"


def test_seasonal_without_history_falls_back_to_pro_rata_and_says_why() -> None:
    definition = indicator(
        polarity="neutral",
        cumulative={"year": "calendar_year"},
        projection={"method": "seasonal", "profile_years": 2},
    )
    rows = series("2018-01", YTD_2018 + YTD_2019)
    projection = project_year_end(rows, definition)
    assert projection is not None and projection.method == "pro_rata"
    assert "no year-to-date figure for August 2017" in projection.basis


def test_quarterly_financial_year_pro_rata() -> None:
    definition = indicator(
        polarity="neutral",
        frequency="quarter",
        cumulative={"year": "financial_year"},
        projection={"method": "pro_rata"},
    )
    rows = series("2018-06", [10, 20, 30, 40, 12, 24], Frequency.QUARTER)  # to 2019-09: 6 months in
    projection = project_year_end(rows, definition)
    assert projection is not None
    assert projection.projected.value == pytest.approx(48)
    assert projection.year.label == "2019/20 financial year" and projection.last_year_total.value == 40


def test_no_projection_at_the_year_end_or_without_last_year() -> None:
    definition = indicator(
        polarity="neutral", cumulative={"year": "calendar_year"}, projection={"method": "pro_rata"}
    )
    assert project_year_end(series("2018-01", YTD_2018), definition) is None
    assert project_year_end(series("2019-01", YTD_2019), definition) is None
