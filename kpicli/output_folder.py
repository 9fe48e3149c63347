"""A period's papers written into OUT/YYYY-MM/: staged in a private folder, the PDFs rendered in
worker processes (two papers per period side by side, in this process where a pool cannot
start), and the folder moved into place whole as soon as both its papers are done.

The lock, the staging folders, the pool and the atomic replace are kpicli.staging's; the
manifest beside each folder is kpicli.manifest's.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpicli.errors import Problem, Severity
from kpicli.manifest import Manifest, is_up_to_date, manifest_path, write_manifest
from kpicli.staging import make_private, process_pool, replace_folder, run_all, staging_folder

if TYPE_CHECKING:
    from kpicli.models.commentary import NarratedPublic
    from kpicli.publication import PublicationRecord

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


def read_summary(folder: Path) -> dict[str, Any]:
    """The summary.json an earlier build of `folder` wrote ({} when there is none to read)."""
    try:
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return summary if isinstance(summary, dict) else {}


def built_outputs(summary: dict[str, Any]) -> tuple[str, ...]:
    """The files an earlier build wrote, as its summary.json lists them."""
    files = summary.get("files")
    return tuple(str(name) for name in files) if isinstance(files, list) and files else OUTPUT_FILES


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


Progress = Callable[[BuildResult], None]


@dataclass(frozen=True, slots=True)
class Pages:
    """What the render stage makes before the PDFs: each paper's HTML and the public CSV."""

    html: dict[str, str]
    public_csv: str
    # The papers to render: no exempt paper when nothing is exempt or withheld.
    papers: tuple[str, ...] = PAPERS


@dataclass(frozen=True, slots=True)
class PreparedPaper:
    """Everything for one period except the PDFs: the cheap part of a build."""

    period: str
    pages: Pages
    summary: Callable[[list[str]], str]
    warnings: tuple[Problem, ...]
    exempt_warnings: tuple[Problem, ...]
    ratings: dict[str, int]
    manifest: Manifest
    # For a paper that goes to the committee: its publication record, and where it goes.
    record: PublicationRecord | None = None
    record_path: Path | None = None

    @property
    def html(self) -> dict[str, str]:
        return self.pages.html

    @property
    def public_csv(self) -> str:
        return self.pages.public_csv

    @property
    def papers(self) -> tuple[str, ...]:
        return self.pages.papers

    @classmethod
    def of(
        cls,
        period: str,
        pages: Pages,
        public: NarratedPublic,
        warnings: Sequence[Problem],
        exempt_warnings: Sequence[Problem],
        manifest: Manifest,
        record: PublicationRecord | None,
        record_path: Path | None,
    ) -> PreparedPaper:
        from kpicli.render import summary_json

        ratings: dict[str, int] = {}
        for facts in public.view.indicators:
            ratings[facts.rag.rating.value] = ratings.get(facts.rag.rating.value, 0) + 1

        def summary(lines: list[str]) -> str:
            return summary_json(public, lines, list(output_files(pages.papers)))

        return cls(
            period=period,
            pages=pages,
            summary=summary,
            warnings=tuple(warnings),
            exempt_warnings=tuple(exempt_warnings),
            ratings=ratings,
            manifest=manifest,
            record=record,
            record_path=record_path,
        )


@dataclass(slots=True)
class Staged:
    paper: PreparedPaper
    folder: Path
    pending: set[str] = field(default_factory=set)


def skipped_result(folder: Path, wanted: Manifest, strict: bool) -> BuildResult | None:
    """The result for a folder already built from exactly these inputs, read back from its
    summary.json (read once); None if it must be built."""
    summary = read_summary(folder)
    outputs = built_outputs(summary)
    if not is_up_to_date(folder, wanted, outputs, strict):
        return None
    try:
        ratings = {str(k): int(v) for k, v in summary.get("public_ratings", {}).items()}
        lines = [str(line) for line in summary.get("warnings", [])]
    except (ValueError, AttributeError):
        ratings, lines = {}, []
    warnings = tuple(Problem("summary.json", None, "", line, "", Severity.WARNING) for line in lines)
    return BuildResult(folder.name, folder, outputs, warnings, ratings, skipped=True)


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

        write_record(paper.record_path, paper.record.text)
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
