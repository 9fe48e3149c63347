"""One indicator as every template shows it: its figures, comparisons, rank, chart and
commentary, formatted (kpicli.render.contract.IndicatorRow); the comparisons and the rank are
kpicli.render.comparators'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from markupsafe import Markup

from kpicli.formatting import (
    format_bare,
    format_date,
    lower_first,
    plain_number,
    upper_first,
)
from kpicli.models.commentary import IndicatorCommentary, LastTime
from kpicli.models.definition import Control, IndicatorDefinition, Polarity, Unit
from kpicli.models.facts import (
    Cell,
    Change,
    Direction,
    Figure,
    IndicatorFacts,
    Judgement,
    Rating,
)
from kpicli.models.narrative import OfficerAction
from kpicli.narrate.carried import written_for
from kpicli.periods import Frequency, short_period_label
from kpicli.render.chart_context import chart_for, sparkline_image, spc_icons
from kpicli.render.comparators import (
    MAIN_COMPARATORS,
    comparable_latest,
    comparator_cells,
    comparison_row,
    rank_cell,
    standing_text,
    unpublished_row,
)
from kpicli.render.contract import (
    IndicatorRow,
    LastTimeBlock,
    OfficerActionRow,
)
from kpicli.shown_periods import SPARK_PERIODS

# 'Frequency: monthly.' in the appendix: how often a figure comes, as an adverb.
HOW_OFTEN = {
    Frequency.MONTH: "monthly",
    Frequency.QUARTER: "quarterly",
    Frequency.ACADEMIC_YEAR: "yearly (academic year)",
    Frequency.FINANCIAL_YEAR: "yearly (financial year)",
    Frequency.CALENDAR_YEAR: "yearly (calendar year)",
    Frequency.ROLLING_12_MONTHS: "monthly, each figure for the 12 months to that month",
    Frequency.ANNUAL: "yearly",
}

RATING_WORDS = {
    Rating.RED: "Red",
    Rating.AMBER: "Amber",
    Rating.GREEN: "Green",
    Rating.NOT_RATED: "Not rated",
    Rating.WITHHELD: "Not published",
}


CONTROL_WORDS = {
    Control.FULL: "In the council's control",
    Control.PARTIAL: "Partly in the council's control",
}


POLARITY_WORDS = {
    Polarity.HIGHER_IS_BETTER: "Higher is better",
    Polarity.LOWER_IS_BETTER: "Lower is better",
    Polarity.NEUTRAL: "Neither higher nor lower is better",
}


def cell_text(cell: Cell, definition: IndicatorDefinition, symbol: str) -> str:
    if cell.withheld:
        return symbol
    if cell.value is None:
        return "–"
    return format_bare(cell.value, definition)


def figure_text(figure: Figure | None, definition: IndicatorDefinition, symbol: str) -> str:
    if figure is None:
        return "No data"
    text = cell_text(figure.value, definition, symbol)
    if definition.unit is Unit.PERCENT and figure.numerator.known and figure.denominator.known:
        assert figure.numerator.value is not None and figure.denominator.value is not None
        text += f" ({plain_number(figure.numerator.value)} of {plain_number(figure.denominator.value)})"
    return text


DIRECTION_WORDS = {Direction.UP: "Up", Direction.DOWN: "Down", Direction.FLAT: "Same"}


VERDICT_WORDS = {Judgement.BETTER: "better", Judgement.WORSE: "worse"}


# The Change cell of a year-to-date total: the month before is a smaller part of the same
# year, so a change from it says nothing; the commentary compares the same point a year earlier.
NOT_COMPARED = "Not compared: year to date"


def movement_words(change: Change) -> str:
    """Which way the figure moved, with the judgement beside it when polarity gives one: 'Up,
    worse', 'Down, better', 'Same', 'Up' (neither higher nor lower is better)."""
    if change.judgement is Judgement.SAME or change.direction in (None, Direction.FLAT):
        return "Same"
    verdict = VERDICT_WORDS.get(change.judgement)
    direction = DIRECTION_WORDS[change.direction]
    return f"{direction}, {verdict}" if verdict else direction


def previous_text(facts: IndicatorFacts, symbol: str) -> tuple[str, str, str]:
    """The figure for the period just before the latest (its symbol if withheld), that period's
    short label, and the change from it. Never an older figure standing in for a withheld or
    missing one, nor the same point last year: the column says which period it shows. The
    change is never blank beside a previous figure: the symbol only when either figure is
    withheld, and NOT_COMPARED for a year-to-date total, which only rises within its year."""
    latest = facts.headline.latest
    if latest is None:
        return "–", "", ""
    period = latest.period.previous()
    # From the end: the period just before the latest is at most a few figures back.
    earlier = next((f for f in reversed(facts.headline.history) if f.period == period), None)
    change = facts.headline.previous
    if earlier is None:
        movement = ""
    elif change is not None and change.since == period:
        movement = movement_words(change)
    elif earlier.value.withheld or latest.value.withheld:
        movement = symbol
    elif facts.definition.cumulative is not None:
        movement = NOT_COMPARED
    else:
        movement = "–"
    return (
        cell_text(earlier.value, facts.definition, symbol) if earlier else "–",
        short_period_label(period),
        movement,
    )


def unit_words(definition: IndicatorDefinition) -> str:
    if definition.unit is Unit.RATE:
        return f"rate per {plain_number(definition.rate_per or 1)}"
    return {"count": "number", "percent": "percentage", "currency": "pounds (£)"}.get(
        definition.unit.value, definition.unit.value
    )


