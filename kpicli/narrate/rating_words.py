"""The rating in words: against thresholds, a target with its tolerance, or comparators, and for
how many reports in a row."""

from __future__ import annotations

from kpicli.formatting import (
    format_difference,
    join_words,
    ordinal_in_words,
)
from kpicli.models.definition import (
    BenchmarkRule,
    Polarity,
    ThresholdsRule,
    ToleranceRule,
)
from kpicli.models.facts import (
    IndicatorFacts,
    Judgement,
    Rating,
)
from kpicli.narrate.comparisons import (
    averages,
    rating_period_words,
)
from kpicli.narrate.phrases import setting, shown
from kpicli.narrate.wording import Wording


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
        band = rule.band
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
    when = rating_period_words(rated, facts.definition.measure)
    match facts.rag.rating:
        case Rating.GREEN | Rating.RED:
            key = f"rag_benchmark_{facts.rag.rating.value}"
            return words.sentence(key, pick, areas=averages(names, both=True) + when, persistence=persistence)
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
