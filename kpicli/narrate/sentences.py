"""Sentences about one indicator, from the facts of one view.

Every number in a sentence is a published cell of that view, formatted; nothing here works a
new figure out of cells, so a public sentence can reveal no more than the public tables.
"""

from __future__ import annotations

import re

from kpicli.formatting import (
    count_in_words,
    format_date,
    format_difference,
    format_percent_change,
    format_share,
    format_value,
    join_words,
    money,
    ordinal_in_words,
    plain_number,
    round_half_up,
)
from kpicli.models.definition import (
    BenchmarkRule,
    IndicatorDefinition,
    Measure,
    Polarity,
    ThresholdsRule,
    ToleranceRule,
    Unit,
)
from kpicli.models.facts import (
    Cell,
    Change,
    Direction,
    IndicatorFacts,
    Judgement,
    Rating,
    SeriesFacts,
    SpcRule,
    SpcSummary,
    Status,
)
from kpicli.models.policy import EffectivePolicy, WithholdRule
from kpicli.narrate.comparisons import (
    averages,
    describe_comparisons,
    describe_standing,
    describe_unpublished,
    rating_period_words,
)
from kpicli.narrate.wording import Wording
from kpicli.periods import (
    FREQUENCY_NOUNS,
    MONTH_NAMES,
    Frequency,
    Period,
    latest_on_or_before,
    month_label,
    month_number,
    month_year,
    short_year_span,
    year_end_month,
)

YEARS = (Frequency.ACADEMIC_YEAR, Frequency.FINANCIAL_YEAR)
SUBJECT_NOUNS = {
    Unit.COUNT: "the number of ",
    Unit.PERCENT: "the percentage of ",
    Unit.RATE: "the rate of ",
}
ALREADY_A_SUBJECT = re.compile(r"^(number|percentage|proportion|rate|average|total) of ", re.IGNORECASE)
HEAD_NOUN = re.compile(r"\s(?:of|on|in|for|per|against|within|to|from|by|with|at)\s|\s\(", re.IGNORECASE)
# 'Up 2 (200%) from 1' overstates a change in a handful of children: below this many, a count's
# change is given in numbers only.
SMALL_BASE = 10
# More earlier papers than this are given as 'since X, most recently in Y'.
LONGEST_PAPER_LIST = 3
RATE_SUFFIX = re.compile(r",?\s*rate per [\d,]+$", re.IGNORECASE)


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym ('EHC', 'SEND')."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def subject_of(definition: IndicatorDefinition) -> str:
    """How sentences name the measure: the definition's `subject`, or one made from the title."""
    if definition.subject:
        return definition.subject
    title = lower_first(RATE_SUFFIX.sub("", definition.title))
    if ":" in title:
        # 'Stability of placements: length of placement' is a heading, not a noun phrase.
        main, _, detail = title.partition(":")
        return f"the figure for {main.strip()} ({detail.strip()})"
    if ALREADY_A_SUBJECT.match(title):
        return f"the {title}"
    return SUBJECT_NOUNS.get(definition.unit, "the ") + title


def verb_for(subject: str) -> str:
    """'was' or 'were', agreeing with the head noun: 'the external legal costs of care
    proceedings were', 'the number of exclusions was'."""
    head = HEAD_NOUN.split(subject, maxsplit=1)[0].split()
    noun = head[-1].lower() if head else ""
    plural = noun.endswith("s") and not noun.endswith(("ss", "us", "is", "'s"))
    return "were" if plural else "was"


def named(period: Period) -> str:
    """A period as a noun phrase: 'August 2019', 'the 2018/19 academic year', '2018'."""
    if period.frequency in YEARS or period.frequency is Frequency.ROLLING_12_MONTHS:
        return f"the {period.label}"
    return period.label


def when(period: Period, definition: IndicatorDefinition) -> str:
    """'as at the end of August 2019', 'in April to June 2019', 'in the 2018/19 academic year'."""
    if period.frequency is Frequency.ANNUAL:
        # A date: 'as at 30 September 2019', or a flow 'in the year to 30 September 2019'.
        return (
            f"as at {period.label}"
            if definition.measure is Measure.SNAPSHOT
            else f"in the year to {period.label}"
        )
    if definition.measure is not Measure.SNAPSHOT:
        return f"in {named(period)}"
    if period.frequency in YEARS or period.frequency is Frequency.CALENDAR_YEAR:
        return f"as at the end of {named(period)}"
    return f"as at the end of {month_label(period.end)}"


