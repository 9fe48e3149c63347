"""Stage 2, compute: per indicator, what the figures say as at the report period.

Pure functions: no I/O, no clock. The result holds every figure (nothing withheld yet).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from kpicli.compute.benchmarks import compare_with_benchmarks
from kpicli.compute.projection import project_year_end
from kpicli.compute.rag import rate
from kpicli.compute.series import as_at, compute_series, headline_series
from kpicli.compute.spc import summarise_variation
from kpicli.models.config import EarlierPaper, PaperRegister
from kpicli.models.data import HEADLINE, BenchmarkValue, BreakdownCell, Dataset, Observation, Project
from kpicli.models.definition import IndicatorDefinition, Unit
from kpicli.models.facts import (
    BreakdownTable,
    Cell,
    Comparison,
    ComputedReport,
    IndicatorFacts,
    Persistence,
    ProjectionFacts,
    RagResult,
    Rating,
    SeriesFacts,
    SpcSummary,
    Status,
)
from kpicli.periods import Period, latest_on_or_before, parse_month


def rating_of(
    definition: IndicatorDefinition,
    known: Sequence[Observation],
    benchmarks: Sequence[BenchmarkValue],
    month: int,
) -> RagResult:
    """The rating of the latest of `known` (the figures as at `month`)."""
    latest = known[-1] if known else None
    comparisons = compare_with_benchmarks(latest, benchmarks, definition, month)
    return rate(latest.value if latest else None, definition, comparisons)


def rating_as_at(
    definition: IndicatorDefinition,
    data: Dataset,
    month: int,
    headline: Sequence[Observation] | None = None,
) -> RagResult:
    """The rating the indicator had as at `month`; `headline` saves finding its headline
    series again when the caller has it."""
    if headline is None:
        headline = headline_series(data.observations.get(definition.id, ()))
    return rating_of(definition, as_at(headline, month), data.benchmarks.get(definition.id, ()), month)


def latest_is_hidden(known: Sequence[Observation], hidden: Sequence[int], month: int) -> bool:
    """Whether the figure that was latest as at `month` is one of the `hidden` periods (their
    end months, sorted), given `known`, the figures shown, as at that month."""
    index = bisect_right(hidden, month)
    return index > 0 and (not known or known[-1].period.end < hidden[index - 1])


def shown_rating_as_at(
    definition: IndicatorDefinition,
    known: Sequence[Observation],
    benchmarks: Sequence[BenchmarkValue],
    month: int,
    hidden: Sequence[int],
) -> Rating | None:
    """The rating as at an earlier report month from the figures given, or None when the
    figure it would rest on is hidden."""
    then = as_at(known, month)
    if latest_is_hidden(then, hidden, month):
        return None
    return rating_of(definition, then, benchmarks, month).rating


def report_months(project: Project, report_month: int) -> list[int]:
    """Report periods of this committee up to and including this one, newest first."""
    months = {parse_month(meeting.period) for meeting in project.config.meetings}
    months |= {parse_month(paper.period) for paper in project.papers.papers}
    months.add(report_month)
    return sorted((m for m in months if m <= report_month), reverse=True)


def compute_persistence(
    definition: IndicatorDefinition,
    known: Sequence[Observation],
    benchmarks: Sequence[BenchmarkValue],
    months: list[int],
    current: Rating,
    papers: PaperRegister,
    hidden: Sequence[int] = (),
) -> Persistence | None:
    """How many reports in a row have rated it red, from the figures given; None when not red,
    or when the run reaches a report whose figure is hidden (its length is then unknown)."""
    if current is not Rating.RED:
        return None
    red_months = [months[0]]
    for month in months[1:]:
        rating = shown_rating_as_at(definition, known, benchmarks, month, hidden)
        if rating is None:
            return None
        if rating is not Rating.RED:
            break
        red_months.append(month)
    papers_by_month: dict[int, list[EarlierPaper]] = defaultdict(list)
    for paper in papers.papers:
        papers_by_month[parse_month(paper.period)].append(paper)
    earlier = [paper for month in red_months[1:] for paper in papers_by_month.get(month, [])]
    return Persistence(len(red_months), tuple(sorted(earlier, key=lambda p: p.meeting_date, reverse=True)))


@dataclass(frozen=True, slots=True)
class DerivedFacts:
    """Everything worked out from the headline figures: the same function makes them from the
    exact figures (compute) and from the published ones (disclose), so a public statement can
    only ever rest on published figures."""

    comparisons: tuple[Comparison, ...]
    rag: RagResult
    previous_rating: Rating | None
    spc: SpcSummary | None
    projection: ProjectionFacts | None
    persistence: Persistence | None


def derive_facts(
    definition: IndicatorDefinition,
    known: Sequence[Observation],
    benchmarks: Sequence[BenchmarkValue],
    report_month: int,
    months: list[int],
    papers: PaperRegister,
    hidden: Sequence[int] = (),
) -> DerivedFacts:
    """Facts from `known`, the headline figures as at the report month whose latest is shown,
    given `hidden`, the end months of any earlier figures not shown (sorted). A fact that would
    rest on a hidden figure is left out: an earlier rating, a run of red reports, control limits
    over a span with a gap; the projection falls back to a method whose inputs are shown."""
    latest = known[-1] if known else None
    comparisons = compare_with_benchmarks(latest, benchmarks, definition, report_month)
    rag = rate(latest.value if latest else None, definition, comparisons)
    previous_rating = (
        shown_rating_as_at(definition, known, benchmarks, months[1], hidden) if len(months) > 1 else None
    )
    spc = summarise_variation(known, definition)
    if spc is not None and any(spc.start.end <= month <= report_month for month in hidden):
        spc = None
    return DerivedFacts(
        comparisons=comparisons,
        rag=rag,
        previous_rating=previous_rating,
        spc=spc,
        projection=project_year_end(known, definition),
        persistence=compute_persistence(definition, known, benchmarks, months, rag.rating, papers, hidden),
    )


NOT_RECORDED = "Not recorded"


def breakdown_tables(
    cells: tuple[BreakdownCell, ...], latest: SeriesFacts, of_headline: bool = True
) -> tuple[BreakdownTable, ...]:
    """The breakdowns for the headline's latest period, in the extract's order. When a count's
    categories (`of_headline`: they break the headline count down) add up to less than the
    headline figure, the difference is a row of its own ('Not recorded'), so the table adds up
    and the gap is a cell like any other; when they add up to more, the table says it does not
    add up."""
    if latest.latest is None:
        return ()
    period = latest.latest.period
    by_dimension: dict[str, list[BreakdownCell]] = {}
    for cell in cells:
        if cell.period == period:
            by_dimension.setdefault(cell.dimension, []).append(cell)
    return tuple(
        breakdown_table(
            dimension,
            period,
            [(c.category, c.value) for c in rows],
            latest.latest.value.value if of_headline else None,
        )
        for dimension, rows in by_dimension.items()
    )


def breakdown_table(
    dimension: str, period: Period, rows: list[tuple[str, float]], headline: float | None
) -> BreakdownTable:
    total: float = sum(value for _, value in rows)
    gap = None if headline is None else headline - total
    if gap is not None and gap > 0 and all(category != NOT_RECORDED for category, _ in rows):
        rows = [*rows, (NOT_RECORDED, gap)]
        total += gap
    return BreakdownTable(
        dimension=dimension,
        period=period,
        rows=tuple((category, Cell.of(value)) for category, value in rows),
        total=Cell.of(total),
        adds_up=gap is None or gap >= 0,
    )


def is_stale(
    latest: Observation | None, definition: IndicatorDefinition, report_month: int, allowed_lag: int
) -> bool:
    if latest is None:
        return True
    expected = latest_on_or_before(report_month, definition.frequency)
    return expected.end - latest.period.end > allowed_lag


def compute_indicator(
    definition: IndicatorDefinition, project: Project, report_month: int, months: list[int]
) -> IndicatorFacts:
    data = project.data
    observations = data.observations.get(definition.id, ())
    headline_rows = headline_series(observations)
    headline, known = compute_series(
        headline_rows, definition, report_month, definition.headline_label or "", HEADLINE
    )
    variants = tuple(
        compute_series(
            [o for o in observations if o.variant == variant.id],
            definition,
            report_month,
            variant.label,
            variant.id,
        )[0]
        for variant in definition.variants
    )
    latest = known[-1] if known else None
    benchmarks = data.benchmarks.get(definition.id, ())
    derived = derive_facts(definition, known, benchmarks, report_month, months, project.papers)
    comparisons, rag, spc = derived.comparisons, derived.rag, derived.spc
    explanation = (
        f"observations used: {len(known)} up to {latest.period.label if latest else 'none'}",
        f"RAG: {rag.rating.value}: {rag.reason}",
        *(
            f"comparator {c.area}: {c.benchmark:g} for {c.period.label}; judged {c.judgement.value}"
            for c in comparisons
        ),
        *(
            f"variation: {signal.kind.value} ({signal.points} points, {'high' if signal.high else 'low'})"
            for signal in (spc.signals if spc else ())
        ),
    )
    return IndicatorFacts(
        definition=definition,
        status=Status.REPORTED if latest else Status.NO_DATA,
        headline=headline,
        variants=variants,
        comparisons=comparisons,
        rag=rag,
        previous_rating=derived.previous_rating,
        spc=spc,
        projection=derived.projection,
        persistence=derived.persistence,
        breakdowns=breakdown_tables(
            data.breakdowns.get(definition.id, ()), headline, definition.unit is Unit.COUNT
        ),
        stale=is_stale(latest, definition, report_month, project.config.stale_after_months),
        explanation=explanation,
    )


def compute_report(project: Project, report_month: int) -> ComputedReport:
    months = report_months(project, report_month)
    return ComputedReport(
        report_month=report_month,
        indicators=tuple(compute_indicator(d, project, report_month, months) for d in project.definitions),
    )
