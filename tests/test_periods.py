"""Periods are named by the month they end in; each frequency has its own length, label and step."""

from __future__ import annotations

import pytest

from kpicli.periods import (
    Frequency,
    Period,
    PeriodError,
    latest_on_or_before,
    month_text,
    parse_month,
    short_period_label,
    year_end_month,
    year_start_month,
)


def period(text: str, frequency: Frequency) -> Period:
    return Period.parse(text, frequency)


@pytest.mark.parametrize(
    ("text", "frequency", "label"),
    [
        ("2019-08", Frequency.MONTH, "August 2019"),
        ("2019-06", Frequency.QUARTER, "April to June 2019"),
        ("2019-03", Frequency.QUARTER, "January to March 2019"),
        ("2019-08", Frequency.ACADEMIC_YEAR, "2018/19 academic year"),
        ("2020-03", Frequency.FINANCIAL_YEAR, "2019/20 financial year"),
        ("2000-03", Frequency.FINANCIAL_YEAR, "1999/00 financial year"),
        ("2019-12", Frequency.CALENDAR_YEAR, "2019"),
        ("2019-08", Frequency.ROLLING_12_MONTHS, "12 months to August 2019"),
    ],
)
def test_label_follows_uk_government_style(text: str, frequency: Frequency, label: str) -> None:
    assert period(text, frequency).label == label


@pytest.mark.parametrize(
    ("text", "frequency", "short"),
    [
        ("2019-08", Frequency.MONTH, "Aug 2019"),
        ("2019-06", Frequency.QUARTER, "Apr to Jun 2019"),
        ("2019-08", Frequency.ACADEMIC_YEAR, "2018/19"),
        ("2020-03", Frequency.FINANCIAL_YEAR, "2019/20"),
        ("2019-12", Frequency.CALENDAR_YEAR, "2019"),
        ("2019-08", Frequency.ROLLING_12_MONTHS, "Aug 2019"),
    ],
)
def test_short_label_fits_a_chart_axis(text: str, frequency: Frequency, short: str) -> None:
    assert short_period_label(period(text, frequency)) == short


@pytest.mark.parametrize(
    ("text", "frequency", "start", "previous", "year_earlier"),
    [
        ("2019-01", Frequency.MONTH, "2019-01", "2018-12", "2018-01"),
        ("2019-03", Frequency.QUARTER, "2019-01", "2018-12", "2018-03"),
        ("2019-08", Frequency.ACADEMIC_YEAR, "2018-09", "2018-08", "2018-08"),
        ("2020-03", Frequency.FINANCIAL_YEAR, "2019-04", "2019-03", "2019-03"),
        ("2019-12", Frequency.CALENDAR_YEAR, "2019-01", "2018-12", "2018-12"),
        ("2019-01", Frequency.ROLLING_12_MONTHS, "2018-02", "2018-12", "2018-01"),
    ],
)
def test_start_previous_and_year_earlier(
    text: str, frequency: Frequency, start: str, previous: str, year_earlier: str
) -> None:
    current = period(text, frequency)
    assert month_text(current.start) == start
    assert current.previous().code == previous
    assert current.year_earlier().code == year_earlier
    # The previous period of every frequency still ends on one of its boundaries.
    current.previous().check_boundary()
    current.year_earlier().check_boundary()


@pytest.mark.parametrize(
    ("report", "frequency", "latest"),
    [
        ("2019-08", Frequency.MONTH, "2019-08"),
        ("2019-08", Frequency.QUARTER, "2019-06"),
        ("2019-09", Frequency.QUARTER, "2019-09"),
        ("2019-07", Frequency.ACADEMIC_YEAR, "2018-08"),
        ("2019-08", Frequency.ACADEMIC_YEAR, "2019-08"),
        ("2019-02", Frequency.FINANCIAL_YEAR, "2018-03"),
        ("2019-03", Frequency.FINANCIAL_YEAR, "2019-03"),
        ("2019-11", Frequency.CALENDAR_YEAR, "2018-12"),
        ("2019-08", Frequency.ROLLING_12_MONTHS, "2019-08"),
    ],
)
def test_latest_on_or_before_the_report_month(report: str, frequency: Frequency, latest: str) -> None:
    assert latest_on_or_before(parse_month(report), frequency).code == latest


@pytest.mark.parametrize(
    ("text", "frequency", "words"),
    [
        (
            "2019-07",
            Frequency.QUARTER,
            "period 2019-07 does not end a quarter; quarterly periods end in 03, 06, 09 or 12",
        ),
        (
            "2019-07",
            Frequency.ACADEMIC_YEAR,
            "period 2019-07 does not end an academic year; academic-year periods end in 08",
        ),
        ("2019-12", Frequency.FINANCIAL_YEAR, "financial-year periods end in 03"),
        ("2019-11", Frequency.CALENDAR_YEAR, "calendar-year periods end in 12"),
    ],
)
def test_period_off_its_boundary_is_an_error_that_says_how_to_fix_it(
    text: str, frequency: Frequency, words: str
) -> None:
    with pytest.raises(PeriodError, match=words):
        period(text, frequency)


@pytest.mark.parametrize("frequency", [Frequency.MONTH, Frequency.ROLLING_12_MONTHS])
def test_monthly_frequencies_accept_every_month(frequency: Frequency) -> None:
    assert [period(f"2019-{m:02d}", frequency).code for m in range(1, 13)] == [
        f"2019-{m:02d}" for m in range(1, 13)
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2019-13", "months run from 01 to 12"),
        ("2019-00", "months run from 01 to 12"),
        ("2019-8", "write the month it ends in as YYYY-MM"),
        ("Aug 2019", "write the month it ends in as YYYY-MM"),
        ("2019-08-31", "write the month it ends in as YYYY-MM"),
        ("", "write the month it ends in as YYYY-MM"),
        ("0019-08", "implausible year"),
    ],
)
def test_malformed_period_text(text: str, words: str) -> None:
    with pytest.raises(PeriodError, match=words):
        parse_month(text)


@pytest.mark.parametrize(
    ("end", "kind", "start", "finish"),
    [
        ("2019-08", Frequency.ACADEMIC_YEAR, "2018-09", "2019-08"),
        ("2019-09", Frequency.ACADEMIC_YEAR, "2019-09", "2020-08"),
        ("2019-03", Frequency.FINANCIAL_YEAR, "2018-04", "2019-03"),
        ("2019-04", Frequency.FINANCIAL_YEAR, "2019-04", "2020-03"),
        ("2019-01", Frequency.CALENDAR_YEAR, "2019-01", "2019-12"),
    ],
)
def test_year_containing_a_month(end: str, kind: Frequency, start: str, finish: str) -> None:
    assert month_text(year_start_month(parse_month(end), kind)) == start
    assert month_text(year_end_month(parse_month(end), kind)) == finish


def test_end_date_label_knows_leap_years() -> None:
    assert period("2020-02", Frequency.MONTH).end_date_label == "29 February 2020"
    assert period("1900-02", Frequency.MONTH).end_date_label == "28 February 1900"
    assert period("2019-06", Frequency.QUARTER).end_date_label == "30 June 2019"
