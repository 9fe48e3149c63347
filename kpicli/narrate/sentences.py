"""Sentences about one indicator, from the facts of one view.

Every number in a sentence is a published cell of that view, formatted; nothing here works a
new figure out of cells, so a public sentence can reveal no more than the public tables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from kpicli.formatting import (
    count_in_words,
    format_difference,
    format_estimate,
    format_percent_change,
    format_share,
    format_value,
    join_words,
    money,
    money_as_printed,
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
    Assurance,
    Cell,
    Change,
    Direction,
    IndicatorFacts,
    Judgement,
    Rating,
    SeriesFacts,
    Shift,
    SpcRule,
    SpcSummary,
    Status,
)
from kpicli.models.policy import EffectivePolicy, WithholdRule
from kpicli.narrate.comparisons import (
    averages,
    describe_comparisons,
    describe_standing,
    rating_period_words,
)
from kpicli.narrate.overlap import Topic
from kpicli.narrate.wording import Wording
from kpicli.periods import (
    FREQUENCY_NOUNS,
    MONTH_NAMES,
    Frequency,
    Period,
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
# A title that already names a measure ('Permanent exclusion rate', 'Care leavers in suitable
# accommodation percentage'): 'the percentage of' before it would say it twice.
NAMES_A_MEASURE = re.compile(
    r"\b(rate|percentage|proportion|average|total|number|score|ratio|caseload|cost|spend)$", re.IGNORECASE
)
HEAD_NOUN = re.compile(r"\s(?:of|on|in|for|per|against|within|to|from|by|with|at)\s|\s\(", re.IGNORECASE)
# 'Up 2 (200%) from 1' overstates a change in a handful of children: below this many, a count's
# change is given in numbers only.
SMALL_BASE = 10
# The commentary on one indicator is at most this many sentences.
MOST_SENTENCES = 4
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
    if ALREADY_A_SUBJECT.match(title) or NAMES_A_MEASURE.search(title):
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
        *YEARS,
        Frequency.CALENDAR_YEAR,
    ):
        return f"as at the end of {named(period)}"
    return f"in {named(period)}"


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
    54% from 62% is down 8 percentage points, even when 54.4 - 61.5 rounds to 7. Money
    likewise: 'up £130,000 from £1.11 million' to £1.24 million."""
    assert change.earlier.value is not None and change.difference.value is not None
    later = change.earlier.value + change.difference.value
    if definition.unit is Unit.CURRENCY:
        decimals = definition.decimals
        return money_as_printed(later, decimals) - money_as_printed(change.earlier.value, decimals)
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


class Latest(NamedTuple):
    """The latest figure in words: a clause to build the opening sentence on, or, when the
    figure is withheld or missing, whole sentences that stand alone (`complete`)."""

    text: str
    complete: bool


def describe_latest(facts: IndicatorFacts, policy: EffectivePolicy, words: Wording) -> Latest:
    definition, latest = facts.definition, facts.headline.latest
    subject = subject_of(definition)
    if facts.status is Status.NO_DATA or latest is None:
        return Latest(words.sentence("no_data", subject=subject), True)
    period = when(latest.period, definition)
    if latest.value.withheld:
        if latest.value.rule == WithholdRule.SMALL_COUNT:
            limit = str(policy.suppress_below)
            return Latest(
                words.sentence("latest_withheld_small", subject=subject, when=period, limit=limit), True
            )
        return Latest(words.sentence("latest_withheld", subject=subject, when=period), True)
    value = shown(latest.value, definition)
    was = verb_for(subject)
    if definition.cumulative is not None:
        year = year_words(cumulative_year(latest.period, definition))
        month = MONTH_NAMES[month_number(latest.period.end) - 1]
        return Latest(
            words.clause(
                "latest_year_to_date", subject=subject, value=value, year=year, month=month, was=was
            ),
            False,
        )
    if definition.unit is Unit.PERCENT and latest.numerator.known and latest.denominator.known:
        assert latest.numerator.value is not None and latest.denominator.value is not None
        counts = {
            "numerator": plain_number(latest.numerator.value),
            "denominator": plain_number(latest.denominator.value),
        }
        return Latest(
            words.clause("latest_with_counts", subject=subject, value=value, when=period, was=was, **counts),
            False,
        )
    return Latest(words.clause("latest", subject=subject, value=value, when=period, was=was), False)


