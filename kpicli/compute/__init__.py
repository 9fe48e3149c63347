"""Stage 2, compute: per indicator, what the figures say as at the report period.

Pure functions: no I/O, no clock. The result holds every figure (nothing withheld yet).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kpicli.compute.benchmarks import (
    comparable_value,
    comparator_series,
    compare_with_benchmarks,
)
from kpicli.compute.projection import project_year_end
from kpicli.compute.rag import rate
from kpicli.compute.series import as_at, compute_series, headline_series
from kpicli.compute.spc import analysed_since, summarise_variation
from kpicli.models.areas import Unpublished
from kpicli.models.config import EarlierPaper
from kpicli.models.data import HEADLINE, BenchmarkValue, BreakdownCell, Dataset, Observation, Project
from kpicli.models.definition import IndicatorDefinition, Unit
from kpicli.models.facts import (
    EMPTY,
    BreakdownTable,
    Cell,
    Comparison,
    ComputedReport,
    FigureNote,
    IndicatorFacts,
    Persistence,
    ProjectionFacts,
    RagResult,
    Rating,
    SeriesFacts,
    SpcSummary,
    Standing,
    Status,
)
from kpicli.periods import Period, month_text, parse_month


def rating_of(
    definition: IndicatorDefinition,
    known: Sequence[Observation],
    benchmarks: Sequence[BenchmarkValue],
    month: int,
    cutoff: dt.date | None,
) -> RagResult:
    """The rating of the latest of `known` (the figures as at `month`)."""
    latest = known[-1] if known else None
    comparisons = compare_with_benchmarks(known, benchmarks, definition, month, cutoff)
    return rate(latest.value if latest else None, definition, comparisons)


def rating_as_at(
    definition: IndicatorDefinition,
    data: Dataset,
    month: int,
    headline: Sequence[Observation] | None = None,
    cutoff: dt.date | None = None,
) -> RagResult:
    """The rating the indicator had as at `month` (with only the benchmarks published by
    `cutoff`); `headline` saves finding its headline series again when the caller has it."""
    if headline is None:
        headline = headline_series(data.observations.get(definition.id, ()))
    return rating_of(
        definition, as_at(headline, month), data.benchmarks.get(definition.id, ()), month, cutoff
    )


def latest_is_hidden(known: Sequence[Observation], hidden: Sequence[int], month: int) -> bool:
    """Whether the figure that was latest as at `month` is one of the `hidden` periods (their
    end months, sorted), given `known`, the figures shown, as at that month."""
    index = bisect_right(hidden, month)
    return index > 0 and (not known or known[-1].period.end < hidden[index - 1])


def shown_rating_as_at(
    definition: IndicatorDefinition,
    project: Project,
    known: Sequence[Observation],
    month: int,
    hidden: Sequence[int],
) -> Rating | None:
    """The rating as at an earlier report month from the figures given, or None when the
    figure it would rest on is hidden."""
    then = as_at(known, month)
    if latest_is_hidden(then, hidden, month):
        return None
    benchmarks = project.data.benchmarks.get(definition.id, ())
    return rating_of(definition, then, benchmarks, month, meeting_cutoff(project, month)).rating


def meeting_cutoff(project: Project, month: int) -> dt.date | None:
    """The date of the meeting a report period's paper went to: the paper uses only figures
    published by then, so a rebuild years later shows what the committee had."""
    meeting = project.config.meeting_for(month_text(month))
    return meeting.date if meeting is not None else None


def with_derived_benchmarks(project: Project) -> Project:
    """The project with the statistical neighbours' averages kpicli works out from every
    authority's figures (benchmarks.csv), where kpicli.yaml names the neighbours."""
    authorities = project.data.authorities
    if project.areas is None or not authorities or not project.areas.neighbours:
        return project
    from kpicli.compute.authorities import authority_table, with_neighbour_averages

    averages = authority_table(authorities).neighbour_averages(project.areas)
    benchmarks = dict(project.data.benchmarks)
    for definition in project.definitions:
        if definition.id in averages:
            benchmarks[definition.id] = with_neighbour_averages(
                definition, benchmarks.get(definition.id, ()), averages[definition.id]
            )
    return replace(project, data=replace(project.data, benchmarks=benchmarks))


