"""An indicator's trend chart, sparkline and SPC icons as images, with the words that describe them."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from functools import lru_cache

from kpicli.formatting import format_bare, format_comparable, format_estimate, format_value, plain_number
from kpicli.models.definition import IndicatorDefinition, Unit
from kpicli.models.facts import (
    EMPTY,
    Assurance,
    ComparatorSeries,
    Comparison,
    Figure,
    IndicatorFacts,
    Judgement,
    Variation,
)
from kpicli.periods import short_period_label
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
from kpicli.render.contract import Chart, SpcIcon
from kpicli.render.findings import no_figure_words, trend_finding
from kpicli.render.findings import when as finding_when
from kpicli.shown_periods import chart_start


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
    """A figure as a line's end label gives it, as the tables and sentences print it ('11.0%',
    never '11%' beside a table's 11.0%): with % or £, without a rate's 'per 10,000' (the axis
    says it)."""
    if definition.unit in (Unit.PERCENT, Unit.CURRENCY):
        return format_value(value, definition)
    return format_bare(value, definition)


def setting_label(value: float, definition: IndicatorDefinition) -> str:
    """A target as the council set it: '90%', not '90.0%'."""
    if definition.unit in (Unit.PERCENT, Unit.CURRENCY):
        return format_value(value, definition, 0 if float(value).is_integer() else None)
    return format_bare(value, definition)


def estimate_label(value: float, definition: IndicatorDefinition) -> str:
    """A process limit or mean as the commentary gives it: money to three significant figures."""
    if definition.unit is Unit.CURRENCY:
        return format_estimate(value, definition)
    return label_value(value, definition)


def chart_window(facts: IndicatorFacts) -> tuple[Figure, ...]:
    """The periods the chart shows (`chart_start`), one figure each. A period with no figure at
    all (a year DfE did not publish) is an empty figure, so that the line breaks there instead
    of joining the periods either side."""
    history = facts.headline.history
    if not history:
        return ()
    latest, start = history[-1].period, chart_start(facts)
    first = len(history)
    while first > 0 and history[first - 1].period.end >= start:
        first -= 1
    shown = history[first:]
    if not shown:
        return ()
    by_period = {figure.period: figure for figure in shown}
    periods = [shown[0].period]
    while periods[-1].end < latest.end:
        periods.append(periods[-1].shifted(1))
    return tuple(by_period.get(period) or Figure(period, EMPTY) for period in periods)


def process_limits(facts: IndicatorFacts, window: Sequence[Figure]) -> ProcessLimits | None:
    spc, definition = facts.spc, facts.definition
    if spc is None:
        return None
    index = {figure.period: i for i, figure in enumerate(window)}
    if spc.start not in index or spc.baseline_end not in index:
        return None
    labels = (
        f"Mean {estimate_label(spc.mean, definition)}",
        f"Upper limit {estimate_label(spc.upper, definition)}",
        f"Lower limit {estimate_label(spc.lower, definition)}",
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


def value_words(history: Sequence[Figure], definition: IndicatorDefinition, symbol: str) -> str:
    """'31, 36, [c], no figure, 34': one entry per period the chart shows, so that a reader
    who cannot see the line can match each value to its month; a withheld figure is the
    disclosure symbol, as the tables print it."""
    return ", ".join(
        format_bare(f.value.value, definition)
        if f.value.value is not None
        else symbol
        if f.value.withheld
        else "no figure"
        for f in history
    )


def chart_for(facts: IndicatorFacts, title: str, symbol: str) -> Chart | None:
    definition = facts.definition
    history = chart_window(facts)
    absent = [f.period for f in history if f.value is EMPTY]
    if len(history) - len(absent) < 2:
        return None
    points = [ChartPoint(short_period_label(f.period), f.value.value, f.value is EMPTY) for f in history]
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
            ReferenceLine(f"Target {setting_label(target, definition)}", target, TARGET, "10,3,2,3")
        )
        against.append(("the target", target))
    variants = variant_series(facts, history)
    withheld = sum(1 for f in history if f.value.withheld)
    limits = process_limits(facts, history)
    description = (
        f"Line chart of {definition.title} "
        f"from {history[0].period.label} to {history[-1].period.label}. "
        f"Values: {value_words(history, definition, symbol)}."
        + (
            f" {withheld} figure{'s are' if withheld != 1 else ' is'} withheld and shown as "
            + ("gaps." if withheld != 1 else "a gap.")
            if withheld
            else ""
        )
        + no_figure_words(absent)
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
        symbol=symbol,
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


def spc_icons(facts: IndicatorFacts) -> list[SpcIcon]:
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
    if comparison.judgement is Judgement.SAME or ours == theirs:
        relation = "in line with"
    else:
        relation = "above" if comparison.local.value > comparison.benchmark else "below"
    return f"{relation} {comparison.area} ({theirs}) in {finding_when(comparison.period)}"


def comparator_words(series: ComparatorSeries, definition: IndicatorDefinition) -> str:
    """' England: 2016/17 0.17, 2017/18 0.20.' for the chart's description."""
    figures = ", ".join(
        f"{short_period_label(period)} {format_bare(value, definition)}"
        for period, value in series.points[-8:]
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