def describe_stale(facts: IndicatorFacts, report_month: int, words: Wording) -> str:
    """'the figure for the 2018/19 academic year is not yet available', 'the figure for the
    2018/19 academic year was not published ([c]: suppressed at source ...)', or nothing."""
    latest = facts.headline.latest
    if latest is None:
        return ""
    expected = facts.definition.expected_period(report_month)
    if expected == latest.period:
        return ""
    marked = next((item for item in facts.missing if item.period == expected), None)
    if marked is not None:
        # Published, but without a figure for us: say why rather than 'not yet available'.
        meaning = words.words[f"symbol_{marked.symbol.value}"]
        return words.clause("missing", expected=named(expected), symbol=marked.symbol.shown, meaning=meaning)
    return words.clause("stale", expected=named(expected)) if facts.stale else ""


def earlier_text(change: Change, definition: IndicatorDefinition) -> str:
    """The earlier figure, precise enough to differ from the latest: 'up £50,100 from £2.08
    million', not 'from £2.1 million' after a latest figure of £2.1 million."""
    assert change.earlier.value is not None and change.difference.value is not None
    text = format_value(change.earlier.value, definition)
    later = format_value(change.earlier.value + change.difference.value, definition)
    if definition.unit is Unit.CURRENCY and text == later and change.difference.value != 0:
        return money(change.earlier.value, definition.decimals, million_places=2)
    return text


class Moved(NamedTuple):
    """A change in words, with its judgement as printed (SAME when the figures print the same),
    and the pieces a joined sentence may reuse."""

    words: str
    judgement: Judgement
    since: str = ""
    earlier: str = ""


def describe_change(
    change: Change | None, definition: IndicatorDefinition, year_ago: bool, words: Wording
) -> Moved | None:
    """'up 7 percentage points from 47% in the previous quarter, an improvement', 'worse than a
    year earlier (62% in August 2018)'."""
    if change is None or not change.earlier.known or not change.difference.known:
        return None
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
        return Moved(
            words.clause(f"{prefix}_same", since=since, earlier=earlier), Judgement.SAME, since, earlier
        )
    suffix = {Judgement.BETTER: "better", Judgement.WORSE: "worse"}.get(change.judgement, "neutral")
    text = words.clause(
        f"{prefix}_{suffix}", change=change_words(change, definition), earlier=earlier, since=since
    )
    return Moved(text, change.judgement, since, earlier)


def joined_changes(previous: Moved | None, year_ago: Moved | None, words: Wording) -> str:
    """', up 0.6 percentage points from 4.7% in July 2019 and worse than a year earlier (4.9%
    in August 2018)': 'but' where the two point different ways."""
    if previous is None and year_ago is None:
        return ""
    if previous is None or year_ago is None:
        return ", " + (previous or year_ago).words  # type: ignore[union-attr]
    if previous.judgement is Judgement.SAME and year_ago.judgement is Judgement.SAME:
        return ", " + words.clause(
            "both_same", since=previous.since, earlier=year_ago.earlier, year_since=year_ago.since
        )
    differ = previous.judgement is not year_ago.judgement and Judgement.NOT_JUDGED not in (
        previous.judgement,
        year_ago.judgement,
    )
    # The previous change's own judgement is dropped when the year's follows: one verdict each.
    text = previous.words.removesuffix(", an improvement").removesuffix(", which is worse")
    return f", {text} {'but' if differ else 'and'} {year_ago.words}"


