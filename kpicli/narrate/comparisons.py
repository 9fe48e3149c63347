"""The words of a comparison with other areas: always naming the period compared.

"In line with" means one thing everywhere: the two figures print the same, to the decimals
the comparison shows them with (compute.benchmarks.places_to_show). Compute judged them on
exactly that, so a sentence here, the comparison table and a benchmark rating cannot
disagree. Each function returns a clause or sentence the commentary can place as it likes.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpicli.formatting import count_in_words, format_comparable, format_value, join_words, ordinal_in_words
from kpicli.models.areas import Symbol
from kpicli.models.definition import IndicatorDefinition, Measure, Unit
from kpicli.models.facts import Comparison, Figure, IndicatorFacts, Judgement, Standing
from kpicli.narrate.phrases import period_words
from kpicli.narrate.wording import Wording
from kpicli.periods import Frequency, Period


def for_periods(periods: Sequence[Period], measure: Measure) -> str:
    """'for 2017/18', 'for 2017/18 and 2018/19'; 'at 31 March 2025' for figures taken on a
    date (a snapshot such as children looked after at 31 March), 'for the year to 31 March
    2025' for a year's count ending on that date (never 'at', which would make it a snapshot)."""
    preposition = "for"
    if periods and all(p.frequency is Frequency.ANNUAL for p in periods):
        preposition = "at" if measure is Measure.SNAPSHOT else "for the year to"
    return f"{preposition} {join_words([period_words(period) for period in periods])}"


def local_text(comparison: Comparison, definition: IndicatorDefinition) -> str:
    """Our figure in the comparators' unit, at the comparison's precision."""
    assert comparison.local.value is not None
    return format_comparable(comparison.local.value, definition, comparison.decimals)


def local_words(comparison: Comparison, definition: IndicatorDefinition) -> str:
    """Our figure as a sentence gives it: with its unit words ('36.7 per 10,000', '12 days')
    unless it is compared as a rate or a sum of money."""
    assert comparison.local.value is not None
    if definition.benchmark_basis is not None or definition.unit in (Unit.CURRENCY, Unit.PERCENT):
        return local_text(comparison, definition)
    return format_value(comparison.local.value, definition, comparison.decimals)


def benchmark_text(comparison: Comparison, definition: IndicatorDefinition) -> str:
    """The comparator's figure in the unit it is published in: '£904', '58%', '0.19'."""
    return format_comparable(comparison.benchmark, definition, comparison.decimals)


def relation_word(comparison: Comparison, definition: IndicatorDefinition) -> str:
    """'above', 'below' or 'in line with' (the two figures print the same)."""
    if comparison.gap.value is None or comparison.judgement is Judgement.SAME:
        return "in line with"
    if local_text(comparison, definition) == benchmark_text(comparison, definition):
        return "in line with"
    return "above" if comparison.gap.value > 0 else "below"


def averages(names: Sequence[str], both: bool) -> str:
    """'the London average', 'both the London and England averages'."""
    if len(names) == 1:
        return f"the {names[0]} average"
    return f"{'both ' if both and len(names) == 2 else ''}the {join_words(list(names))} averages"


def one_relation(relation: str, areas: Sequence[tuple[str, str]]) -> str:
    """Every comparator on the same side, named before 'average': 'above the London average
    (£904)', 'above both the London (0.20) and England (0.17) averages'."""
    if len(areas) == 1:
        name, figure = areas[0]
        return f"{relation} the {name} average ({figure})"
    both = "both " if len(areas) == 2 else ""
    listed = join_words([f"{name} ({figure})" for name, figure in areas])
    return f"{relation} {both}the {listed} averages"


def mixed_relations(groups: dict[str, list[tuple[str, str]]]) -> str:
    """Comparators on different sides, named as places: 'below London (£77,282) but above
    England (£60,199) and statistical neighbours (£61,524)'."""
    parts = [
        f"{relation} {join_words([f'{name} ({figure})' for name, figure in areas])}"
        for relation, areas in groups.items()
    ]
    if len(parts) == 2:
        return f"{parts[0]} but {parts[1]}"
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def relations(
    comparisons: Sequence[Comparison], definition: IndicatorDefinition, words: Wording, named: bool = True
) -> str:
    """'above both the London (0.19) and England (0.20) averages for 2017/18': every
    comparator, its figure and the period its figure is for (left out when all are for one
    period and the sentence has named it already: `named` False)."""
    one_period = len({c.period for c in comparisons}) == 1
    single_side = len({relation_word(c, definition) for c in comparisons}) == 1

    def figure(c: Comparison) -> str:
        year = "" if one_period else f" {for_periods([c.period], definition.measure)}"
        return f"{benchmark_text(c, definition)}{year}"

    groups: dict[str, list[tuple[str, str]]] = {}
    for item in comparisons:
        name = words.area_average(item.area) if single_side else words.area(item.area)
        groups.setdefault(relation_word(item, definition), []).append((name, figure(item)))
    if single_side:
        relation, areas = next(iter(groups.items()))
        text = one_relation(relation, areas)
    else:
        text = mixed_relations(groups)
    if one_period and named:
        text += f" {for_periods([comparisons[0].period], definition.measure)}"
    return text


