"""Withholding figures: each series' figures decided in one forward pass over its periods.

A figure is withheld by a primary rule when it is disclosive itself (a small count; a
percentage or rate resting on a small count, a small group or a small complement, or on counts
it does not give), or by a secondary rule when it is safe alone but would let a withheld or
small figure be worked out from figures already published:
- year to date: its difference from the last figure published in the same year is small;
- variants: a count, or the remainder (denominator minus numerator), differs by a small number
  from the same period's figure in a series already published (the headline first), or, year to
  date, their difference has moved by a small number since both were last published.

Every decision about a period rests only on the figures for that period and earlier ones, so it
is the same in every paper that shows the period, whichever papers were built before it: a
figure once published stays published, and a later one that would reveal a small difference
from it is withheld instead. Range builds and single builds agree by construction.

With rounding, counts are rounded last, so the rules above judge the true counts.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpicli.disclose.decisions import Decisions
from kpicli.models.definition import IndicatorDefinition, Unit
from kpicli.models.facts import EMPTY, Cell, Figure
from kpicli.models.policy import EffectivePolicy, WithholdRule
from kpicli.periods import Period, year_start_month

PRIMARY_UNITS = frozenset({Unit.COUNT, Unit.PERCENT, Unit.RATE})


def is_withheld(figure: Figure | None) -> bool:
    return figure is not None and figure.value.withheld


def counts_of(figure: Figure, unit: Unit) -> tuple[float | None, ...]:
    """The counts a figure publishes, which a reader can subtract from another figure's: a
    count; or a percentage's or rate's numerator, denominator and remainder."""
    numerator, denominator = figure.numerator.value, figure.denominator.value
    remainder = None if numerator is None or denominator is None else denominator - numerator
    if unit is Unit.COUNT:
        return (figure.value.value, numerator, denominator)
    return (numerator, denominator, remainder)


class SeriesWithholder:
    """Applies one indicator's policy to its series, figure by figure, oldest first."""

    def __init__(
        self, definition: IndicatorDefinition, policy: EffectivePolicy, decisions: Decisions
    ) -> None:
        self.definition = definition
        self.policy = policy
        self.decisions = decisions
        cumulative = definition.cumulative
        self.year_kind = cumulative.year_frequency if cumulative is not None else None

    def hide(self, figure: Figure, rule: WithholdRule, label: str, detail: str = "") -> Figure:
        hidden = self.decisions.record(
            f"{label} {figure.period.label}".strip(), rule, detail, period=figure.period.end
        )
        return Figure(figure.period, hidden, hidden, hidden)

    def is_small(self, count: float | None) -> bool:
        return count is not None and self.policy.is_small(abs(count))

    # Primary rules

    def primary_rule(self, figure: Figure) -> WithholdRule | None:
        # Run for every figure of every history, so each attribute is read once, and a count
        # of `suppress_below` or more (most of them) is passed over without asking is_small.
        unit, policy = self.definition.unit, self.policy
        is_small, below = policy.is_small, policy.suppress_below
        if unit is Unit.COUNT:
            value = figure.value.value
            if value is not None and value < below and is_small(value):
                return WithholdRule.SMALL_COUNT
            return None
        numerator, denominator = figure.numerator.value, figure.denominator.value
        if numerator is None or denominator is None:
            return self.rule_without_both_counts(figure)
        if numerator < below and is_small(numerator):
            return WithholdRule.SMALL_NUMERATOR
        if denominator < policy.min_denominator:
            return WithholdRule.SMALL_DENOMINATOR
        if unit is Unit.PERCENT and denominator - numerator < below and is_small(denominator - numerator):
            return WithholdRule.COMPLEMENT
        return None

    def rule_without_both_counts(self, figure: Figure) -> WithholdRule | None:
        """A percentage or rate with one count gives the other away (value times denominator,
        or numerator over value), so both are judged; with neither, nothing can be judged, and
        it is withheld: it may rest on a handful of children, and a reader who knows the group's
        size (a population published elsewhere) has the count."""
        value, numerator, denominator = figure.value.value, figure.numerator.value, figure.denominator.value
        if value is None:
            return None
        if numerator is None and denominator is None:
            return WithholdRule.NO_COUNTS
        per = 100.0 if self.definition.unit is Unit.PERCENT else float(self.definition.rate_per or 1)
        if numerator is None:
            assert denominator is not None
            numerator = round(value * denominator / per)
        elif value:
            denominator = round(numerator * per / value)
        else:
            # A zero rate with a count of zero says nothing of the group's size.
            return WithholdRule.SMALL_NUMERATOR if self.is_small(numerator) else None
        return self.primary_rule(
            Figure(figure.period, figure.value, Cell.of(numerator), Cell.of(denominator))
        )

    def protect_primary(
        self, history: Sequence[Figure], label: str, exempt_from_primary: bool
    ) -> Sequence[Figure]:
        """`history` itself when nothing is withheld (most series), else a new list."""
        if self.definition.unit not in PRIMARY_UNITS or not self.policy.counts_people:
            return history
        protected: Sequence[Figure] = history
        if self.definition.unit is Unit.COUNT and self.definition.benchmark_basis is not None:
            protected = [self.protect_basis(figure, label) for figure in history]
        primary_rule, elsewhere = self.primary_rule, self.policy.is_published_elsewhere
        checks_elsewhere = exempt_from_primary and self.policy.published_elsewhere is not None
        changed: list[Figure] | None = None
        for index, figure in enumerate(protected):
            rule = primary_rule(figure)
            if rule is None or (checks_elsewhere and elsewhere(figure.period.end)):
                continue
            if changed is None:
                changed = list(protected)
            changed[index] = self.hide(figure, rule, label)
        return protected if changed is None else changed

    def protect_basis(self, figure: Figure, label: str) -> Figure:
        """A count compared as a rate or percentage of its denominator (exclusions per 100
        pupils) publishes that rate too: its group must not be small, nor (as a percentage) its
        complement. Otherwise the count stays and the denominator goes, so no rate is made."""
        count, group = figure.value.value, figure.denominator.value
        if count is None or group is None:
            return figure
        basis = self.definition.benchmark_basis
        assert basis is not None
        too_small = group < self.policy.min_denominator or (
            basis.unit == "percent" and self.policy.is_small(group - count)
        )
        if not too_small:
            return figure
        self.decisions.note(
            f"{label} {figure.period.label} as a rate {basis.label}".strip(), WithholdRule.SMALL_DENOMINATOR
        )
        return figure._replace(denominator=EMPTY)

    # Secondary rules, forward in time

    def year_of(self, period: Period) -> int:
        assert self.year_kind is not None
        return year_start_month(period.end, self.year_kind)

    def differs_by_small_count(self, figure: Figure, other: Figure) -> bool:
        unit = self.definition.unit
        return any(
            a is not None and b is not None and self.is_small(a - b)
            for a, b in zip(counts_of(figure, unit), counts_of(other, unit), strict=True)
        )

    def protect_year_to_date(self, history: Sequence[Figure], label: str, fixed: bool) -> Sequence[Figure]:
        """Walking forward, withhold a figure whose difference from the last figure published in
        the same year is small: the earlier one is already in an earlier paper. A figure that is
        `fixed` (published elsewhere) is never withheld, but later ones are judged against it."""
        if self.year_kind is None:
            return history
        result: list[Figure] | None = None
        last: Figure | None = None
        last_year = 0
        for index, figure in enumerate(history):
            if figure.value.withheld or figure.value.value is None:
                continue
            year = self.year_of(figure.period)
            gives_away = last is not None and last_year == year and self.differs_by_small_count(figure, last)
            if gives_away and not (fixed and self.policy.is_published_elsewhere(figure.period.end)):
                assert last is not None
                if result is None:
                    result = list(history)
                detail = f"the {last.period.label} year-to-date figure is published"
                result[index] = self.hide(figure, WithholdRule.CUMULATIVE_DIFFERENCE, label, detail)
                continue
            last, last_year = figure, year
        return history if result is None else result

    def protect_against(
        self, history: Sequence[Figure], published: Sequence[Sequence[Figure]], label: str
    ) -> Sequence[Figure]:
        """A series beside others already published gives way wherever the two would reveal a
        small difference: in the same period, or (year to date) in the change of their
        difference since the last period both were published in the same year."""
        others = [
            {figure.period: figure for figure in series if not figure.value.withheld} for series in published
        ]
        last_pair: list[tuple[Figure, Figure] | None] = [None] * len(others)
        result: list[Figure] | None = None
        for index, figure in enumerate(history):
            if figure.value.withheld:
                continue
            reason = self.reason_to_give_way(figure, others, last_pair)
            if reason is not None:
                if result is None:
                    result = list(history)
                result[index] = self.hide(figure, reason, label, "compared with a series already published")
            else:
                for position, other in enumerate(others):
                    if figure.period in other:
                        last_pair[position] = (figure, other[figure.period])
        return history if result is None else result

    def reason_to_give_way(
        self,
        figure: Figure,
        others: list[dict[Period, Figure]],
        last_pair: list[tuple[Figure, Figure] | None],
    ) -> WithholdRule | None:
        cumulative = self.definition.cumulative is not None
        for other, last in zip(others, last_pair, strict=True):
            beside = other.get(figure.period)
            if beside is None:
                continue
            if self.differs_by_small_count(figure, beside):
                return WithholdRule.VARIANT_DIFFERENCE
            if (
                cumulative
                and last is not None
                and self.year_of(last[0].period) == self.year_of(figure.period)
                and self.gap_moved_by_small_count((figure, beside), last)
            ):
                return WithholdRule.CUMULATIVE_DIFFERENCE
        return None

    def gap_moved_by_small_count(self, now: tuple[Figure, Figure], then: tuple[Figure, Figure]) -> bool:
        unit = self.definition.unit
        gaps_now = [
            None if a is None or b is None else a - b
            for a, b in zip(counts_of(now[0], unit), counts_of(now[1], unit), strict=True)
        ]
        gaps_then = [
            None if a is None or b is None else a - b
            for a, b in zip(counts_of(then[0], unit), counts_of(then[1], unit), strict=True)
        ]
        return any(
            a is not None and b is not None and self.is_small(a - b)
            for a, b in zip(gaps_now, gaps_then, strict=True)
        )

    # Rounding, last

    def round_count(self, value: float | None) -> float | None:
        step = self.policy.round_to
        if step is None or value is None:
            return value
        return float(round(value / step) * step)

    def rounded(self, history: Sequence[Figure], label: str) -> Sequence[Figure]:
        """Counts to multiples of round_to. A percentage or rate keeps its exact figure (judged on
        exact counts) but not its counts, which beside it would undo the rounding."""
        if self.policy.round_to is None or self.definition.unit not in PRIMARY_UNITS:
            return history
        if self.definition.unit is Unit.COUNT:
            return [
                figure
                if figure.value.withheld
                else figure._replace(
                    value=Cell.of(self.round_count(figure.value.value)),
                    numerator=Cell.of(self.round_count(figure.numerator.value)),
                )
                for figure in history
            ]
        if any(f.numerator.known or f.denominator.known for f in history):
            self.decisions.note(f"{label} numerators and denominators".strip(), WithholdRule.ROUNDING)
        return [figure._replace(numerator=EMPTY, denominator=EMPTY) for figure in history]


def protect_series(
    withholder: SeriesWithholder,
    series: Sequence[tuple[Sequence[Figure], str]],
) -> list[Sequence[Figure]]:
    """Every series of an indicator (the headline first, then its variants, each with its label
    for the decisions), in one forward pass each. A series Part 1 shows as it is comes back as
    the very object given."""
    published: list[Sequence[Figure]] = []
    for position, (history, label) in enumerate(series):
        headline = position == 0
        figures = withholder.protect_primary(history, label, exempt_from_primary=headline)
        figures = withholder.protect_year_to_date(figures, label, fixed=headline)
        if not headline:
            figures = withholder.protect_against(figures, published, label)
        published.append(figures)
    return [withholder.rounded(figures, label) for figures, (_, label) in zip(published, series, strict=True)]
