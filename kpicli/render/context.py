"""Everything a template shows, formatted in Python: templates only loop and place."""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from kpicli.formatting import (
    format_bare,
    format_comparable,
    format_date,
    format_value,
    join_words,
    plain_number,
)
from kpicli.models.areas import Unpublished
from kpicli.models.commentary import IndicatorCommentary, LastTime, Narrated, NarratedPublic
from kpicli.models.config import ActionPoint
from kpicli.models.definition import (
    Control,
    IndicatorDefinition,
    Polarity,
    Unit,
)
from kpicli.models.facts import (
    Assurance,
    Cell,
    Change,
    ComparatorSeries,
    Comparison,
    Direction,
    Figure,
    IndicatorFacts,
    Judgement,
    Rating,
    Standing,
    Variation,
)
from kpicli.models.narrative import OfficerAction
from kpicli.models.views import PaperContext
from kpicli.periods import Frequency, Period, month_label, month_text, parse_month, short_period_label
from kpicli.render.action_log import classify_actions
from kpicli.render.charts import (
    ENGLAND,
    LONDON,
    NEIGHBOURS,
    TARGET,
    ChartPoint,
    ChartSpec,
    OwnSeries,
    ProcessLimits,
    ReferenceLine,
    SeriesLine,
    sparkline,
    spc_icon,
    tick_label,
    trend_chart,
)
from kpicli.render.findings import trend_finding
from kpicli.render.findings import when as finding_when

RATING_WORDS = {
    Rating.RED: "Red",
    Rating.AMBER: "Amber",
    Rating.GREEN: "Green",
    Rating.NOT_RATED: "Not rated",
    Rating.WITHHELD: "Not published",
}
RATING_ORDER = (Rating.RED, Rating.AMBER, Rating.GREEN, Rating.NOT_RATED, Rating.WITHHELD)
CONTROL_WORDS = {
    Control.FULL: "In the council's control",
    Control.PARTIAL: "Partly in the council's control",
}
JUDGEMENT_WORDS = {
    Judgement.BETTER: "Better",
    Judgement.WORSE: "Worse",
    Judgement.SAME: "No change",
    Judgement.NOT_JUDGED: "Changed",
}
# Our figure against a comparator's, for the "We are" column: "In line" exactly when the two
# figures print the same, as in the commentary.
COMPARED_WORDS = {
    Judgement.BETTER: "Better",
    Judgement.WORSE: "Worse",
    Judgement.SAME: "In line",
}
POLARITY_WORDS = {
    Polarity.HIGHER_IS_BETTER: "Higher is better",
    Polarity.LOWER_IS_BETTER: "Lower is better",
    Polarity.NEUTRAL: "Neither higher nor lower is better",
}
MAIN_COMPARATORS = ("London", "England", "Statistical neighbours")


def main_comparators(context: PaperContext) -> tuple[str, ...]:
    """The dashboard's comparator columns: the council's region (London unless kpicli.yaml
    names another), England and its statistical neighbours."""
    region = context.areas.region if context.areas is not None and context.areas.region else "London"
    return (region, *MAIN_COMPARATORS[1:])


HISTORY_POINTS = {"month": 24, "quarter": 12, "rolling_12_months": 24}


def cell_text(cell: Cell, definition: IndicatorDefinition, symbol: str) -> str:
    if cell.withheld:
        return symbol
    if cell.value is None:
        return "–"
    return format_bare(cell.value, definition)


# format_bare reads only the value and the definition's unit and decimals, and a chart's
# description formats its two dozen points for each indicator in both papers: remember them.
BARE_TEXTS: dict[tuple[float, Unit, int], str] = {}


def bare_text(value: float, definition: IndicatorDefinition) -> str:
    key = (value, definition.unit, definition.decimals)
    text = BARE_TEXTS.get(key)
    if text is None:
        if len(BARE_TEXTS) > 65536:
            BARE_TEXTS.clear()
        text = BARE_TEXTS[key] = format_bare(value, definition)
    return text


# By the period's end and frequency: a tuple of the two hashes without the Python call that
# hashing a Period takes, and a chart labels each of its points.
AXIS_LABELS: dict[tuple[int, Frequency], str] = {}


