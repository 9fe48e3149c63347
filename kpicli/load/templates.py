"""A project's own templates, compiled in load: `validate` reports a syntax error, an include
of a missing template or a name no page has, at the template's own line, before `build`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kpicli.errors import Problem
from kpicli.load.files import outside_project, read_user_text
from kpicli.template_paths import default_templates_folder, template_folders

if TYPE_CHECKING:
    import jinja2
    from jinja2 import nodes

TEMPLATES_FOLDER = "templates"
SYNTAX_HINT = "check the template's {% %} and {{ }} tags against the default templates"


def check_templates(root: Path) -> list[Problem]:
    """Every problem in the project's `templates/`; none (and no Jinja import) without one."""
    folder = root / TEMPLATES_FOLDER
    # kpicli's own templates (this repository is itself the sample project) are tested with it.
    if not folder.is_dir() or folder.resolve() == default_templates_folder().resolve():
        return []
    if outside_project(folder, root):
        return [
            Problem(
                TEMPLATES_FOLDER,
                None,
                "",
                "is a link to a folder outside the project",
                "copy the templates into the project instead of linking to them",
            )
        ]
    from kpicli.sandbox import NOT_TEMPLATES, environment

    folders = template_folders(root)
    env = environment(folders)
    known = {name for f in folders for name in template_names(f)}
    allowed = set(names_read_by_default_templates()) | set(env.globals)
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if name in NOT_TEMPLATES or (path.is_dir() and not path.is_symlink()):
            continue
        shown = f"{TEMPLATES_FOLDER}/{name}"
        text, found = read_user_text(path, shown, root=root)
        problems += found
        if text is not None:
            problems += check_template(env, text, name, shown, known, allowed)
    return problems


def template_names(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def check_template(
    env: jinja2.Environment, text: str, name: str, shown: str, known: set[str], allowed: set[str]
) -> list[Problem]:
    import jinja2

    try:
        tree = env.parse(text, name)
    except jinja2.TemplateSyntaxError as error:
        return [Problem(shown, error.lineno, "", f"template syntax: {error.message}", SYNTAX_HINT)]
    return missing_templates(tree, known, shown) + unknown_names(tree, allowed, shown)


def missing_templates(tree: nodes.Template, known: set[str], shown: str) -> list[Problem]:
    from jinja2 import nodes

    problems = []
    for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        target = getattr(node, "template", None)
        if isinstance(target, nodes.Const) and isinstance(target.value, str) and target.value not in known:
            problems.append(
                Problem(
                    shown,
                    node.lineno,
                    "",
                    f"includes '{target.value}', which is not a template",
                    "check the name against the files in templates/ and kpicli's default templates",
                )
            )
    return problems


def unknown_names(tree: nodes.Template, allowed: set[str], shown: str) -> list[Problem]:
    from jinja2 import meta, nodes

    unknown = meta.find_undeclared_variables(tree) - allowed
    problems = []
    for name in sorted(unknown):
        line = min(
            (node.lineno for node in tree.find_all(nodes.Name) if node.name == name and node.ctx == "load"),
            default=None,
        )
        problems.append(
            Problem(
                shown,
                line,
                "",
                f"'{name}' is not a value the paper gives its templates",
                "use the names the default templates use; check the spelling",
            )
        )
    return problems


@lru_cache(maxsize=1)
def names_read_by_default_templates() -> frozenset[str]:
    """The page's values, as the default templates read them: an override may use any of them."""
    from jinja2 import meta

    from kpicli.sandbox import NOT_TEMPLATES, environment

    folder = default_templates_folder().resolve()
    env = environment((folder,))
    names: set[str] = set()
    for name in sorted(template_names(folder) - NOT_TEMPLATES):
        names |= meta.find_undeclared_variables(env.parse((folder / name).read_text(encoding="utf-8"), name))
    return frozenset(names)
