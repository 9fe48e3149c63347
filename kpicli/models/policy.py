"""The disclosure policy as it applies to one indicator, and the names of its rules."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kpicli.models.config import DisclosurePolicy
from kpicli.models.definition import Counting, IndicatorDefinition, PublishedElsewhere

NOT_FOR_PUBLICATION = (
    "NOT FOR PUBLICATION: this output shows figures or ratings that the public paper (Part 1) "
    "withholds, or exempt indicators."
)


class WithholdRule(StrEnum):
    SMALL_COUNT = "small_count"
    SMALL_NUMERATOR = "small_numerator"
    SMALL_DENOMINATOR = "small_denominator"
    COMPLEMENT = "complement"
    SECONDARY = "secondary"
    VARIANT_DIFFERENCE = "variant_difference"
    CUMULATIVE_DIFFERENCE = "cumulative_difference"
    DERIVED = "derived"
    ROUNDING = "rounding"
    NO_COUNTS = "no_counts"
    TABLE = "table"


RULE_DESCRIPTIONS: dict[WithholdRule, str] = {
    WithholdRule.SMALL_COUNT: "a count between 1 and {limit} could identify children",
    WithholdRule.SMALL_NUMERATOR: "the percentage rests on a count between 1 and {limit}",
    WithholdRule.SMALL_DENOMINATOR: "the percentage rests on a group of fewer than {min_denominator}",
    WithholdRule.COMPLEMENT: "the rest of the group (denominator minus numerator) is between 1 and {limit}",
    WithholdRule.SECONDARY: "withheld so that a withheld figure cannot be worked out from the total",
    WithholdRule.VARIANT_DIFFERENCE: "the difference between the two sets of figures is between 1 and {limit}",
    WithholdRule.CUMULATIVE_DIFFERENCE: "the change since the previous year-to-date figure is between 1 and {limit}",
    WithholdRule.DERIVED: "worked out from a withheld figure",
    WithholdRule.ROUNDING: "worked out from exact counts, which would undo the rounding to multiples of {round_to}",
    WithholdRule.NO_COUNTS: "a percentage or rate given without its numerator and denominator cannot be checked for small numbers",
    WithholdRule.TABLE: "the breakdown cannot be published without revealing a small number",
}


@dataclass(frozen=True, slots=True)
class EffectivePolicy:
    suppress_below: int
    suppress_zero: bool
    min_denominator: int
    round_to: int | None
    # False when the counts are of organisations (schools, providers): none is withheld.
    counts_people: bool = True
    published_elsewhere: PublishedElsewhere | None = None

    def is_published_elsewhere(self, period_end: int) -> bool:
        return self.published_elsewhere is not None and self.published_elsewhere.covers(period_end)

    def is_small(self, count: float) -> bool:
        """A count that could identify children. Never true from `suppress_below` up, which
        callers may test first to save the call; never true of counts of organisations."""
        if not self.counts_people:
            return False
        if count == 0:
            return self.suppress_zero
        return 0 < count < self.suppress_below

    def describe(self, rule: WithholdRule) -> str:
        return RULE_DESCRIPTIONS[rule].format(
            limit=self.suppress_below - 1, min_denominator=self.min_denominator, round_to=self.round_to
        )


def effective_policy(policy: DisclosurePolicy, definition: IndicatorDefinition) -> EffectivePolicy:
    override = definition.disclosure
    if override is None:
        return EffectivePolicy(
            policy.suppress_below, policy.suppress_zero, policy.min_denominator, policy.round_to
        )
    return EffectivePolicy(
        suppress_below=override.suppress_below or policy.suppress_below,
        suppress_zero=policy.suppress_zero if override.suppress_zero is None else override.suppress_zero,
        min_denominator=override.min_denominator or policy.min_denominator,
        round_to=override.round_to or policy.round_to,
        counts_people=override.counts is Counting.PEOPLE,
        published_elsewhere=override.published_elsewhere,
    )
