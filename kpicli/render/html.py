"""Jinja: one cached environment per template search path, autoescaped and strict."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

PAPER_TEMPLATE = "paper.html.j2"


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
