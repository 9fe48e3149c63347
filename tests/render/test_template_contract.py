"""The template contract: docs/templates.md, kpicli.render.contract's types and the default
templates agree on every name a template is given."""

from __future__ import annotations

import re
from pathlib import Path
from typing import ForwardRef

import jinja2
from jinja2 import meta

from kpicli.render.contract import TEMPLATE_TYPES, IndicatorRow, Page
from kpicli.template_paths import default_templates_folder

DOCS = Path(__file__).resolve().parents[2] / "docs" / "templates.md"


def documented() -> dict[str, dict[str, str]]:
    """Each `## `Type`` section of the docs: its table's names and types."""
    sections: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        heading = re.fullmatch(r"## `(\w+)`", line)
        if heading:
            current = sections.setdefault(heading.group(1), {})
            continue
        row = re.match(r"\| `(\w+)` \| `(.+?)` \|", line)
        if row and current is not None:
            current[row.group(1)] = row.group(2).replace("\\|", "|")
    return sections


def declared(kind: type) -> dict[str, str]:
    """A TypedDict's names and their types as written in kpicli/render/contract.py."""
    return {
        name: hint.__forward_arg__ if isinstance(hint, ForwardRef) else getattr(hint, "__name__", str(hint))
        for name, hint in kind.__annotations__.items()
    }


def test_the_docs_give_every_name_of_every_type_with_its_type() -> None:
    docs = documented()
    assert set(docs) == {kind.__name__ for kind in TEMPLATE_TYPES}
    for kind in TEMPLATE_TYPES:
        assert docs[kind.__name__] == declared(kind), kind.__name__


def test_every_type_a_template_meets_is_in_the_contract() -> None:
    names = {kind.__name__ for kind in TEMPLATE_TYPES}
    for kind in TEMPLATE_TYPES:
        for hint in declared(kind).values():
            used = set(re.findall(r"\b[A-Z]\w+", hint)) - {"Contact", "Markup", "None", "Rating"}
            assert used <= names, (kind.__name__, hint)


def template_sources() -> dict[str, str]:
    folder = default_templates_folder()
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.j2"))}


def test_every_page_name_is_read_by_a_default_template() -> None:
    """A name no template reads is dead weight in the contract councils write against."""
    environment = jinja2.Environment()
    read: set[str] = set()
    for source in template_sources().values():
        read |= meta.find_undeclared_variables(environment.parse(source))
    assert set(Page.__required_keys__) <= read
    assert read - set(Page.__required_keys__) <= {"badge"}  # the macro rag.html.j2 gives


def test_every_indicator_name_is_read_by_a_default_template() -> None:
    text = "\n".join(template_sources().values())
    unread = [name for name in IndicatorRow.__required_keys__ if not re.search(rf"\.{name}\b", text)]
    assert unread == []