def year_words(period: Period) -> str:
    """A year as members say it after 'for' or 'in': '2017/18', '2018', 'March 2018'."""
    if period.frequency in YEARS:
        return short_year_span(month_year(period.end))
    return named(period)


def since_previous(period: Period) -> str:
    if period.frequency is Frequency.QUARTER:
        return "in the previous quarter"
    if period.frequency is Frequency.ANNUAL:
        return f"a year earlier, at {period.label}"
    return f"in {year_words(period)}"


def plural_periods(frequency: Frequency, count: int) -> str:
    noun = FREQUENCY_NOUNS[frequency].removeprefix("academic ").removeprefix("financial ")
    return noun if count == 1 else f"{noun}s"


def shown(cell: Cell, definition: IndicatorDefinition) -> str:
    assert cell.value is not None
    return format_value(cell.value, definition)


def setting(value: float, definition: IndicatorDefinition) -> str:
    """A target, threshold or tolerance as the council set it: '90%', not '90.0%'."""
    return format_value(value, definition, 0 if float(value).is_integer() else None)


def shown_difference(change: Change, definition: IndicatorDefinition) -> float:
    """The change between the figures as printed, so a reader who subtracts gets our answer:
    54% from 62% is down 8 percentage points, even when 54.4 - 61.5 rounds to 7. Money keeps
    the exact difference, because large sums are printed in millions."""
    assert change.earlier.value is not None and change.difference.value is not None
    if definition.unit is Unit.CURRENCY:
        return change.difference.value
    later = change.earlier.value + change.difference.value
    places = definition.decimals
    return float(round_half_up(later, places) - round_half_up(change.earlier.value, places))


def change_words(change: Change, definition: IndicatorDefinition) -> str:
    """'up 7 percentage points', 'down 9 (17%)', 'up £130,000 (12%)'."""
    difference = shown_difference(change, definition)
    word = "up" if difference > 0 else "down"
    size = format_difference(difference, definition)
    relative = change.relative.value
    earlier = abs(change.earlier.value or 0)
    small_base = definition.unit is Unit.COUNT and earlier < SMALL_BASE
    if definition.unit in (Unit.COUNT, Unit.CURRENCY) and relative is not None and not small_base:
        percent = format_percent_change(relative)
        if percent != "0%":
            return f"{word} {size} ({percent})"
    return f"{word} {size}"


def cumulative_year(period: Period, definition: IndicatorDefinition) -> Period:
    assert definition.cumulative is not None
    kind = definition.cumulative.year_frequency
    return Period(year_end_month(period.end, kind), kind)


def describe_latest(facts: IndicatorFacts, policy: EffectivePolicy, words: Wording) -> list[str]:
    definition, latest = facts.definition, facts.headline.latest
    subject = subject_of(definition)
    if facts.status is Status.NO_DATA or latest is None:
        return [words.sentence("no_data", subject=subject)]
    period = when(latest.period, definition)
    if latest.value.withheld:
        if latest.value.rule == WithholdRule.SMALL_COUNT:
            return [
                words.sentence(
                    "latest_withheld_small",
                    subject=subject,
                    when=period,
                    limit=str(policy.suppress_below),
                )
            ]
        return [words.sentence("latest_withheld", subject=subject, when=period)]
    value = shown(latest.value, definition)
    if definition.cumulative is not None:
        year = year_words(cumulative_year(latest.period, definition))
        month = MONTH_NAMES[month_number(latest.period.end) - 1]
        return [
            words.sentence(
                "latest_year_to_date",
                subject=subject,
                value=value,
                year=year,
                month=month,
                was=verb_for(subject),
            )
        ]
    if definition.unit is Unit.PERCENT and latest.numerator.known and latest.denominator.known:
        assert latest.numerator.value is not None and latest.denominator.value is not None
        counts = {
            "numerator": plain_number(latest.numerator.value),
            "denominator": plain_number(latest.denominator.value),
        }
        return [
            words.sentence(
                "latest_with_counts",
                subject=subject,
                value=value,
                when=period,
                was=verb_for(subject),
                **counts,
            )
        ]
    return [words.sentence("latest", subject=subject, value=value, when=period, was=verb_for(subject))]


