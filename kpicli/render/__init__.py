"""Stage 5, render: HTML from templates, PDF from HTML, and the machine-readable outputs."""

from __future__ import annotations

from pathlib import Path

from kpicli.models.commentary import NarratedExempt, NarratedPublic
from kpicli.render.context import paper_context
from kpicli.render.data_files import public_csv, summary_json
from kpicli.render.html import render_html
from kpicli.render.pdf import write_pdf
from kpicli.template_paths import template_folders


def render_public_html(narrated: NarratedPublic, project_root: Path | None) -> str:
    paragraphs = sorted({notice.paragraph for notice in narrated.view.exempt_notices})
    return render_html(paper_context(narrated, paragraphs), template_folders(project_root))


def render_exempt_html(narrated: NarratedExempt, project_root: Path | None) -> str:
    return render_html(
        paper_context(narrated, narrated.view.exempt_paragraphs), template_folders(project_root)
    )


__all__ = [
    "public_csv",
    "render_exempt_html",
    "render_public_html",
    "summary_json",
    "template_folders",
    "write_pdf",
]