def report_months(project: Project, report_month: int) -> list[int]:
    """Report periods of this committee up to and including this one, newest first."""
    months = {parse_month(meeting.period) for meeting in project.config.meetings}
    months |= {parse_month(paper.period) for paper in project.papers.papers}
    months.add(report_month)
    return sorted((m for m in months if m <= report_month), reverse=True)


def compute_persistence(
    definition: IndicatorDefinition,
    project: Project,
    known: Sequence[Observation],
    months: list[int],
    current: Rating,
    hidden: Sequence[int] = (),
) -> Persistence | None:
    """How many reports in a row have rated it red, from the figures given; None when not red,
    or when the run reaches a report whose figure is hidden (its length is then unknown)."""
    if current is not Rating.RED:
        return None
    red_months = [months[0]]
    for month in months[1:]:
        rating = shown_rating_as_at(definition, project, known, month, hidden)
        if rating is None:
            return None
        if rating is not Rating.RED:
            break
        red_months.append(month)
    papers_by_month: dict[int, list[EarlierPaper]] = defaultdict(list)
    for paper in project.papers.papers:
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
    comparable: Cell
    standing: Standing | None
    unpublished: tuple[Unpublished, ...]


def limits_would_cover(
    known: Sequence[Observation], hidden: Sequence[int], definition: IndicatorDefinition
) -> bool:
    """Whether one of the `hidden` figures is in the span the control limits would be worked
    out over had it been shown (a rebase fixes where the span starts: without the hidden
    figure, limits from the next one would be over a span with a gap)."""
    if not hidden:
        return False
    periods = sorted({o.period for o in known} | {Period(month, definition.frequency) for month in hidden})
    since = analysed_since(periods, definition)
    return since is not None and since.end <= hidden[-1]


def derive_facts(
    definition: IndicatorDefinition,
    project: Project,
    known: Sequence[Observation],
    report_month: int,
    months: list[int],
    hidden: Sequence[int] = (),
) -> DerivedFacts:
    """Facts from `known`, the headline figures as at the report month whose latest is shown,
    given `hidden`, the end months of any earlier figures not shown (sorted). A fact that would
    rest on a hidden figure is left out: an earlier rating, a run of red reports, control limits
    over a span with a gap; comparisons, ranks and the projection use only the figures given.
    `project` must have its derived benchmarks (with_derived_benchmarks)."""
    latest = known[-1] if known else None
    cutoff = meeting_cutoff(project, report_month)
    comparisons = compare_with_benchmarks(
        known, project.data.benchmarks.get(definition.id, ()), definition, report_month, cutoff
    )
    rag = rate(latest.value if latest else None, definition, comparisons)
    previous_rating = (
        shown_rating_as_at(definition, project, known, months[1], hidden) if len(months) > 1 else None
    )
    spc = summarise_variation(known, definition)
    if spc is not None and limits_would_cover(
        known, [month for month in hidden if month <= report_month], definition
    ):
        spc = None
    return DerivedFacts(
        comparisons=comparisons,
        rag=rag,
        previous_rating=previous_rating,
        spc=spc,
        projection=project_year_end(known, definition),
        persistence=compute_persistence(definition, project, known, months, rag.rating, hidden),
        comparable=Cell.of(comparable_value(latest, definition))
        if latest is not None and definition.benchmark_basis is not None
        else EMPTY,
        standing=standing_of(definition, project, known, report_month, cutoff, comparisons),
        unpublished=unpublished_comparators(definition, project.data, comparisons, report_month),
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
    return definition.expected_period(report_month).end - latest.period.end > allowed_lag


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
    derived = derive_facts(definition, project, known, report_month, months)
    comparisons, rag, spc = derived.comparisons, derived.rag, derived.spc
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
        stale=is_stale(latest, definition, report_month, project.config.stale_after_months)
        and not marked_missing(data, definition, report_month),
        comparable=derived.comparable,
        standing=derived.standing,
        unpublished=derived.unpublished,
        notes=figure_notes(observations, headline, variants, derived.comparisons, report_month),
        comparator_series=comparator_series(
            data.benchmarks.get(definition.id, ()),
            definition,
            report_month,
            meeting_cutoff(project, report_month),
        ),
        missing=tuple(
            item
            for item in data.missing.get(definition.id, ())
            if item.variant == HEADLINE
            and item.period.end <= report_month
            and (latest is None or item.period.end > latest.period.end)
        ),
    )