def describe_stale(facts: IndicatorFacts, report_month: int, words: Wording) -> list[str]:
    latest = facts.headline.latest
    if not facts.stale or latest is None:
        return []
    expected = latest_on_or_before(report_month, latest.period.frequency, facts.definition.year_end)
    return [words.sentence("stale", expected=named(expected))] if expected != latest.period else []


def earlier_text(change: Change, definition: IndicatorDefinition) -> str:
    """The earlier figure, precise enough to differ from the latest: 'up £50,100 from £2.08
    million', not 'from £2.1 million' after a latest figure of £2.1 million."""
    assert change.earlier.value is not None and change.difference.value is not None
    text = format_value(change.earlier.value, definition)
    later = format_value(change.earlier.value + change.difference.value, definition)
    if definition.unit is Unit.CURRENCY and text == later and change.difference.value != 0:
        return money(change.earlier.value, definition.decimals, million_places=2)
    return text


def describe_change(
    change: Change | None, definition: IndicatorDefinition, year_ago: bool, words: Wording
) -> list[str]:
    if change is None or not change.earlier.known or not change.difference.known:
        return []
    if year_ago and definition.cumulative is not None:
        since = f"at the same point in {year_words(cumulative_year(change.since, definition))}"
    elif year_ago:
        since = f"in {year_words(change.since)}"
    else:
        since = since_previous(change.since)
    prefix = "year_ago" if year_ago else "change"
    earlier = earlier_text(change, definition)
    printed_same = shown_difference(change, definition) == 0
    if change.judgement is Judgement.SAME or change.direction is Direction.FLAT or printed_same:
        return [words.sentence(f"{prefix}_same", since=since, earlier=earlier)]
    suffix = {Judgement.BETTER: "better", Judgement.WORSE: "worse"}.get(change.judgement, "neutral")
    return [
        words.sentence(
            f"{prefix}_{suffix}",
            change=change_words(change, definition),
            earlier=earlier,
            since=since,
        )
    ]


def describe_run(series: SeriesFacts, definition: IndicatorDefinition, words: Wording) -> list[str]:
    run = series.run
    if run is None or run.length < 2 or run.direction is Direction.FLAT:
        return []
    key = "run_up" if run.direction is Direction.UP else "run_down"
    return [
        words.sentence(
            key,
            count=count_in_words(run.length),
            periods=plural_periods(definition.frequency, run.length),
        )
    ]


def describe_rag(facts: IndicatorFacts, words: Wording) -> list[str]:
    rating, rule, latest = facts.rag.rating, facts.definition.rag, facts.headline.latest
    if rating is Rating.WITHHELD:
        return [words.sentence("rag_withheld")]
    if isinstance(rule, BenchmarkRule):
        return describe_benchmark_rating(facts, rule, words)
    if rating not in (Rating.RED, Rating.AMBER, Rating.GREEN) or latest is None or not latest.value.known:
        return []
    definition = facts.definition
    value = shown(latest.value, definition)
    if isinstance(rule, ThresholdsRule):
        higher = definition.polarity is Polarity.HIGHER_IS_BETTER
        return [
            words.sentence(
                f"rag_thresholds_{rating.value}",
                value=value,
                green=setting(rule.green, definition),
                red=setting(rule.red, definition),
                better_side="above" if higher else "below",
                worse_side="below" if higher else "above",
            )
        ]
    if isinstance(rule, ToleranceRule):
        band = (
            rule.tolerance if rule.tolerance_unit == "absolute" else abs(rule.target) * rule.tolerance / 100
        )
        places = 0 if float(band).is_integer() else None
        target, tolerance = (
            setting(rule.target, definition),
            format_difference(band, definition, places),
        )
        return [
            words.sentence(f"rag_tolerance_{rating.value}", value=value, target=target, tolerance=tolerance)
        ]
    return []