def places_words(places: int) -> str:
    return f"{count_in_words(places)} decimal place{'' if places == 1 else 's'}"


def describe_group(
    group: Sequence[Comparison], latest: Figure, definition: IndicatorDefinition, words: Wording
) -> str:
    first = group[0]
    earlier = first.like_for_like and first.our_period != latest.period
    comparison = relations(group, definition, words, named=not earlier)
    ours = local_words(first, definition)
    basis = definition.benchmark_basis
    measure = f"the rate {basis.label}" if basis else "it"
    if not first.like_for_like:
        periods = sorted({c.period for c in group}, key=lambda period: period.end)
        return words.sentence(
            "compare_different",
            period=join_words([period_words(period) for period in periods], "or"),
            local=ours,
            local_period=period_words(first.our_period),
            comparison=comparison,
        )
    if earlier:
        return words.sentence(
            "compare_earlier", period=period_words(first.period), for_period=for_periods([first.period], definition.measure),
            measure=measure, local=ours, comparison=comparison,
        )  # fmt: skip
    if basis:
        return words.sentence("compare_rate", measure=measure, local=ours, comparison=comparison)
    if latest.value.value is not None and local_text(first, definition) != format_comparable(
        latest.value.value, definition
    ):
        # Shown more precisely than the headline, so the reader sees why it is above or below.
        places = first.decimals if first.decimals is not None else definition.decimals
        return words.sentence(
            "compare_precise", places=places_words(places), local=ours, comparison=comparison
        )
    return words.sentence("compare", measure=measure, comparison=comparison)


def describe_comparisons(
    comparisons: Sequence[Comparison],
    latest: Figure,
    definition: IndicatorDefinition,
    words: Wording,
) -> list[str]:
    """One sentence per period of ours compared (usually one), each naming its period."""
    usable = [c for c in comparisons if c.local.known]
    groups: dict[tuple[Period, bool], list[Comparison]] = {}
    for comparison in usable:
        groups.setdefault((comparison.our_period, comparison.like_for_like), []).append(comparison)
    ordered = sorted(groups.items(), key=lambda item: (not item[0][1], -item[0][0].end))
    return [describe_group(group, latest, definition, words) for _, group in ordered]


def rating_period_words(comparisons: Sequence[Comparison], measure: Measure) -> str:
    """What a benchmark rating rests on, so it never rests on figures for different periods
    without saying so: ' for 2017/18', or ' for 2018 (our figure for April to June 2019)'."""
    if not comparisons:
        return ""
    periods = sorted({c.period for c in comparisons})
    ours = sorted({c.our_period for c in comparisons if c.our_period != c.period})
    text = f" {for_periods(periods, measure)}"
    if ours:
        text += f" (our figure {for_periods(ours, measure)})"
    return text


QUARTILE_WORDS = {
    1: "the best quartile (band A)",
    2: "the second quartile (band B)",
    3: "the third quartile (band C)",
    4: "the worst quartile (band D)",
}


def rank_words(rank: int, count: int, among: str) -> str:
    """'fifth of 34 London authorities'."""
    return f"{ordinal_in_words(rank)} of {count_in_words(count)} {among} authorities"


def describe_standing(standing: Standing | None, measure: Measure, words: Wording) -> list[str]:
    """'For 2017/18, it ranked fifth of 34 London authorities (first is the best) and was in
    the second quartile (band B) of English authorities.'"""
    ranked = standing.ranked if standing else None
    if standing is None or ranked is None:
        return []
    quartile = QUARTILE_WORDS[ranked.quartile]
    period = period_words(standing.period)
    when = for_periods([standing.period], measure)
    if ranked.region is not None:
        rank = rank_words(ranked.region, standing.region_count, standing.region)
        return [
            words.sentence("rank_in_region", period=period, for_period=when, rank=rank, quartile=quartile)
        ]
    rank = rank_words(ranked.england, standing.england_count, "English")
    return [words.sentence("rank_in_england", period=period, for_period=when, rank=rank, quartile=quartile)]


def symbol_meaning(symbol: Symbol, words: Wording) -> str:
    """What a GSS or DfE symbol means, in the project's words: 'not available'."""
    return words.words[f"symbol_{symbol.value}"]


def describe_footnotes(facts: IndicatorFacts, words: Wording) -> tuple[str, ...]:
    """The extract's notes on the figures shown ('2018/19 academic year: Provisional: DfE
    publishes validated figures in July 2020'), and what each symbol in the indicator's tables
    means ('[x] London, 2017/18: not available'), once each: one note said of several periods
    names them all ('August 2018 and July 2019: Calendar year to date.'). A comparator's missing
    figure is noted only beside a comparison the commentary makes."""
    periods_by_note: dict[tuple[str, str], list[str]] = {}
    for note in facts.notes:
        periods_by_note.setdefault((note.label, note.text.rstrip(".")), []).append(note.period.label)
    notes = [
        f"{label + ', ' if label else ''}{join_words(periods)}: {text}."
        for (label, text), periods in periods_by_note.items()
    ]
    if any(comparison.local.known for comparison in facts.comparisons):
        notes += [
            f"{item.symbol.shown} {item.area}, {period_words(item.period)}: {symbol_meaning(item.symbol, words)}."
            for item in facts.unpublished
        ]
    return tuple(notes)
