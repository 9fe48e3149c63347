"""Properties of the series rules over generated figures: no two published figures that a
reader would subtract reveal a small count. (Breakdown tables are attacked in
tests/attacks/test_attack_tables.py.)"""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import definition
from kpicli.disclose.decisions import Decisions
from kpicli.disclose.series import SeriesWithholder, protect_series
from kpicli.models.definition import IndicatorDefinition
from kpicli.models.facts import Cell, Figure
from kpicli.models.policy import EffectivePolicy
from kpicli.periods import Frequency, Period, parse_month, year_start_month

MONTH = Period(parse_month("2019-08"), Frequency.MONTH)

policies = st.builds(
    EffectivePolicy,
    suppress_below=st.integers(min_value=2, max_value=11),
    suppress_zero=st.booleans(),
    min_denominator=st.just(10),
    round_to=st.none(),
)


def protect(policy: EffectivePolicy, series: list[list[Figure]], **fields: object) -> list[list[Figure]]:
    indicator = IndicatorDefinition.model_validate(definition("generated", 1, **fields))
    withholder = SeriesWithholder(indicator, policy, Decisions("generated", policy))
    return protect_series(withholder, [(figures, f"series {n}") for n, figures in enumerate(series)])


@settings(max_examples=150, deadline=None)
@given(
    headline=st.tuples(st.integers(0, 60), st.integers(0, 60)),
    declined=st.tuples(st.integers(0, 12), st.integers(0, 12)),
    policy=policies,
)
def test_no_published_pair_of_variants_differs_by_a_small_count(
    headline: tuple[int, int], declined: tuple[int, int], policy: EffectivePolicy
) -> None:
    achieved, missed = headline
    declined_achieved, declined_missed = declined
    whole = (achieved + declined_achieved, achieved + missed + declined_achieved + declined_missed)
    part = (achieved, achieved + missed)
    figures = [
        Figure(MONTH, Cell.of(100 * n / d if d else None), Cell.of(n), Cell.of(d)) for n, d in (whole, part)
    ]
    [[published_headline], [published_variant]] = protect(
        policy, [figures[:1], figures[1:]], unit="percent", polarity="higher_is_better"
    )
    if published_headline.value.withheld or published_variant.value.withheld:
        return
    # Both published: the decliners, those of them who achieved and those who did not, must
    # not be a small number.
    assert not policy.is_small(whole[1] - part[1])
    assert not policy.is_small(whole[0] - part[0])
    assert not policy.is_small((whole[1] - whole[0]) - (part[1] - part[0]))


@settings(max_examples=150, deadline=None)
@given(monthly=st.lists(st.integers(0, 9), min_size=1, max_size=18), policy=policies)
def test_no_two_published_year_to_date_counts_reveal_a_small_count(
    monthly: list[int], policy: EffectivePolicy
) -> None:
    start = parse_month("2018-04")
    totals: list[Figure] = []
    running = 0
    for offset, value in enumerate(monthly):
        end = start + offset
        running = value if year_start_month(end, Frequency.FINANCIAL_YEAR) == end else running + value
        totals.append(Figure(Period(end, Frequency.MONTH), Cell.of(running)))
    [protected] = protect(policy, [totals], cumulative={"year": "financial_year"})
    published = [f for f in protected if not f.value.withheld]
    for earlier, later in combinations(published, 2):
        year = year_start_month(later.period.end, Frequency.FINANCIAL_YEAR)
        if year_start_month(earlier.period.end, Frequency.FINANCIAL_YEAR) == year:
            assert earlier.value.value is not None and later.value.value is not None
            assert not policy.is_small(later.value.value - earlier.value.value)