def describe_benchmark_rating(facts: IndicatorFacts, rule: BenchmarkRule, words: Wording) -> list[str]:
    rated = [c for c in facts.comparisons if c.area in rule.comparators and c.local.known]
    judged = {c.area: c.judgement for c in rated}
    names = [words.area_average(area) for area in rule.comparators]
    # The period the rating rests on, named as the comparison sentences name it.
    when = rating_period_words(rated)
    match facts.rag.rating:
        case Rating.GREEN:
            return [words.sentence("rag_benchmark_green", areas=averages(names, both=True) + when)]
        case Rating.RED:
            return [words.sentence("rag_benchmark_red", areas=averages(names, both=True) + when)]
        case Rating.AMBER:
            better = [words.area_average(a) for a in rule.comparators if judged.get(a) is not Judgement.WORSE]
            worse = [words.area_average(a) for a in rule.comparators if judged.get(a) is Judgement.WORSE]
            return [
                words.sentence(
                    "rag_benchmark_amber",
                    better=averages(better, False),
                    worse=averages(worse, False) + when,
                )
            ]
        case Rating.NOT_RATED if facts.headline.latest is not None:
            missing = [words.area(a) for a in rule.comparators if a not in judged]
            return (
                [words.sentence("rag_benchmark_missing", areas=join_words(missing, "or"))] if missing else []
            )
    return []


def baseline_words(spc: SpcSummary, frequency: Frequency) -> str:
    """The span the limits come from: 'the 20 months to August 2017', 'the 16 quarters ending
    with April to June 2019'."""
    periods = plural_periods(frequency, spc.baseline_points)
    joiner = "to" if frequency is Frequency.MONTH else "ending with"
    return f"the {count_in_words(spc.baseline_points)} {periods} {joiner} {named(spc.baseline_end)}"


def describe_variation(facts: IndicatorFacts, run_told: bool, words: Wording) -> list[str]:
    """The strongest signal, in words, from the facts compute found: every count it gives is
    the signal's own. A trend the run sentence already told is not told again. Disclosure
    drops SPC whenever any point is withheld, so the limits describe published figures only."""
    spc = facts.spc
    if spc is None or not spc.signals:
        return []
    definition = facts.definition
    meaning = words.words.get(spc.variation.value, words.words["neutral_special_cause"])
    frequency = definition.frequency
    limits = {
        "lower": format_value(spc.lower, definition),
        "upper": format_value(spc.upper, definition),
        "baseline": baseline_words(spc, frequency),
    }
    signal = spc.signals[0]
    side = "above" if signal.high else "below"
    match signal.kind:
        case SpcRule.BEYOND_LIMITS:
            return [words.sentence("variation_beyond_limits", side=side, meaning=meaning, **limits)]
        case SpcRule.TREND if run_told:
            return []
        case SpcRule.TREND:
            moved = "risen" if signal.high else "fallen"
            return [
                counted_sentence(words, "variation_trend", signal.points, frequency, meaning, moved=moved)
            ]
        case SpcRule.TWO_OF_THREE:
            edge = "upper" if signal.high else "lower"
            return [words.sentence("variation_two_of_three", edge=edge, meaning=meaning, **limits)]
        case SpcRule.RUN_ONE_SIDE:
            mean = format_value(spc.mean, definition)
            return [
                counted_sentence(
                    words, "variation_run_one_side", signal.points, frequency, meaning, side=side, mean=mean
                )
            ]
    return []


def counted_sentence(
    words: Wording, key: str, count: int, frequency: Frequency, meaning: str, **where: str
) -> str:
    """A variation sentence that counts periods ('seven months', 'four quarters')."""
    return words.sentence(
        key, count=count_in_words(count), periods=plural_periods(frequency, count), meaning=meaning, **where
    )