def marked_missing(data: Dataset, definition: IndicatorDefinition, report_month: int) -> bool:
    """values.csv says why the figure expected by now is missing: the extract is up to date."""
    expected = definition.expected_period(report_month)
    return any(item.period == expected for item in data.missing.get(definition.id, ()))


def figure_notes(
    observations: Sequence[Observation],
    headline: SeriesFacts,
    variants: Sequence[SeriesFacts],
    comparisons: Sequence[Comparison],
    report_month: int,
) -> tuple[FigureNote, ...]:
    """The extract's notes on the figures the paper shows: the latest, the one before it and a
    year earlier, and ours compared with other areas; each variant's latest."""
    if not any(o.note for o in observations):
        return ()
    labels = {variant.variant: variant.label for variant in variants}
    shown: set[tuple[str, int]] = set()
    if headline.latest is not None:
        latest = headline.latest.period
        shown |= {
            (HEADLINE, latest.end),
            (HEADLINE, latest.previous().end),
            (HEADLINE, latest.year_earlier().end),
        }
    shown |= {(HEADLINE, c.our_period.end) for c in comparisons}
    shown |= {(v.variant, v.latest.period.end) for v in variants if v.latest is not None}
    notes = [
        FigureNote(o.period, o.note, labels.get(o.variant, ""))
        for o in observations
        if o.note and (o.variant, o.period.end) in shown and o.period.end <= report_month
    ]
    return tuple(sorted(notes, key=lambda n: (n.label, n.period.end)))


def standing_of(
    definition: IndicatorDefinition,
    project: Project,
    known: Sequence[Observation],
    report_month: int,
    cutoff: dt.date | None,
    comparisons: Sequence[Comparison],
) -> Standing | None:
    if definition.id not in project.data.authorities or project.areas is None:
        return None
    from kpicli.compute.authorities import compute_standing

    decimals = comparisons[0].decimals if comparisons else None
    return compute_standing(
        definition, known, project.data.authorities, project.areas, report_month, cutoff, decimals
    )


def unpublished_comparators(
    definition: IndicatorDefinition, data: Dataset, comparisons: Sequence[Comparison], report_month: int
) -> tuple[Unpublished, ...]:
    """Each named comparator with no figure to compare whose source marks its latest figure as
    not published: the paper says so once, rather than a warning on every build."""
    compared = {comparison.area for comparison in comparisons}
    latest: dict[str, Unpublished] = {}
    for item in data.unpublished.get(definition.id, ()):
        if item.area in compared or item.period.end > report_month:
            continue
        if item.area not in latest or latest[item.area].period.end < item.period.end:
            latest[item.area] = item
    return tuple(latest[area] for area in definition.comparator_areas if area in latest)


def compute_report(project: Project, report_month: int) -> ComputedReport:
    project = with_derived_benchmarks(project)
    months = report_months(project, report_month)
    return ComputedReport(
        report_month=report_month,
        indicators=tuple(compute_indicator(d, project, report_month, months) for d in project.definitions),
        benchmarks=project.data.benchmarks,
    )
