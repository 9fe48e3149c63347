"""Reading one cell of an extract row: a number, a period, and the error naming its file, line
and column."""

from __future__ import annotations

import functools
import re

from kpicli.errors import Problem
from kpicli.load.extracts import RawRow
from kpicli.periods import MONTH_NAMES, Frequency, Period, PeriodError, month_number, month_year

NOT_NUMBERS_HINT = "write a number with no symbols; leave the row out if there is no figure"


class RowError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def fail(row: RawRow, column: str, message: str, hint: str = "") -> RowError:
    return RowError(Problem(row.file, row.line, column, message, hint))


# Numbers are plain ASCII decimals: float() alone would also take 3_52, Arabic-Indic digits,
# 1e5 and "infinity", which no extract means.
PLAIN_NUMBER = re.compile(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)\Z")


THOUSANDS = re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?\Z")


# A cell made of these alone is read the same by float() as by the careful reading.
NUMBER_CHARACTERS = "0123456789.-"


# No council figure comes near this; beyond it sums and roundings lose meaning (and overflow).
MAX_FIGURE = 1e15


MAX_FIGURE_SQUARED = MAX_FIGURE * MAX_FIGURE


COMMA_HINT = "write a decimal point, as in 3.5; a comma may only separate thousands, as in 1,234"


def parse_number(row: RawRow, column: str, required: bool, percent: bool = False) -> float | None:
    """The cell as a number: a plain decimal, with commas only between thousands and, for a
    percentage's value, an optional % sign."""
    text = row.get(column)
    if not text:
        if required:
            raise fail(row, column, "is empty", "give a number")
        return None
    if text.strip(NUMBER_CHARACTERS):
        number = parse_number_carefully(row, column, text, percent)
    else:
        # Fast path for the common plain number: only digits, point and minus.
        try:
            number = float(text)
        except ValueError:
            number = parse_number_carefully(row, column, text, percent)
    if not -MAX_FIGURE < number < MAX_FIGURE:
        raise fail(
            row, column, f"'{text}' is too large for a figure", f"figures must be below {MAX_FIGURE:,.0f}"
        )
    return number


def parse_number_carefully(row: RawRow, column: str, text: str, percent: bool) -> float:
    written = text
    if text.endswith("%"):
        if not percent:
            raise fail(
                row, column, f"'{written}' has a % sign but is not a percentage", "write the number alone"
            )
        text = text[:-1].rstrip()
    if "," in text:
        if not THOUSANDS.match(text):
            raise fail(row, column, f"'{written}' has a comma that is not a thousands separator", COMMA_HINT)
        text = text.replace(",", "")
    if not PLAIN_NUMBER.match(text):
        raise fail(row, column, f"'{written}' is not a number", NOT_NUMBERS_HINT)
    return float(text)


@functools.lru_cache(maxsize=65536)
def cached_period(text: str, frequency: Frequency) -> Period:
    # An extract repeats a few hundred period strings over thousands of rows; Period is frozen,
    # so one parsed instance can serve them all (errors are raised afresh, never cached).
    return Period.parse(text, frequency)


def parse_period(row: RawRow, frequency: Frequency, year_end: int | None = None) -> Period:
    try:
        period = cached_period(row.get("period"), frequency)
    except PeriodError as error:
        raise fail(row, "period", str(error)) from None
    check_year_end(row, period, year_end)
    return period


def check_year_end(row: RawRow, period: Period, year_end: int | None) -> None:
    """An annual indicator's figures all end (or are taken) in its year_end month."""
    if year_end is not None and period.frequency is Frequency.ANNUAL and month_number(period.end) != year_end:
        raise fail(
            row,
            "period",
            f"period {period.code} does not end in {MONTH_NAMES[year_end - 1]}, the month this "
            f"indicator's year ends (year_end: {year_end})",
            f"write {month_year(period.end)}-{year_end:02d} or earlier",
        )
