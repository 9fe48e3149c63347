"""The small phrases the commentary is built from: a period named as a sentence names it, and a
figure or a setting shown as the paper prints it."""

from __future__ import annotations

from kpicli.formatting import (
    format_value,
)
from kpicli.models.definition import (
    IndicatorDefinition,
    Measure,
)
from kpicli.models.facts import (
    Cell,
)
from kpicli.periods import (
    FREQUENCY_NOUNS,
    SPAN_YEARS,
    Frequency,
    Period,
    month_year,
    short_year_span,
    year_end_month,
)


def named(period: Period) -> str:
    """A period as a noun phrase: 'August 2019', 'the 2018/19 academic year', '2018'."""
    if period.frequency in SPAN_YEARS or period.frequency is Frequency.ROLLING_12_MONTHS:
        return f"the {period.label}"
    return period.label


def when(period: Period, definition: IndicatorDefinition) -> str:
    """'as at the end of August 2019', 'in April to June 2019', 'in the 2018/19 academic year',
    'as at 30 September 2019' (an annual snapshot).

    Always names the period as the headline does (its label), so the text and the headline
    agree: a quarter's position is 'in April to June 2019', never 'as at the end of June 2019'
    under a headline saying 'April to June 2019'."""
    if period.frequency is Frequency.ANNUAL:
        # A date: 'as at 30 September 2019', or a flow 'in the year to 30 September 2019'.
        return (
            f"as at {period.label}"
            if definition.measure is Measure.SNAPSHOT
            else f"in the year to {period.label}"
        )
    if definition.measure is Measure.SNAPSHOT and period.frequency in (
        Frequency.MONTH,
        *SPAN_YEARS,
        Frequency.CALENDAR_YEAR,
    ):
        return f"as at the end of {named(period)}"
    return f"in {named(period)}"


def at_or_in(period: Period, definition: IndicatorDefinition) -> str:
    """The short 'when' of a figure: 'at 30 September 2019' for an annual snapshot (a date, so
    never 'in 30 September 2019'), 'in the year to 31 March 2019' for an annual flow (a year's
    count, so never 'at 31 March 2019'), else 'in August 2019', 'in the 2018/19 academic year'."""
    if period.frequency is Frequency.ANNUAL:
        return (
            f"at {period.label}"
            if definition.measure is Measure.SNAPSHOT
            else f"in the year to {period.label}"
        )
    return f"in {named(period)}"


def period_words(period: Period) -> str:
    """A period as members say it after 'for' or 'in': '2017/18', '2018', 'August 2018', 'the 12
    months to August 2018'."""
    if period.frequency in SPAN_YEARS:
        return short_year_span(month_year(period.end))
    return named(period)


def since_previous(period: Period, definition: IndicatorDefinition) -> str:
    if period.frequency is Frequency.QUARTER:
        return "in the previous quarter"
    if period.frequency is Frequency.ANNUAL:
        return f"a year earlier, {at_or_in(period, definition)}"
    return f"in {period_words(period)}"


def plural_periods(frequency: Frequency, count: int) -> str:
    noun = FREQUENCY_NOUNS[frequency].removeprefix("academic ").removeprefix("financial ")
    return noun if count == 1 else f"{noun}s"


def cumulative_year(period: Period, definition: IndicatorDefinition) -> Period:
    assert definition.cumulative is not None
    kind = definition.cumulative.year_frequency
    return Period(year_end_month(period.end, kind), kind)


def shown(cell: Cell, definition: IndicatorDefinition) -> str:
    assert cell.value is not None
    return format_value(cell.value, definition)


def setting(value: float, definition: IndicatorDefinition) -> str:
    """A target, threshold or tolerance as the council set it: '90%', not '90.0%'."""
    return format_value(value, definition, 0 if float(value).is_integer() else None)
