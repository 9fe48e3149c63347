"""Periods: every period is named by the month in which it ends, plus a frequency.

`2019-06` for a quarterly indicator is April to June 2019; for an academic-year indicator
`2019-08` is the 2018/19 academic year. Months are held as a single integer (year * 12 +
month - 1) so that arithmetic and ordering are exact and cheap.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

PERIOD_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


class Frequency(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    ACADEMIC_YEAR = "academic_year"
    FINANCIAL_YEAR = "financial_year"
    CALENDAR_YEAR = "calendar_year"
    ROLLING_12_MONTHS = "rolling_12_months"
    # Once a year, ending (or taken, for a snapshot) in the month the definition's year_end
    # names: the social work workforce at 30 September, children looked after at 31 March.
    ANNUAL = "annual"


# The months (1-12) in which a period of each frequency may end.
ALLOWED_END_MONTHS: dict[Frequency, frozenset[int]] = {
    Frequency.MONTH: frozenset(range(1, 13)),
    Frequency.QUARTER: frozenset({3, 6, 9, 12}),
    Frequency.ACADEMIC_YEAR: frozenset({8}),
    Frequency.FINANCIAL_YEAR: frozenset({3}),
    Frequency.CALENDAR_YEAR: frozenset({12}),
    Frequency.ROLLING_12_MONTHS: frozenset(range(1, 13)),
    Frequency.ANNUAL: frozenset(range(1, 13)),
}

# How many months each period covers.
LENGTH_IN_MONTHS: dict[Frequency, int] = {
    Frequency.MONTH: 1,
    Frequency.QUARTER: 3,
    Frequency.ACADEMIC_YEAR: 12,
    Frequency.FINANCIAL_YEAR: 12,
    Frequency.CALENDAR_YEAR: 12,
    Frequency.ROLLING_12_MONTHS: 12,
    Frequency.ANNUAL: 12,
}

# How far back the previous period ends. Rolling 12-month figures are refreshed monthly,
# so their previous period is the 12 months to the month before.
STEP_IN_MONTHS: dict[Frequency, int] = {
    Frequency.MONTH: 1,
    Frequency.QUARTER: 3,
    Frequency.ACADEMIC_YEAR: 12,
    Frequency.FINANCIAL_YEAR: 12,
    Frequency.CALENDAR_YEAR: 12,
    Frequency.ROLLING_12_MONTHS: 1,
    Frequency.ANNUAL: 12,
}

FREQUENCY_NOUNS: dict[Frequency, str] = {
    Frequency.MONTH: "month",
    Frequency.QUARTER: "quarter",
    Frequency.ACADEMIC_YEAR: "academic year",
    Frequency.FINANCIAL_YEAR: "financial year",
    Frequency.CALENDAR_YEAR: "year",
    Frequency.ROLLING_12_MONTHS: "month",
    Frequency.ANNUAL: "year",
}

END_MONTH_HINTS: dict[Frequency, str] = {
    Frequency.QUARTER: "quarterly periods end in 03, 06, 09 or 12 (the month the quarter ends)",
    Frequency.ACADEMIC_YEAR: "academic-year periods end in 08 (2019-08 is the 2018/19 academic year)",
    Frequency.FINANCIAL_YEAR: "financial-year periods end in 03 (2020-03 is 2019/20)",
    Frequency.CALENDAR_YEAR: "calendar-year periods end in 12 (2019-12 is 2019)",
}


class PeriodError(ValueError):
    """A period string or a period/frequency combination that cannot be used."""


def parse_month(text: str) -> int:
    """Parse `YYYY-MM` into a month index; raise PeriodError with a fix-it message."""
    match = PERIOD_PATTERN.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise PeriodError(f"'{text}' is not a period; write the month it ends in as YYYY-MM")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise PeriodError(f"'{text}' has month {month:02d}; months run from 01 to 12")
    if not 1900 <= year <= 2200:
        raise PeriodError(f"'{text}' has an implausible year {year}")
    return year * 12 + month - 1


def month_year(index: int) -> int:
    return index // 12


def month_number(index: int) -> int:
    return index % 12 + 1


def month_text(index: int) -> str:
    return f"{month_year(index):04d}-{month_number(index):02d}"


def month_label(index: int) -> str:
    return f"{MONTH_NAMES[month_number(index) - 1]} {month_year(index)}"


def last_day_of_month(index: int) -> int:
    year, month = month_year(index), month_number(index)
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """A measurement period: the month it ends in and how long it is."""

    end: int
    frequency: Frequency

    @classmethod
    def parse(cls, text: str, frequency: Frequency) -> Period:
        end = parse_month(text)
        period = cls(end, frequency)
        period.check_boundary(text)
        return period

    def check_boundary(self, text: str | None = None) -> None:
        if month_number(self.end) not in ALLOWED_END_MONTHS[self.frequency]:
            shown = text or self.code
            hint = END_MONTH_HINTS.get(self.frequency, "")
            noun = FREQUENCY_NOUNS[self.frequency]
            article = "an" if noun[0] in "aeiou" else "a"
            raise PeriodError(f"period {shown} does not end {article} {noun}" + (f"; {hint}" if hint else ""))

    @property
    def code(self) -> str:
        return month_text(self.end)

    @property
    def start(self) -> int:
        return self.end - LENGTH_IN_MONTHS[self.frequency] + 1

    def previous(self) -> Period:
        return Period(self.end - STEP_IN_MONTHS[self.frequency], self.frequency)

    def year_earlier(self) -> Period:
        return Period(self.end - 12, self.frequency)

    def shifted(self, steps: int) -> Period:
        return Period(self.end + steps * STEP_IN_MONTHS[self.frequency], self.frequency)

    @property
    def label(self) -> str:
        """UK government style label: 'August 2019', 'April to June 2019', '2018/19 academic year'."""
        return period_label(self)

    @property
    def end_date_label(self) -> str:
        """'31 August 2019': the last day of the period."""
        return f"{last_day_of_month(self.end)} {month_label(self.end)}"


# The years that straddle two calendar years, named by their span ('2018/19').
SPAN_YEARS = (Frequency.ACADEMIC_YEAR, Frequency.FINANCIAL_YEAR)


def short_year_span(end_year: int) -> str:
    return f"{end_year - 1}/{end_year % 100:02d}"


def period_label(period: Period) -> str:
    end_year = month_year(period.end)
    match period.frequency:
        case Frequency.MONTH:
            return month_label(period.end)
        case Frequency.QUARTER:
            first = MONTH_NAMES[month_number(period.start) - 1]
            return f"{first} to {MONTH_NAMES[month_number(period.end) - 1]} {end_year}"
        case Frequency.ACADEMIC_YEAR:
            return f"{short_year_span(end_year)} academic year"
        case Frequency.FINANCIAL_YEAR:
            return f"{short_year_span(end_year)} financial year"
        case Frequency.CALENDAR_YEAR:
            return str(end_year)
        case Frequency.ROLLING_12_MONTHS:
            return f"12 months to {month_label(period.end)}"
        case Frequency.ANNUAL:
            return period.end_date_label
    raise AssertionError(period.frequency)


# A chart labels each of its points, for each indicator in both papers: remembered, which
# makes a label a third of the time it takes to write.
@functools.lru_cache(maxsize=4096)
def short_period_label(period: Period) -> str:
    """Compact label for chart axes and table columns: 'Aug 2019', 'Apr to Jun 2019', '2018/19'
    (GOV.UK style writes a range with 'to', never a dash)."""
    end_year = month_year(period.end)
    match period.frequency:
        case Frequency.MONTH | Frequency.ROLLING_12_MONTHS | Frequency.ANNUAL:
            return f"{MONTH_NAMES[month_number(period.end) - 1][:3]} {end_year}"
        case Frequency.QUARTER:
            first = MONTH_NAMES[month_number(period.start) - 1][:3]
            return f"{first} to {MONTH_NAMES[month_number(period.end) - 1][:3]} {end_year}"
        case Frequency.ACADEMIC_YEAR | Frequency.FINANCIAL_YEAR:
            return short_year_span(end_year)
        case Frequency.CALENDAR_YEAR:
            return str(end_year)
    raise AssertionError(period.frequency)


def latest_on_or_before(report_month: int, frequency: Frequency, year_end: int | None = None) -> Period:
    """The latest period of this frequency that ends on or before the report month (for an
    annual one, in its `year_end` month)."""
    allowed = ALLOWED_END_MONTHS[frequency] if year_end is None else frozenset({year_end})
    month = report_month
    while month_number(month) not in allowed:
        month -= 1
    return Period(month, frequency)


def year_start_month(end: int, year_kind: Frequency) -> int:
    """First month of the year (calendar, financial or academic) that contains `end`."""
    first_month = {
        Frequency.CALENDAR_YEAR: 1,
        Frequency.FINANCIAL_YEAR: 4,
        Frequency.ACADEMIC_YEAR: 9,
    }[year_kind]
    year = month_year(end)
    if month_number(end) < first_month:
        year -= 1
    return year * 12 + first_month - 1


def year_end_month(end: int, year_kind: Frequency) -> int:
    return year_start_month(end, year_kind) + 11


RANGE_SEPARATOR = ".."


def expand_periods(text: str) -> list[str]:
    """`2019-08` or a range `2019-04..2020-03` (every month, both ends included)."""
    first, separator, last = text.partition(RANGE_SEPARATOR)
    start = parse_month(first.strip())
    end = parse_month(last.strip()) if separator else start
    if end < start:
        raise PeriodError(f"the range {text} ends before it starts; write the earlier month first")
    return [month_text(month) for month in range(start, end + 1)]