def opening_sentence(
    facts: IndicatorFacts, policy: EffectivePolicy, words: Wording, report_month: int, run: str = ""
) -> str:
    """The latest figure, how it moved and its run of rises or falls ('has risen for two
    years running'), with a note when a newer figure is due and the projection of a
    year-to-date count: one sentence (two with a projection)."""
    latest = describe_latest(facts, policy, words)
    if latest.complete:
        return latest.text
    definition = facts.definition
    changes = joined_changes(
        describe_change(facts.headline.previous, definition, year_ago=False, words=words),
        describe_change(facts.headline.year_ago, definition, year_ago=True, words=words),
        words,
    )
    after = join_words(
        [part for part in (f"it {run}" if run else "", describe_stale(facts, report_month, words)) if part]
    )
    # A house-style file may end the clause with a full stop; the sentence goes on after it.
    clause = latest.text.removesuffix(".")
    text = capitalised(clause + changes + (f"; {after}" if after else "")) + "."
    return " ".join([text, *describe_projection(facts, words)])


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def describe_run(series: SeriesFacts, definition: IndicatorDefinition, words: Wording, pick: int) -> str:
    """'has risen for two years running', after 'It'; nothing for fewer than two moves."""
    run = series.run
    if run is None or run.length < 2 or run.direction is Direction.FLAT:
        return ""
    key = "run_up" if run.direction is Direction.UP else "run_down"
    periods = plural_periods(definition.frequency, run.length)
    return words.clause(key, pick, count=count_in_words(run.length), periods=periods)


def describe_persistence(facts: IndicatorFacts, words: Wording, pick: int) -> str:
    """' for the fifth report in a row', or the last report's rating when it was different;
    the earlier papers are listed once, under the indicator, not here."""
    persistence, previous = facts.persistence, facts.previous_rating
    if persistence is not None and persistence.red_reports > 1:
        return words.clause("persistence", pick, ordinal=ordinal_in_words(persistence.red_reports))
    rated = (Rating.RED, Rating.AMBER, Rating.GREEN)
    if previous in rated and facts.rag.rating in rated and previous is not facts.rag.rating:
        assert previous is not None
        return words.clause("persistence_changed", previous=previous.value)
    return ""


def describe_rag(facts: IndicatorFacts, words: Wording, pick: int = 0) -> str:
    """The rating, why, and for how long. A withheld figure is not rated at all, and the note
    on the symbol says why, once for the paper."""
    rating, rule, latest = facts.rag.rating, facts.definition.rag, facts.headline.latest
    persistence = describe_persistence(facts, words, pick)
    if isinstance(rule, BenchmarkRule):
        return describe_benchmark_rating(facts, rule, words, pick, persistence)
    if rating not in (Rating.RED, Rating.AMBER, Rating.GREEN) or latest is None or not latest.value.known:
        return ""
    definition = facts.definition
    value = shown(latest.value, definition)
    if isinstance(rule, ThresholdsRule):
        higher = definition.polarity is Polarity.HIGHER_IS_BETTER
        return words.sentence(
            f"rag_thresholds_{rating.value}",
            pick,
            value=value,
            green=setting(rule.green, definition),
            red=setting(rule.red, definition),
            better_side="above" if higher else "below",
            worse_side="below" if higher else "above",
            persistence=persistence,
        )
    if isinstance(rule, ToleranceRule):
        band = (
            rule.tolerance if rule.tolerance_unit == "absolute" else abs(rule.target) * rule.tolerance / 100
        )
        places = 0 if float(band).is_integer() else None
        target, tolerance = (
            setting(rule.target, definition),
            format_difference(band, definition, places),
        )
        return words.sentence(
            f"rag_tolerance_{rating.value}",
            pick,
            value=value,
            target=target,
            tolerance=tolerance,
            persistence=persistence,
        )
    return ""


