"""Each withholding rule at, below and above its threshold."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import definition
from kpicli.disclose.breakdowns import TableWithholder, choose_secondary, combine_small_categories
from kpicli.disclose.decisions import Decisions
from kpicli.disclose.series import SeriesWithholder, protect_series
from kpicli.models.config import DisclosurePolicy
from kpicli.models.definition import BreakdownRule, IndicatorDefinition
from kpicli.models.facts import BreakdownTable, Cell, Figure
from kpicli.models.policy import EffectivePolicy, WithholdRule, effective_policy
from kpicli.periods import Frequency, Period, parse_month

DEFAULT = EffectivePolicy(suppress_below=5, suppress_zero=False, min_denominator=10, round_to=None)
AUGUST_2019 = parse_month("2019-08")


def make_definition(**fields: Any) -> IndicatorDefinition:
    return IndicatorDefinition.model_validate(definition("test-indicator", 1, **fields))


def month(offset: int) -> Period:
    return Period(AUGUST_2019 + offset, Frequency.MONTH)


def count(value: float, offset: int = 0) -> Figure:
    return Figure(month(offset), Cell.of(value))


def share(
    numerator: float | None, denominator: float | None, offset: int = 0, value: float | None = None
) -> Figure:
    if value is None and numerator is not None and denominator:
        value = 100 * numerator / denominator
    return Figure(month(offset), Cell.of(value), Cell.of(numerator), Cell.of(denominator))


def protect(
    *series: list[Figure], policy: EffectivePolicy = DEFAULT, **fields: Any
) -> tuple[list[list[Figure]], Decisions]:
    decisions = Decisions("test-indicator", policy)
    withholder = SeriesWithholder(make_definition(**fields), policy, decisions)
    labels = ["figure for", *(f"variant {n}" for n in range(1, len(series)))]
    return protect_series(withholder, list(zip(series, labels, strict=True))), decisions


def withheld(figures: list[Figure]) -> list[bool]:
    return [figure.value.withheld for figure in figures]


PERCENT = {"unit": "percent", "polarity": "higher_is_better"}
YEAR_TO_DATE = {"cumulative": {"year": "financial_year"}}


@pytest.mark.parametrize(
    ("value", "suppress_zero", "hidden"),
    [
        (0, False, False),
        (0, True, True),
        (1, False, True),
        (4, False, True),
        (5, False, False),
        (6, False, False),
    ],
)
def test_small_counts_are_withheld_from_one_to_the_threshold(
    value: int, suppress_zero: bool, hidden: bool
) -> None:
    [[figure]], _ = protect([count(value)], policy=EffectivePolicy(5, suppress_zero, 10, None))
    assert figure.value.withheld is hidden
    assert (figure.value.value is None) is hidden


@pytest.mark.parametrize(
    ("numerator", "denominator", "rule"),
    [
        (4, 50, "small_numerator"),
        (5, 50, None),
        (5, 9, "small_denominator"),
        (5, 10, None),
        (96, 100, "complement"),
        (95, 100, None),
        (100, 100, None),
    ],
)
def test_percentages_on_small_counts_groups_or_complements_are_withheld(
    numerator: int, denominator: int, rule: str | None
) -> None:
    [[figure]], decisions = protect([share(numerator, denominator)], **PERCENT)
    assert figure.value.rule == (rule or "")
    if rule:
        assert figure.numerator.withheld and figure.denominator.withheld
        assert [d.rule for d in decisions.taken] == [DEFAULT.describe(WithholdRule(rule))]


@pytest.mark.parametrize(
    ("numerator", "denominator", "value", "rule"),
    [
        (3, None, 42.86, "small_numerator"),  # a lone small numerator
        (None, 7, 42.86, "small_numerator"),  # 3 of 7: the value gives the numerator back
        (None, 8, 62.5, "small_denominator"),  # 5 of 8
        (None, 100, 97.0, "complement"),  # 97 of 100: the value gives the 3 who did not
        (30, None, 42.86, None),  # 30 of 70
        (None, None, 42.86, "no_counts"),  # nothing to check it by
    ],
)
def test_a_percentage_with_one_count_or_none_is_judged_on_what_it_gives_away(
    numerator: int | None, denominator: int | None, value: float, rule: str | None
) -> None:
    [[figure]], _ = protect([share(numerator, denominator, value=value)], **PERCENT)
    assert figure.value.rule == (rule or "")


def test_figures_published_elsewhere_or_counting_organisations_are_shown_even_if_small() -> None:
    elsewhere = {"published_elsewhere": {"source": "DfE, SEN2 2019"}}
    published = effective_policy(DisclosurePolicy(), make_definition(**PERCENT, disclosure=elsewhere))
    [[figure]], _ = protect([share(None, None, value=42.86)], policy=published, **PERCENT)
    assert not figure.value.withheld
    policy = EffectivePolicy(5, False, 10, None, counts_people=False)
    [[schools]], _ = protect([share(2, 30)], policy=policy, **PERCENT)
    assert not schools.value.withheld


@pytest.mark.parametrize(("gap", "hidden"), [(4, True), (5, False)])
def test_year_to_date_a_later_figure_that_would_reveal_a_small_month_is_withheld(
    gap: int, hidden: bool
) -> None:
    # The earlier figure is in an earlier paper already, so it is the later one that goes.
    [figures], _ = protect([count(20, -2), count(20 + gap, -1), count(40 + gap, 0)], **YEAR_TO_DATE)
    assert withheld(figures) == [False, hidden, False]
    assert figures[2].value.value == 40 + gap


def test_year_to_date_figures_are_compared_with_the_last_published_one() -> None:
    # 30 -> 32 is small, so 32 goes; then 33 is judged against 30 (gap 3), not 32.
    [figures], _ = protect([count(30, -2), count(32, -1), count(33, 0), count(36, 1)], **YEAR_TO_DATE)
    assert withheld(figures) == [False, True, True, False]


def test_year_to_date_counts_are_not_compared_across_the_year_start() -> None:
    march = Figure(Period(parse_month("2019-03"), Frequency.MONTH), Cell.of(300))
    april = Figure(Period(parse_month("2019-04"), Frequency.MONTH), Cell.of(302))
    [figures], _ = protect([march, april], **YEAR_TO_DATE)
    assert withheld(figures) == [False, False]


@pytest.mark.parametrize(
    ("numerator", "denominator", "hidden"), [(47, 97, True), (46, 96, True), (45, 95, False)]
)
def test_a_variant_differing_from_the_headline_by_a_small_count_is_withheld(
    numerator: int, denominator: int, hidden: bool
) -> None:
    [_, [figure]], _ = protect([share(50, 100)], [share(numerator, denominator)], **PERCENT)
    assert figure.value.withheld is hidden
    # The percentage goes too: with the headline's counts it would give the variant's back.
    assert figure.numerator.withheld is hidden and figure.denominator.withheld is hidden


def test_variants_compare_remainders_as_well() -> None:
    # 112 of 149 beside 105 of 140: 7 more achieved and 9 more in the group, so the excluded
    # group is 7 who achieved and 2 who did not. Neither count differs by less than 5; the
    # remainder (37 against 35) does.
    [_, [figure]], _ = protect([share(112, 149)], [share(105, 140)], **PERCENT)
    assert figure.value.rule == "variant_difference"


def test_a_variant_is_checked_against_every_series_already_published() -> None:
    [_, _, [figure]], _ = protect([share(50, 100)], [share(40, 90)], [share(42, 92)], **PERCENT)
    assert figure.value.withheld


def test_a_variant_next_to_a_withheld_headline_is_judged_on_its_own() -> None:
    [[headline], [variant]], _ = protect([share(98, 100)], [share(90, 98)], **PERCENT)
    assert headline.value.withheld and not variant.value.withheld


def test_year_to_date_variants_may_not_reveal_a_small_monthly_count_of_the_group_they_leave_out() -> None:
    # All referrals 200, 260; excluding re-referrals 190, 247: re-referrals were 10, then 13,
    # so 3 in the second month. Every figure is safe alone, and their same-month gaps too.
    headline = [count(200, -1), count(260, 0)]
    variant = [count(190, -1), count(247, 0)]
    [heads, variants], _ = protect(headline, variant, **YEAR_TO_DATE)
    assert withheld(heads) == [False, False]
    assert withheld(variants) == [False, True]


def test_rounding_rounds_counts_last_and_drops_a_percentages_counts() -> None:
    rounding = EffectivePolicy(5, False, 10, 5)
    [figures], _ = protect([count(22, -1), count(38, 0)], policy=rounding)
    assert [f.value.value for f in figures] == [20, 40]
    [[figure]], decisions = protect([share(38, 70)], policy=rounding, **PERCENT)
    assert figure.value.value == pytest.approx(100 * 38 / 70)
    assert not figure.numerator.known and not figure.denominator.known
    assert [d.name for d in decisions.taken] == ["rounding"]


def test_a_count_compared_as_a_rate_of_a_small_group_has_no_rate() -> None:
    basis = {"benchmark_basis": {"unit": "rate", "rate_per": 100, "label": "per 100 pupils"}}
    small = Figure(month(0), Cell.of(6), Cell.of(None), Cell.of(9))
    [[figure]], _ = protect([small], **basis)
    assert figure.value.value == 6 and not figure.denominator.known


# Breakdowns


def table(values: dict[str, float], adds_up: bool = True) -> BreakdownTable:
    rows = tuple((name, Cell.of(value)) for name, value in values.items())
    return BreakdownTable("Age", month(0), rows, Cell.of(sum(values.values())), adds_up)


def protect_table(
    values: dict[str, float], rule: BreakdownRule | None = None, policy: EffectivePolicy = DEFAULT
) -> tuple[BreakdownTable | None, Decisions]:
    decisions = Decisions("test-indicator", policy)
    return TableWithholder(policy, decisions).protect(table(values), rule), decisions


def hidden_rows(protected: BreakdownTable | None) -> list[str]:
    assert protected is not None
    return [name for name, cell in protected.rows if cell.withheld]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"a": 5, "b": 10, "c": 20}, []),
        ({"a": 3, "b": 10, "c": 20}, ["a", "b"]),
        ({"a": 1, "b": 2, "c": 30, "d": 40}, ["a", "b", "c"]),
        # 2 and 3 add up to 5, but both would be known to be small: 1 to 4 each.
        ({"a": 2, "b": 3, "c": 30, "d": 40}, ["a", "b", "c"]),
        ({"a": 4, "b": 0, "c": 30, "d": 40}, ["a", "c"]),
        # 4 beside a 5 and another 5: a reader who knows the rule would know the 5 withheld
        # beside it was no larger than the 5 still shown, so the 4 would be "4 or 5"; the
        # withheld values must span the threshold.
        ({"a": 4, "b": 5, "c": 5, "d": 40}, ["a", "b", "c", "d"]),
        ({"a": 4, "b": 5, "c": 9, "d": 40}, ["a", "b", "c"]),
    ],
)
def test_breakdowns_withhold_small_cells_and_enough_others_that_none_can_be_narrowed_down(
    values: dict[str, float], expected: list[str]
) -> None:
    protected, _ = protect_table(values)
    assert hidden_rows(protected) == expected
    assert protected is not None and not protected.total.withheld


def test_a_breakdown_with_a_small_total_or_no_way_to_protect_it_is_not_published() -> None:
    assert protect_table({"a": 3, "b": 1, "c": 0})[0] is None
    assert choose_secondary([("a", 3.0), ("b", 0.0)], {"a"}, DEFAULT) is None
    assert protect_table({"a": 3, "b": 0, "c": 0})[0] is None


def test_a_breakdown_that_adds_up_to_more_than_its_headline_is_not_published() -> None:
    decisions = Decisions("test-indicator", DEFAULT)
    assert TableWithholder(DEFAULT, decisions).protect(table({"a": 30, "b": 40}, adds_up=False), None) is None
    assert [d.name for d in decisions.taken] == ["table"]


def test_small_categories_are_combined_where_the_definition_says_so() -> None:
    rule = BreakdownRule.model_validate(
        {"dimension": "Age", "combine": [{"into": "Any SEN", "categories": ["EHC plan", "SEN support"]}]}
    )
    rows = [("EHC plan", 4.0), ("SEN support", 21.0), ("No identified SEN", 37.0)]
    assert combine_small_categories(rows, rule, DEFAULT) == [("Any SEN", 25.0), ("No identified SEN", 37.0)]
    assert combine_small_categories([("EHC plan", 6.0), ("SEN support", 21.0)], rule, DEFAULT) == [
        ("EHC plan", 6.0),
        ("SEN support", 21.0),
    ]
    protected, _ = protect_table({"EHC plan": 4, "SEN support": 21, "No identified SEN": 37}, rule)
    assert protected is not None and hidden_rows(protected) == []
    assert [name for name, _ in protected.rows] == ["Any SEN", "No identified SEN"]


def test_every_decision_is_recorded_with_its_rule() -> None:
    _, decisions = protect_table({"a": 3, "b": 10, "c": 20})
    assert [(d.what, d.rule) for d in decisions.taken] == [
        ("Age: a", DEFAULT.describe(WithholdRule.SMALL_COUNT)),
        ("Age: b", DEFAULT.describe(WithholdRule.SECONDARY)),
    ]


def test_a_secondary_decision_names_the_cells_it_protects() -> None:
    _, decisions = protect_table({"a": 1, "b": 10, "c": 20, "d": 2})
    by_what = {d.what: d for d in decisions.taken}
    assert [by_what[f"Age: {c}"].name for c in "adb"] == ["small_count", "small_count", "secondary"]
    assert by_what["Age: b"].detail == "protects a, d"


def test_a_year_to_date_decision_names_the_figure_it_was_compared_with() -> None:
    _, decisions = protect([count(40, -1), count(42, 0)], **YEAR_TO_DATE)
    [decision] = decisions.taken
    assert (decision.name, decision.detail) == (
        "cumulative_difference",
        "the July 2019 year-to-date figure is published",
    )