def sparkline_values(history: Sequence[Figure]) -> list[float | None]:
    """The last 12 periods' figures, None for a period with no figure (a year DfE did not
    publish), so the line breaks at the gap instead of joining the years either side as if
    they were next to each other. A series with a withheld figure gets no sparkline: fragments
    would be read as a trend."""
    if not history:
        return []
    latest, first = history[-1].period, history[0].period
    periods = [latest.shifted(-back) for back in range(SPARK_PERIODS - 1, -1, -1)]
    by_period = {figure.period: figure.value for figure in history}
    cells = [by_period.get(period) for period in periods if period.end >= first.end]
    if any(cell is not None and cell.withheld for cell in cells):
        return []
    return [None if cell is None else cell.value for cell in cells]


def indicator_row(
    facts: IndicatorFacts,
    commentary: IndicatorCommentary,
    symbol: str,
    comparators: Sequence[str] = MAIN_COMPARATORS,
    meeting: dt.date | None = None,
) -> IndicatorRow:
    definition = facts.definition
    latest = facts.headline.latest
    previous, previous_period, movement = previous_text(facts, symbol)
    spark_values = sparkline_values(facts.headline.history)
    missing = sum(1 for value in spark_values if value is None)
    chart = chart_for(facts, commentary.chart_title, symbol)
    return {
        "id": definition.id,
        "number": definition.number,
        "title": definition.title,
        "definition": definition.definition,
        "unit": unit_words(definition),
        "polarity": POLARITY_WORDS[definition.polarity],
        "frequency": HOW_OFTEN[definition.frequency],
        "owner": definition.owner,
        "source": definition.source or "",
        "control": CONTROL_WORDS[definition.control],
        "rating": facts.rag.rating,
        "rating_word": RATING_WORDS[facts.rag.rating],
        "latest": figure_text(latest, definition, symbol),
        "latest_value": cell_text(latest.value, definition, symbol) if latest else "No data",
        "period": latest.period.label if latest else "",
        "period_short": short_period_label(latest.period) if latest else "",
        "previous": previous,
        "previous_period": previous_period,
        "movement": movement,
        "comparators": comparator_cells(facts, comparators),
        "comparable_latest": comparable_latest(facts, symbol),
        "comparisons": [comparison_row(c, definition, symbol) for c in facts.comparisons]
        + [unpublished_row(item) for item in facts.unpublished],
        "footnotes": list(commentary.footnotes),
        "standing": standing_text(facts.standing, symbol),
        "rank": rank_cell(facts.standing, symbol),
        "benchmark_label": definition.benchmark_basis.label if definition.benchmark_basis else "",
        "sentences": list(commentary.sentences),
        "officer_first": commentary.officer_first,
        "context_html": Markup(commentary.officer.context_html),
        "action_html": Markup(commentary.officer.action_html),
        "anchor": f"indicator-{definition.number}",
        "actions": [officer_action_row(action, meeting) for action in commentary.actions],
        "no_action_reason": commentary.no_action_reason,
        "actions_written_for": written_for(commentary.actions_from) if commentary.actions_from else "",
        "last_time": last_time_block(commentary.last_time),
        "red_reports": facts.persistence.red_reports if facts.persistence else 0,
        "chart_title": commentary.chart_title,
        "spc_icons": spc_icons(facts),
        "chart": chart,
        "sparkline": sparkline_image(
            tuple(spark_values),
            f"Trend of {definition.title} over the last {len(spark_values)} periods"
            + (f", with no figure for {missing} of them" if missing else ""),
        )
        if len(spark_values) - missing > 1
        else "",
        "variants": [
            {
                "label": v.label,
                "value": figure_text(v.latest, definition, symbol),
                "period": v.latest.period.label if v.latest else "",
            }
            for v in facts.variants
        ],
        "headline_label": definition.headline_label or "",
        "breakdowns": [
            {
                "dimension": table.dimension,
                "dimension_in_sentence": lower_first(table.dimension),
                "dimension_heading": upper_first(table.dimension),
                "period": table.period.label,
                "rows": [(category, cell_text(cell, definition, symbol)) for category, cell in table.rows],
                "total": cell_text(table.total, definition, symbol),
            }
            for table in facts.breakdowns
        ],
        "earlier_papers": [
            {
                "reference": p.reference,
                "date": format_date(p.meeting_date),
                "url": p.url or "",
                # A link's words say where it goes on their own (WCAG 2.4.4).
                "link_text": f"report {p.reference} to the meeting of {format_date(p.meeting_date)}",
            }
            for p in (facts.persistence.earlier_papers if facts.persistence else ())
        ],
    }


# An officer's action records no progress of its own: once its date has passed before the
# meeting, members are told so in words rather than left to read it as current.
OVERDUE = "overdue: no update given"


def officer_action_row(action: OfficerAction, meeting: dt.date | None = None) -> OfficerActionRow:
    overdue = meeting is not None and action.due < meeting
    return {
        "action": action.action,
        "owner": action.owner,
        "due": format_date(action.due),
        "overdue": OVERDUE if overdue else "",
        "effect": action.effect,
    }


def last_time_block(last_time: LastTime | None) -> LastTimeBlock | None:
    if last_time is None:
        return None
    return {
        "reference": last_time.meeting.reference,
        "date": format_date(last_time.meeting.date),
        "actions": [officer_action_row(action) for action in last_time.actions],
        "actions_written_for": written_for(last_time.actions_from) if last_time.actions_from else "",
        "since_then": last_time.since_then,
        "figure_then": last_time.figure_then,
        "figure_now": last_time.figure_now,
    }
