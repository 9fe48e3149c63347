"""The whole build: load -> compute -> disclose -> narrate -> render, written atomically.

One project load serves a whole range of periods; the PDFs (the only slow step) render in
worker processes, two papers per period side by side. Each period folder has a manifest of
its inputs' hashes beside it, so an unchanged build costs a few file reads.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kpicli.errors import InputError, Problem, Severity, UsageError, WarningsAsErrors
from kpicli.manifest import (
    RECORD_FOLDER,
    InputHasher,
    Manifest,
    is_up_to_date,
    manifest_path,
    write_manifest,
)
from kpicli.periods import month_label, month_text, parse_month
from kpicli.staging import (
    check_target,
    make_private,
    output_lock,
    process_pool,
    replace_folder,
    run_all,
    staging_folder,
)
from kpicli.template_paths import template_folders

if TYPE_CHECKING:
    from kpicli.models.commentary import NarratedExempt, NarratedPublic
    from kpicli.models.data import Project
    from kpicli.models.facts import ComputedReport, IndicatorFacts
    from kpicli.models.narrative import OfficerNarrative
    from kpicli.models.views import PublicView
    from kpicli.publication import Records

NARRATIVE_FOLDER = "narrative"
OUTPUT_FILES = (
    "public.pdf",
    "exempt.pdf",
    "public.html",
    "exempt.html",
    "summary.json",
    "public.csv",
)
PAPERS = ("public", "exempt")
EXEMPT_FILES = frozenset({"exempt.pdf", "exempt.html"})


def output_files(papers: Sequence[str]) -> tuple[str, ...]:
    """The files a build writes: the exempt paper's only when there is one."""
    return tuple(name for name in OUTPUT_FILES if "exempt" in papers or name not in EXEMPT_FILES)


