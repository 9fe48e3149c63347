"""The whole build: load -> compute -> disclose -> narrate -> render, written atomically.

One project load serves a whole range of periods; the PDFs (the only slow step) render in
worker processes, two papers per period side by side. Each period folder has a manifest of
its inputs' hashes beside it, so an unchanged build costs a few file reads.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kpicli.errors import InputError, Problem, Severity, UsageError
from kpicli.manifest import (
    InputHasher,
    Manifest,
    is_up_to_date,
    manifest_path,
    period_lock,
    write_manifest,
)
from kpicli.periods import month_text, parse_month
from kpicli.template_paths import template_folders

if TYPE_CHECKING:
    from kpicli.models.commentary import NarratedExempt, NarratedPublic
    from kpicli.models.data import Project
    from kpicli.models.facts import IndicatorFacts

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
RANGE_SEPARATOR = ".."


class WarningsAsErrors(InputError):
    """--strict found warnings; they are raised as errors and nothing is built."""


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


@dataclass(slots=True)
class Staged:
    paper: PreparedPaper
    folder: Path
    pending: set[str] = field(default_factory=set)


Progress = Callable[[BuildResult], None]


def read_officer_narrative(root: Path, period: str) -> dict[str, str]:
    folder = root / NARRATIVE_FOLDER / period
    if not folder.is_dir():
        return {}
    return {path.stem: path.read_text(encoding="utf-8-sig") for path in sorted(folder.glob("*.md"))}


def replace_folder(staging: Path, target: Path) -> None:
    """Move the finished outputs into place; the old ones go only once the new ones are there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    retired = None
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.replace(target, retired / target.name)
    os.replace(staging, target)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


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
    with ExitStack() as locks:
        # Sorted lock order: two overlapping ranges built at once cannot deadlock.
        for period in periods:
            locks.enter_context(period_lock(out_dir, period))
        wanted = {period: hasher.manifest_for(period) for period in periods}
        to_build = []
        for period in periods:
            if not force and is_up_to_date(out_dir / period, wanted[period], OUTPUT_FILES, strict):
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
    return BuildResult(folder.name, folder, OUTPUT_FILES, warnings, ratings, skipped=True)


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
    from kpicli.load import load_project

    collect_garbage_less_often()
    project = load_project(project_dir)
    return [prepare_paper(project, period, wanted[period]) for period in periods]


def stale_warnings(indicators: Sequence[IndicatorFacts], project: Project) -> list[Problem]:
    return [
        Problem(
            *project.definition_source(f.definition.id),
            "period",
            "latest figure is for " + (f.headline.latest.period.label if f.headline.latest else "no period"),
            "check the extract is up to date",
            Severity.WARNING,
        )
        for f in indicators
        if f.stale
    ]


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
        for area in sorted(wanted - {comparison.area for comparison in facts.comparisons}):
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


def unknown_narrative_warnings(officer: dict[str, str], project: Project, folder: str) -> list[Problem]:
    unknown = sorted(set(officer) - {d.id for d in project.definitions})
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
    project: Project, public: NarratedPublic, exempt: NarratedExempt, officer: dict[str, str], folder: str
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


def prepare_paper(project: Project, period: str, manifest: Manifest) -> PreparedPaper:
    from kpicli.compute import compute_report
    from kpicli.disclose import disclose
    from kpicli.narrate import narrate_exempt, narrate_public
    from kpicli.render import public_csv, render_exempt_html, render_public_html, summary_json

    report = compute_report(project, parse_month(period))
    public_view, exempt_view = disclose(report, project)
    officer = read_officer_narrative(project.root, period)
    folder = f"{NARRATIVE_FOLDER}/{period}"
    public = narrate_public(public_view, officer, folder, project.root)
    exempt = narrate_exempt(exempt_view, officer, folder, project.root)
    warnings, exempt_warnings = split_warnings(project, public, exempt, officer, folder)
    ratings: dict[str, int] = {}
    for facts in public.view.indicators:
        ratings[facts.rag.rating.value] = ratings.get(facts.rag.rating.value, 0) + 1

    def summary(lines: list[str]) -> str:
        return summary_json(public, lines, list(OUTPUT_FILES))

    return PreparedPaper(
        period=period,
        html={
            "public": render_public_html(public, project.root),
            "exempt": render_exempt_html(exempt, project.root),
        },
        public_csv=public_csv(public),
        summary=summary,
        warnings=tuple(warnings),
        exempt_warnings=tuple(exempt_warnings),
        ratings=ratings,
        manifest=replace(manifest, warnings=len(warnings) + len(exempt_warnings)),
    )


