"""Withholding figures: primary suppression of small counts, and everything that follows from it.

Primary rules hide a figure that is itself disclosive (a small count, a percentage resting on
a small count or group, a small complement). Secondary rules hide figures that are safe on
their own but would let a hidden one be worked out: the next cells of a breakdown with a
published total, a variant whose difference from a published series is small, an earlier
year-to-date count whose difference from the next published one is small. Facts derived
from a hidden figure (changes, runs, ratings, comparisons, projections) go with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kpicli.models.definition import BenchmarkRule, IndicatorDefinition, Unit
from kpicli.models.facts import (
    BreakdownTable,
    Cell,
    Change,
    Comparison,
    Figure,
    FigureNote,
    IndicatorFacts,
    Judgement,
    ProjectionFacts,
    RagResult,
    Rating,
    SeriesFacts,
    Standing,
)
from kpicli.models.policy import EffectivePolicy, WithholdRule
from kpicli.models.views import Suppression
from kpicli.periods import Period, year_start_month

PRIMARY_UNITS = frozenset({Unit.COUNT, Unit.PERCENT, Unit.RATE})
NOT_PUBLISHED = RagResult(Rating.WITHHELD, "not rated in public: the figure is withheld")


def is_withheld(figure: Figure | None) -> bool:
    return figure is not None and figure.value.withheld


def withheld_periods(history: Sequence[Figure]) -> set[Period]:
    return {figure.period for figure in history if figure.value.withheld}


def choose_secondary(values: dict[str, float], primary: set[str], policy: EffectivePolicy) -> set[str] | None:
    """The fewest (and then smallest) published cells to withhold beside `primary` so that the
    withheld cells of a one-dimensional table with a published total cannot be worked out.

    Subtracting the published cells from the total gives the sum of the withheld ones, so that
    sum must not itself be small and there must be at least two withheld cells; each withheld
    cell can then lie anywhere from 0 to that sum. Every candidate is a published cell, so
    none is small and one more cell always suffices unless no candidate is left: then None,
    meaning the table cannot be protected without withholding its total.
    """
    withheld = set(primary)
    while withheld and (len(withheld) == 1 or policy.is_small(sum(values[c] for c in withheld))):
        # Zeros (published because the policy allows them) add nothing to the hidden sum.
        candidates = sorted(
            (value, category) for category, value in values.items() if category not in withheld and value
        )
        if not candidates:
            return None
        withheld.add(candidates[0][1])
    return withheld - primary


NOTE_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")


def series_of(facts: IndicatorFacts, label: str) -> Sequence[Figure]:
    if not label:
        return facts.headline.history
    return next((v.history for v in facts.variants if v.label == label), ())


def rests_on_withheld(definition: IndicatorDefinition, comparisons: Sequence[Comparison]) -> bool:
    if not isinstance(definition.rag, BenchmarkRule):
        return False
    return any(c.local.withheld for c in comparisons if c.area in definition.rag.comparators)


class Withholder:
    """Applies one indicator's effective policy and records each decision it takes."""

    def __init__(self, definition: IndicatorDefinition, policy: EffectivePolicy) -> None:
        self.definition = definition
        self.policy = policy
        self.decisions: list[Suppression] = []
        # Each rule's description and withheld cell, made once: a long history can withhold
        # hundreds of figures by the same rule.
        self.reasons: dict[WithholdRule, tuple[str, Cell]] = {}

    def reason(self, rule: WithholdRule) -> tuple[str, Cell]:
        reason = self.reasons.get(rule)
        if reason is None:
            reason = self.reasons[rule] = (self.policy.describe(rule), Cell.hidden(rule.value))
        return reason

    def record(self, what: str, rule: WithholdRule, detail: str = "") -> Cell:
        description, hidden = self.reason(rule)
        self.decisions.append(Suppression(self.definition.id, what, description, rule.value, detail))
        return hidden

    def note(self, what: str, rule: WithholdRule) -> None:
        """A derived fact left out (a rating, a change): recorded, but not a withheld cell."""
        self.decisions.append(
            Suppression(self.definition.id, what, self.policy.describe(rule), rule.value, is_cell=False)
        )

    def hide_figure(self, figure: Figure, rule: WithholdRule, label: str, detail: str = "") -> Figure:
        hidden = self.record(f"{label} {figure.period.label}".strip(), rule, detail)
        return Figure(figure.period, hidden, hidden, hidden)

    # Primary suppression

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
        if (unit is not Unit.PERCENT and unit is not Unit.RATE) or numerator is None or denominator is None:
            return None
        if numerator < below and is_small(numerator):
            return WithholdRule.SMALL_NUMERATOR
        if denominator < policy.min_denominator:
            return WithholdRule.SMALL_DENOMINATOR
        if unit is Unit.PERCENT and denominator - numerator < below and is_small(denominator - numerator):
            return WithholdRule.COMPLEMENT
        return None

    def round_count(self, value: float | None) -> float | None:
        step = self.policy.round_to
        if step is None or value is None:
            return value
        return float(round(value / step) * step)

    @property
    def rounds_counts(self) -> bool:
        return self.policy.round_to is not None and self.definition.unit is Unit.COUNT

    def rounded(self, figure: Figure) -> Figure:
        if not self.rounds_counts or figure.value.value is None:
            return figure
        return figure._replace(value=Cell.of(self.round_count(figure.value.value)))

    def protect_history(self, history: Sequence[Figure], label: str) -> list[Figure]:
        # Only counts, percentages and rates can be withheld by a primary rule; skipping the
        # check for other units saves a call per figure over long histories.
        protected = list(history)
        if self.definition.unit in PRIMARY_UNITS:
            primary_rule = self.primary_rule
            for index, figure in enumerate(history):
                rule = primary_rule(figure)
                if rule is not None:
                    protected[index] = self.hide_figure(figure, rule, label)
        if self.definition.cumulative is not None:
            protected = self.protect_year_to_date(protected, label)
        if not self.rounds_counts:
            return protected
        # Rounding comes last so the differences above are judged on the true counts.
        return [self.rounded(figure) for figure in protected]

    def protect_year_to_date(self, history: list[Figure], label: str) -> list[Figure]:
        """Two published year-to-date counts reveal the count between them: walking back from
        the latest, withhold any earlier figure whose difference to the next published one in
        the same year is small."""
        assert self.definition.cumulative is not None
        year_kind = self.definition.cumulative.year_frequency
        result = list(history)
        next_published: Figure | None = None
        for index in range(len(result) - 1, -1, -1):
            figure = result[index]
            if figure.value.withheld or figure.value.value is None:
                continue
            if next_published is not None and next_published.value.value is not None:
                same_year = year_start_month(next_published.period.end, year_kind) == year_start_month(
                    figure.period.end, year_kind
                )
                if same_year and self.policy.is_small(next_published.value.value - figure.value.value):
                    detail = f"the {next_published.period.label} year-to-date figure is published"
                    result[index] = self.hide_figure(
                        figure, WithholdRule.CUMULATIVE_DIFFERENCE, label, detail
                    )
                    continue
            next_published = figure
        return result

    # Series: the derived facts follow the figures

    def settle_change(
        self, change: Change | None, latest: Figure | None, hidden: set[Period]
    ) -> Change | None:
        """A change states the earlier figure and the difference: it goes when either end is
        withheld; with rounding it is restated from the rounded figures."""
        if change is None or latest is None or latest.value.withheld or change.since in hidden:
            return None
        if not self.rounds_counts:
            return change
        earlier, now = self.round_count(change.earlier.value), latest.value.value
        if earlier is None or now is None:
            return None
        relative = (now - earlier) / earlier if earlier else None
        return replace(
            change, earlier=Cell.of(earlier), difference=Cell.of(now - earlier), relative=Cell.of(relative)
        )

    def settle_series(self, series: SeriesFacts, history: Sequence[Figure]) -> SeriesFacts:
        latest = history[-1] if history else None
        hidden = withheld_periods(history)
        run = series.run
        if run is not None and any(period >= run.since for period in hidden):
            run = None
        return replace(
            series,
            latest=latest,
            history=tuple(history),
            previous=self.settle_change(series.previous, latest, hidden),
            year_ago=self.settle_change(series.year_ago, latest, hidden),
            run=run,
        )

    def differs_by_small_count(self, figure: Figure, other: Figure) -> bool:
        pairs = [
            (figure.numerator.value, other.numerator.value),
            (figure.denominator.value, other.denominator.value),
        ]
        if self.definition.unit is Unit.COUNT:
            pairs.append((figure.value.value, other.value.value))
        return any(a is not None and b is not None and self.policy.is_small(abs(a - b)) for a, b in pairs)

    def protect_variant_history(
        self, variant: SeriesFacts, published: Sequence[Sequence[Figure]]
    ) -> list[Figure]:
        """If two series are both published, their difference must not be a small count: the
        variant gives way to the series already published (the headline first). Its value goes
        with its counts, since a percentage and the other series' counts would give them back."""
        history = self.protect_history(variant.history, variant.label)
        others = [{figure.period: figure for figure in series} for series in published]
        result = []
        for figure in history:
            if not figure.value.withheld and any(
                figure.period in other and self.differs_by_small_count(figure, other[figure.period])
                for other in others
            ):
                detail = "compared with a series already published for the same period"
                figure = self.hide_figure(figure, WithholdRule.VARIANT_DIFFERENCE, variant.label, detail)
            result.append(figure)
        return result

    # Breakdowns

    def hide_table(self, table: BreakdownTable, rule: WithholdRule, detail: str) -> BreakdownTable:
        rows = tuple(
            (category, self.record(f"{table.dimension}: {category}", rule, detail))
            for category, _ in table.rows
        )
        return replace(table, rows=rows, total=self.record(f"{table.dimension}: total", rule, detail))

    def protect_breakdown(self, table: BreakdownTable, headline_withheld: bool) -> BreakdownTable:
        """Primary suppression of small cells, then secondary suppression of the fewest, smallest
        cells so that no withheld cell can be worked out from the published total."""
        if headline_withheld:
            # The rows add up to the withheld headline figure, so none of them can be shown.
            return self.hide_table(
                table, WithholdRule.DERIVED, "the rows add up to the withheld headline figure"
            )
        total = table.total.value
        if total is not None and self.policy.is_small(total):
            return self.hide_table(table, WithholdRule.SMALL_COUNT, "the table's total is small")
        values = {category: cell.value or 0.0 for category, cell in table.rows}
        primary = {
            category
            for category, cell in table.rows
            if cell.value is not None and self.policy.is_small(cell.value)
        }
        secondary = choose_secondary(values, primary, self.policy)
        if secondary is None:
            detail = "no other published cells could hide the small ones, so the whole table goes"
            return self.hide_table(table, WithholdRule.SECONDARY, detail)
        rows = []
        for category, cell in table.rows:
            if category in primary:
                cell = self.record(f"{table.dimension}: {category}", WithholdRule.SMALL_COUNT)
            elif category in secondary:
                protects = ", ".join(sorted(primary))
                cell = self.record(
                    f"{table.dimension}: {category}", WithholdRule.SECONDARY, f"protects {protects}"
                )
            elif self.policy.round_to is not None:
                cell = Cell.of(self.round_count(cell.value))
            rows.append((category, cell))
        total_cell = Cell.of(self.round_count(total)) if self.policy.round_to is not None else table.total
        return replace(table, rows=tuple(rows), total=total_cell)

    # Facts derived from the latest figure

    def protect_comparisons(self, comparisons: tuple[Comparison, ...]) -> tuple[Comparison, ...]:
        hidden = Cell.hidden(WithholdRule.DERIVED.value)
        return tuple(
            replace(c, local=hidden, gap=hidden, judgement=Judgement.NOT_JUDGED) for c in comparisons
        )

    def protect_compared_figures(
        self, comparisons: tuple[Comparison, ...], history: Sequence[Figure]
    ) -> tuple[Comparison, ...]:
        """A comparison states our figure for its period (or adds up the shorter periods in
        it), so it goes whenever any figure it rests on is withheld."""
        hidden = withheld_periods(history)
        if not hidden:
            return comparisons
        protected = []
        for comparison in comparisons:
            ours = comparison.our_period
            if any(ours.start <= period.end <= ours.end for period in hidden):
                comparison = self.protect_comparisons((comparison,))[0]
            protected.append(comparison)
        return tuple(protected)

    def hide_standing(self, standing: Standing | None) -> Standing | None:
        """A rank or quartile is a fact about our figure: it goes with it."""
        if standing is None or standing.local.withheld:
            return standing
        hidden = Cell.hidden(WithholdRule.DERIVED.value)
        return replace(standing, local=hidden, region_rank=hidden, england_rank=hidden, quartile=hidden)

    def protect_standing(self, standing: Standing | None, history: Sequence[Figure]) -> Standing | None:
        if standing is None:
            return None
        period = standing.period
        if any(period.start <= hidden.end <= period.end for hidden in withheld_periods(history)):
            return self.hide_standing(standing)
        return standing

    def protect_notes(
        self, original: IndicatorFacts, series: Sequence[tuple[str, Sequence[Figure]]]
    ) -> tuple[FigureNote, ...]:
        """A note is published only beside a published figure, and only if it gives no number
        that the public paper withholds or that is small enough to identify a child."""
        if not original.notes:
            return ()
        hidden = {
            (label, figure.period) for label, history in series for figure in history if figure.value.withheld
        }
        withheld = {
            number
            for label, history in series
            for original_figure, figure in zip(series_of(original, label), history, strict=False)
            if figure.value.withheld
            for number in (
                original_figure.value.value,
                original_figure.numerator.value,
                original_figure.denominator.value,
            )
            if number is not None
        }
        kept = []
        for note in original.notes:
            numbers = {float(n.replace(",", "")) for n in NOTE_NUMBER.findall(note.text)}
            if (
                (note.label, note.period) in hidden
                or numbers & withheld
                or any(self.policy.is_small(n) for n in numbers)
            ):
                self.note(f"note on the figure for {note.period.label}", WithholdRule.DERIVED)
                continue
            kept.append(note)
        return tuple(kept)

    def protect_projection(
        self, projection: ProjectionFacts | None, latest_withheld: bool
    ) -> ProjectionFacts | None:
        if projection is None or latest_withheld or self.rounds_counts:
            # With rounding, the projection's exact year-to-date and last-year counts would undo it.
            return None
        counts = (projection.to_date, projection.last_year_total)
        if any(cell.value is not None and self.policy.is_small(cell.value) for cell in counts):
            return None
        return projection

    def record_derived(self, original: IndicatorFacts, public: IndicatorFacts) -> None:
        """Note each derived fact that went with a withheld figure (or with rounding), so
        `explain` can say so."""
        any_withheld = any(figure.value.withheld for figure in public.headline.history)
        cause = WithholdRule.DERIVED if any_withheld or not self.rounds_counts else WithholdRule.ROUNDING
        series = [(original.headline, public.headline), *zip(original.variants, public.variants, strict=True)]
        for before, after in series:
            label = f"{before.label}: " if before.label else ""
            for name, was, now in (
                ("change from the previous figure", before.previous, after.previous),
                ("change from a year earlier", before.year_ago, after.year_ago),
                ("run of consecutive moves", before.run, after.run),
            ):
                if was is not None and now is None:
                    self.note(f"{label}{name}".strip(), WithholdRule.DERIVED)
        for name, was_shown, is_shown in (
            ("rating", original.rag.rating is not Rating.WITHHELD, public.rag.rating is not Rating.WITHHELD),
            (
                "comparisons with other areas",
                any(c.local.known for c in original.comparisons),
                any(c.local.known for c in public.comparisons),
            ),
            (
                "previous report's rating",
                original.previous_rating is not None,
                public.previous_rating is not None,
            ),
            ("control limits (SPC)", original.spc is not None, public.spc is not None),
            ("year-end projection", original.projection is not None, public.projection is not None),
            (
                "rank and quartile among other authorities",
                original.standing is not None and original.standing.local.known,
                public.standing is not None and public.standing.local.known,
            ),
            ("reports in a row rated red", original.persistence is not None, public.persistence is not None),
        ):
            if was_shown and not is_shown:
                self.note(name, cause)

    def protect(self, facts: IndicatorFacts) -> IndicatorFacts:
        public = self.protect_facts(facts)
        self.record_derived(facts, public)
        return public

    def protect_facts(self, facts: IndicatorFacts) -> IndicatorFacts:
        headline_history = self.protect_history(facts.headline.history, "figure for")
        published = [headline_history]
        variants = []
        for variant in facts.variants:
            history = self.protect_variant_history(variant, published)
            published.append(history)
            variants.append(self.settle_series(variant, history))
        headline = self.settle_series(facts.headline, headline_history)
        withheld_latest = is_withheld(headline.latest)
        any_withheld = any(figure.value.withheld for figure in headline.history)
        comparisons = self.protect_compared_figures(facts.comparisons, headline.history)
        # A benchmark rating rests on the comparisons: it goes with any figure they withhold.
        rating_withheld = withheld_latest or rests_on_withheld(self.definition, comparisons)
        comparable = facts.comparable
        standing = self.protect_standing(facts.standing, headline.history)
        if withheld_latest or (self.rounds_counts and self.definition.benchmark_basis is not None):
            comparisons = self.protect_comparisons(comparisons)
            comparable = Cell.hidden(WithholdRule.DERIVED.value) if comparable.known else comparable
            standing = self.hide_standing(standing)
        return replace(
            facts,
            headline=headline,
            variants=tuple(variants),
            comparisons=comparisons,
            comparable=comparable,
            standing=standing,
            notes=self.protect_notes(
                facts, [("", headline.history), *((v.label, v.history) for v in variants)]
            ),
            rag=NOT_PUBLISHED if rating_withheld else facts.rag,
            previous_rating=None if any_withheld else facts.previous_rating,
            # A mean and limits over exact counts would undo rounding or bound a withheld figure.
            spc=None if any_withheld or self.rounds_counts else facts.spc,
            projection=self.protect_projection(facts.projection, withheld_latest),
            persistence=None if rating_withheld else facts.persistence,
            breakdowns=tuple(self.protect_breakdown(table, withheld_latest) for table in facts.breakdowns),
        )