def built_outputs(folder: Path) -> tuple[str, ...]:
    """The files an earlier build of `folder` wrote, as its summary.json lists them."""
    try:
        files = json.loads((folder / "summary.json").read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        return OUTPUT_FILES
    return tuple(str(name) for name in files) if isinstance(files, list) and files else OUTPUT_FILES


RANGE_SEPARATOR = ".."


@dataclass(frozen=True, slots=True)
class BuildResult:
    period: str
    folder: Path
    files: tuple[str, ...]
    warnings: tuple[Problem, ...]
    ratings: dict[str, int]
    skipped: bool = False
    # Not for publication: about exempt indicators or withheld figures; console only.
    exempt_warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class PreparedPaper:
    """Everything for one period except the PDFs: the cheap part of a build."""

    period: str
    html: dict[str, str]
    public_csv: str
    summary: Callable[[list[str]], str]
    warnings: tuple[Problem, ...]
    exempt_warnings: tuple[Problem, ...]
    ratings: dict[str, int]
    manifest: Manifest
    # The papers to render: no exempt paper when nothing is exempt or withheld.
    papers: tuple[str, ...] = PAPERS
    # For a paper that goes to the committee: its publication record, and where it goes.
    record: str | None = None
    record_path: Path | None = None


@dataclass(slots=True)
class Staged:
    paper: PreparedPaper
    folder: Path
    pending: set[str] = field(default_factory=set)


Progress = Callable[[BuildResult], None]


def read_officer_narrative(root: Path, period: str) -> Mapping[str, OfficerNarrative]:
    """One period's narrative, as `load` reads and checks it (a build takes it from the
    loaded project)."""
    from kpicli.load.narrative import read_narrative
    from kpicli.load.officer_narrative import parse_narrative

    texts, problems = read_narrative(root.resolve(), period)
    narrative, found = parse_narrative(texts)
    if problems or found:
        raise InputError(problems + found)
    return narrative.get(period, {})


def previous_report_period(project: Project, period: str) -> str | None:
    """The period of the paper to the meeting before this one, whose narrative says what
    'Last time we said'."""
    meeting = project.config.meeting_for(period)
    before = project.config.meeting_before(meeting)
    return before.period if before is not None else None


def expand_periods(text: str) -> list[str]:
    """`2019-08` or a range `2019-04..2020-03` (every month, both ends included)."""
    first, separator, last = text.partition(RANGE_SEPARATOR)
    start = parse_month(first.strip())
    end = parse_month(last.strip()) if separator else start
    if end < start:
        raise UsageError(f"the range {text} ends before it starts; write the earlier month first")
    return [month_text(month) for month in range(start, end + 1)]


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
    """Build every period given, loading the project once; results in period order."""
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
            folder = out_dir / period
            if not force and is_up_to_date(folder, wanted[period], built_outputs(folder), strict):
                results[period] = skipped_result(out_dir / period)
                if on_done:
                    on_done(results[period])
            else:
                to_build.append(period)
        if to_build:
            prepared = prepare_papers(project_dir, to_build, wanted)
            if strict:
                fail_on_warnings(prepared)
            for result in render_papers(prepared, folders, out_dir, jobs, on_done):
                results[result.period] = result
    return [results[period] for period in periods]


def skipped_result(folder: Path) -> BuildResult:
    """A result for an up-to-date folder, read back from its summary.json."""
    try:
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        ratings = {str(k): int(v) for k, v in summary.get("public_ratings", {}).items()}
        lines = [str(line) for line in summary.get("warnings", [])]
    except (OSError, ValueError, AttributeError):
        ratings, lines = {}, []
    warnings = tuple(Problem("summary.json", None, "", line, "", Severity.WARNING) for line in lines)
    return BuildResult(folder.name, folder, built_outputs(folder), warnings, ratings, skipped=True)


def fail_on_warnings(prepared: list[PreparedPaper]) -> None:
    """--strict: any warning is an error, and nothing is built."""
    problems = {
        replace(w, severity=Severity.ERROR)
        for paper in prepared
        for w in (*paper.warnings, *paper.exempt_warnings)
    }
    if problems:
        raise WarningsAsErrors(problems)


# CPython collects its youngest objects every 700 allocations and, every so often, walks
# every object it tracks. A build makes hundreds of thousands of small records that all live
# until it ends, so those walks find nothing to free yet cost a seventh of the time before
# rendering for 1,000 indicators. Collecting every 200,000 allocations, as mypy does, keeps
# cycles collected at a fraction of the cost.
GC_THRESHOLDS = (200_000, 30, 30)


def collect_garbage_less_often() -> None:
    gc.set_threshold(*GC_THRESHOLDS)


def prepare_papers(project_dir: Path, periods: list[str], wanted: dict[str, Manifest]) -> list[PreparedPaper]:
    """Each period's paper, oldest first, each checked against the publication records of the
    papers before it, those of this range included, as if built one after the other."""
    from kpicli.load import load_project
    from kpicli.publication import as_record, read_records

    collect_garbage_less_often()
    project = load_project(project_dir)
    records = read_records(project.root)
    prepared = []
    for period in sorted(periods):
        paper = prepare_paper(project, period, wanted[period], records)
        if paper.record is not None:
            records[period] = as_record(paper.record)
            # Later papers of the range are checked against this record: their manifests say so.
            digest = hashlib.sha256(paper.record.encode("utf-8")).hexdigest()
            for later in (p for p in periods if p > period):
                wanted[later].inputs[f"{RECORD_FOLDER}/{period}.csv"] = digest
        prepared.append(paper)
    return prepared


def stale_warnings(indicators: Sequence[IndicatorFacts], project: Project) -> list[Problem]:
    """One warning per latest period: 12 indicators a month out of date are one thing to fix."""
    by_latest: dict[str, list[str]] = {}
    for facts in indicators:
        if facts.stale:
            latest = facts.headline.latest
            by_latest.setdefault(latest.period.label if latest else "", []).append(facts.definition.id)
    hint = "check the extract is up to date"
    problems = []
    for label, ids in sorted(by_latest.items()):
        message = f"latest figure is for {label}" if label else "has no figure on or before the report period"
        if len(ids) == 1:
            problems.append(
                Problem(*project.definition_source(ids[0]), "period", message, hint, Severity.WARNING)
            )
        else:
            grouped = (
                f"{len(ids)} indicators' latest figure is for {label}"
                if label
                else f"{len(ids)} indicators have no figure on or before the report period"
            )
            problems.append(
                Problem("indicator_defs", None, "period", f"{grouped}: {listed(ids)}", hint, Severity.WARNING)
            )
    return problems


def listed(ids: list[str], shown: int = 5) -> str:
    """'a, b, c and 41 more': enough to find them, short enough to read."""
    if len(ids) <= shown:
        return ", ".join(ids)
    return f"{', '.join(ids[:shown])} and {len(ids) - shown} more"


def check_has_figures(report: ComputedReport, project: Project, period: str) -> None:
    """A paper in which no indicator has a current figure is a mistake (a period before the
    extracts begin or long after they end), not a paper of "not rated" to publish."""
    if any(facts.headline.latest is not None and not facts.stale for facts in report.indicators):
        return
    ends = [o.period.end for series in project.data.observations.values() for o in series]
    span = (
        f"the extracts hold figures from {month_label(min(ends))} to {month_label(max(ends))}"
        if ends
        else "the extracts hold no figures"
    )
    raise InputError(
        [
            Problem(
                "--period",
                None,
                "",
                f"{period}: no indicator has a current figure as at {month_label(parse_month(period))}",
                f"{span}; choose a period in that range",
            )
        ]
    )


def missing_benchmark_warnings(indicators: Sequence[IndicatorFacts], project: Project) -> list[Problem]:
    """A comparator the definition names with no published figure to compare with."""
    from kpicli.models.definition import BenchmarkRule

    problems = []
    for facts in indicators:
        wanted = set(facts.definition.comparators)
        if isinstance(facts.definition.rag, BenchmarkRule):
            wanted |= set(facts.definition.rag.comparators)
        # With no local figure there is nothing to compare; the stale or no-rows warning says so.
        if facts.headline.latest is None:
            continue
        # A comparator the source never published is a note in the paper, not a warning.
        explained = {item.area for item in facts.unpublished}
        for area in sorted(wanted - {comparison.area for comparison in facts.comparisons} - explained):
            problems.append(
                Problem(
                    *project.definition_source(facts.definition.id),
                    "comparators",
                    f"has no benchmark figure for {area}",
                    "add the comparator's published figure to benchmarks.csv",
                    Severity.WARNING,
                )
            )
    return problems


def unknown_narrative_warnings(
    officer: Mapping[str, OfficerNarrative], project: Project, folder: str
) -> list[Problem]:
    from kpicli.models.narrative import KEY_MESSAGES

    unknown = sorted(set(officer) - {d.id for d in project.definitions} - {KEY_MESSAGES})
    return [
        Problem(
            f"{folder}/{name}.md",
            None,
            "",
            "names no indicator",
            "the file name must be an indicator id",
            Severity.WARNING,
        )
        for name in unknown
    ]


def uncountable_warnings(public: NarratedPublic, project: Project) -> list[Problem]:
    """A percentage or rate given without its counts, which Part 1 therefore withholds."""
    from kpicli.models.policy import WithholdRule

    named = sorted({s.indicator for s in public.view.suppressions if s.name == WithholdRule.NO_COUNTS})
    return [
        Problem(
            *project.definition_source(indicator),
            "unit",
            f"'{indicator}' is given without numerator and denominator, so Part 1 withholds it: "
            "its counts cannot be checked for small numbers",
            "add numerator and denominator to the extract, or name where the figures are already "
            "published (disclosure: published_elsewhere)",
            Severity.WARNING,
        )
        for indicator in named
    ]


def split_warnings(
    project: Project,
    public: NarratedPublic,
    exempt: NarratedExempt,
    officer: Mapping[str, OfficerNarrative],
    folder: str,
) -> tuple[list[Problem], list[Problem]]:
    """The warnings a public file may carry (made from the public view and the inputs' shape), and
    those not for publication: about exempt indicators, or about a rating, gap or figure that
    Part 1 withholds. "Action being taken is missing" for an indicator whose rating is withheld
    would tell a reader that it is amber or red."""
    exempt_only = [f for f in exempt.view.indicators if f.definition.is_exempt]
    public_warnings = [*project.warnings, *public.warnings]
    public_warnings += stale_warnings(public.view.indicators, project)
    public_warnings += missing_benchmark_warnings(public.view.indicators, project)
    public_warnings += unknown_narrative_warnings(officer, project, folder)
    public_warnings += uncountable_warnings(public, project)
    published = set(public_warnings)
    private = [w for w in exempt.warnings if w not in published]
    private += stale_warnings(exempt_only, project) + missing_benchmark_warnings(exempt_only, project)
    return sorted(set(public_warnings)), sorted(set(private))


@dataclass(frozen=True, slots=True)
class Narrated:
    """A period's two views narrated, with every warning a build gives: `validate --period`
    runs exactly this, so its --strict checks what `build --strict` checks."""

    public: NarratedPublic
    exempt: NarratedExempt
    warnings: list[Problem]
    exempt_warnings: list[Problem]


def narrate_period(project: Project, period: str) -> Narrated:
    from kpicli.compute import compute_report
    from kpicli.disclose import disclose
    from kpicli.narrate import missing_actions, narrate_exempt, narrate_public
    from kpicli.narrate.carried import latest_actions, narrative_as_at

    report = compute_report(project, parse_month(period))
    check_has_figures(report, project, period)
    public_view, exempt_view = disclose(report, project)
    officer = project.narrative.get(period, {})
    earlier = latest_actions(project.narrative, period)
    previous_period = previous_report_period(project, period)
    previous = narrative_as_at(project.narrative, previous_period) if previous_period else {}
    folder = f"{NARRATIVE_FOLDER}/{period}"
    public = narrate_public(public_view, officer, folder, project.root, previous, earlier)
    exempt = narrate_exempt(exempt_view, officer, folder, project.root, previous, earlier)
    refused = missing_actions(public, folder)
    if refused:
        raise InputError(refused)
    return Narrated(public, exempt, *split_warnings(project, public, exempt, officer, folder))


def prepare_paper(
    project: Project, period: str, manifest: Manifest, records: Records | None = None
) -> PreparedPaper:
    from kpicli.render import public_csv, render_exempt_html, render_public_html, summary_json

    narrated = narrate_period(project, period)
    public, exempt = narrated.public, narrated.exempt
    public_view = public.view
    record, revisions = publication_record(project, period, public_view, records or {})
    warnings, exempt_warnings = sorted({*narrated.warnings, *revisions}), narrated.exempt_warnings
    ratings: dict[str, int] = {}
    for facts in public.view.indicators:
        ratings[facts.rag.rating.value] = ratings.get(facts.rag.rating.value, 0) + 1

    papers = PAPERS if has_part_2(public_view) else PAPERS[:1]

    def summary(lines: list[str]) -> str:
        return summary_json(public, lines, list(output_files(papers)))

    html = {"public": render_public_html(public, project.root)}
    if "exempt" in papers:
        html["exempt"] = render_exempt_html(exempt, project.root)
    return PreparedPaper(
        period=period,
        html=html,
        public_csv=public_csv(public),
        summary=summary,
        warnings=tuple(warnings),
        exempt_warnings=tuple(exempt_warnings),
        ratings=ratings,
        manifest=replace(manifest, warnings=len(warnings) + len(exempt_warnings)),
        record=record,
        record_path=project.root / RECORD_FOLDER / f"{period}.csv" if record is not None else None,
        papers=papers,
    )


def has_part_2(view: PublicView) -> bool:
    """Whether Part 2 holds anything Part 1 does not: an exempt indicator, a withheld figure, or
    rounded counts (Part 2 has them exact). Decided from what Part 1 shows, never from whether a
    fact worked out from the exact figures differs, since summary.json says whether there is a
    Part 2 and that would tell a reader that it does."""
    from kpicli.models.policy import effective_policy

    rounded = any(effective_policy(view.context.policy, f.definition).round_to for f in view.indicators)
    return bool(view.exempt_notices) or view.suppressed_cells > 0 or rounded


def publication_record(
    project: Project, period: str, view: PublicView, records: Records
) -> tuple[str | None, list[Problem]]:
    """The paper's publication record (when it goes to the committee), and the figures it shows
    that earlier papers published differently."""
    from kpicli.publication import is_committee_paper, published_rows, record_text, revision_warnings

    recorded = is_committee_paper(project, period)
    if not recorded and not any(earlier < period for earlier in records):
        return None, []
    rows = published_rows(view)
    return (record_text(rows) if recorded else None), revision_warnings(period, rows, records)


def render_pdf_file(html: str, folders: tuple[Path, ...], target: Path) -> None:
    """One PDF: runs in a worker process, so it takes and returns only picklable things."""
    from kpicli.render.pdf import write_pdf

    write_pdf(html, folders, target)


def stage_paper(paper: PreparedPaper, out_dir: Path) -> Staged:
    staging = staging_folder(out_dir, paper.period)
    for name in paper.papers:
        (staging / f"{name}.html").write_text(paper.html[name], encoding="utf-8")
    if "exempt" in paper.papers:
        make_private(staging / "exempt.html")
    (staging / "public.csv").write_text(paper.public_csv, encoding="utf-8")
    return Staged(paper, staging, set(paper.papers))


def finish_paper(staged: Staged, out_dir: Path) -> BuildResult:
    paper = staged.paper
    lines = [str(w) for w in paper.warnings]
    (staged.folder / "summary.json").write_text(paper.summary(lines), encoding="utf-8")
    target = out_dir / paper.period
    # The manifest, beside the folder, goes first and comes back last: a folder with a
    # manifest is a complete build, and a build that stops in between is simply rebuilt.
    manifest_path(target).unlink(missing_ok=True)
    replace_folder(staged.folder, target)
    if paper.record is not None and paper.record_path is not None:
        from kpicli.publication import write_record

        write_record(paper.record_path, paper.record)
    write_manifest(target, paper.manifest)
    return BuildResult(
        paper.period,
        target,
        output_files(paper.papers),
        paper.warnings,
        paper.ratings,
        exempt_warnings=paper.exempt_warnings,
    )


def worker_count(jobs: int | None, tasks: int) -> int:
    wanted = jobs if jobs is not None else max(2, os.cpu_count() or 1)
    return max(1, min(wanted, tasks))


def render_papers(
    prepared: list[PreparedPaper],
    folders: tuple[Path, ...],
    out_dir: Path,
    jobs: int | None,
    on_done: Progress | None,
) -> list[BuildResult]:
    """Render every PDF, in worker processes when there is more than one worker (in this
    process when a pool cannot start); a period moves into place as soon as both its papers
    are done. On failure, nothing half-built is left and finished periods stay finished."""
    staged = [stage_paper(paper, out_dir) for paper in prepared]
    finished: list[BuildResult] = []
    try:
        tasks = [(item, name) for item in staged for name in item.paper.papers]
        workers = worker_count(jobs, len(tasks))
        pool = process_pool(workers) if workers > 1 else None
        calls = [
            (render_pdf_file, (item.paper.html[name], folders, item.folder / f"{name}.pdf"))
            for item, name in tasks
        ]
        try:
            for index in run_all(calls, pool):
                item, name = tasks[index]
                if name == "exempt":
                    make_private(item.folder / "exempt.pdf")
                finished += complete(item, name, out_dir, on_done)
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
    finally:
        for item in staged:
            shutil.rmtree(item.folder, ignore_errors=True)
    return finished


def complete(item: Staged, name: str, out_dir: Path, on_done: Progress | None) -> list[BuildResult]:
    item.pending.discard(name)
    if item.pending:
        return []
    result = finish_paper(item, out_dir)
    if on_done:
        on_done(result)
    return [result]


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
    from kpicli.load import load_project
    from kpicli.load.dataset import LATER_ROWS_HINT

    project = load_project(project_dir, parse_month(period) if period else None)
    notes = tuple(w for w in project.warnings if w.hint == LATER_ROWS_HINT)
    project = replace(project, warnings=tuple(w for w in project.warnings if w.hint != LATER_ROWS_HINT))
    if period is None:
        return Validation(project.warnings, (), notes)
    narrated = narrate_period(project, period)
    return Validation(tuple(narrated.warnings), tuple(narrated.exempt_warnings), notes)


__all__ = [
    "BuildResult",
    "InputError",
    "WarningsAsErrors",
    "build_papers",
    "build_periods",
    "expand_periods",
    "validate_project",
]
