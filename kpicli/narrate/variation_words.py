"""Variation, assurance and projection in words: the Making Data Count signal compute found, whether
the target will be met, and where a year-to-date total is heading. Every count given is the
signal's own; nothing here works a new figure out."""

from __future__ import annotations

from kpicli.formatting import (
    count_in_words,
    format_estimate,
    format_percent_change,
    format_share,
    format_value,
    plain_number,
)
from kpicli.models.definition import (
    IndicatorDefinition,
    Unit,
)
from kpicli.models.facts import (
    Assurance,
    IndicatorFacts,
    Shift,
    SpcRule,
    SpcSummary,
)
from kpicli.narrate.phrases import named, period_words, plural_periods, setting, shown
from kpicli.narrate.wording import Wording
from kpicli.periods import (
    Frequency,
)


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
        "last_year": period_words(projection.last_year),
        "last_total": shown(projection.last_year_total, definition),
        "basis": basis,
        "projected": format_value(round(projection.projected.value), definition),
        "year": period_words(projection.year),
    }
    if change == "0%":
        return [words.sentence("projection_same", **slots)]
    direction = "increase" if projection.change.value > 0 else "decrease"
    return [words.sentence("projection", a_change=f"a {change} {direction}", **slots)]