def axis_label(period: Period) -> str:
    key = (period.end, period.frequency)
    label = AXIS_LABELS.get(key)
    if label is None:
        if len(AXIS_LABELS) > 4096:
            AXIS_LABELS.clear()
        label = AXIS_LABELS[key] = short_period_label(period)
    return label


def svg_image(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


AXIS_UNITS = {
    Unit.PERCENT: "Percentage (%)",
    Unit.CURRENCY: "Pounds (£)",
    Unit.COUNT: "Number",
    Unit.NUMBER: "Number",
    Unit.DAYS: "Days",
    Unit.WEEKS: "Weeks",
    Unit.RATIO: "Ratio",
}
# Room for a line's name and figure at the chart's right-hand end, in characters.
END_LABEL_AREA = {"Statistical neighbours": "Stat. neighbours"}


def axis_unit(definition: IndicatorDefinition) -> str:
    if definition.unit is Unit.RATE:
        return f"Rate per {plain_number(definition.rate_per or 1)}"
    return AXIS_UNITS[definition.unit]


def label_value(value: float, definition: IndicatorDefinition) -> str:
    """A figure as a line's end label gives it: with % or £, without a rate's 'per 10,000'
    (the axis says it)."""
    if definition.unit in (Unit.PERCENT, Unit.CURRENCY):
        return format_value(value, definition, 0 if float(value).is_integer() else None)
    return bare_text(value, definition)


def chart_window(facts: IndicatorFacts) -> tuple[Figure, ...]:
    """The periods the chart shows: the usual span, or from the start of the current process
    when the limits come from earlier points, so that the baseline is always charted."""
    history = facts.headline.history
    shown = HISTORY_POINTS.get(facts.definition.frequency.value, 8)
    spc = facts.spc
    if spc is not None:
        start = next((i for i, f in enumerate(history) if f.period == spc.start), len(history))
        shown = max(shown, len(history) - start)
    return history[-shown:]


def process_limits(facts: IndicatorFacts, window: Sequence[Figure]) -> ProcessLimits | None:
    spc, definition = facts.spc, facts.definition
    if spc is None:
        return None
    index = {figure.period: i for i, figure in enumerate(window)}
    if spc.start not in index or spc.baseline_end not in index:
        return None
    labels = (
        f"Mean {label_value(spc.mean, definition)}",
        f"Upper limit {label_value(spc.upper, definition)}",
        f"Lower limit {label_value(spc.lower, definition)}",
    )
    return ProcessLimits(
        index[spc.start],
        index[spc.baseline_end],
        spc.mean,
        spc.lower,
        spc.upper,
        labels,
        bool(spc.rebase_reason),
    )


def variant_series(facts: IndicatorFacts, window: Sequence[Figure]) -> tuple[OwnSeries, ...]:
    """A second set of our figures, drawn beside the headline when every charted point of it is
    published (in Part 2, always): a line of fragments would say more than it shows."""
    drawn = []
    periods = [figure.period for figure in window]
    for variant in facts.variants:
        by_period = {figure.period: figure.value for figure in variant.history}
        cells = [by_period.get(period) for period in periods]
        if any(cell is not None and cell.withheld for cell in cells) or variant.latest is None:
            continue
        values = tuple(cell.value if cell is not None else None for cell in cells)
        if sum(1 for value in values if value is not None) < 2:
            continue
        latest = variant.latest.value.value
        figure = f" {label_value(latest, facts.definition)}" if latest is not None else ""
        drawn.append(OwnSeries(f"{variant.label}{figure}", values))
    return tuple(drawn)


def chart_for(facts: IndicatorFacts, title: str = "") -> dict[str, str] | None:
    definition = facts.definition
    history = chart_window(facts)
    if len(history) < 2:
        return None
    points = [ChartPoint(axis_label(f.period), f.value.value) for f in history]
    lines = [
        line._replace(
            label=f"{END_LABEL_AREA.get(line.name, line.name)} {label_value(line.runs[-1][-1][1], definition)}"
        )
        for line in comparator_lines(facts, history)
    ]
    references: list[ReferenceLine] = []
    against: list[tuple[str, float]] = []
    drawn = {line.name for line in lines}
    compared = [
        compared_clause(c, definition) for c in facts.comparisons if c.area in drawn and c.like_for_like
    ]
    target = definition.target
    if target is not None:
        # Dash-dot, unlike the London dashes and England dots, so all three differ in greyscale.
        references.append(
            ReferenceLine(f"Target {label_value(target, definition)}", target, TARGET, "10,3,2,3")
        )
        against.append(("the target", target))
    variants = variant_series(facts, history)
    withheld = sum(1 for f in history if f.value.withheld)
    values = [bare_text(f.value.value, definition) for f in history if f.value.value is not None]
    limits = process_limits(facts, history)
    description = (
        f"Line chart of {definition.title} "
        f"from {history[0].period.label} to {history[-1].period.label}. "
        f"Values: {', '.join(values)}."
        + (
            f" {withheld} figure{'s are' if withheld != 1 else ' is'} withheld and shown as gaps."
            if withheld
            else ""
        )
        + "".join(f" {r.name}." for r in references)
        + "".join(comparator_words(series, definition) for series in facts.comparator_series)
        + (f" Process limits: {', '.join(limits.labels)}." if limits else "")
        + "".join(f" {series.label}." for series in variants)
    )
    latest = facts.headline.latest.value.value if facts.headline.latest else None
    own = facts.definition.headline_label if variants and facts.definition.headline_label else "This council"
    latest_label = f"{own} {label_value(latest, definition)}" if latest is not None else own
    spec = ChartSpec(
        points=tuple(points),
        title=title or f"{definition.title}: trend",
        description=description,
        unit=axis_unit(definition),
        latest_label=latest_label,
        references=tuple(references),
        lines=tuple(lines),
        limits=limits,
        variants=variants,
        percent_axis=definition.unit is Unit.PERCENT and definition.benchmark_basis is None,
        money_axis=definition.unit is Unit.CURRENCY,
    )
    return {
        "src": chart_image(spec),
        "alt": trend_finding(history, against, definition, [c for c in compared if c]),
    }


IMPROVING, CONCERNING, COMMON, NEUTRAL = "#1d4f91", "#a3471c", "#505a5f", "#6f3c97"
# Making Data Count's icons: (letter, colour, arrow, words, short words for the dashboard).
VARIATION_ICONS = {
    (Variation.COMMON_CAUSE, None): ("", COMMON, "wave", "Common cause variation", "Common cause"),
    (Variation.IMPROVEMENT, True): ("H", IMPROVING, "up", "Special cause improvement (high)", "Improving"),
    (Variation.IMPROVEMENT, False): ("L", IMPROVING, "down", "Special cause improvement (low)", "Improving"),
    (Variation.CONCERN, True): ("H", CONCERNING, "up", "Special cause concern (high)", "Concern"),
    (Variation.CONCERN, False): ("L", CONCERNING, "down", "Special cause concern (low)", "Concern"),
    (Variation.NEUTRAL_SPECIAL_CAUSE, True): (
        "H",
        NEUTRAL,
        "up",
        "Special cause variation (high)",
        "Special cause",
    ),
    (Variation.NEUTRAL_SPECIAL_CAUSE, False): (
        "L",
        NEUTRAL,
        "down",
        "Special cause variation (low)",
        "Special cause",
    ),
}
ASSURANCE_ICONS = {
    Assurance.CONSISTENTLY_MET: ("P", IMPROVING, "", "Consistently meets the target", "Meets target"),
    Assurance.HIT_OR_MISS: ("?", COMMON, "", "Hit and miss against the target", "Hit and miss"),
    Assurance.CONSISTENTLY_MISSED: ("F", CONCERNING, "", "Consistently misses the target", "Misses target"),
}


@lru_cache(maxsize=64)
def icon_image(letter: str, colour: str, arrow: str, words: str) -> str:
    return svg_image(spc_icon(letter, colour, arrow, words))


def spc_icons(facts: IndicatorFacts) -> list[dict[str, str]]:
    """The variation icon and, when there is a target, the assurance icon, each with its words:
    nothing where statistical process control does not apply."""
    spc = facts.spc
    if spc is None:
        return []
    icons = [VARIATION_ICONS[(spc.variation, spc.high)]]
    if spc.assurance is not None:
        icons.append(ASSURANCE_ICONS[spc.assurance])
    return [
        {"src": icon_image(letter, colour, arrow, words), "words": words, "short": short}
        for letter, colour, arrow, words, short in icons
    ]


def percent_tick(value: float, step: float) -> str:
    return tick_label(value, step) + "%"


# How each comparator is drawn: the region (London for a London borough) in purple dashes,
# England in grey dots, the statistical neighbours in brown dash-dots, so that they differ in
# greyscale too.
LINE_STYLES = {"England": (ENGLAND, "2,2"), "Statistical neighbours": (NEIGHBOURS, "6,2,1,2")}


def comparator_lines(facts: IndicatorFacts, history: Sequence[Figure]) -> list[SeriesLine]:
    """Each charted comparator's published figures at the points of our own series for the same
    period (their 2018/19 at our March 2019), joined from one year to the next and never across
    a year they did not publish."""
    index_of = {figure.period.end: index for index, figure in enumerate(history)}
    lines = []
    for series in facts.comparator_series:
        runs: list[list[tuple[int, float]]] = []
        previous = None
        for period, value in series.points:
            index = index_of.get(period.end)
            if index is None:
                previous = None
                continue
            if previous is None or period.previous() != previous or not runs:
                runs.append([])
            runs[-1].append((index, value))
            previous = period
        if runs:
            colour, dash = LINE_STYLES.get(series.area, (LONDON, "5,3"))
            lines.append(SeriesLine(series.area, tuple(tuple(run) for run in runs), colour, dash))
    return lines


def compared_clause(comparison: Comparison, definition: IndicatorDefinition) -> str:
    """'above England (0.20) in 2017/18': ours against theirs for the same period, in line
    exactly when the two print the same, as everywhere else; empty if ours is withheld."""
    if comparison.local.value is None:
        return ""
    ours = format_comparable(comparison.local.value, definition, comparison.decimals)
    theirs = format_comparable(comparison.benchmark, definition, comparison.decimals)
    if ours == theirs:
        relation = "in line with"
    else:
        relation = "above" if comparison.local.value > comparison.benchmark else "below"
    return f"{relation} {comparison.area} ({theirs}) in {finding_when(comparison.period)}"


def comparator_words(series: ComparatorSeries, definition: IndicatorDefinition) -> str:
    """' England: 2016/17 0.17, 2017/18 0.20.' for the chart's description."""
    figures = ", ".join(
        f"{short_period_label(period)} {bare_text(value, definition)}" for period, value in series.points[-8:]
    )
    return f" {series.area}: {figures}."


def money_tick(value: float, step: float) -> str:
    """'£80,000', or in millions where the steps are: '£1.5m'."""
    if step >= 100_000:
        return f"£{tick_label(value / 1_000_000, step / 1_000_000)}m"
    return f"£{tick_label(value, step)}"


@lru_cache(maxsize=4096)
def chart_image(spec: ChartSpec) -> str:
    # The exempt paper mostly repeats the public paper's charts, and a chart is a pure function
    # of its spec, so each distinct chart is drawn and encoded once.
    tick = percent_tick if spec.percent_axis else money_tick if spec.money_axis else tick_label
    return svg_image(trend_chart(spec, tick))


@lru_cache(maxsize=4096)
def sparkline_image(values: tuple[float | None, ...], description: str) -> str:
    return svg_image(sparkline(values, description))


def comparison_row(comparison: Comparison, definition: IndicatorDefinition, symbol: str) -> dict[str, str]:
    """One comparator beside our figure for the same period (ours is labelled with its own
    period when the two are not like for like)."""
    local = (
        symbol
        if comparison.local.withheld
        else (
            format_comparable(comparison.local.value, definition, comparison.decimals)
            if comparison.local.value is not None
            else "–"
        )
    )
    if not comparison.like_for_like and comparison.local.value is not None:
        local += f" ({short_period_label(comparison.our_period)})"
    return {
        "area": comparison.area,
        "note": neighbours_note(comparison),
        "period": comparison.period.label,
        "value": format_comparable(comparison.benchmark, definition, comparison.decimals),
        "local": local,
        "judgement": "" if comparison.local.withheld else compared_word(comparison),
    }


def neighbours_note(comparison: Comparison) -> str:
    """'9 of 10 with a figure': for an average kpicli worked out, how many it rests on."""
    if comparison.count is None or comparison.of is None:
        return ""
    return f"{comparison.count} of {comparison.of} with a figure"


def unpublished_row(item: Unpublished) -> dict[str, str]:
    """A named comparator the source did not publish: its symbol, in the table (the footnote
    below says what it means)."""
    return {
        "area": item.area,
        "note": "",
        "period": item.period.label,
        "value": item.symbol.shown,
        "local": "",
        "judgement": "",
    }


def standing_text(standing: Standing | None, symbol: str) -> str:
    """'2017/18: 5th of 34 London authorities; 40th of 153 English authorities; quartile
    band B (A is the best)', for the table beside the comparisons."""
    if standing is None:
        return ""
    if standing.england_rank.withheld:
        return f"{short_period_label(standing.period)}: {symbol}"
    if standing.england_rank.value is None or standing.quartile.value is None:
        return ""
    parts = []
    if standing.region_rank.value is not None:
        parts.append(
            f"{ordinal(int(standing.region_rank.value))} of {standing.region_count} {standing.region}"
        )
    parts.append(f"{ordinal(int(standing.england_rank.value))} of {standing.england_count} in England")
    parts.append(f"quartile band {QUARTILE_BANDS[int(standing.quartile.value)]}")
    return f"{short_period_label(standing.period)}: " + "; ".join(parts)


QUARTILE_BANDS = {1: "A", 2: "B", 3: "C", 4: "D"}


def rank_cell(standing: Standing | None, symbol: str) -> dict[str, str]:
    """The dashboard's rank: '5th of 34' over 'London, band B, 2017/18'."""
    if standing is None:
        return {"value": "–", "detail": ""}
    period = short_period_label(standing.period)
    if standing.england_rank.withheld:
        return {"value": symbol, "detail": period}
    if standing.england_rank.value is None or standing.quartile.value is None:
        return {"value": "–", "detail": ""}
    band = QUARTILE_BANDS[int(standing.quartile.value)]
    if standing.region_rank.value is not None:
        rank, among = int(standing.region_rank.value), standing.region_count
        where = standing.region
    else:
        rank, among, where = int(standing.england_rank.value), standing.england_count, "England"
    return {"value": f"{ordinal(rank)} of {among}", "detail": f"{where}, band {band}, {period}"}


def ordinal(number: int) -> str:
    """'1st', '22nd', '13th', as tables write ranks."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def compared_word(comparison: Comparison) -> str:
    if comparison.judgement is Judgement.NOT_JUDGED:
        # Neither higher nor lower is better, or our figure is not in the comparators' unit.
        gap = comparison.gap.value
        return "" if gap is None else ("Higher" if gap > 0 else "Lower")
    return COMPARED_WORDS[comparison.judgement]


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


def comparator_cell(comparison: Comparison | None, definition: IndicatorDefinition) -> dict[str, str]:
    """A comparator's figure for the dashboard, with the period it is for and its unit when it
    is a rate beside our count."""
    if comparison is None:
        return {"value": "–", "unit": ""}
    basis = definition.benchmark_basis
    period = short_period_label(comparison.period)
    return {
        "value": format_comparable(comparison.benchmark, definition, comparison.decimals),
        "unit": f"{basis.label}, {period}" if basis else period,
    }


def comparable_latest(facts: IndicatorFacts, symbol: str) -> str:
    """The local figure as the comparators give theirs (a count as a rate per 100 pupils), so the
    dashboard sets like beside like; empty when the indicator is compared in its own unit."""
    basis = facts.definition.benchmark_basis
    if basis is None or not facts.comparisons:
        return ""
    local = facts.comparable
    if local.withheld:
        # The latest cell already shows the symbol when the count itself is withheld.
        latest = facts.headline.latest
        return "" if latest is None or latest.value.withheld else symbol
    if local.value is None:
        return ""
    return f"{format_comparable(local.value, facts.definition, facts.comparisons[0].decimals)} {basis.label}"


def mid_sentence(words: str) -> str:
    """'Ethnicity' as it reads after 'by': first letter lower-case, unless the first word is an
    acronym ('SEN status') that keeps its capitals."""
    first = words.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return words
    return words[:1].lower() + words[1:]


def summary_sentence(counts: dict[str, int], is_public: bool) -> str:
    """The opening count, written so that no sentence starts with a numeral (GOV.UK style)."""

    def verb(count: int) -> str:
        return "is" if count == 1 else "are"

    text = (
        f"Of the {counts['total']} indicators, {counts['red']} {verb(counts['red'])} rated red, "
        f"{counts['amber']} amber and {counts['green']} green; {counts['not_rated']} "
        f"{verb(counts['not_rated'])} reported for information without a rating"
    )
    if is_public and counts["withheld"]:
        text += f", and {counts['withheld']} cannot be rated in public because the figure is withheld"
    return text + "."


def indicator_row(
    facts: IndicatorFacts,
    commentary: IndicatorCommentary,
    symbol: str,
    comparators: Sequence[str] = MAIN_COMPARATORS,
) -> dict[str, Any]:
    definition = facts.definition
    latest = facts.headline.latest
    previous, previous_period, movement = previous_text(facts, symbol)
    by_area = {c.area: c for c in facts.comparisons}
    spark_window = facts.headline.history[-12:]
    # A series with a withheld figure gets no sparkline: fragments would be read as a trend.
    spark_values = (
        [] if any(f.value.withheld for f in spark_window) else [f.value.value for f in spark_window]
    )
    chart = chart_for(facts, commentary.chart_title)
    return {
        "id": definition.id,
        "number": definition.number,
        "title": definition.title,
        "definition": definition.definition,
        "unit": unit_words(definition),
        "polarity": POLARITY_WORDS[definition.polarity],
        "frequency": definition.frequency.value.replace("_", " "),
        "owner": definition.owner,
        "source": definition.source or "",
        "control": CONTROL_WORDS[definition.control],
        "rating": facts.rag.rating.value,
        "rating_word": RATING_WORDS[facts.rag.rating],
        "rating_reason": facts.rag.reason,
        "latest": figure_text(latest, definition, symbol),
        "latest_value": cell_text(latest.value, definition, symbol) if latest else "No data",
        "period": latest.period.label if latest else "",
        "period_short": short_period_label(latest.period) if latest else "",
        "previous": previous,
        "previous_period": previous_period,
        "movement": movement,
        "comparators": [comparator_cell(by_area.get(a), definition) for a in comparators],
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
        "actions": [officer_action_row(action) for action in commentary.actions],
        "no_action_reason": commentary.no_action_reason,
        "last_time": last_time_block(commentary.last_time),
        "red_reports": facts.persistence.red_reports if facts.persistence else 0,
        "chart_title": commentary.chart_title,
        "spc_icons": spc_icons(facts),
        "chart": chart,
        "sparkline": sparkline_image(
            tuple(spark_values), f"Trend of {definition.title} over the last {len(spark_values)} periods"
        )
        if len(spark_values) > 1
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
                "dimension_in_sentence": mid_sentence(table.dimension),
                "dimension_heading": table.dimension[:1].upper() + table.dimension[1:],
                "period": table.period.label,
                "rows": [(category, cell_text(cell, definition, symbol)) for category, cell in table.rows],
                "total": cell_text(table.total, definition, symbol),
            }
            for table in facts.breakdowns
        ],
        "persistent": facts.persistence is not None and facts.persistence.red_reports > 1,
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
        "stale": facts.stale,
        "withheld": bool(latest and latest.value.withheld),
    }


def officer_action_row(action: OfficerAction) -> dict[str, str]:
    return {
        "action": action.action,
        "owner": action.owner,
        "due": format_date(action.due),
        "effect": action.effect,
    }


def last_time_block(last_time: LastTime | None) -> dict[str, Any] | None:
    if last_time is None:
        return None
    return {
        "reference": last_time.meeting.reference,
        "date": format_date(last_time.meeting.date),
        "actions": [officer_action_row(action) for action in last_time.actions],
        "since_then": last_time.since_then,
        "figure_then": last_time.figure_then,
        "figure_now": last_time.figure_now,
    }


def glance_row(row: dict[str, Any]) -> dict[str, Any]:
    """One red or amber indicator on the at-a-glance page: what, how much, which way, how long
    red, the main action and who owns it, and where it is covered."""
    main = row["actions"][0] if row["actions"] else None
    return {
        "number": row["number"],
        "title": row["title"],
        "anchor": row["anchor"],
        "rating": row["rating"],
        "rating_word": row["rating_word"],
        "latest": row["latest_value"],
        "period": row["period_short"],
        "movement": row["movement"],
        "red_reports": str(row["red_reports"]) if row["red_reports"] else "–",
        "action": main["action"] if main else row["no_action_reason"],
        "owner": main["owner"] if main else "",
        "due": main["due"] if main else "",
    }


def unit_words(definition: IndicatorDefinition) -> str:
    if definition.unit is Unit.RATE:
        return f"rate per {plain_number(definition.rate_per or 1)}"
    return {"count": "number", "percent": "percentage", "currency": "pounds (£)"}.get(
        definition.unit.value, definition.unit.value
    )


def rating_counts(rows: Sequence[dict[str, Any]]) -> dict[str, int]:
    counts = Counter(row["rating"] for row in rows)
    return {rating.value: counts.get(rating.value, 0) for rating in RATING_ORDER} | {"total": len(rows)}


def action_row(action: ActionPoint) -> dict[str, str]:
    return {
        "number": action.number,
        "raised": format_date(action.raised),
        "text": action.text,
        "owner": action.owner,
        "due": format_date(action.due),
        "status": action.status.value.capitalize(),
        "update": action.update or "",
        "completed": format_date(action.completed) if action.completed else "",
    }


def action_log(narrated: Narrated) -> dict[str, list[dict[str, str]]]:
    context = narrated.view.context
    meeting = context.meeting.date if context.meeting else None
    last_meeting = context.previous_meeting.date if context.previous_meeting else None
    log = classify_actions(context.actions, meeting, last_meeting)
    return {
        "due": [action_row(a) for a in log.due],
        "overdue": [action_row(a) for a in log.overdue],
        "open": [action_row(a) for a in log.open],
        "completed": [action_row(a) for a in log.completed],
    }


def paragraph_list(paragraphs: Sequence[int]) -> str:
    """'paragraph 2' or 'paragraphs 2, 3 and 5', as the Act is cited. With none named, the paper
    is exempt for its small numbers: information relating to an individual, paragraph 1."""
    numbers = [str(p) for p in sorted(set(paragraphs))] or ["1"]
    if len(numbers) == 1:
        return f"paragraph {numbers[0]}"
    return f"paragraphs {', '.join(numbers[:-1])} and {numbers[-1]}"


def benchmarking_notes(context: PaperContext, uses_ranks: bool) -> list[str]:
    """The appendix's account of the statistical neighbours and of ranks and quartiles."""
    areas = context.areas
    if areas is None:
        return []
    notes = []
    if areas.neighbours:
        names = join_words([area.name for area in areas.neighbours])
        source = f" ({areas.neighbours_source})" if areas.neighbours_source else ""
        notes.append(
            f"Statistical neighbours are the authorities most like {context.authority}{source}: {names}. "
            "Their average is the mean of the figures of those that have one for the period, as DfE "
            "works out its own; the comparison tables say how many had one."
        )
    if uses_ranks:
        notes.append(
            "Ranks and quartiles follow DfE's convention in its Local Authority Interactive Tool: rank "
            "1st is the best figure (the lowest where lower is better), authorities with the same "
            "figure share the better rank, and quartile band A is the best quarter of English "
            "authorities (cut at the 25th, 50th and 75th percentiles of all their figures). "
            "Indicators where neither higher nor lower is better are not ranked."
        )
        if areas.area is None:
            notes.append(
                f"{context.authority} is not in DfE's published data, so its figure is ranked as one "
                f"more authority among the others: among the {areas.region} authorities with a figure "
                "and among all English authorities with a figure."
            )
        else:
            notes.append(
                f"{context.authority} is ranked on its own figure in this paper, in place of the "
                f"figure DfE published for {areas.area.name}."
            )
    return notes


def paper_context(narrated: Narrated, part2_paragraphs: Sequence[int]) -> dict[str, Any]:
    view = narrated.view
    context = view.context
    symbol = context.policy.symbol
    is_public = isinstance(narrated, NarratedPublic)
    comparators = main_comparators(context)
    rows = [
        indicator_row(f, narrated.commentary[f.definition.id], symbol, comparators) for f in view.indicators
    ]
    rows_by_section = {
        s.id: [r for r, f in zip(rows, view.indicators, strict=True) if f.definition.section == s.id]
        for s in context.sections
    }
    section_titles = {s.id: s.title for s in context.sections}
    below = [r for r in rows if r["rating"] in ("red", "amber")]
    below.sort(key=lambda r: (r["rating"] != "red", r["number"]))
    # Reds first, the longest-running first: what members most want to scrutinise.
    glance = sorted(below, key=lambda r: (r["rating"] != "red", -r["red_reports"], r["number"]))
    changes = [
        {
            "number": f.definition.number,
            "title": f.definition.title,
            "from": RATING_WORDS[f.previous_rating],
            "to": RATING_WORDS[f.rag.rating],
        }
        for f in view.indicators
        if f.previous_rating is not None
        and f.previous_rating is not f.rag.rating
        and f.rag.rating is not Rating.WITHHELD
    ]
    meeting = context.meeting
    notices = view.exempt_notices if is_public else ()  # type: ignore[union-attr]
    return {
        "is_public": is_public,
        "part": "Part 1" if is_public else "Part 2",
        "lang": "en-GB",
        "authority": context.authority,
        "committee": context.committee,
        "title": context.title,
        "department": context.department or "",
        "contact": context.contact,
        "meeting_date": format_date(meeting.date) if meeting else "To be confirmed",
        "reference": meeting.reference
        if meeting
        else f"KPI-{month_label(context.report_month).replace(' ', '-')}",
        "period_label": f"as at the end of {month_label(context.report_month)}",
        "created": (meeting.date.isoformat() if meeting else f"{month_text(context.report_month)}-01")
        + "T00:00:00Z",
        "as_at": month_label(context.report_month),
        "exempt_banner": (
            "NOT FOR PUBLICATION - exempt information under "
            + paragraph_list(part2_paragraphs)
            + " of Part 1 of Schedule 12A to the Local Government Act 1972"
        )
        if not is_public
        else "",
        "symbol": symbol,
        "footnote": context.policy.footnote,
        "summary_sections": [
            {"title": section_titles[sid], "counts": rating_counts(section_rows)}
            for sid, section_rows in rows_by_section.items()
            if section_rows
        ],
        "summary_control": [
            {"title": words, "counts": rating_counts([r for r in rows if r["control"] == words])}
            for words in CONTROL_WORDS.values()
        ],
        "summary_total": rating_counts(rows),
        "summary_sentence": summary_sentence(rating_counts(rows), is_public),
        "rating_columns": [
            (r.value, RATING_WORDS[r]) for r in RATING_ORDER if is_public or r is not Rating.WITHHELD
        ],
        "changes": changes,
        "below": below,
        "key_messages": list(narrated.key_messages),
        "glance": [glance_row(row) for row in glance],
        "sections": [
            {
                "title": section_titles[sid],
                "groups": [
                    {"title": words, "rows": [r for r in section_rows if r["control"] == words]}
                    for words in CONTROL_WORDS.values()
                    if any(r["control"] == words for r in section_rows)
                ],
            }
            for sid, section_rows in rows_by_section.items()
            if section_rows
        ],
        "actions": action_log(narrated),
        "definitions": sorted(rows, key=lambda r: r["number"]),
        "part2_items": [
            {
                "number": n.number,
                "title": n.title,
                "section": section_titles.get(n.section, n.section),
                "paragraph": n.paragraph,
            }
            for n in notices
        ],
        "exempt_items": [
            {
                "number": f.definition.number,
                "title": f.definition.title,
                "paragraph": f.definition.exempt.paragraph,
            }
            for f in view.indicators
            if f.definition.exempt is not None
        ],
        "papers": [
            {
                "reference": p.reference,
                "date": format_date(p.meeting_date),
                "title": p.title,
                "url": p.url or "",
                "period": month_label(parse_month(p.period)),
            }
            for p in sorted(context.papers.papers, key=lambda p: p.meeting_date)
        ],
        "comparator_headings": [
            "Stat. neighbours" if name == "Statistical neighbours" else name for name in comparators
        ],
        "benchmarking": benchmarking_notes(context, any(f.standing is not None for f in view.indicators)),
        "uses_not_compared": any(r["movement"] == NOT_COMPARED for r in rows),
        # The symbol's legend only in a paper that shows the symbol somewhere (any row's cell,
        # sentence or chart, or a key message): a reader looks for what a legend explains.
        "uses_symbol": any(symbol in str(r) for r in rows) or symbol in " ".join(narrated.key_messages),
    }
