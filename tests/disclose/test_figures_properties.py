"""Properties of the withholding rules over generated tables and series.

Breakdowns: for every withheld cell, a linear programme finds the least and greatest value it
could take given everything published (the published cells, the total, cells >= 0). The two
must differ and the greatest must be beyond the small range, or the cell has been given away.
Minimality: a brute-force search over every set of extra cells finds the fewest a safe table
needs; the rule must withhold exactly that many, and no more in total than the smallest such
set does.
"""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from conftest import definition
from kpicli.disclose.figures import Withholder
from kpicli.models.definition import IndicatorDefinition
from kpicli.models.facts import BreakdownTable, Cell, Figure, SeriesFacts
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
cells = st.one_of(st.integers(min_value=0, max_value=6), st.integers(min_value=0, max_value=80))
tables = st.lists(cells, min_size=1, max_size=7)


def make_withholder(policy: EffectivePolicy, **fields: object) -> Withholder:
    return Withholder(IndicatorDefinition.model_validate(definition("generated", 1, **fields)), policy)


def breakdown(values: list[int]) -> BreakdownTable:
    rows = tuple((f"c{index}", Cell.of(value)) for index, value in enumerate(values))
    return BreakdownTable("Generated", MONTH, rows, Cell.of(sum(values)))


def bounds_of_withheld(
    values: list[int], withheld: set[int], total_published: bool
) -> list[tuple[float, float]]:
    """Least and greatest value of each withheld cell consistent with what is published."""
    order = sorted(withheld)
    if not total_published:
        return [(0.0, float("inf"))] * len(order)
    remainder = sum(values) - sum(v for i, v in enumerate(values) if i not in withheld)
    result = []
    for position in range(len(order)):
        objective = [1.0 if i == position else 0.0 for i in range(len(order))]
        equality = ([[1.0] * len(order)], [float(remainder)])
        low = linprog(objective, A_eq=equality[0], b_eq=equality[1], bounds=(0, None))
        high = linprog([-c for c in objective], A_eq=equality[0], b_eq=equality[1], bounds=(0, None))
        assert low.status == 0 and high.status == 0
        result.append((low.fun, -high.fun))
    return result


def is_protected(values: list[int], withheld: set[int], policy: EffectivePolicy) -> bool:
    """Published total: each withheld cell must be free to move, and free to leave the small range."""
    for low, high in bounds_of_withheld(values, withheld, total_published=True):
        if high - low < 1e-9 or high < policy.suppress_below:
            return False
    return True


def fewest_extra_cells(
    values: list[int], primary: set[int], policy: EffectivePolicy
) -> tuple[int, int] | None:
    """Brute force: the fewest extra cells (and their least sum) that protect the primary ones."""
    if not primary:
        return (0, 0)
    others = [i for i in range(len(values)) if i not in primary]
    for size in range(len(others) + 1):
        sums = [
            sum(values[i] for i in extra)
            for extra in combinations(others, size)
            if is_protected(values, primary | set(extra), policy)
        ]
        if sums:
            return size, min(sums)
    return None


@settings(max_examples=150, deadline=None)
@given(values=tables, policy=policies)
def test_no_withheld_breakdown_cell_can_be_worked_out_and_no_more_are_withheld_than_needed(
    values: list[int], policy: EffectivePolicy
) -> None:
    protected = make_withholder(policy).protect_breakdown(breakdown(values), headline_withheld=False)
    withheld = {i for i, (_, cell) in enumerate(protected.rows) if cell.withheld}
    primary = {i for i, value in enumerate(values) if policy.is_small(value)}
    assert primary <= withheld
    if protected.total.withheld:
        assert withheld == set(range(len(values)))
        assert policy.is_small(sum(values)) or fewest_extra_cells(values, primary, policy) is None
        return
    for index, (low, high) in zip(
        sorted(withheld), bounds_of_withheld(values, withheld, total_published=True), strict=True
    ):
        assert high - low > 1e-9, f"cell {index} is pinned at {low}"
        assert high >= policy.suppress_below, f"cell {index} is known to be at most {high}"
    best = fewest_extra_cells(values, primary, policy)
    assert best is not None
    secondary = withheld - primary
    assert (len(secondary), sum(values[i] for i in secondary)) == best


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
    withholder = make_withholder(policy, unit="percent", polarity="higher_is_better")
    figures = [
        Figure(MONTH, Cell.of(100 * n / d if d else None), Cell.of(n), Cell.of(d)) for n, d in (whole, part)
    ]
    published_headline = withholder.protect_history(figures[:1], "figure for")
    label = "excluding those who decline"
    variant = SeriesFacts("excluding", label, figures[1], (figures[1],), None, None, None)
    [published_variant] = withholder.protect_variant_history(variant, [published_headline])
    if published_headline[0].value.withheld or published_variant.value.withheld:
        return
    # Both published: the decliners (and those of them who achieved) must not be a small number.
    assert not policy.is_small(whole[1] - part[1])
    assert not policy.is_small(whole[0] - part[0])


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
    withholder = make_withholder(policy, cumulative={"year": "financial_year"})
    published = [f for f in withholder.protect_history(totals, "figure for") if not f.value.withheld]
    for earlier, later in combinations(published, 2):
        year = year_start_month(later.period.end, Frequency.FINANCIAL_YEAR)
        if year_start_month(earlier.period.end, Frequency.FINANCIAL_YEAR) == year:
            assert earlier.value.value is not None and later.value.value is not None
            assert not policy.is_small(later.value.value - earlier.value.value)
