"""A chart's alternative text states what it shows, from published figures only."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import definition
from kpicli.models.definition import IndicatorDefinition
from kpicli.models.facts import Cell, Figure
from kpicli.periods import Frequency, Period
from kpicli.render.findings import no_figure_words, trend_finding


def indicator(**fields: Any) -> IndicatorDefinition:
    return IndicatorDefinition.model_validate(definition("test-indicator", 1, **fields))


def history(start: str, values: list[float | None], frequency: Frequency = Frequency.MONTH) -> list[Figure]:
    first = Period.parse(start, frequency)
    return [
        Figure(first.shifted(step), Cell.hidden("small") if value is None else Cell.of(value))
        for step, value in enumerate(values)
    ]


def test_a_rise_above_london_throughout() -> None:
    years = history("2016-08", [41, 48, 55, 62], Frequency.ACADEMIC_YEAR)
    finding = trend_finding(years, [("London 2017/18", 40.0)], indicator(frequency="academic_year"))
    assert finding == "Rose from 41 in 2015/16 to 62 in 2018/19; above London 2017/18 (40) throughout."


def test_a_fall_that_crosses_the_target_is_placed_at_the_latest_figure() -> None:
    months = history("2019-01", [67, 60, 54])
    finding = trend_finding(months, [("the target", 65.0)], indicator(unit="percent"))
    assert (
        finding == "Fell from 67% in January 2019 to 54% in March 2019; below the target (65%) in March 2019."
    )


def test_figures_the_same_when_rounded_are_the_same() -> None:
    quarters = history("2019-03", [54.04, 53.96], Frequency.QUARTER)
    finding = trend_finding(quarters, [], indicator(unit="percent"))
    assert finding == "54% in April to June 2019, the same as in January to March 2019."


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Withheld figures are counted, never described, and "throughout" would speak for them.
        (
            [3, None, 20, 30],
            "Rose from 3 in January 2019 to 30 in April 2019; above London (2) in April 2019. 1 figure is withheld.",
        ),
        ([None, None, 12], "12 in March 2019; above London (2) in March 2019. 2 figures are withheld."),
        ([None, None], "No figure is published for this period."),
    ],
)
def test_withheld_figures_are_gaps_the_words_do_not_fill(values: list[float | None], expected: str) -> None:
    assert trend_finding(history("2019-01", values), [("London", 2.0)], indicator()) == expected


def test_the_periods_with_no_figure_are_listed_as_running_text() -> None:
    years = [Period.parse(end, Frequency.FINANCIAL_YEAR) for end in ("2016-03", "2018-03", "2019-03")]
    assert no_figure_words(years[:1]) == " There is no figure for 2015/16."
    assert no_figure_words(years) == " There is no figure for 2015/16, 2017/18 and 2018/19."
    assert no_figure_words(years * 2) == " There is no figure for 6 of the periods shown."
