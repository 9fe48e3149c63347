"""One indicator beside the others: each comparator's figure with ours, and our rank among all
English authorities, as the comparison table, the dashboard and the standing line print them."""

from __future__ import annotations

from collections.abc import Sequence

from kpicli.formatting import QUARTILE_BANDS, format_comparable, ordinal
from kpicli.models.areas import Unpublished
from kpicli.models.definition import BenchmarkRule, IndicatorDefinition
from kpicli.models.facts import Comparison, IndicatorFacts, Judgement, Standing
from kpicli.periods import short_period_label
from kpicli.render.contract import ComparatorCell, ComparisonRow, RankCell

# The dashboard's comparator columns, the region's first.
MAIN_COMPARATORS = ("London", "England", "Statistical neighbours")


# Our figure against a comparator's, for the "We are" column: "In line" exactly when the two
# figures print the same, as in the commentary.
COMPARED_WORDS = {
    Judgement.BETTER: "Better",
    Judgement.WORSE: "Worse",
    Judgement.SAME: "In line",
}


def comparison_row(comparison: Comparison, definition: IndicatorDefinition, symbol: str) -> ComparisonRow:
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
    # Ours is named with its own period whenever it is not the comparator's: the snapshot at the
    # end of January to March 2019 is not the 2018/19 financial year, even compared with it.
    if comparison.our_period != comparison.period and comparison.local.value is not None:
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


def unpublished_row(item: Unpublished) -> ComparisonRow:
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
    ranked = standing.ranked
    if ranked is None:
        return ""
    parts = []
    if ranked.region is not None:
        parts.append(f"{ordinal(ranked.region)} of {standing.region_count} {standing.region}")
    parts.append(f"{ordinal(ranked.england)} of {standing.england_count} in England")
    parts.append(f"quartile band {QUARTILE_BANDS[ranked.quartile]}")
    return f"{short_period_label(standing.period)}: " + "; ".join(parts)


def rank_cell(standing: Standing | None, symbol: str) -> RankCell:
    """The dashboard's rank: '5th of 34' over 'band B, 2017/18'. The region is named once, in
    the dashboards' introduction (a long name such as 'Yorkshire and The Humber' would wrap
    the narrow cell line after line); a rank among all English authorities says 'England'."""
    if standing is None:
        return {"value": "–", "detail": ""}
    period = short_period_label(standing.period)
    if standing.england_rank.withheld:
        return {"value": symbol, "detail": period}
    ranked = standing.ranked
    if ranked is None:
        return {"value": "–", "detail": ""}
    band = QUARTILE_BANDS[ranked.quartile]
    if ranked.region is not None:
        rank, among, where = ranked.region, standing.region_count, ""
    else:
        rank, among, where = ranked.england, standing.england_count, "England, "
    return {"value": f"{ordinal(rank)} of {among}", "detail": f"{where}band {band}, {period}"}


def compared_word(comparison: Comparison) -> str:
    if comparison.judgement is Judgement.NOT_JUDGED:
        # Neither higher nor lower is better, or our figure is not in the comparators' unit.
        gap = comparison.gap.value
        return "" if gap is None else ("Higher" if gap > 0 else "Lower")
    return COMPARED_WORDS[comparison.judgement]


def comparator_cells(facts: IndicatorFacts, comparators: Sequence[str]) -> list[ComparatorCell]:
    """The dashboard's comparator columns for one indicator. The region's column shows the part
    of the region the indicator is compared with instead ('Outer London'), named under the
    figure, when it has no figure for the whole region: the column shows what the rating uses."""
    by_area = {c.area: c for c in facts.comparisons}
    region, *others = comparators
    cells = [comparator_cell(by_area.get(area), facts.definition) for area in others]
    if region in by_area:
        return [comparator_cell(by_area[region], facts.definition), *cells]
    rule = facts.definition.rag
    rated = rule.comparators if isinstance(rule, BenchmarkRule) else ()
    instead = next((by_area[a] for a in rated if a in by_area and a not in comparators), None)
    return [comparator_cell(instead, facts.definition, named=True), *cells]


def comparator_cell(
    comparison: Comparison | None, definition: IndicatorDefinition, named: bool = False
) -> ComparatorCell:
    """A comparator's figure for the dashboard, with the period it is for (and the area, when it
    stands in another's column) and its unit when it is a rate beside our count."""
    if comparison is None:
        return {"value": "–", "unit": ""}
    basis = definition.benchmark_basis
    period = short_period_label(comparison.period)
    if named:
        period = f"{comparison.area}, {period}"
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
