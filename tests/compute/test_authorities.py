"""Every authority's figures: the neighbours' average, ranks and quartiles by DfE's convention."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import indicator, month, observation

from kpicli.compute.authorities import (
    AuthorityTable,
    authority_table,
    compute_standing,
    quartile_of,
    with_neighbour_averages,
)
from kpicli.compute.benchmarks import compare_with_benchmarks
from kpicli.load.areas import reference_areas
from kpicli.models.areas import STATISTICAL_NEIGHBOURS, AreaSetup, AuthorityValue
from kpicli.models.data import BenchmarkValue
from kpicli.models.definition import Polarity
from kpicli.periods import Frequency, Period

AY = Frequency.ACADEMIC_YEAR
Y2018, Y2019 = Period(month("2018-08"), AY), Period(month("2019-08"), AY)


def area(name: str):  # type: ignore[no-untyped-def]
    found = reference_areas().find(name)
    assert found is not None
    return found


def row(name: str, value: float, period: Period = Y2019, published: dt.date | None = None) -> AuthorityValue:
    found = area(name)
    return AuthorityValue("test-indicator", period, found.code, found.name, found.region, value, published)


LONDON = ["Bromley", "Sutton", "Croydon", "Merton", "Camden"]
OTHERS = ["Trafford", "Stockport", "Leeds", "Kent", "Hampshire"]


def setup(own: str | None = None, neighbours: tuple[str, ...] = ("Trafford", "Sutton", "Kent")) -> AreaSetup:
    return AreaSetup(area(own) if own else None, "London", tuple(area(n) for n in neighbours))


def test_the_neighbours_average_is_the_mean_of_those_with_a_figure_and_says_how_many() -> None:
    definition = indicator(frequency="academic_year", comparators=[STATISTICAL_NEIGHBOURS])
    rows = [row("Trafford", 10), row("Sutton", 14), row("Leeds", 100), row("Trafford", 8, Y2018)]
    averages = AuthorityTable({definition.id: rows}).neighbour_averages(setup())[definition.id]
    by_period = {b.period: b for b in averages}
    assert by_period[Y2019].value == 12 and (by_period[Y2019].count, by_period[Y2019].of) == (2, 3)
    assert by_period[Y2018].value == 8 and by_period[Y2018].count == 1


def test_the_worked_out_average_replaces_one_typed_for_the_same_period() -> None:
    definition = indicator(frequency="academic_year", comparators=[STATISTICAL_NEIGHBOURS])
    typed = [
        BenchmarkValue("test-indicator", Y2019, STATISTICAL_NEIGHBOURS, 99.0),
        BenchmarkValue("test-indicator", Y2018, STATISTICAL_NEIGHBOURS, 7.0),
    ]
    averages = AuthorityTable({definition.id: [row("Kent", 11)]}).neighbour_averages(setup())[definition.id]
    merged = with_neighbour_averages(definition, typed, averages)
    assert [(b.period, b.value) for b in merged] == [(Y2018, 7.0), (Y2019, 11.0)]


def test_only_figures_published_by_the_meeting_are_compared() -> None:
    definition = indicator(frequency="academic_year", comparators=["England"])
    published = [
        BenchmarkValue("test-indicator", Y2018, "England", 5.0, dt.date(2019, 7, 25)),
        BenchmarkValue("test-indicator", Y2019, "England", 6.0, dt.date(2020, 7, 30)),
    ]
    ours = [observation("2018-08", 4, AY), observation("2019-08", 7, AY)]
    (before,) = compare_with_benchmarks(ours, published, definition, month("2019-08"), dt.date(2019, 11, 12))
    assert before.period == Y2018
    later = compare_with_benchmarks(ours, published, definition, month("2020-08"), dt.date(2020, 11, 10))
    assert later[0].period == Y2019


@pytest.mark.parametrize(
    ("value", "polarity", "band"),
    [
        (1.0, Polarity.LOWER_IS_BETTER, 1),  # at or below the 25th percentile: band A
        (2.5, Polarity.LOWER_IS_BETTER, 2),
        (4.0, Polarity.LOWER_IS_BETTER, 4),
        (1.0, Polarity.HIGHER_IS_BETTER, 4),
        (4.0, Polarity.HIGHER_IS_BETTER, 1),
        (2.0, Polarity.HIGHER_IS_BETTER, 4),  # on a cut: with the lower values, as LAIT has it
        (2.0, Polarity.LOWER_IS_BETTER, 1),
    ],
)
def test_quartile_bands_follow_lait(value: float, polarity: Polarity, band: int) -> None:
    assert quartile_of(value, [2.0, 3.0, 3.5], polarity) == band


def test_a_council_not_in_the_data_is_ranked_as_one_more_authority() -> None:
    definition = indicator(frequency="academic_year", polarity="lower_is_better")
    rows = [row(name, value) for name, value in zip(LONDON + OTHERS, range(1, 11), strict=True)]
    standing = compute_standing(
        definition,
        [observation("2019-08", 2.5, AY)],
        {"test-indicator": rows},
        setup(),
        month("2019-08"),
        None,
        None,
    )
    assert standing is not None and standing.added
    # London's five have 1 to 5: 2.5 is third of six; England's ten have 1 to 10: third of eleven.
    assert (standing.region_rank.value, standing.region_count) == (3, 6)
    assert (standing.england_rank.value, standing.england_count) == (3, 11)
    assert standing.quartile.value == 1 and standing.period == Y2019


def test_a_councils_own_row_is_replaced_by_its_own_figure_and_ties_share_the_better_rank() -> None:
    definition = indicator(frequency="academic_year", polarity="higher_is_better")
    rows = [row(name, value) for name, value in zip(LONDON, (50, 60, 60, 40, 30), strict=True)]
    standing = compute_standing(
        definition,
        [observation("2019-08", 60, AY)],
        {"test-indicator": rows},
        setup("Bromley"),
        month("2019-08"),
        None,
        None,
    )
    assert standing is not None and not standing.added
    # Bromley's published 50 gives way to its own 60, tied with Sutton and Croydon: first of five.
    assert (standing.region_rank.value, standing.region_count) == (1, 5)


def test_ranks_are_like_for_like_and_none_for_a_neutral_indicator() -> None:
    rows = [row("Sutton", 3.0, Y2018), row("Sutton", 4.0), row("Croydon", 5.0)]
    lower = indicator(frequency="academic_year", polarity="lower_is_better")
    stale = compute_standing(
        lower,
        [observation("2018-08", 2, AY)],
        {"test-indicator": rows},
        setup(),
        month("2019-08"),
        None,
        None,
    )
    assert stale is not None and stale.period == Y2018 and stale.region_count == 2
    neutral = indicator(frequency="academic_year", polarity="neutral")
    assert (
        compute_standing(
            neutral,
            [observation("2019-08", 2, AY)],
            {"test-indicator": rows},
            setup(),
            month("2019-08"),
            None,
            None,
        )
        is None
    )


def test_the_table_is_built_once_per_set_of_figures_and_never_served_for_another() -> None:
    first = {"test-indicator": (row("Kent", 10),)}
    table = authority_table(first)
    assert authority_table(first) is table
    assert authority_table({"test-indicator": (row("Kent", 10),)}) is not table
    for value in range(20):
        # Each dict is freed at once, so CPython may give the next one the same id.
        figures = {"test-indicator": (row("Kent", value),)}
        assert list(authority_table(figures).frame["value"]) == [value]
