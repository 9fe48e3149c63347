"""The build, stage by stage: load -> compute -> disclose -> narrate -> render.

`STAGES` is the pipeline after load: each stage takes a period's paper as the stage before left
it and fills in its own part. `kpicli build` loads the project once, runs the stages for every
period of a range and hands the pages to kpicli.output_folder, which renders the PDFs and puts
each period in place; `kpicli validate --period` runs them up to narrate; benchmarks/stages.py
times each one. The stages import their modules only when they run, so `kpicli --help` and
`validate` never load the renderers.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kpicli.errors import InputError
from kpicli.manifest import RECORD_FOLDER, InputHasher, Manifest
from kpicli.output_folder import (
    PAPERS,
    BuildResult,
    Pages,
    PreparedPaper,
    Progress,
    render_papers,
    skipped_result,
)
from kpicli.paper_checks import NarratedPeriod, fail_on_warnings
from kpicli.periods import month_text, parse_month
from kpicli.staging import check_target, output_lock
from kpicli.template_paths import template_folders

if TYPE_CHECKING:
    from kpicli.errors import Problem
    from kpicli.models.data import Project
    from kpicli.models.facts import ComputedReport
    from kpicli.models.views import ExemptView, PublicView
    from kpicli.publication import Records


@dataclass(frozen=True, slots=True)
class Work:
    """One period's paper on its way through the stages: each stage fills in its own part."""

    project: Project
    period: str
    report: ComputedReport | None = None
    views: tuple[PublicView, ExemptView] | None = None
    narrated: NarratedPeriod | None = None
    pages: Pages | None = None


# CPython collects its youngest objects every 700 allocations and, every so often, walks
# every object it tracks. A build makes hundreds of thousands of small records that all live
# until it ends, so those walks find nothing to free yet cost a seventh of the time before
# rendering for 1,000 indicators. Collecting every 200,000 allocations, as mypy does, keeps
# cycles collected at a fraction of the cost.
GC_THRESHOLDS = (200_000, 30, 30)


def load_stage(project_dir: Path, report_month: int | None = None) -> Project:
    """Stage 1: the project, read and checked (once for a whole range of periods)."""
    from kpicli.load import load_project

    gc.set_threshold(*GC_THRESHOLDS)
    return load_project(project_dir, report_month)


def compute_stage(work: Work) -> Work:
    """Stage 2: every indicator's facts as at the period, nothing withheld."""
    from kpicli.compute import compute_report
    from kpicli.paper_checks import check_has_figures

    report = compute_report(work.project, parse_month(work.period))
    check_has_figures(report, work.project, work.period)
    return replace(work, report=report)


def disclose_stage(work: Work) -> Work:
    """Stage 3: the public view (Part 1) and the exempt view (Part 2)."""
    from kpicli.disclose import disclose

    assert work.report is not None
    return replace(work, views=disclose(work.report, work.project))


def narrate_stage(work: Work) -> Work:
    """Stage 4: each view's commentary with the officer's narrative merged in, and every warning
    the paper gives; a paper with an amber or red indicator and no action is refused here."""
    from kpicli.load.narrative import NARRATIVE_FOLDER
    from kpicli.narrate import missing_actions, narrate_exempt, narrate_public
    from kpicli.narrate.carried import latest_actions, narrative_as_at
    from kpicli.paper_checks import split_warnings

    assert work.views is not None
    project, period = work.project, work.period
    public_view, exempt_view = work.views
    officer = project.narrative.get(period, {})
    earlier = latest_actions(project.narrative, period)
    previous_period = project.config.report_before(period)
    previous = narrative_as_at(project.narrative, previous_period) if previous_period else {}
    folder = f"{NARRATIVE_FOLDER}/{period}"
    public = narrate_public(public_view, officer, folder, project.root, previous, earlier)
    exempt = narrate_exempt(exempt_view, officer, folder, project.root, previous, earlier)
    refused = missing_actions(public, folder)
    if refused:
        raise InputError(refused)
    warnings, exempt_warnings = split_warnings(project, public, exempt)
    return replace(work, narrated=NarratedPeriod(public, exempt, warnings, exempt_warnings))


def render_stage(work: Work) -> Work:
    """Stage 5 (all but the PDFs): each paper's HTML, the public CSV and summary.json. There is
    no Part 2 when it would hold nothing Part 1 does not."""
    from kpicli.disclose import has_part_2
    from kpicli.render import public_csv, render_exempt_html, render_public_html

    assert work.narrated is not None
    public, exempt = work.narrated.public, work.narrated.exempt
    papers = PAPERS if has_part_2(public.view) else PAPERS[:1]
    html = {"public": render_public_html(public, work.project.root)}
    if "exempt" in papers:
        html["exempt"] = render_exempt_html(exempt, work.project.root)
    return replace(work, pages=Pages(html, public_csv(public), papers))


class Stage(NamedTuple):
    name: str
    run: Callable[[Work], Work]


