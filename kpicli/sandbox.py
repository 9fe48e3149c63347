"""The one Jinja environment: sandboxed, autoescaped and strict.

`load` compiles a project's templates with it (so `validate` finds what `build` would trip on)
and `render` renders with it. Templates are files many people can edit on a machine that holds
database credentials: the immutable sandbox stops a template reaching Python's internals
(`''.__class__.__mro__`), calling unsafe methods or changing the data it is given.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

PAPER_TEMPLATE = "paper.html.j2"
# Files in a templates folder that are not Jinja templates.
NOT_TEMPLATES = frozenset({"sentences.yaml"})


class PaperEnvironment(ImmutableSandboxedEnvironment):
    """The templates read plain dicts ('row.title'). Jinja tries an attribute first and the key
    only after an AttributeError, which for tens of thousands of lookups in a large paper
    costs more than the rest of the rendering; a dict's key is tried first here instead (a
    key is data, so the sandbox has nothing to check)."""

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
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders], followlinks=False),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
