"""The whole build: load -> compute -> disclose -> narrate -> render, written atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from kpicli.errors import InputError, Problem, Severity
from kpicli.periods import month_text, parse_month

NARRATIVE_FOLDER = "narrative"
OUTPUT_FILES = ("public.pdf", "exempt.pdf", "public.html", "exempt.html", "summary.json", "public.csv")


@dataclass(frozen=True, slots=True)
class BuildResult:
    period: str
    folder: Path
    files: tuple[str, ...]
    warnings: tuple[Problem, ...]
    ratings: dict[str, int]


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


def build_papers(project_dir: Path, period: str, out_dir: Path, strict: bool = False) -> BuildResult:
    from kpicli.compute import compute_report
    from kpicli.disclose import disclose
    from kpicli.load import load_project
    from kpicli.narrate import narrate_exempt, narrate_public
    from kpicli.render import public_csv, render_exempt_html, render_public_html, summary_json, template_folders, write_pdf

    report_month = parse_month(period)
    period = month_text(report_month)
    project = load_project(project_dir)
    report = compute_report(project, report_month)
    public_view, exempt_view = disclose(report, project)
    officer = read_officer_narrative(project.root, period)
    folder = f"{NARRATIVE_FOLDER}/{period}"
    public = narrate_public(public_view, officer, folder, project.root)
    exempt = narrate_exempt(exempt_view, officer, folder, project.root)
    unknown = sorted(set(officer) - {d.id for d in project.definitions})
    warnings = list(project.warnings) + list(exempt.warnings)
    warnings += [
        Problem(f"{folder}/{name}.md", None, "", "names no indicator", "the file name must be an indicator id", Severity.WARNING)
        for name in unknown
    ]
    warnings += [
        Problem(f"indicator_defs ({f.definition.id})", None, "period", f"latest figure is for {f.headline.latest.period.label if f.headline.latest else 'no period'}", "check the extract is up to date", Severity.WARNING)
        for f in report.indicators
        if f.stale
    ]
    if strict and warnings:
        # Under --strict every warning (an amber or red indicator with no action, say) stops the build.
        raise InputError([replace(w, severity=Severity.ERROR) for w in warnings])
    public_html = render_public_html(public, project.root)
    exempt_html = render_exempt_html(exempt, project.root)
    folders = template_folders(project.root)
    target = out_dir / period
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{period}.building-", dir=out_dir))
    try:
        (staging / "public.html").write_text(public_html, encoding="utf-8")
        (staging / "exempt.html").write_text(exempt_html, encoding="utf-8")
        (staging / "public.csv").write_text(public_csv(public), encoding="utf-8")
        write_pdf(public_html, folders, staging / "public.pdf")
        write_pdf(exempt_html, folders, staging / "exempt.pdf")
        warning_lines = [str(w) for w in sorted(warnings)]
        (staging / "summary.json").write_text(summary_json(public, exempt, warning_lines, list(OUTPUT_FILES)), encoding="utf-8")
        replace_folder(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    ratings: dict[str, int] = {}
    for facts in public.view.indicators:
        ratings[facts.rag.rating.value] = ratings.get(facts.rag.rating.value, 0) + 1
    return BuildResult(period, target, OUTPUT_FILES, tuple(sorted(warnings)), ratings)


def validate_project(project_dir: Path, period: str | None = None) -> tuple[Problem, ...]:
    """Load the project; return its warnings, or raise InputError with every problem.

    With a report period, rows later than it are warned about: a build as at that period
    ignores them, which is right for a re-run of an old paper but a surprise otherwise."""
    from kpicli.load import load_project

    return load_project(project_dir, parse_month(period) if period else None).warnings


__all__ = ["BuildResult", "InputError", "build_papers", "validate_project"]
