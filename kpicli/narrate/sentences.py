"""Sentences about one indicator, from the facts of one view."""

from __future__ import annotations

from collections.abc import Sequence

from kpicli.formatting import (
    count_in_words,
    format_date,
    format_difference,
    format_percent_change,
    format_share,
    format_value,
    ordinal_in_words,
    plain_number,
)
from kpicli.models.definition import IndicatorDefinition, Measure, Unit
from kpicli.models.facts import (
    Cell,
    Change,
    Comparison,
    Direction,
    Figure,
    IndicatorFacts,
    Judgement,
    Rating,
    SeriesFacts,
    Status,
)
from kpicli.models.policy import EffectivePolicy, WithholdRule
from kpicli.narrate.phrases import PHRASES, VARIATION_MEANINGS
from kpicli.periods import FREQUENCY_NOUNS, Frequency, Period, month_label


def phrase(key: str, **slots: object) -> str:
    text = PHRASES[key].format(**slots)
    return text[:1].upper() + text[1:]


def when(period: Period, definition: IndicatorDefinition) -> str:
    """'as at the end of August 2019', 'in April to June 2019', 'in the 2018/19 academic year'."""
    if definition.measure is Measure.SNAPSHOT:
        return f"as at the end of {month_label(period.end)}"
    match period.frequency:
        case Frequency.ACADEMIC_YEAR | Frequency.FINANCIAL_YEAR:
            return f"in the {period.label}"
        case Frequency.ROLLING_12_MONTHS:
            return f"in the {period.label}"
        case _:
            return f"in {period.label}"


def since_words(period: Period, latest: Period) -> str:
    noun = FREQUENCY_NOUNS[period.frequency]
    if period == latest.previous() and period.frequency is not Frequency.ROLLING_12_MONTHS:
        return f"the previous {noun} ({period.label})"
    return period.label


def shown(cell: Cell, definition: IndicatorDefinition) -> str:
    assert cell.value is not None
    return format_value(cell.value, definition)


def describe_latest(facts: IndicatorFacts, policy: EffectivePolicy) -> list[str]:
    definition, latest = facts.definition, facts.headline.latest
    if facts.status is Status.NO_DATA or latest is None:
        return [phrase("no_data", title_lower=definition.title[:1].lower() + definition.title[1:])]
    if latest.value.withheld:
        key = "latest_withheld_small" if latest.value.rule == WithholdRule.SMALL_COUNT else "latest_withheld"
        return [phrase(key, title=definition.title, when=when(latest.period, definition), limit=policy.suppress_below)]
    value = shown(latest.value, definition)
    if definition.cumulative is not None:
        year = Period(latest.period.end, definition.cumulative.year_frequency)
        return [phrase("latest_cumulative", title=definition.title, value=value, year=year_name(year, latest.period), month=month_label(latest.period.end))]
    if definition.unit is Unit.PERCENT and latest.numerator.known and latest.denominator.known:
        assert latest.numerator.value is not None and latest.denominator.value is not None
        return [
            phrase(
                "latest_with_counts",
                title=definition.title,
                value=value,
                when=when(latest.period, definition),
                numerator=plain_number(latest.numerator.value),
                denominator=plain_number(latest.denominator.value),
            )
        ]
    return [phrase("latest", title=definition.title, value=value, when=when(latest.period, definition))]


def year_name(year: Period, latest: Period) -> str:
    from kpicli.periods import year_end_month

    end = year_end_month(latest.end, year.frequency)
    label = Period(end, year.frequency).label
    return label if year.frequency is Frequency.CALENDAR_YEAR else f"the {label}"


def size_of_change(change: Change, definition: IndicatorDefinition) -> str:
    assert change.difference.value is not None
    word = "up" if change.direction is Direction.UP else "down"
    size = format_difference(change.difference.value, definition)
    if definition.unit in (Unit.COUNT, Unit.CURRENCY) and change.relative.value is not None:
        return f"{word} {size}, or {format_percent_change(change.relative.value)}"
    return f"{word} {size}"


def describe_change(change: Change | None, latest: Figure | None, definition: IndicatorDefinition, year_ago: bool) -> list[str]:
    if change is None or latest is None or not change.earlier.known:
        return []
    earlier = shown(change.earlier, definition)
    if change.judgement is Judgement.SAME:
        return [phrase("year_ago_same" if year_ago else "change_same", since=since_words(change.since, latest.period))]
    slots = {
        "since": since_words(change.since, latest.period),
        "since_plain": change.since.label,
        "change": size_of_change(change, definition),
        "earlier": earlier,
    }
    prefix = "year_ago" if year_ago else "change"
    suffix = {Judgement.BETTER: "better", Judgement.WORSE: "worse"}.get(change.judgement, "neutral")
    return [phrase(f"{prefix}_{suffix}", **slots)]


def describe_run(series: SeriesFacts, definition: IndicatorDefinition) -> list[str]:
    run = series.run
    if run is None or run.length < 2 or run.direction is Direction.FLAT:
        return []
    noun = FREQUENCY_NOUNS[definition.frequency]
    periods = "years" if noun.endswith("year") else f"{noun}s"
    key = "run_up" if run.direction is Direction.UP else "run_down"
    return [phrase(key, count=count_in_words(run.length), periods=periods)]


