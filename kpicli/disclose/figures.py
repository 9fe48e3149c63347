"""Withholding figures: primary suppression of small counts, and everything that follows from it."""

from __future__ import annotations

from dataclasses import replace

from kpicli.models.definition import IndicatorDefinition, Unit
from kpicli.models.facts import (
    BreakdownTable,
    Cell,
    Comparison,
    Figure,
    IndicatorFacts,
    Judgement,
    RagResult,
    Rating,
    SeriesFacts,
)
from kpicli.models.policy import EffectivePolicy, WithholdRule
from kpicli.models.views import Suppression

NOT_PUBLISHED = RagResult(Rating.WITHHELD, "not rated in public: the figure is withheld")


def is_withheld(figure: Figure | None) -> bool:
    return figure is not None and figure.value.withheld


class Withholder:
    """Applies one indicator's effective policy and records each decision it takes."""

    def __init__(self, definition: IndicatorDefinition, policy: EffectivePolicy) -> None:
        self.definition = definition
        self.policy = policy
        self.decisions: list[Suppression] = []

    def record(self, what: str, rule: WithholdRule) -> Cell:
        self.decisions.append(Suppression(self.definition.id, what, self.policy.describe(rule)))
        return Cell.hidden(rule.value)

    def hide_figure(self, figure: Figure, rule: WithholdRule, label: str) -> Figure:
        hidden = self.record(f"{label} {figure.period.label}", rule)
        return Figure(figure.period, hidden, hidden, hidden)

    def primary_rule(self, figure: Figure) -> WithholdRule | None:
        unit = self.definition.unit
        if unit is Unit.COUNT and figure.value.value is not None and self.policy.is_small(figure.value.value):
            return WithholdRule.SMALL_COUNT
        numerator, denominator = figure.numerator.value, figure.denominator.value
        if unit not in (Unit.PERCENT, Unit.RATE) or numerator is None or denominator is None:
            return None
        if self.policy.is_small(numerator):
            return WithholdRule.SMALL_NUMERATOR
        if denominator < self.policy.min_denominator:
            return WithholdRule.SMALL_DENOMINATOR
        if unit is Unit.PERCENT and self.policy.is_small(denominator - numerator):
            return WithholdRule.COMPLEMENT
        return None

    def rounded(self, figure: Figure) -> Figure:
        step = self.policy.round_to
        if step is None or self.definition.unit is not Unit.COUNT or figure.value.value is None:
            return figure
        return replace(figure, value=Cell.of(round(figure.value.value / step) * step))

    def protect_history(self, history: tuple[Figure, ...], label: str) -> tuple[Figure, ...]:
        protected = []
        for figure in history:
            rule = self.primary_rule(figure)
            protected.append(self.hide_figure(figure, rule, label) if rule else self.rounded(figure))
        if self.definition.cumulative is not None:
            protected = self.protect_year_to_date(protected, label)
        return tuple(protected)

    def protect_year_to_date(self, history: list[Figure], label: str) -> list[Figure]:
        """Two published year-to-date counts reveal the count between them: walking back from
        the latest, withhold any earlier figure whose difference to the next published one in
        the same year is small."""
        assert self.definition.cumulative is not None
        year_kind = self.definition.cumulative.year_frequency
        from kpicli.periods import year_start_month

        result = list(history)
        next_published: Figure | None = None
        for index in range(len(result) - 1, -1, -1):
            figure = result[index]
            if figure.value.withheld:
                continue
            same_year = next_published is not None and year_start_month(next_published.period.end, year_kind) == year_start_month(
                figure.period.end, year_kind
            )
            if same_year and next_published is not None:
                assert next_published.value.value is not None and figure.value.value is not None
                if self.policy.is_small(next_published.value.value - figure.value.value):
                    result[index] = self.hide_figure(figure, WithholdRule.CUMULATIVE_DIFFERENCE, label)
                    continue
            next_published = figure
        return result

    def protect_series(self, series: SeriesFacts, label: str) -> SeriesFacts:
        history = self.protect_history(series.history, label)
        latest = history[-1] if history else None
        withheld_periods = {figure.period for figure in history if figure.value.withheld}
        previous = series.previous
        if previous is not None and (is_withheld(latest) or previous.since in withheld_periods):
            previous = None
        year_ago = series.year_ago
        if year_ago is not None and (is_withheld(latest) or year_ago.since in withheld_periods):
            year_ago = None
        run = series.run
        if run is not None and any(figure.period >= run.since for figure in history if figure.value.withheld):
            run = None
        return replace(series, latest=latest, history=history, previous=previous, year_ago=year_ago, run=run)

    def protect_variants(self, headline: SeriesFacts, variants: tuple[SeriesFacts, ...]) -> tuple[SeriesFacts, ...]:
        """If both sets of figures are published, their difference must not be a small count."""
        by_period = {figure.period: figure for figure in headline.history}
        protected = []
        for variant in variants:
            series = self.protect_series(variant, variant.label)
            history = []
            for figure in series.history:
                other = by_period.get(figure.period)
                if not figure.value.withheld and other is not None and self.differs_by_small_count(figure, other):
                    figure = self.hide_figure(figure, WithholdRule.VARIANT_DIFFERENCE, variant.label)
                history.append(figure)
            latest = history[-1] if history else None
            withheld = is_withheld(latest)
            protected.append(
                replace(
                    series,
                    history=tuple(history),
                    latest=latest,
                    previous=None if withheld else series.previous,
                    year_ago=None if withheld else series.year_ago,
                    run=None if withheld else series.run,
                )
            )
        return tuple(protected)

    def differs_by_small_count(self, figure: Figure, other: Figure) -> bool:
        pairs = [(figure.numerator.value, other.numerator.value), (figure.denominator.value, other.denominator.value)]
        if self.definition.unit is Unit.COUNT:
            pairs.append((figure.value.value, other.value.value))
        return any(a is not None and b is not None and self.policy.is_small(abs(a - b)) for a, b in pairs)

    def protect_breakdown(self, table: BreakdownTable) -> BreakdownTable:
        """Primary suppression of small cells, then secondary suppression of the next smallest
        cells until the withheld cells cannot be recovered from the published total."""
        values = {category: cell.value for category, cell in table.rows}
        hidden = {category for category, value in values.items() if value is not None and self.policy.is_small(value)}
        total = table.total.value
        if total is not None and self.policy.is_small(total):
            rows = tuple((category, self.record(f"{table.dimension}: {category}", WithholdRule.SMALL_COUNT)) for category, _ in table.rows)
            return replace(table, rows=rows, total=Cell.hidden(WithholdRule.SMALL_COUNT.value))
        secondary: set[str] = set()
        while hidden | secondary and (
            len(hidden | secondary) == 1 or self.policy.is_small(sum(values[c] or 0 for c in hidden | secondary))
        ):
            candidates = sorted(
                (value or 0, category) for category, value in values.items() if category not in hidden | secondary and value
            )
            if not candidates:
                break
            secondary.add(candidates[0][1])
        rows = []
        for category, cell in table.rows:
            if category in hidden:
                cell = self.record(f"{table.dimension}: {category}", WithholdRule.SMALL_COUNT)
            elif category in secondary:
                cell = self.record(f"{table.dimension}: {category}", WithholdRule.SECONDARY)
            rows.append((category, cell))
        return replace(table, rows=tuple(rows))

    def protect_comparisons(self, comparisons: tuple[Comparison, ...]) -> tuple[Comparison, ...]:
        hidden = Cell.hidden(WithholdRule.DERIVED.value)
        return tuple(replace(c, local=hidden, gap=hidden, judgement=Judgement.NOT_JUDGED) for c in comparisons)

    def protect(self, facts: IndicatorFacts) -> IndicatorFacts:
        headline = self.protect_series(facts.headline, "figure for")
        withheld_latest = is_withheld(headline.latest)
        any_withheld = any(figure.value.withheld for figure in headline.history)
        projection = facts.projection
        if projection is not None and (withheld_latest or any(
            cell.value is not None and self.policy.is_small(cell.value) for cell in (projection.to_date, projection.last_year_total)
        )):
            projection = None
        return replace(
            facts,
            headline=headline,
            variants=self.protect_variants(headline, facts.variants),
            comparisons=self.protect_comparisons(facts.comparisons) if withheld_latest else facts.comparisons,
            rag=NOT_PUBLISHED if withheld_latest else facts.rag,
            previous_rating=None if any_withheld else facts.previous_rating,
            spc=None if any_withheld else facts.spc,
            projection=projection,
            persistence=None if withheld_latest else facts.persistence,
            breakdowns=tuple(self.protect_breakdown(table) for table in facts.breakdowns),
        )