def describe_benchmark_rating(
    facts: IndicatorFacts, rule: BenchmarkRule, words: Wording, pick: int, persistence: str
) -> str:
    rated = [c for c in facts.comparisons if c.area in rule.comparators and c.local.known]
    judged = {c.area: c.judgement for c in rated}
    names = [words.area_average(area) for area in rule.comparators]
    # The period the rating rests on, named as the comparison sentences name it.
    when = rating_period_words(rated)
    match facts.rag.rating:
        case Rating.GREEN:
            return words.sentence(
                "rag_benchmark_green", pick, areas=averages(names, both=True) + when, persistence=persistence
            )
        case Rating.RED:
            return words.sentence(
                "rag_benchmark_red", pick, areas=averages(names, both=True) + when, persistence=persistence
            )
        case Rating.AMBER:
            better = [words.area_average(a) for a in rule.comparators if judged.get(a) is not Judgement.WORSE]
            worse = [words.area_average(a) for a in rule.comparators if judged.get(a) is Judgement.WORSE]
            return words.sentence(
                "rag_benchmark_amber",
                pick,
                better=averages(better, False),
                worse=averages(worse, False) + when,
                persistence=persistence,
            )
        case Rating.NOT_RATED if facts.headline.latest is not None:
            missing = [words.area(a) for a in rule.comparators if a not in judged]
            return words.sentence("rag_benchmark_missing", areas=join_words(missing, "or")) if missing else ""
    return ""


def baseline_words(spc: SpcSummary, frequency: Frequency) -> str:
    """The span the limits come from: 'the 20 months to August 2017', 'the 16 quarters ending
    with April to June 2019'."""
    periods = plural_periods(frequency, spc.baseline_points)
    joiner = "to" if frequency is Frequency.MONTH else "ending with"
    return f"the {count_in_words(spc.baseline_points)} {periods} {joiner} {named(spc.baseline_end)}"


def limit_texts(lower: float, upper: float, definition: IndicatorDefinition) -> tuple[str, str]:
    """The process limits as the range reads: '61% to 69%', '39 to 41 per 10,000', and money
    to three significant figures ('£83,800 to £608,000'): they are estimates, not counts."""
    if definition.unit in (Unit.RATE, Unit.DAYS, Unit.WEEKS):
        # The unit once, after the range: '39 to 41 per 10,000', '10.0 to 11.5 days'.
        return plain_number(lower, definition.decimals), format_value(upper, definition)
    return format_estimate(lower, definition), format_estimate(upper, definition)


def describe_assurance(spc: SpcSummary, definition: IndicatorDefinition, words: Wording) -> str:
    """Whether, as it varies, it will meet its target: a clause, or nothing without a target.
    After a sustained shift, from the limits of the points since it began, or (too few of them
    to give limits) how often those points met the target: never from limits that predate it."""
    if spc.target is None:
        return ""
    target = setting(spc.target, definition)
    shift = spc.shift
    if shift is not None and (shift.lower is None or shift.upper is None):
        return words.clause(
            "assurance_before_shift",
            start=named(shift.start),
            record=target_record(shift, target, definition),
        )
    if spc.assurance is None:
        return ""
    assurance = words.clause(f"assurance_{spc.assurance.value}", target=target)
    if shift is None or shift.lower is None or shift.upper is None:
        return assurance
    lower, upper = limit_texts(shift.lower, shift.upper, definition)
    return words.clause(
        "assurance_since_shift",
        count=count_in_words(shift.points),
        periods=plural_periods(definition.frequency, shift.points),
        start=named(shift.start),
        lower=lower,
        upper=upper,
        assurance=assurance,
    )


def target_record(shift: Shift, target: str, definition: IndicatorDefinition) -> str:
    """'missed the target of 65% in each of the ten months', 'met the target of 65% in four of
    the ten months'."""
    periods = f"{count_in_words(shift.points)} {plural_periods(definition.frequency, shift.points)}"
    if shift.met in (0, shift.points):
        verb = "met" if shift.met else "missed"
        return f"{verb} the target of {target} in each of the {periods}"
    return f"met the target of {target} in {count_in_words(shift.met)} of the {periods}"