def relation_word(comparison: Comparison) -> str:
    if comparison.gap.value is None or comparison.judgement is Judgement.SAME:
        return "in line with"
    return "above" if comparison.gap.value > 0 else "below"


def describe_comparisons(comparisons: Sequence[Comparison], definition: IndicatorDefinition) -> list[str]:
    usable = [c for c in comparisons if c.local.known]
    if not usable:
        return []
    decimals = definition.benchmark_basis.decimals if definition.benchmark_basis else definition.decimals
    measure = f"rate {definition.benchmark_basis.label}" if definition.benchmark_basis else "figure"

    def area_text(c: Comparison) -> str:
        return f"{c.area} ({plain_number(c.benchmark, decimals)}{'%' if definition.unit is Unit.PERCENT and not definition.benchmark_basis else ''})"

    relations = {relation_word(c) for c in usable}
    periods = {c.period for c in usable}
    if len(relations) == 1 and len(periods) == 1:
        areas = [area_text(c) for c in usable]
        joined = areas[0] if len(areas) == 1 else ", ".join(areas[:-1]) + " and " + areas[-1]
        return [
            phrase(
                "compare_all",
                measure=measure,
                relation=relations.pop(),
                both="both " if len(areas) == 2 else ("all of " if len(areas) > 2 else ""),
                areas=joined,
                averages="averages" if len(areas) > 1 else "average",
                period=usable[0].period.label,
            )
        ]
    parts = [f"{relation_word(c)} the {area_text(c)} average for {c.period.label}" for c in usable]
    return [phrase("compare_mixed", measure=measure, first=", ".join(parts[:-1]), second=parts[-1])]


def describe_rag(facts: IndicatorFacts) -> list[str]:
    rag = facts.rag
    if rag.rating is Rating.WITHHELD:
        return [phrase("rag_withheld")]
    if rag.rating is Rating.NOT_RATED:
        return []
    return [phrase("rag_rated", rating=rag.rating.value, reason=rag.reason)]


def describe_variation(facts: IndicatorFacts) -> list[str]:
    spc = facts.spc
    if spc is None or not spc.signals:
        return []
    meaning = VARIATION_MEANINGS.get(spc.variation.value, "")
    return [phrase("variation", description=spc.signals[0].description, meaning=meaning)]


def describe_projection(facts: IndicatorFacts) -> list[str]:
    projection = facts.projection
    if projection is None or not projection.projected.known:
        return []
    definition = facts.definition
    assert projection.change.value is not None and projection.share_of_last_year.value is not None
    change = projection.change.value
    basis_words = "on last year's pattern" if projection.method == "seasonal" and "; " not in projection.basis else (
        "on the pattern of earlier years" if projection.method == "seasonal" else "at the same rate for the rest of the year"
    )
    return [
        phrase(
            "projection",
            to_date=shown(projection.to_date, definition),
            year=projection.year.label,
            share=format_share(projection.share_of_last_year.value),
            last_year=projection.last_year.label,
            last_total=shown(projection.last_year_total, definition),
            basis_words=basis_words,
            direction="an increase" if change >= 0 else "a decrease",
            change=format_percent_change(change),
            projected=shown(Cell.of(round(projection.projected.value or 0)), definition),
        )
    ]


def describe_persistence(facts: IndicatorFacts) -> list[str]:
    persistence = facts.persistence
    if persistence is None:
        return []
    if persistence.red_reports == 1:
        return [phrase("persistence_first")] if facts.previous_rating not in (None, Rating.RED) else []
    papers = [f"{paper.reference} ({format_date(paper.meeting_date)})" for paper in persistence.earlier_papers]
    if not papers:
        return [phrase("persistence_no_papers", ordinal=ordinal_in_words(persistence.red_reports))]
    listed = papers[0] if len(papers) == 1 else ", ".join(papers[:-1]) + " and " + papers[-1]
    return [phrase("persistence", ordinal=ordinal_in_words(persistence.red_reports), papers=listed)]


def describe_variants(facts: IndicatorFacts) -> list[str]:
    sentences = []
    for variant in facts.variants:
        latest = variant.latest
        if latest is None:
            continue
        if latest.value.withheld:
            sentences.append(phrase("variant_withheld", label=variant.label, period=latest.period.label))
            continue
        sentences.append(phrase("variant", label=variant.label, value=shown(latest.value, facts.definition), when=when(latest.period, facts.definition)))
    return sentences


def describe_indicator(facts: IndicatorFacts, policy: EffectivePolicy) -> tuple[str, ...]:
    definition = facts.definition
    latest = facts.headline.latest
    sentences = describe_latest(facts, policy)
    if latest is not None and not latest.value.withheld:
        sentences += describe_change(facts.headline.previous, latest, definition, year_ago=False)
        sentences += describe_change(facts.headline.year_ago, latest, definition, year_ago=True)
        sentences += describe_run(facts.headline, definition)
        sentences += describe_projection(facts)
        sentences += describe_comparisons(facts.comparisons, definition)
        sentences += describe_variants(facts)
        sentences += describe_variation(facts)
    sentences += describe_rag(facts)
    sentences += describe_persistence(facts)
    return tuple(sentences)


__all__ = ["describe_indicator", "format_date"]
