"""Stage 2, compute: per indicator, what the figures say as at the report period.

Pure functions: no I/O, no clock. The result holds every figure (nothing withheld yet).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from kpicli.compute.benchmarks import comparable_value, compare_with_benchmarks
from kpicli.compute.projection import project_year_end
from kpicli.compute.rag import rate
from kpicli.compute.series import as_at, compute_series, headline_series
from kpicli.compute.spc import summarise_variation
from kpicli.models.config import EarlierPaper
from kpicli.models.data import HEADLINE, BreakdownCell, Dataset, Observation, Project
from kpicli.models.definition import IndicatorDefinition
from kpicli.models.facts import (
    EMPTY,
    BreakdownTable,
    Cell,
    ComputedReport,
    IndicatorFacts,
    Persistence,
    RagResult,
    Rating,
    SeriesFacts,
    Status,
)
from kpicli.periods import latest_on_or_before, parse_month


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
    observations = as_at(headline, month)
    latest = observations[-1] if observations else None
    comparisons = compare_with_benchmarks(
        observations, data.benchmarks.get(definition.id, ()), definition, month
    )
    return rate(latest.value if latest else None, definition, comparisons)


def report_months(project: Project, report_month: int) -> list[int]:
    """Report periods of this committee up to and including this one, newest first."""
    months = {parse_month(meeting.period) for meeting in project.config.meetings}
    months |= {parse_month(paper.period) for paper in project.papers.papers}
    months.add(report_month)
    return sorted((m for m in months if m <= report_month), reverse=True)


def compute_persistence(
    definition: IndicatorDefinition,
    project: Project,
    months: list[int],
    current: Rating,
    headline: Sequence[Observation],
) -> Persistence | None:
    if current is not Rating.RED:
        return None
    red_months = [months[0]]
    for month in months[1:]:
        if rating_as_at(definition, project.data, month, headline).rating is not Rating.RED:
            break
        red_months.append(month)
    papers_by_month: dict[int, list[EarlierPaper]] = defaultdict(list)
    for paper in project.papers.papers:
        papers_by_month[parse_month(paper.period)].append(paper)
    earlier = [paper for month in red_months[1:] for paper in papers_by_month.get(month, [])]
    return Persistence(len(red_months), tuple(sorted(earlier, key=lambda p: p.meeting_date, reverse=True)))


def breakdown_tables(cells: tuple[BreakdownCell, ...], latest: SeriesFacts) -> tuple[BreakdownTable, ...]:
    if latest.latest is None:
        return ()
    period = latest.latest.period
    by_dimension: dict[str, list[BreakdownCell]] = defaultdict(list)
    for cell in cells:
        if cell.period == period:
            by_dimension[cell.dimension].append(cell)
    return tuple(
        BreakdownTable(
            dimension=dimension,
            period=period,
            rows=tuple((cell.category, Cell.of(cell.value)) for cell in rows),
            total=Cell.of(sum(cell.value for cell in rows)),
        )
        for dimension, rows in sorted(by_dimension.items())
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
    comparisons = compare_with_benchmarks(
        known, data.benchmarks.get(definition.id, ()), definition, report_month
    )
    rag = rate(latest.value if latest else None, definition, comparisons)
    previous_rating = (
        rating_as_at(definition, data, months[1], headline_rows).rating if len(months) > 1 else None
    )
    spc = summarise_variation(known, definition)
    explanation = (
        f"observations used: {len(known)} up to {latest.period.label if latest else 'none'}",
        f"RAG: {rag.rating.value}: {rag.reason}",
        *(
            f"comparator {c.area}: {c.benchmark:g} for {c.period.label}, ours for {c.our_period.label}"
            f"{'' if c.like_for_like else ' (not like for like)'}; judged {c.judgement.value}"
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
        previous_rating=previous_rating,
        spc=spc,
        projection=project_year_end(known, definition),
        persistence=compute_persistence(definition, project, months, rag.rating, headline_rows),
        breakdowns=breakdown_tables(data.breakdowns.get(definition.id, ()), headline),
        stale=is_stale(latest, definition, report_month, project.config.stale_after_months),
        explanation=explanation,
        comparable=Cell.of(comparable_value(latest, definition))
        if latest is not None and definition.benchmark_basis is not None
        else EMPTY,
    )


def compute_report(project: Project, report_month: int) -> ComputedReport:
    months = report_months(project, report_month)
    return ComputedReport(
        report_month=report_month,
        indicators=tuple(compute_indicator(d, project, report_month, months) for d in project.definitions),
    )
