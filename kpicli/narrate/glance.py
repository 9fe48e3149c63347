"""What a member reads first: the key messages, the finding over each chart, and for an
indicator red at the last report too, what was said then and what has happened since.

Everything here is worded from one view's facts, so the public paper's key messages can say
nothing the public tables do not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kpicli.formatting import count_in_words, join_words, lower_first, ordinal_in_words, ratings_counted
from kpicli.models.commentary import LastTime
from kpicli.models.definition import BenchmarkRule, Control, Polarity
from kpicli.models.facts import (
    Direction,
    IndicatorFacts,
    Judgement,
    Rating,
    SpcRule,
    Variation,
)
from kpicli.models.narrative import OfficerNarrative
from kpicli.models.views import PaperContext, View
from kpicli.narrate.comparisons import rating_period_words
from kpicli.narrate.phrases import at_or_in, setting, shown
from kpicli.narrate.wording import Wording
from kpicli.periods import FREQUENCY_NOUNS, latest_on_or_before, parse_month

MOST_KEY_MESSAGES = 5
BULLET = re.compile(r"^\s*[-*+]\s+(.*\S)\s*$")
RATED = (Rating.RED, Rating.AMBER, Rating.GREEN)
RANK = {Rating.RED: 0, Rating.AMBER: 1, Rating.GREEN: 2}


def period_noun(facts: IndicatorFacts) -> str:
    return FREQUENCY_NOUNS[facts.definition.frequency].removeprefix("academic ").removeprefix("financial ")


def chart_movement(facts: IndicatorFacts, words: Wording) -> str:
    latest = facts.headline.latest
    assert latest is not None and latest.value.known
    value = shown(latest.value, facts.definition)
    when = at_or_in(latest.period, facts.definition)
    run, change = facts.headline.run, facts.headline.previous
    if run is not None and run.length >= 2 and run.direction is not Direction.FLAT:
        key = "chart_run_up" if run.direction is Direction.UP else "chart_run_down"
        return words.clause(key, ordinal=ordinal_in_words(run.length), period=period_noun(facts), value=value)
    if (
        change is not None
        and change.direction is not None
        and change.difference.known
        and change.earlier.known
    ):
        # The figure it moved from, named: the chart's alternative text describes the whole line
        # ('Rose from 31 in September 2017'), and a bare 'Down to 34' beside it would read as a
        # contradiction.
        key = {Direction.UP: "chart_up", Direction.DOWN: "chart_down"}.get(change.direction, "chart_same")
        since = at_or_in(change.since, facts.definition)
        earlier = f"{shown(change.earlier, facts.definition)} {since}"
        return words.clause(key, value=value, when=when, earlier=earlier, earlier_when=since)
    return words.clause("chart_latest", value=value, when=when)


def chart_position(facts: IndicatorFacts, words: Wording) -> str:
    """Where it stands: outside its usual range, against its target, or against the areas it
    is rated against."""
    spc = facts.spc
    if spc is not None and spc.signals and spc.signals[0].kind is SpcRule.BEYOND_LIMITS:
        return words.clause("chart_beyond_limits", side="above" if spc.signals[0].high else "below")
    rating, rule, definition = facts.rag.rating, facts.definition.rag, facts.definition
    if rating not in RATED:
        return ""
    if isinstance(rule, BenchmarkRule):
        compared = [c for c in facts.comparisons if c.area in rule.comparators]
        judged = {c.area: c.judgement for c in compared}
        # Each area under the one judgement compute made of it (judge_printed): "in line with"
        # exactly when the two figures print the same, as the comparison table says. Areas as
        # nouns mid-sentence ('statistical neighbours'), and the period compared.
        parts = [
            words.clause(key, areas=join_words(areas))
            for key, judgement in (
                ("chart_benchmark_better", Judgement.BETTER),
                ("chart_benchmark_same", Judgement.SAME),
                ("chart_benchmark_worse", Judgement.WORSE),
            )
            if (areas := [words.area(area) for area in rule.comparators if judged.get(area) is judgement])
        ]
        when = rating_period_words(
            [c for c in compared if c.judgement is not Judgement.NOT_JUDGED], definition.measure
        )
        return ", ".join(parts) + when if parts else ""
    target = definition.target
    if target is None:
        return ""
    if rating is Rating.GREEN:
        key = "chart_target_met"
    elif definition.polarity is Polarity.LOWER_IS_BETTER:
        key = "chart_target_above"
    else:
        key = "chart_target_below"
    return words.clause(key, target=setting(target, definition))


def chart_title(facts: IndicatorFacts, words: Wording) -> str:
    """The finding in a line: 'Up for the second year running, to 62, worse than London and
    England'. Nothing for a withheld or missing figure."""
    latest = facts.headline.latest
    if latest is None or not latest.value.known:
        return ""
    movement = chart_movement(facts, words)
    position = chart_position(facts, words)
    if not position:
        return words.sentence("chart_title_movement_only", movement=movement)
    return words.sentence("chart_title", movement=movement, position=position)


def figure_as_at(facts: IndicatorFacts, month: int) -> str:
    """The published figure as at the end of `month`, in words ('55% in May 2019')."""
    frequency = facts.definition.frequency
    period = latest_on_or_before(month, frequency)
    figure = next((f for f in reversed(facts.headline.history) if f.period.end <= period.end), None)
    if figure is None or not figure.value.known:
        return ""
    return f"{shown(figure.value, facts.definition)} {at_or_in(figure.period, facts.definition)}"


