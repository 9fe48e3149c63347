"""UK government number style."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kpicli.formatting import (
    count_in_words,
    format_date,
    format_difference,
    format_value,
    join_words,
    lower_first,
    money,
    money_as_printed,
    ordinal,
    ordinal_in_words,
    percentage_points,
    plain_number,
    plain_number_by_decimal,
    round_half_up,
    rounded,
    upper_first,
)
from kpicli.models.definition import IndicatorDefinition


def make_definition(**fields: object) -> IndicatorDefinition:
    base: dict[str, object] = {
        "id": "x", "number": 1, "title": "Example", "section": "s", "definition": "An example indicator.",
        "unit": "count", "polarity": "neutral", "frequency": "month", "control": "full", "owner": "Someone",
    }  # fmt: skip
    return IndicatorDefinition.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(54.5, 0, "55"), (0.125, 2, "0.13"), (2.5, 0, "3"), (-2.5, 0, "-3")],
)
def test_round_half_up_is_what_people_expect(value: float, decimals: int, expected: str) -> None:
    assert str(round_half_up(value, decimals)) == expected


@pytest.mark.parametrize(("value", "expected"), [(1234567, "1,234,567"), (999, "999"), (-0.4, "0")])
def test_plain_number_uses_commas_and_no_negative_zero(value: float, expected: str) -> None:
    assert plain_number(value) == expected


@given(
    value=st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.floats(min_value=-1e6, max_value=1e6),
        st.integers(-(10**9), 10**9).map(lambda n: n / 1000),
        st.integers(-(10**7), 10**7),
    ),
    decimals=st.integers(0, 3),
)
@example(2.675, 2)
@example(0.125, 2)
@example(-2.5, 0)
@example(1.0005, 3)
@example(-0.0, 0)
@example(-0.04, 1)
@example(1e16, 0)
@example(5e-324, 0)
def test_quick_rounding_agrees_with_decimal_rounding(value: float, decimals: int) -> None:
    """The quick formatting and rounding agree with rounding the number's repr as a Decimal,
    half up, down to the sign of a zero."""
    assert plain_number(value, decimals) == plain_number_by_decimal(value, decimals)
    assert repr(rounded(value, decimals)) == repr(float(round_half_up(value, decimals)))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12.5, "£12.50"),
        (698.0, "£698"),
        (999.99, "£999.99"),
        (1250.4, "£1,250"),
        (2_400_000, "£2.4 million"),
        (-130_000, "-£130,000"),
        (999_999.6, "£1 million"),
        (999_960, "£999,960"),
    ],
)
def test_money_shows_pence_only_below_a_thousand_and_millions_in_words(value: float, expected: str) -> None:
    assert money(value) == expected


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (1, "1 percentage point"),
        (1.04, "1 percentage point"),
        (7, "7 percentage points"),
        (-0.5, "1 percentage point"),
    ],
)
def test_percentage_points_singular_and_plural(size: float, expected: str) -> None:
    assert percentage_points(size, 0) == expected


def test_differences_carry_the_unit() -> None:
    assert format_difference(-7.0, make_definition(unit="percent")) == "7 percentage points"
    assert format_difference(3.0, make_definition(unit="days")) == "3 days"
    assert format_difference(12000.0, make_definition(unit="currency")) == "£12,000"


def test_values_carry_the_unit_with_no_space_before_percent() -> None:
    assert format_value(54.2056, make_definition(unit="percent")) == "54%"
    assert format_value(47.26, make_definition(unit="rate", rate_per=10000, decimals=1)) == "47.3 per 10,000"


def test_dates_have_no_leading_zero_ordinal_or_comma() -> None:
    assert format_date(dt.date(2019, 11, 2)) == "2 November 2019"


def test_words_for_small_counts_and_ordinals() -> None:
    assert [count_in_words(n) for n in (2, 9, 10, 1234)] == ["two", "nine", "10", "1,234"]
    assert [ordinal_in_words(n) for n in (4, 11, 22, 103)] == ["fourth", "11th", "22nd", "103rd"]


def test_tables_write_every_rank_in_digits_and_text_from_11th_the_same_way() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 111, 112, 152)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "111th", "112th", "152nd",
    ]  # fmt: skip
    assert all(ordinal_in_words(n) == ordinal(n) for n in range(11, 300))


def test_join_words_has_no_oxford_comma() -> None:
    assert (
        join_words(["London", "England", "statistical neighbours"])
        == "London, England and statistical neighbours"
    )
    assert join_words(["A", "B"], "or") == "A or B"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (698.0, 0, "£698"),
        (697.6, 0, "£698"),
        (697.6, 2, "£697.60"),
        (86.0, 2, "£86"),
        (4380.5, 2, "£4,381"),
        (2_081_000, 0, "£2.08 million"),
    ],
)
def test_money_respects_the_definitions_decimals(value: float, decimals: int, expected: str) -> None:
    assert money(value, decimals) == expected


def amount_printed(text: str) -> float:
    """'-£1.24 million' as the number a reader takes from it."""
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("-£").removesuffix(" million").replace(",", "")
    return sign * float(digits) * (1_000_000 if text.endswith(" million") else 1)


@given(st.floats(min_value=-5e8, max_value=5e8, allow_nan=False), st.integers(min_value=0, max_value=3))
@example(999.5, 2)  # £999.50: pence, though it rounds to £1,000 in whole pounds
@example(999.994, 2)
@example(999.995, 2)  # £1,000
@example(999_999.5, 0)  # £1 million
@example(12.004, 2)  # £12
def test_money_as_printed_is_the_sum_money_prints(value: float, decimals: int) -> None:
    assert money_as_printed(value, decimals) == pytest.approx(
        amount_printed(money(value, decimals)), abs=1e-9
    )


def test_money_millions_can_be_shown_more_precisely() -> None:
    assert money(2_081_000, 0, million_places=2) == "£2.08 million"


@pytest.mark.parametrize(
    ("text", "mid_sentence"),
    [
        ("Ethnicity", "ethnicity"),
        ("Special educational needs", "special educational needs"),
        ("SEN status", "SEN status"),
        ("SEN", "SEN"),
        ("EHCPs issued within 20 weeks", "EHCPs issued within 20 weeks"),
        ("UK-born children", "UK-born children"),
        ("age band", "age band"),
        ("A", "a"),
    ],
)
def test_one_sentence_case_rule_keeps_an_acronym_whole(text: str, mid_sentence: str) -> None:
    assert lower_first(text) == mid_sentence
    assert upper_first(mid_sentence)[:1] == text[:1].upper()
