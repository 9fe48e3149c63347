"""Each withholding rule at, below and above its threshold."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import definition
from kpicli.disclose.figures import Withholder, choose_secondary
from kpicli.models.definition import IndicatorDefinition
from kpicli.models.facts import BreakdownTable, Cell, Change, Direction, Figure, Judgement, SeriesFacts
from kpicli.models.policy import EffectivePolicy, WithholdRule
from kpicli.periods import Frequency, Period, parse_month

DEFAULT = EffectivePolicy(suppress_below=5, suppress_zero=False, min_denominator=10, round_to=None)
AUGUST_2019 = parse_month("2019-08")


def make_definition(**fields: Any) -> IndicatorDefinition:
    return IndicatorDefinition.model_validate(definition("test-indicator", 1, **fields))


def month(offset: int) -> Period:
    return Period(AUGUST_2019 + offset, Frequency.MONTH)


def count(value: float, offset: int = 0) -> Figure:
    return Figure(month(offset), Cell.of(value))


def share(numerator: float, denominator: float, offset: int = 0) -> Figure:
    return Figure(
        month(offset), Cell.of(100 * numerator / denominator), Cell.of(numerator), Cell.of(denominator)
    )


def series(figures: list[Figure], label: str = "", change: Change | None = None) -> SeriesFacts:
    return SeriesFacts(label or "headline", label, figures[-1], tuple(figures), change, None, None)


def withholder(policy: EffectivePolicy = DEFAULT, **fields: Any) -> Withholder:
    return Withholder(make_definition(**fields), policy)


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
    policy = EffectivePolicy(5, suppress_zero, 10, None)
    [figure] = withholder(policy).protect_history([count(value)], "figure for")
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
    w = withholder(unit="percent", polarity="higher_is_better")
    [figure] = w.protect_history([share(numerator, denominator)], "figure for")
    assert figure.value.rule == (rule or "")
    if rule:
        assert figure.numerator.withheld and figure.denominator.withheld
        assert [d.rule for d in w.decisions] == [DEFAULT.describe(WithholdRule(rule))]


@pytest.mark.parametrize(("gap", "hidden"), [(4, True), (5, False)])
def test_year_to_date_counts_hide_an_earlier_figure_that_would_reveal_a_small_month(
    gap: int, hidden: bool
) -> None:
    w = withholder(cumulative={"year": "financial_year"})
    history = [count(20, -2), count(20 + gap, -1), count(40 + gap, 0)]
    protected = w.protect_history(history, "figure for")
    assert protected[1].value.withheld is False
    assert protected[0].value.withheld is hidden
    assert protected[2].value.value == 40 + gap


def test_year_to_date_counts_compare_with_the_next_published_figure_not_the_next_month() -> None:
    # 30 -> 32 is small, so 30 goes; then 28 must be judged against 32 (gap 4), not 30.
    w = withholder(cumulative={"year": "financial_year"})
    protected = w.protect_history([count(28, -2), count(30, -1), count(32, 0)], "figure for")
    assert [f.value.withheld for f in protected] == [True, True, False]


def test_year_to_date_counts_are_not_compared_across_the_year_start() -> None:
    # March then April: a new financial year restarts the count, so the gap means nothing.
    w = withholder(cumulative={"year": "financial_year"})
    march = Figure(Period(parse_month("2019-03"), Frequency.MONTH), Cell.of(300))
    april = Figure(Period(parse_month("2019-04"), Frequency.MONTH), Cell.of(302))
    assert not any(f.value.withheld for f in w.protect_history([march, april], "figure for"))


@pytest.mark.parametrize(
    ("numerator", "denominator", "hidden"), [(47, 97, True), (46, 96, True), (45, 95, False)]
)
def test_a_variant_differing_from_the_headline_by_a_small_count_is_withheld(
    numerator: int, denominator: int, hidden: bool
) -> None:
    w = withholder(unit="percent", polarity="higher_is_better")
    headline = [share(50, 100)]
    [figure] = w.protect_variant_history(series([share(numerator, denominator)], "excluding"), [headline])
    assert figure.value.withheld is hidden
    # The percentage goes too: with the headline's counts it would give the variant's back.
    assert figure.numerator.withheld is hidden and figure.denominator.withheld is hidden


def test_a_variant_is_checked_against_every_series_already_published() -> None:
    w = withholder(unit="percent", polarity="higher_is_better")
    first, second = [share(50, 100)], [share(40, 90)]
    [figure] = w.protect_variant_history(series([share(42, 92)], "third"), [first, second])
    assert figure.value.withheld


def test_a_variant_next_to_a_withheld_headline_is_judged_on_its_own() -> None:
    w = withholder(unit="percent", polarity="higher_is_better")
    headline = w.protect_history([share(98, 100)], "figure for")
    [figure] = w.protect_variant_history(series([share(90, 98)], "excluding"), [headline])
    assert headline[0].value.withheld and not figure.value.withheld


def change_since(offset: int, earlier: float, latest: float) -> Change:
    return Change(
        month(offset),
        Cell.of(earlier),
        Cell.of(latest - earlier),
        Cell.of(None),
        Direction.UP,
        Judgement.WORSE,
    )


def test_a_change_from_a_withheld_figure_is_not_published() -> None:
    w = withholder()
    facts = series([count(3, -1), count(40, 0)], change=change_since(-1, 3, 40))
    settled = w.settle_series(facts, w.protect_history(facts.history, "figure for"))
    assert settled.previous is None
    assert settled.latest is not None and settled.latest.value.value == 40


def test_rounding_restates_changes_from_rounded_figures() -> None:
    w = withholder(EffectivePolicy(5, False, 10, 5))
    facts = series([count(22, -1), count(38, 0)], change=change_since(-1, 22, 38))
    settled = w.settle_series(facts, w.protect_history(facts.history, "figure for"))
    assert [f.value.value for f in settled.history] == [20, 40]
    assert settled.previous is not None
    assert (settled.previous.earlier.value, settled.previous.difference.value) == (20, 20)


def table(values: dict[str, float]) -> BreakdownTable:
    rows = tuple((name, Cell.of(value)) for name, value in values.items())
    return BreakdownTable("Age", month(0), rows, Cell.of(sum(values.values())))


def hidden_rows(protected: BreakdownTable) -> list[str]:
    return [name for name, cell in protected.rows if cell.withheld]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"a": 5, "b": 10, "c": 20}, []),
        ({"a": 3, "b": 10, "c": 20}, ["a", "b"]),
        ({"a": 1, "b": 2, "c": 30, "d": 40}, ["a", "b", "c"]),
        ({"a": 2, "b": 3, "c": 30}, ["a", "b"]),
        ({"a": 4, "b": 0, "c": 30, "d": 40}, ["a", "c"]),
    ],
)
def test_breakdowns_withhold_the_fewest_smallest_cells_that_protect_the_small_ones(
    values: dict[str, float], expected: list[str]
) -> None:
    protected = withholder().protect_breakdown(table(values), headline_withheld=False)
    assert hidden_rows(protected) == expected
    assert not protected.total.withheld


def test_a_breakdown_with_a_small_total_is_withheld_whole() -> None:
    protected = withholder().protect_breakdown(table({"a": 3, "b": 1, "c": 0}), headline_withheld=False)
    assert hidden_rows(protected) == ["a", "b", "c"] and protected.total.withheld


def test_a_breakdown_of_a_withheld_headline_is_withheld_whole() -> None:
    protected = withholder().protect_breakdown(table({"a": 30, "b": 40}), headline_withheld=True)
    assert hidden_rows(protected) == ["a", "b"] and protected.total.withheld


def test_secondary_suppression_gives_up_rather_than_leave_a_cell_recoverable() -> None:
    assert choose_secondary({"a": 3, "b": 0}, {"a"}, DEFAULT) is None


def test_every_decision_is_recorded_with_its_rule() -> None:
    w = withholder()
    w.protect_breakdown(table({"a": 3, "b": 10, "c": 20}), headline_withheld=False)
    assert [(d.what, d.rule) for d in w.decisions] == [
        ("Age: a", DEFAULT.describe(WithholdRule.SMALL_COUNT)),
        ("Age: b", DEFAULT.describe(WithholdRule.SECONDARY)),
    ]


def test_a_secondary_decision_names_the_cells_it_protects() -> None:
    w = withholder()
    w.protect_breakdown(table({"a": 1, "b": 10, "c": 20, "d": 2}), headline_withheld=False)
    by_what = {d.what: d for d in w.decisions}
    assert [by_what[f"Age: {c}"].name for c in "adb"] == ["small_count", "small_count", "secondary"]
    assert by_what["Age: b"].detail == "protects a, d"


def test_an_earlier_year_to_date_decision_names_the_figure_it_would_be_compared_with() -> None:
    w = withholder(cumulative={"year": "financial_year"})
    w.protect_history([count(40, -1), count(42, 0)], "figure for")
    [decision] = w.decisions
    assert (decision.name, decision.detail) == (
        "cumulative_difference",
        "the August 2019 year-to-date figure is published",
    )


def test_a_comparison_resting_on_a_withheld_figure_goes_and_so_does_its_rating() -> None:
    """Our published latest figure is compared like for like with last year's benchmark, using
    last year's figure: when that figure is withheld, so are the comparison and the rating."""
    from dataclasses import replace

    from kpicli.models.facts import Comparison, IndicatorFacts, RagResult, Rating, Status

    fields: dict[str, Any] = {
        "unit": "percent",
        "polarity": "higher_is_better",
        "rag": {"kind": "benchmark", "comparators": ["England"]},
    }
    item = make_definition(**fields)
    figures = [share(2, 40, -12), share(30, 40)]  # a year ago 2 of 40: withheld
    headline = series(figures)
    compared = Comparison(
        "England", month(-12), 10.0, Cell.of(5.0), Cell.of(-5.0), Judgement.WORSE, local_period=month(-12)
    )
    latest_compared = replace(compared, period=month(0), local_period=month(0), local=Cell.of(75.0))
    facts = IndicatorFacts(
        item, Status.REPORTED, headline, (), (compared,), RagResult(Rating.RED, "worse than England"),
        None, None, None, None, (), False, (),
    )  # fmt: skip
    public = withholder(**fields).protect(facts)
    (comparison,) = public.comparisons
    assert comparison.local.withheld and comparison.judgement is Judgement.NOT_JUDGED
    assert public.rag.rating is Rating.WITHHELD
    kept = withholder(**fields).protect(replace(facts, comparisons=(latest_compared,)))
    assert kept.comparisons[0].local.value == 75.0 and kept.rag.rating is Rating.RED