def describe_variation(facts: IndicatorFacts, run_told: bool, words: Wording, pick: int = 0) -> str:
    """The strongest signal, in words, from the facts compute found: every count it gives is
    the signal's own; then, when there is a target, whether it will be met. With no signal the
    sentence is given only when the target will be met, or missed, every time. A trend the run
    sentence already told is not told again. Disclosure drops SPC whenever any point is
    withheld, so the limits describe published figures only."""
    spc = facts.spc
    if spc is None:
        return ""
    definition = facts.definition
    latest = facts.headline.latest
    assurance = describe_assurance(spc, definition, words)
    lower, upper = limit_texts(spc.lower, spc.upper, definition)
    limits = {"lower": lower, "upper": upper, "baseline": baseline_words(spc, definition.frequency)}
    if not spc.signals:
        if spc.assurance in (Assurance.CONSISTENTLY_MET, Assurance.CONSISTENTLY_MISSED):
            return words.sentence("variation_common_cause", assurance=assurance, **limits)
        return ""
    meaning = words.words.get(spc.variation.value, words.words["neutral_special_cause"])
    frequency = definition.frequency
    signal = spc.signals[0]
    side = "above" if signal.high else "below"
    sentence = ""
    match signal.kind:
        case SpcRule.BEYOND_LIMITS:
            value = shown(latest.value, definition) if latest is not None and latest.value.known else ""
            sentence = words.sentence(
                "variation_beyond_limits", pick, side=side, meaning=meaning, value=value, **limits
            )
        case SpcRule.TREND if not run_told:
            moved = "risen" if signal.high else "fallen"
            sentence = counted_sentence(
                words, "variation_trend", pick, signal.points, frequency, meaning, moved=moved
            )
        case SpcRule.TWO_OF_THREE:
            edge = "upper" if signal.high else "lower"
            sentence = words.sentence("variation_two_of_three", pick, edge=edge, meaning=meaning, **limits)
        case SpcRule.RUN_ONE_SIDE:
            mean = format_value(spc.mean, definition)
            sentence = counted_sentence(
                words, "variation_run_one_side", pick, signal.points, frequency, meaning, side=side, mean=mean
            )
    if sentence and assurance:
        return f"{sentence.removesuffix('.')}; {assurance}."
    return sentence


def counted_sentence(
    words: Wording, key: str, pick: int, count: int, frequency: Frequency, meaning: str, **where: str
) -> str:
    """A variation sentence that counts periods ('seven months', 'four quarters')."""
    return words.sentence(
        key,
        pick,
        count=count_in_words(count),
        periods=plural_periods(frequency, count),
        meaning=meaning,
        **where,
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
    facts: IndicatorFacts,
    policy: EffectivePolicy,
    words: Wording,
    report_month: int,
    officer_says: frozenset[Topic] = frozenset(),
) -> tuple[str, ...]:
    """Two to four joined-up sentences: the latest figure, how it moved and its run of rises
    or falls; how it compares; variation and assurance; the rating and for how long. A part
    the officer's own text already gives (`officer_says`) is left out: the officer's words
    win."""
    definition = facts.definition
    latest = facts.headline.latest
    pick = definition.number
    if latest is None or latest.value.withheld:
        return (describe_latest(facts, policy, words).text,)
    run = "" if Topic.RUN in officer_says else describe_run(facts.headline, definition, words, pick)
    if Topic.LATEST in officer_says:
        opening = words.sentence("run_alone", pick, run=run) if run else ""
    else:
        opening = opening_sentence(facts, policy, words, report_month, run)
    compared = []
    if Topic.COMPARISON not in officer_says:
        compared = describe_comparisons(facts.comparisons, latest, definition, words)
        compared += describe_standing(facts.standing, words)
    variants = describe_variants(facts, policy, words)
    rest = [describe_variation(facts, bool(run), words, pick), describe_rag(facts, words, pick)]
    told = [sentence for sentence in (opening, *compared, *variants, *rest) if sentence]
    if len(told) > MOST_SENTENCES and variants and opening:
        # A second set of figures joins the opening sentence rather than stand alone.
        told = [joined(opening, variants), *compared, *(sentence for sentence in rest if sentence)]
    if len(told) > MOST_SENTENCES and len(compared) > 1:
        told = [told[0], joined(compared[0], compared[1:]), *told[1 + len(compared) :]]
    return tuple(told)


def joined(first: str, others: Sequence[str]) -> str:
    """Sentences saying one thing, made one sentence: 'A; b; c.'"""
    return "; ".join([first.removesuffix("."), *(lower_first(o).removesuffix(".") for o in others)]) + "."