def render_pdf_file(html: str, folders: tuple[Path, ...], target: Path) -> None:
    """One PDF: runs in a worker process, so it takes and returns only picklable things."""
    from kpicli.render.pdf import write_pdf

    write_pdf(html, folders, target)


def stage_paper(paper: PreparedPaper, out_dir: Path) -> Staged:
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{paper.period}.building-", dir=out_dir))
    # mkdtemp makes the folder private (0700); the outputs are meant to be shared.
    staging.chmod(0o755)
    for name in PAPERS:
        (staging / f"{name}.html").write_text(paper.html[name], encoding="utf-8")
    (staging / "public.csv").write_text(paper.public_csv, encoding="utf-8")
    return Staged(paper, staging, set(PAPERS))


def finish_paper(staged: Staged, out_dir: Path) -> BuildResult:
    paper = staged.paper
    lines = [str(w) for w in paper.warnings]
    (staged.folder / "summary.json").write_text(paper.summary(lines), encoding="utf-8")
    target = out_dir / paper.period
    # The manifest, beside the folder, goes first and comes back last: a folder with a
    # manifest is a complete build, and a build that stops in between is simply rebuilt.
    manifest_path(target).unlink(missing_ok=True)
    replace_folder(staged.folder, target)
    write_manifest(target, paper.manifest)
    return BuildResult(
        paper.period,
        target,
        OUTPUT_FILES,
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
    """Render every PDF, in worker processes when there is more than one worker; a period
    moves into place as soon as both its papers are done. On failure, nothing half-built
    is left and finished periods stay finished."""
    staged = [stage_paper(paper, out_dir) for paper in prepared]
    finished: list[BuildResult] = []
    try:
        tasks = [(item, name) for item in staged for name in PAPERS]
        workers = worker_count(jobs, len(tasks))
        if workers == 1:
            for item, name in tasks:
                render_pdf_file(item.paper.html[name], folders, item.folder / f"{name}.pdf")
                finished += complete(item, name, out_dir, on_done)
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures: dict[Future[None], tuple[Staged, str]] = {
                    pool.submit(
                        render_pdf_file, item.paper.html[name], folders, item.folder / f"{name}.pdf"
                    ): (item, name)
                    for item, name in tasks
                }
                try:
                    finished += collect(futures, out_dir, on_done)
                except BaseException:
                    for future in futures:
                        future.cancel()
                    raise
    finally:
        for item in staged:
            shutil.rmtree(item.folder, ignore_errors=True)
    return finished


def collect(
    futures: dict[Future[None], tuple[Staged, str]], out_dir: Path, on_done: Progress | None
) -> list[BuildResult]:
    finished: list[BuildResult] = []
    pending = set(futures)
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in sorted(done, key=lambda f: (futures[f][0].paper.period, futures[f][1])):
            future.result()
            finished += complete(*futures[future], out_dir, on_done)
    return finished


def complete(item: Staged, name: str, out_dir: Path, on_done: Progress | None) -> list[BuildResult]:
    item.pending.discard(name)
    if item.pending:
        return []
    result = finish_paper(item, out_dir)
    if on_done:
        on_done(result)
    return [result]


def validate_project(project_dir: Path, period: str | None = None) -> tuple[Problem, ...]:
    """Load the project; return its warnings, or raise InputError with every problem.

    With a report period, rows later than it are warned about: a build as at that period
    ignores them, which is right for a re-run of an old paper but a surprise otherwise."""
    from kpicli.load import load_project

    return load_project(project_dir, parse_month(period) if period else None).warnings


__all__ = [
    "BuildResult",
    "InputError",
    "WarningsAsErrors",
    "build_papers",
    "build_periods",
    "expand_periods",
    "validate_project",
]
