"""Render the paper's HTML with the sandboxed environment; a template's error names its line."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from kpicli.errors import InputError, Problem
from kpicli.sandbox import PAPER_TEMPLATE, environment

if TYPE_CHECKING:
    from kpicli.render.contract import Page

__all__ = ["PAPER_TEMPLATE", "environment", "render_html"]


def render_html(context: Page, folders: tuple[Path, ...]) -> str:
    try:
        return environment(folders).get_template(PAPER_TEMPLATE).render(**context)
    except jinja2.TemplateError as error:
        raise InputError([template_problem(error, folders)]) from None


def template_problem(error: jinja2.TemplateError, folders: tuple[Path, ...]) -> Problem:
    """The template file and line where rendering failed (Jinja puts the template's own
    file and line in the traceback), what went wrong and what to do."""
    file, line = PAPER_TEMPLATE, None
    for frame in traceback.extract_tb(error.__traceback__):
        shown = shown_template(Path(frame.filename), folders)
        if shown is not None:
            file, line = shown, frame.lineno
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        file, line = shown_template(Path(error.filename), folders) or file, error.lineno
    return Problem(file, line, "", *template_message(error))


def template_message(error: jinja2.TemplateError) -> tuple[str, str]:
    from jinja2.exceptions import SecurityError

    if isinstance(error, SecurityError):
        return (
            "reaches for something templates may not use",
            "templates may only show the values given to them",
        )
    if isinstance(error, jinja2.UndefinedError):
        return f"{error.message}", "see the default templates for the names a template may use"
    if isinstance(error, jinja2.TemplateNotFound):
        return f"includes '{error.name}', which is not a template", "check the file name in templates/"
    return f"template error: {error.message}", "check the template against the default ones"


def shown_template(path: Path, folders: tuple[Path, ...]) -> str | None:
    for folder in folders:
        if path.is_relative_to(folder):
            return f"templates/{path.relative_to(folder).as_posix()}"
    return None