STAGES: tuple[Stage, ...] = (
    Stage("compute", compute_stage),
    Stage("disclose", disclose_stage),
    Stage("narrate", narrate_stage),
    Stage("render", render_stage),
)


def run_stages(project: Project, period: str, until: str = STAGES[-1].name) -> Work:
    """The period's paper through every stage up to and including `until`."""
    work = Work(project, period)
    for stage in STAGES:
        work = stage.run(work)
        if stage.name == until:
            break
    return work


def prepare_paper(
    project: Project, period: str, manifest: Manifest, records: Records | None = None
) -> PreparedPaper:
    """One period's paper, all but its PDFs, with its publication record (when it goes to the
    committee) checked against the records of the papers before it."""
    from kpicli.publication import publication_record

    work = run_stages(project, period)
    assert work.narrated is not None and work.pages is not None
    narrated = work.narrated
    record, revisions = publication_record(project, period, narrated.public.view, records or {})
    warnings = sorted({*narrated.warnings, *revisions})
    return PreparedPaper.of(
        period,
        work.pages,
        narrated.public,
        warnings,
        narrated.exempt_warnings,
        replace(manifest, warnings=len(warnings) + len(narrated.exempt_warnings)),
        record,
        project.root / RECORD_FOLDER / f"{period}.csv" if record is not None else None,
    )


def prepare_papers(project_dir: Path, periods: list[str], wanted: dict[str, Manifest]) -> list[PreparedPaper]:
    """Each period's paper, oldest first, each checked against the publication records of the
    papers before it, those of this range included, as if built one after the other."""
    from kpicli.publication import read_records

    project = load_stage(project_dir)
    records = read_records(project.root)
    prepared = []
    for period in sorted(periods):
        paper = prepare_paper(project, period, wanted[period], records)
        if paper.record is not None:
            records[period] = paper.record.numbered()
            # Later papers of the range are checked against this record: their manifests say so.
            digest = hashlib.sha256(paper.record.text.encode("utf-8")).hexdigest()
            for later in (p for p in periods if p > period):
                wanted[later].inputs[f"{RECORD_FOLDER}/{period}.csv"] = digest
        prepared.append(paper)
    return prepared


def build_papers(
    project_dir: Path,
    period: str,
    out_dir: Path,
    *,
    force: bool = False,
    strict: bool = False,
    jobs: int | None = None,
) -> BuildResult:
    """Build one period's papers (or skip them when nothing changed since the last build)."""
    return build_periods(project_dir, [period], out_dir, force=force, strict=strict, jobs=jobs)[0]


def build_periods(
    project_dir: Path,
    periods: Sequence[str],
    out_dir: Path,
    *,
    force: bool = False,
    strict: bool = False,
    jobs: int | None = None,
    on_done: Progress | None = None,
) -> list[BuildResult]:
    """Build every period given, loading the project once; results in period order. A period
    whose inputs have not changed since its last build is skipped."""
    periods = sorted({month_text(parse_month(period)) for period in periods})
    folders = template_folders(project_dir)
    hasher = InputHasher(project_dir, folders)
    results: dict[str, BuildResult] = {}
    with output_lock(out_dir):
        for period in periods:
            check_target(out_dir, period)
        wanted = {period: hasher.manifest_for(period) for period in periods}
        to_build = []
        for period in periods:
            skipped = None if force else skipped_result(out_dir / period, wanted[period], strict)
            if skipped is not None:
                results[period] = skipped
                if on_done:
                    on_done(skipped)
            else:
                to_build.append(period)
        if to_build:
            prepared = prepare_papers(project_dir, to_build, wanted)
            if strict:
                fail_on_warnings([(paper.warnings, paper.exempt_warnings) for paper in prepared])
            for result in render_papers(prepared, folders, out_dir, jobs, on_done):
                results[result.period] = result
    return [results[period] for period in periods]


@dataclass(frozen=True, slots=True)
class Validation:
    warnings: tuple[Problem, ...]
    # Not for publication: about exempt indicators or withheld figures.
    private: tuple[Problem, ...] = ()
    # Rows later than the report period, which a build as at it ignores: information only.
    notes: tuple[Problem, ...] = ()


def validate_project(project_dir: Path, period: str | None = None) -> Validation:
    """Load the project; return its warnings, or raise InputError with every problem.

    With a report period, every check a build as at that period makes, the paper's own
    included (stale figures, comparators with no figure, actions missing), so `validate
    --period P --strict` passes exactly when `build --period P --strict` would; nothing is
    rendered. Rows later than the period are given as notes, which neither strict mode counts."""
    project = load_stage(project_dir, parse_month(period) if period else None)
    if period is None:
        return Validation(project.warnings, (), project.notes)
    narrated = run_stages(project, period, until="narrate").narrated
    assert narrated is not None
    return Validation(tuple(narrated.warnings), tuple(narrated.exempt_warnings), project.notes)


__all__ = ["STAGES", "BuildResult", "build_papers", "build_periods", "prepare_paper", "validate_project"]
