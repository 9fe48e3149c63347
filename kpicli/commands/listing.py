"""`kpicli list`: every indicator with its latest period and RAG as at a report period.

Loads, computes and discloses (to know whether it shows anything Part 1 withholds), nothing
more: no narration or rendering, so no WeasyPrint.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kpicli.compute import meeting_cutoff, rating_as_at, with_derived_benchmarks
from kpicli.compute.series import as_at, headline_series
from kpicli.errors import UsageError
from kpicli.load import load_project
from kpicli.models.data import Project
from kpicli.periods import month_text, parse_month


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    number: int
    id: str
    title: str
    section: str
    frequency: str
    latest: str
    rating: str


@dataclass(frozen=True, slots=True)
class IndicatorList:
    period: str
    lines: tuple[IndicatorLine, ...]
    # The ratings are the exact ones: true when any is withheld from Part 1 or any indicator
    # is exempt, so the listing is headed "not for publication".
    not_for_publication: bool = False


def shows_withheld(project: Project, month: int) -> bool:
    from kpicli.compute import compute_report
    from kpicli.disclose import disclose

    if any(definition.is_exempt for definition in project.definitions):
        return True
    report = compute_report(project, month)
    public, _ = disclose(report, project)
    published = {facts.definition.id: facts.rag.rating for facts in public.indicators}
    return any(published.get(facts.definition.id) is not facts.rag.rating for facts in report.indicators)


def latest_month(project: Project) -> int:
    """The newest month any figure ends in: the default `as at` for a listing."""
    ends = [rows[-1].period.end for rows in project.data.observations.values() if rows]
    if not ends:
        raise UsageError("values.csv holds no figures; give --period YYYY-MM")
    return max(ends)


def list_indicators(project_dir: Path, period: str | None) -> IndicatorList:
    """Raise InputError for an invalid project, as `validate` does."""
    project = with_derived_benchmarks(load_project(project_dir))
    month = parse_month(period) if period else latest_month(project)
    cutoff = meeting_cutoff(project, month)
    lines = []
    for definition in project.definitions:
        series = headline_series(project.data.observations.get(definition.id, ()))
        headline = as_at(series, month)
        lines.append(
            IndicatorLine(
                number=definition.number,
                id=definition.id,
                title=definition.title,
                section=definition.section,
                frequency=definition.frequency.value.replace("_", " "),
                latest=headline[-1].period.label if headline else "no data",
                rating=rating_as_at(definition, project.data, month, series, cutoff).rating.value.replace(
                    "_", " "
                ),
            )
        )
    return IndicatorList(month_text(month), tuple(lines), shows_withheld(project, month))
