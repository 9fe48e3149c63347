"""The figures in the committee minutes (CEF19004) come out of the sample project exactly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from kpicli.compute import compute_report
from kpicli.formatting import format_percent_change, format_share, format_value, plain_number
from kpicli.load import load_project
from kpicli.models.facts import ComputedReport, IndicatorFacts, Rating
from kpicli.periods import parse_month

# KPICLI_SEED_PROJECT lets a manual run point at another copy of the sample project.
PROJECT = Path(os.environ.get("KPICLI_SEED_PROJECT", REPO_ROOT))

pytestmark = pytest.mark.skipif(
    not any((PROJECT / "indicator_defs").glob("*.yaml")),
    reason=f"no sample project in {PROJECT}/indicator_defs (merged on main)",
)


@pytest.fixture(scope="module")
def report() -> ComputedReport:
    return compute_report(load_project(PROJECT), parse_month("2019-08"))


def indicator(report: ComputedReport, number: int) -> IndicatorFacts:
    return next(facts for facts in report.indicators if facts.definition.number == number)


def latest_shown(facts: IndicatorFacts) -> str:
    assert facts.headline.latest is not None and facts.headline.latest.value.value is not None
    return format_value(facts.headline.latest.value.value, facts.definition)


def test_62_secondary_permanent_exclusions_above_outer_london_and_england(report: ComputedReport) -> None:
    """DfE published no London figure for exclusions then (only Inner and Outer London): the rate
    is above Outer London and England, and London is recorded as not published."""
    facts = indicator(report, 5)
    assert latest_shown(facts) == "62"
    assert facts.headline.run is not None and facts.headline.run.length == 2
    assert facts.rag.rating is Rating.RED
    assert {c.area for c in facts.comparisons if c.judgement.value == "worse"} >= {"Outer London", "England"}
    assert [item.area for item in facts.unpublished] == ["London"]


def test_54_percent_long_term_placement_stability(report: ComputedReport) -> None:
    assert latest_shown(indicator(report, 25)) == "54%"


def test_75_percent_care_leavers_in_suitable_accommodation(report: ComputedReport) -> None:
    facts = indicator(report, 27)
    assert latest_shown(facts) == "75%"
    assert facts.headline.latest is not None and facts.headline.latest.period.code == "2019-06"


def test_50_of_93_ehc_plans_within_20_weeks(report: ComputedReport) -> None:
    facts = indicator(report, 34)
    latest = facts.headline.latest
    assert latest is not None
    assert (latest.numerator.value, latest.denominator.value) == (50, 93)
    assert latest_shown(facts) == "54%"
    previous = facts.headline.previous
    assert previous is not None and previous.earlier.value == pytest.approx(41 / 88 * 100)
    assert previous.judgement.value == "better"


def test_ehc_needs_assessments_projection(report: ComputedReport) -> None:
    projection = indicator(report, 35).projection
    assert projection is not None
    assert (projection.year_before_total.value, projection.last_year_total.value) == (281, 356)
    assert format_percent_change(projection.last_year_change.value or 0) == "27%"
    assert projection.to_date.value == 343
    assert format_share(projection.share_of_last_year.value or 0) == "96%"
    assert plain_number(projection.projected.value or 0) == "484"
    assert format_percent_change(projection.change.value or 0) == "36%"