def describe_projection(facts: IndicatorFacts, words: Wording) -> list[str]:
    projection, definition = facts.projection, facts.definition
    if projection is None or definition.projection is None:
        return []
    cells = (
        projection.projected,
        projection.change,
        projection.share_of_last_year,
        projection.last_year_total,
    )
    if not all(cell.known for cell in cells):
        return []
    assert projection.projected.value is not None and projection.change.value is not None
    assert projection.share_of_last_year.value is not None
    # The method compute used, not the one asked for: a seasonal projection falls back to pro
    # rata when earlier years are missing. A seasonal one uses exactly `profile_years` years.
    if projection.method != "seasonal":
        basis = words.words["basis_pro_rata"]
    elif definition.projection.profile_years == 1:
        basis = words.words["basis_last_year"]
    else:
        basis = words.words["basis_earlier_years"]
    change = format_percent_change(projection.change.value)
    slots = {
        "share": format_share(projection.share_of_last_year.value),
        "last_year": year_words(projection.last_year),
        "last_total": shown(projection.last_year_total, definition),
        "basis": basis,
        "projected": format_value(round(projection.projected.value), definition),
        "year": year_words(projection.year),
    }
    if change == "0%":
        return [words.sentence("projection_same", **slots)]
    direction = "increase" if projection.change.value > 0 else "decrease"
    return [words.sentence("projection", a_change=f"a {change} {direction}", **slots)]


def describe_persistence(facts: IndicatorFacts, words: Wording) -> list[str]:
    persistence = facts.persistence
    if persistence is None:
        return []
    if persistence.red_reports == 1:
        previous = facts.previous_rating
        if previous is None or previous is Rating.RED:
            return []
        return [words.sentence("persistence_first", previous=previous.value.replace("_", " "))]
    ordinal = ordinal_in_words(persistence.red_reports)
    papers = [
        f"{paper.reference} ({format_date(paper.meeting_date)})" for paper in persistence.earlier_papers
    ]
    if not papers:
        return [words.sentence("persistence_no_papers", ordinal=ordinal)]
    if len(papers) > LONGEST_PAPER_LIST:
        # A long run reads better as its span; the paper lists every earlier report anyway.
        return [words.sentence("persistence_long", ordinal=ordinal, first=papers[-1], latest=papers[0])]
    return [words.sentence("persistence", ordinal=ordinal, papers=join_words(papers))]


def describe_variants(facts: IndicatorFacts, policy: EffectivePolicy, words: Wording) -> list[str]:
    sentences = []
    headline = facts.headline.latest
    for variant in facts.variants:
        latest = variant.latest
        if latest is None:
            continue
        period = (
            ""
            if headline is not None and latest.period == headline.period
            else f" {when(latest.period, facts.definition)}"
        )
        label = variant.label
        if not latest.value.withheld:
            sentences.append(
                words.sentence(
                    "variant", label=label, value=shown(latest.value, facts.definition), when=period
                )
            )
        elif latest.value.rule == WithholdRule.SMALL_COUNT:
            sentences.append(
                words.sentence(
                    "variant_withheld_small",
                    label=label,
                    limit=str(policy.suppress_below),
                    when=period,
                )
            )
        elif latest.value.rule == WithholdRule.VARIANT_DIFFERENCE:
            sentences.append(words.sentence("variant_withheld_difference", label=label, when=period))
        else:
            sentences.append(words.sentence("variant_withheld", label=label, when=period))
    return sentences


def describe_indicator(
    facts: IndicatorFacts, policy: EffectivePolicy, words: Wording, report_month: int
) -> tuple[str, ...]:
    definition = facts.definition
    latest = facts.headline.latest
    sentences = describe_latest(facts, policy, words)
    if latest is not None and not latest.value.withheld:
        sentences += describe_projection(facts, words)
        sentences += describe_change(facts.headline.previous, definition, year_ago=False, words=words)
        sentences += describe_change(facts.headline.year_ago, definition, year_ago=True, words=words)
        run = describe_run(facts.headline, definition, words)
        sentences += run
        sentences += describe_comparisons(facts.comparisons, latest, definition, words)
        sentences += describe_unpublished(facts.unpublished, words)
        sentences += describe_standing(facts.standing, words)
        sentences += describe_variants(facts, policy, words)
        sentences += describe_variation(facts, bool(run), words)
        sentences += describe_stale(facts, report_month, words)
    sentences += describe_rag(facts, words)
    sentences += describe_persistence(facts, words)
    return tuple(sentences)
