"""Jinja: one cached environment per template search path, autoescaped and strict."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

PAPER_TEMPLATE = "paper.html.j2"


class PaperEnvironment(jinja2.Environment):
    """The templates read plain dicts ('row.title'). Jinja tries an attribute first and the key
    only after an AttributeError, which for tens of thousands of lookups in a large paper
    costs more than the rest of the rendering; a dict's key is tried first here instead."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@lru_cache(maxsize=8)
def environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    return PaperEnvironment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(context: dict[str, Any], folders: tuple[Path, ...]) -> str:
    return environment(folders).get_template(PAPER_TEMPLATE).render(**context)
