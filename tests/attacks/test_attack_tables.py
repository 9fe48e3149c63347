"""Class 10: a reader who knows how secondary cells are chosen.

For a breakdown table as Part 1 shows it (some cells [c], the rest and the total published), two
readers try to pin a withheld small cell down:
- a linear programme (scipy linprog) for each guess of which withheld cells are the small ones
  (1 to the threshold, or 0 too when zeros are suppressed) and which were chosen beside them
  (not small, and no larger than the smallest cell still published, since the rule takes the
  smallest first): the least and greatest value the cell can take, over every guess;
- a brute-force reader who tries every table of whole numbers consistent with what is shown,
  replays kpicli's own rule on it, and keeps those for which the rule shows exactly this.
For every withheld small cell, the range each finds must be at least the threshold wide.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain, combinations, permutations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from kpicli.disclose.breakdowns import TableWithholder
from kpicli.disclose.decisions import Decisions
from kpicli.models.facts import BreakdownTable, Cell
from kpicli.models.policy import EffectivePolicy
from kpicli.periods import Frequency, Period, parse_month

MONTH = Period(parse_month("2019-08"), Frequency.MONTH)
View = tuple[tuple[float | None, ...], float | None] | None


def protect(values: list[int], policy: EffectivePolicy) -> View:
    """The table as Part 1 shows it: each cell's published value (None if withheld) and the
    total; None when the table is not shown."""
    rows = tuple((f"c{index}", Cell.of(value)) for index, value in enumerate(values))
    table = BreakdownTable("Generated", MONTH, rows, Cell.of(sum(values)))
    shown = TableWithholder(policy, Decisions("generated", policy)).protect(table, None)
    if shown is None:
        return None
    return tuple(None if cell.withheld else cell.value for _, cell in shown.rows), shown.total.value


def bounded_compositions(total: int, caps: list[int]) -> Iterator[list[int]]:
    """Every list of whole numbers, each within its cap, adding up to total."""
    if not caps:
        if total == 0:
            yield []
        return
    rest = sum(caps[1:])
    for first in range(max(0, total - rest), min(caps[0], total) + 1):
        for tail in bounded_compositions(total - first, caps[1:]):
            yield [first, *tail]


def consistent_tables(view: View, policy: EffectivePolicy, first: list[int]) -> Iterator[list[int]]:
    """Every table of whole numbers that the rule would show exactly as `view`: the values of
    the withheld cells, in their order. `first` is tried first (the reader's best guesses)."""
    assert view is not None
    cells, total = view
    assert total is not None
    hidden = [index for index, cell in enumerate(cells) if cell is None]
    remainder = int(total - sum(cell for cell in cells if cell is not None))
    published = [cell for cell in cells if cell]
    # The rule never withholds beside a small cell one larger than a cell it still shows.
    cap = int(max(policy.suppress_below - 1, min(published, default=remainder)))
    guesses = chain(sorted(set(permutations(first))), bounded_compositions(remainder, [cap] * len(hidden)))
    for guess in guesses:
        table = [int(cell) if cell is not None else 0 for cell in cells]
        for index, value in zip(hidden, guess, strict=True):
            table[index] = value
        if protect(table, policy) == view:
            yield list(guess)


def brute_force_ranges(
    view: View, policy: EffectivePolicy, truth: list[int], wanted: list[int]
) -> dict[int, tuple[int, int]]:
    """For each withheld cell, the least and greatest value over the tables consistent with
    `view`; the search stops once every cell in `wanted` is known to range at least the
    threshold (a full search otherwise)."""
    assert view is not None
    hidden = [index for index, cell in enumerate(view[0]) if cell is None]
    found: dict[int, tuple[int, int]] = {}
    for guess in consistent_tables(view, policy, [truth[i] for i in hidden]):
        for index, value in zip(hidden, guess, strict=True):
            low, high = found.get(index, (value, value))
            found[index] = (min(low, value), max(high, value))
        if all(found[i][1] - found[i][0] >= policy.suppress_below for i in wanted):
            break
    return found


def linprog_range(view: View, policy: EffectivePolicy, index: int) -> tuple[float, float]:
    """The least and greatest value of withheld cell `index` by linear programming, over every
    guess of which withheld cells are the small ones; stops once the range is the threshold wide."""
    assert view is not None
    cells, total = view
    assert total is not None
    hidden = [i for i, cell in enumerate(cells) if cell is None]
    remainder = total - sum(cell for cell in cells if cell is not None)
    cap = min((cell for cell in cells if cell), default=remainder)
    least = 0 if policy.suppress_zero else 1
    small, chosen = (least, policy.suppress_below - 1), (policy.suppress_below, cap)
    position = hidden.index(index)
    objective = [1.0 if p == position else 0.0 for p in range(len(hidden))]
    equality = ([[1.0] * len(hidden)], [remainder])
    low, high = float("inf"), float("-inf")
    for size in range(1, len(hidden) + 1):
        for smalls in combinations(range(len(hidden)), size):
            bounds = [small if p in smalls else chosen for p in range(len(hidden))]
            lowest = linprog(objective, A_eq=equality[0], b_eq=equality[1], bounds=bounds)
            if lowest.status != 0:
                continue  # this guess is impossible
            highest = linprog([-c for c in objective], A_eq=equality[0], b_eq=equality[1], bounds=bounds)
            low, high = min(low, lowest.fun), max(high, -highest.fun)
            if high - low >= policy.suppress_below:
                return low, high
    return low, high


policies = st.builds(
    EffectivePolicy,
    suppress_below=st.integers(min_value=2, max_value=6),
    suppress_zero=st.booleans(),
    min_denominator=st.just(10),
    round_to=st.none(),
)
tables = st.lists(
    st.one_of(st.integers(min_value=0, max_value=7), st.integers(min_value=0, max_value=40)),
    min_size=2,
    max_size=6,
)


def small_cells(values: list[int], view: View, policy: EffectivePolicy) -> list[int]:
    assert view is not None
    return [
        i
        for i, (value, cell) in enumerate(zip(values, view[0], strict=True))
        if cell is None and policy.is_small(value)
    ]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=tables, policy=policies)
def test_no_reader_who_knows_the_rule_can_narrow_a_withheld_small_cell(
    values: list[int], policy: EffectivePolicy
) -> None:
    view = protect(values, policy)
    if view is None:
        return  # not published at all
    for index in small_cells(values, view, policy):
        low, high = brute_force_ranges(view, policy, values, [index])[index]
        assert high - low >= policy.suppress_below, (
            f"cell {index} ({values[index]}) is known to be {low} to {high}"
        )
        lp_low, lp_high = linprog_range(view, policy, index)
        assert lp_high - lp_low >= policy.suppress_below - 1e-9


@pytest.mark.parametrize(
    "values",
    [
        [4, 5, 5, 40],  # the "4 or 5" table: the withheld 5 could be no larger than the 5 still shown
        [2, 3, 30, 40],  # 2 and 3: their sum is not small, but each is known to be small
        [1, 5, 26, 30],  # the primary and its secondary add up to 6: "1 or 5" without a third cell
        [3, 7, 9, 30, 40, 52],
    ],
)
def test_tables_that_a_less_careful_rule_gives_away_are_safe(values: list[int]) -> None:
    policy = EffectivePolicy(5, False, 10, None)
    view = protect(values, policy)
    assert view is not None
    for index in small_cells(values, view, policy):
        low, high = brute_force_ranges(view, policy, values, [index])[index]
        assert high - low >= policy.suppress_below
