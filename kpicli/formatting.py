"""Numbers in UK government style: '62', '54%', '£1,250', '£2.4 million', '47.3 per 10,000'.

Rounding is half away from zero, as people expect ('54.5%' shows as '55%'), not Python's
round-half-to-even.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import lru_cache

from kpicli.models.definition import IndicatorDefinition, Unit

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

SMALL_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ORDINAL_WORDS = (
    "zeroth", "first", "second", "third", "fourth", "fifth",
    "sixth", "seventh", "eighth", "ninth", "tenth",
)  # fmt: skip

# DfE's quartile bands: A is the best quarter of authorities.
QUARTILE_BANDS = {1: "A", 2: "B", 3: "C", 4: "D"}


# Enough digits for any float written out in full (the largest has 309 before the point), so
# a huge figure in an extract is printed rather than failing the build.
EXACT = Context(prec=400)


def round_half_up(value: float, decimals: int = 0) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP, context=EXACT)


def needs_decimal(value: float, decimals: int) -> bool:
    """Whether only Decimal rounds `value` half up at `decimals` places as people expect.

    Python's round() and formatting round the float's exact binary value, which gives the
    same digits as rounding the shortest decimal that reads back as that float (its repr)
    unless that decimal ends in a 5 just past the last place kept: then the binary value may
    lie either side of the tie ('2.675' is stored a shade below). Exponents, infinities and
    NaN also go to Decimal, and so does a figure of a billion or more printed to more places
    than its repr has: there the binary value's own digits would show ('.125' for '.12').
    Everything else takes the quick way, several times faster, which counts when a paper
    prints tens of thousands of numbers; test_formatting proves that both ways agree.
    """
    text = repr(value)
    point = text.find(".")  # none in an int's repr
    return (
        "e" in text
        or "n" in text
        or (point > 0 and text[-1] == "5" and len(text) - point == decimals + 2)
        or (abs(value) >= 1e9 and len(text) - point - 1 < decimals)
    )


def rounded(value: float, decimals: int = 0) -> float:
    """float(round_half_up(value, decimals)), quickly."""
    if needs_decimal(value, decimals):
        return float(round_half_up(value, decimals))
    return float(round(value, decimals))


@lru_cache(maxsize=65536)
def plain_number(value: float, decimals: int = 0) -> str:
    """'1,250', '54.5': rounded half away from zero, as people read the number, and never '-0'.
    Remembered, as the two papers print most numbers more than once."""
    if needs_decimal(value, decimals):
        return plain_number_by_decimal(value, decimals)
    shown = f"{value:,.{decimals}f}"
    if shown[0] == "-" and not shown.strip("-0.,"):
        return shown[1:]
    return shown


def plain_number_by_decimal(value: float, decimals: int = 0) -> str:
    rounded = round_half_up(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)
    return f"{rounded:,.{decimals}f}"


def million_places_for(size: float) -> int:
    """Millions to three significant figures ('£1.24 million', '£12.4 million'): fine enough
    that a change of a hundred thousand or so reads right against the two figures it joins."""
    return 2 if size < 9_995_000 else 1 if size < 99_950_000 else 0


MILLION = 1_000_000


def money_rounding(size: float, decimals: int) -> tuple[int, int]:
    """How `money` rounds a sum of `size` pounds: in units of `MILLION` or of one pound, to a
    number of places. Millions from £1 million, to three significant figures; whole pounds from
    £1,000, or when the pence would be nought; below that pence if the definition keeps
    decimals."""
    if round_half_up(size, 0) >= MILLION:
        return MILLION, million_places_for(size)
    places = min(decimals, 2)
    pence = round_half_up(size, places)
    if places == 0 or pence >= 1_000 or pence == round_half_up(size, 0):
        return 1, 0
    return 1, places


def money_as_printed(value: float, decimals: int = 2) -> float:
    """The sum `money` prints, as a number: so a change is the difference of the two figures a
    reader sees ('up £130,000 from £1.11 million' to £1.24 million)."""
    size = abs(value)
    unit, places = money_rounding(size, decimals)
    shown = float(round_half_up(size / unit, places)) * unit
    return -shown if value < 0 else shown


def money(value: float, decimals: int = 2, million_places: int | None = None) -> str:
    """Pounds. From £1 million in words, to three significant figures ('£2.41 million'); from
    £1,000 whole pounds ('£4,380'); below that pence only if the definition keeps decimals and
    there are some ('£12.50', '£698'). `million_places` fixes the places of a sum in millions.
    """
    sign = "-" if value < 0 else ""
    size = abs(value)
    unit, places = money_rounding(size, decimals)
    if unit == MILLION:
        millions = plain_number(size / MILLION, places if million_places is None else million_places)
        # '£1.1 million', '£1 million': a nought after the point adds nothing.
        if million_places is None and "." in millions:
            millions = millions.rstrip("0").rstrip(".")
        return f"{sign}£{millions} million"
    return f"{sign}£{plain_number(size, places)}"


def format_value(value: float, definition: IndicatorDefinition, decimals: int | None = None) -> str:
    places = definition.decimals if decimals is None else decimals
    unit = definition.unit
    if unit is Unit.PERCENT:
        return f"{plain_number(value, places)}%"
    if unit is Unit.CURRENCY:
        return money(value, places)
    if unit is Unit.RATE:
        return f"{plain_number(value, places)} per {plain_number(definition.rate_per or 1)}"
    if unit is Unit.DAYS:
        return f"{plain_number(value, places)} days"
    if unit is Unit.WEEKS:
        return f"{plain_number(value, places)} weeks"
    return plain_number(value, places)


def format_bare(value: float, definition: IndicatorDefinition, decimals: int | None = None) -> str:
    """The number without its unit words, for tables whose header names the unit."""
    return bare_number(value, definition.unit, definition.decimals if decimals is None else decimals)


# A chart's description and axis give each of its two dozen points, for each indicator in both
# papers: remembered, which makes a figure's text a third of the time it takes to format.
@lru_cache(maxsize=65536)
def bare_number(value: float, unit: Unit, places: int) -> str:
    if unit is Unit.PERCENT:
        return f"{plain_number(value, places)}%"
    if unit is Unit.CURRENCY:
        return money(value, places)
    return plain_number(value, places)


def format_estimate(value: float, definition: IndicatorDefinition) -> str:
    """An estimate such as a process limit: money to three significant figures ('£83,800 to
    £608,000'), as it is not a sum anyone counted; other units as the indicator prints them."""
    if definition.unit is Unit.CURRENCY and abs(value) >= 1000:
        digits = len(str(int(round_half_up(abs(value), 0)))) - 3
        value = float(round_half_up(value, -digits))
    return format_value(value, definition)


def format_comparable(value: float, definition: IndicatorDefinition, decimals: int | None = None) -> str:
    """A figure set beside its comparators, in the unit they are published in: the rate or
    percentage a count is compared as ('0.19', '58%'), or the indicator's own unit, with
    money in whole pounds as unit costs are published ('£904', '£1,250,000'). `decimals` is
    the comparison's own precision (Comparison.decimals), which every figure of one
    comparison shares."""
    basis = definition.benchmark_basis
    if basis is not None:
        places = basis.decimals if decimals is None else decimals
        return plain_number(value, places) + ("%" if basis.unit == "percent" else "")
    if definition.unit is Unit.CURRENCY:
        sign = "-" if round_half_up(value, 0) < 0 else ""
        return f"{sign}£{plain_number(abs(value), 0)}"
    return format_bare(value, definition, decimals)


def format_difference(difference: float, definition: IndicatorDefinition, decimals: int | None = None) -> str:
    """The size of a change in the indicator's unit: '7 percentage points', '£12,000', '3 days'."""
    places = definition.decimals if decimals is None else decimals
    size = abs(difference)
    unit = definition.unit
    if unit is Unit.PERCENT:
        return percentage_points(size, places)
    if unit is Unit.CURRENCY:
        return money(size, places)
    if unit is Unit.DAYS:
        return f"{plain_number(size, places)} days"
    if unit is Unit.WEEKS:
        return f"{plain_number(size, places)} weeks"
    return plain_number(size, places)


def format_percent_change(relative: float) -> str:
    return f"{plain_number(abs(relative) * 100, 0)}%"


def format_share(share: float) -> str:
    return f"{plain_number(share * 100, 0)}%"


def format_date(day: dt.date) -> str:
    """'12 November 2019': no leading zero, no ordinal, no comma."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def count_in_words(count: int) -> str:
    """GOV.UK style writes one to nine in words in running text."""
    return SMALL_NUMBER_WORDS[count] if 0 <= count < len(SMALL_NUMBER_WORDS) else f"{count:,}"


def ordinal(number: int) -> str:
    """'1st', '22nd', '13th', as tables write ranks."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def ordinal_in_words(count: int) -> str:
    """'fourth', '11th': in words to tenth in running text, as GOV.UK style writes them."""
    return ORDINAL_WORDS[count] if 0 <= count < len(ORDINAL_WORDS) else ordinal(count)


def lower_first(text: str) -> str:
    """Text as it reads mid-sentence: the first letter lower-case, unless the first word is an
    acronym, which keeps its capitals ('SEN status', 'EHCPs', 'UK-born')."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """Text as it starts a sentence or a heading: the first letter upper-case, the rest as it is."""
    return text[:1].upper() + text[1:]


def join_words(items: list[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C': no Oxford comma, as GOV.UK writes lists in running text."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def ratings_counted(counts: Sequence[tuple[int, str]]) -> str:
    """'2 are red and 1 is green', each count agreeing with its own verb and a rating with none
    left out; 'none is red or amber' when every count is nought."""
    said = [f"{count} {'is' if count == 1 else 'are'} {rating}" for count, rating in counts if count]
    if not said:
        return f"none is {join_words([rating for _, rating in counts], 'or')}"
    return join_words(said)


def percentage_points(size: float, decimals: int) -> str:
    text = plain_number(abs(size), decimals)
    return f"{text} percentage point" + ("" if text == "1" else "s")
