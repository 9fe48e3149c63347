"""Jinja: one cached environment per template search path, autoescaped and strict."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

PAPER_TEMPLATE = "paper.html.j2"


def default_templates_folder() -> Path:
    """Templates shipped inside the wheel, or the repository's own `templates/` when run from
    a source checkout."""
    shipped = Path(str(resources.files("kpicli") / "default_templates"))
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / "templates"


def template_folders(project_root: Path | None) -> tuple[Path, ...]:
    folders = []
    if project_root is not None and (project_root / "templates").is_dir():
        folders.append((project_root / "templates").resolve())
    default = default_templates_folder().resolve()
    if default not in folders:
        folders.append(default)
    return tuple(folders)


@lru_cache(maxsize=8)
def environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(context: dict[str, Any], folders: tuple[Path, ...]) -> str:
    return environment(folders).get_template(PAPER_TEMPLATE).render(**context)
