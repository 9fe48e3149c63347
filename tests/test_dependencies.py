"""Ship only what runs: every library kpicli declares is imported by kpicli, and every library
kpicli imports is declared (not merely installed because another one needs it)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from tests.conftest import REPO_ROOT

# Loaded by SQLAlchemy for postgresql+psycopg:// URLs, never imported by name.
DRIVERS = {"psycopg"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        canonical(re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0])
        for requirement in project["dependencies"]
    }


def imported() -> set[str]:
    """The distributions kpicli's own modules import, found by reading their import lines."""
    modules: set[str] = set()
    for path in (REPO_ROOT / "kpicli").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    modules -= {"kpicli", "__future__", *sys.stdlib_module_names}
    distributions = packages_distributions()
    return {canonical(dist) for module in modules for dist in distributions.get(module, [module])}


def test_every_declared_dependency_is_imported_and_every_import_is_declared() -> None:
    assert declared() - DRIVERS == imported()