def describe_last_time(
    facts: IndicatorFacts,
    context: PaperContext,
    previous: OfficerNarrative | None,
    now: OfficerNarrative,
    words: Wording,
) -> LastTime | None:
    """For an indicator red now and at the last report, with the actions given then: those
    actions beside the officer's account of what has happened since, and the figure then and
    now."""
    del words
    meeting = context.previous_meeting
    persistence = facts.persistence
    if meeting is None or previous is None or persistence is None or persistence.red_reports < 2:
        return None
    if not previous.front.actions:
        return None
    figure_then = figure_as_at(facts, parse_month(meeting.period))
    figure_now = figure_as_at(facts, context.report_month)
    return LastTime(
        meeting=meeting,
        actions=tuple(previous.front.actions),
        actions_from=previous.actions_from,
        since_then=now.front.since_last_report or "",
        figure_then=figure_then,
        # The same figure for the same period: no newer one, which the paper says in words.
        figure_now="" if figure_now == figure_then else figure_now,
    )


def officer_key_messages(narrative: OfficerNarrative | None) -> tuple[str, ...]:
    """The bullets of the officer's `_key-messages.md`, one message each."""
    if narrative is None:
        return ()
    messages: list[str] = []
    for line in narrative.context.splitlines():
        match = BULLET.match(line)
        if match:
            messages.append(match.group(1))
        elif line.strip() and messages:
            messages[-1] += " " + line.strip()  # a bullet continued on the next line
    return tuple(messages)


def name_of(facts: IndicatorFacts) -> str:
    return f"{lower_first(facts.definition.title)} ({facts.definition.number})"


def verb(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def counted(count: int) -> str:
    """'One indicator', 'four indicators': a count at the start of a sentence is in words."""
    number = count_in_words(count) if count < 10 else f"{count:,}"
    return f"{number} indicator{'' if count == 1 else 's'}"


def message_counts(view: View, words: Wording) -> str:
    rated = [f for f in view.indicators if f.rag.rating in RATED]
    red = sum(1 for f in rated if f.rag.rating is Rating.RED)
    amber = sum(1 for f in rated if f.rag.rating is Rating.AMBER)
    if not rated:
        return ""
    if len(rated) == 1:
        return words.sentence("key_one_rated", rating=rated[0].rag.rating.value)
    if not red and not amber:
        return words.sentence("key_all_green", total=str(len(rated)))
    green = len(rated) - red - amber
    return words.sentence(
        "key_counts",
        total=str(len(rated)),
        counts=ratings_counted([(red, "red"), (amber, "amber"), (green, "green")]),
    )


def message_persistent(view: View, words: Wording) -> str:
    persistent = [f for f in view.indicators if f.persistence is not None and f.persistence.red_reports > 1]
    if not persistent:
        return ""
    persistent.sort(key=lambda f: (-f.persistence.red_reports if f.persistence else 0, f.definition.number))
    items = [
        f"{lower_first(f.definition.title)} ({f.definition.number}, {ordinal_in_words(f.persistence.red_reports)} report)"
        for f in persistent
        if f.persistence is not None
    ]
    count = len(persistent)
    return words.sentence(
        "key_persistent",
        count=counted(count),
        have=verb(count, "has", "have"),
        indicators=listed(items),
    )


def listed(items: list[str]) -> str:
    """Titles that may hold commas themselves ('aged 19, 20 and 21'), listed with semicolons."""
    if len(items) <= 1:
        return "".join(items)
    return "; ".join(items[:-1]) + " and " + items[-1]


def message_changes(view: View, words: Wording) -> str:
    worse: list[tuple[IndicatorFacts, Rating, Rating]] = []
    better: list[tuple[IndicatorFacts, Rating, Rating]] = []
    for facts in view.indicators:
        before, now = facts.previous_rating, facts.rag.rating
        if before in RATED and now in RATED and before is not now:
            assert before is not None
            (worse if RANK[now] < RANK[before] else better).append((facts, before, now))
    parts = []
    for group, key in ((worse, "key_worse"), (better, "key_better")):
        if group:
            items = [
                f"{lower_first(f.definition.title)} ({f.definition.number}, {before.value} to {now.value})"
                for f, before, now in group
            ]
            parts.append(words.clause(key, count=counted(len(group)), indicators=listed(items)))
    if not parts:
        return ""
    return words.sentence("key_changes", changes="; ".join(parts))


def message_variation(view: View, words: Wording) -> str:
    concern = [f for f in view.indicators if f.spc is not None and f.spc.variation is Variation.CONCERN]
    if not concern:
        return ""
    count = len(concern)
    return words.sentence(
        "key_concern",
        indicators=listed([name_of(f) for f in concern]),
        shows=verb(count, "shows", "show"),
    )


def message_control(view: View, words: Wording) -> str:
    controlled = [
        f for f in view.indicators if f.definition.control is Control.FULL and f.rag.rating in RATED
    ]
    if not controlled:
        return ""
    red = sum(1 for f in controlled if f.rag.rating is Rating.RED)
    amber = sum(1 for f in controlled if f.rag.rating is Rating.AMBER)
    return words.sentence(
        "key_control", total=str(len(controlled)), counts=ratings_counted([(red, "red"), (amber, "amber")])
    )


def key_messages(view: View, officer: OfficerNarrative | None, words: Wording) -> tuple[str, ...]:
    """Three to five main points, like an ONS bulletin's: the officer's own when given, else
    made from the view's ratings, runs of red reports, changes of rating, variation and
    control."""
    own = officer_key_messages(officer)
    if own:
        return own
    made: Sequence[str] = [
        message(view, words)
        for message in (
            message_counts,
            message_persistent,
            message_changes,
            message_variation,
            message_control,
        )
    ]
    return tuple(message for message in made if message)[:MOST_KEY_MESSAGES]
