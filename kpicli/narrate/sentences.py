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
    format_percent_change,
    format_value,
    join_words,
    lower_first,
    money,
    money_as_printed,
    plain_number,
    round_half_up,
    upper_first,
)
from kpicli.models.definition import (
    IndicatorDefinition,
    Unit,
)
from kpicli.models.facts import (
    Change,
    Direction,
    IndicatorFacts,
    Judgement,
    SeriesFacts,
    Status,
)
from kpicli.models.policy import EffectivePolicy, WithholdRule
from kpicli.narrate.comparisons import (
    describe_comparisons,
    describe_standing,
)
from kpicli.narrate.overlap import Topic
from kpicli.narrate.phrases import (
    at_or_in,
    cumulative_year,
    named,
    period_words,
    plural_periods,
    shown,
    since_previous,
    when,
)
from kpicli.narrate.rating_words import describe_rag
from kpicli.narrate.variation_words import describe_projection, describe_variation
from kpicli.narrate.wording import Wording
from kpicli.periods import (
    MONTH_NAMES,
    Frequency,
    month_number,
)

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
        year = period_words(cumulative_year(latest.period, definition))
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
    2018/19 academic year was not published ([c]: suppressed at source ...)', 'the figures for
    2016/17 to 2018/19 were not published (...)', or nothing."""
    latest = facts.headline.latest
    if latest is None:
        return ""
    expected = facts.definition.expected_period(report_month)
    if expected == latest.period:
        return ""
    marked = {item.period: item.symbol for item in facts.missing if not item.variant}
    symbol = marked.get(expected)
    if symbol is None:
        return words.clause("stale", expected=named(expected)) if facts.stale else ""
    # Published, but without a figure for us: say why rather than 'not yet available', and for
    # every period since our latest figure that the source marks the same way, so that the
    # committee can see how old the latest figure is.
    first = expected
    while marked.get(first.previous()) is symbol:
        first = first.previous()
    meaning = words.words[f"symbol_{symbol.value}"]
    if first == expected:
        return words.clause("missing", expected=named(expected), symbol=symbol.shown, meaning=meaning)
    return words.clause(
        "missing_run",
        first=period_words(first),
        last=period_words(expected),
        symbol=symbol.shown,
        meaning=meaning,
    )


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
        since = f"at the same point in {period_words(cumulative_year(change.since, definition))}"
    elif year_ago and change.since.frequency is Frequency.ANNUAL:
        since = at_or_in(change.since, definition)
    elif year_ago:
        since = f"in {period_words(change.since)}"
    else:
        since = since_previous(change.since, definition)
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
    text = upper_first(clause + changes + (f"; {after}" if after else "")) + "."
    return " ".join([text, *describe_projection(facts, words)])


def describe_run(series: SeriesFacts, definition: IndicatorDefinition, words: Wording, pick: int) -> str:
    """'has risen for two years running', after 'It'; nothing for fewer than two moves."""
    run = series.run
    if run is None or run.length < 2 or run.direction is Direction.FLAT:
        return ""
    key = "run_up" if run.direction is Direction.UP else "run_down"
    periods = plural_periods(definition.frequency, run.length)
    return words.clause(key, pick, count=count_in_words(run.length), periods=periods)


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
        compared += describe_standing(facts.standing, definition.measure, words)
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
