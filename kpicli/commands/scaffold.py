"""`kpicli init DIR`: a new papers project, copied from the sample that ships with kpicli."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from kpicli.errors import UsageError

# The sample project's parts, as pyproject.toml force-includes them into kpicli/sample_project.
SAMPLE_FILES = ("kpicli.yaml", "actions.yaml", "papers.yaml")
SAMPLE_FOLDERS = ("indicator_defs", "sample_data", "narrative")
# Copied when present: editors use the JSON Schemas the YAML files' `$schema` lines name.
OPTIONAL_FOLDERS = ("schema",)


def sample_project_folder() -> Path:
    """The sample inside the wheel, or the repository root when run from a source checkout."""
    shipped = Path(str(resources.files("kpicli") / "sample_project"))
    if (shipped / "kpicli.yaml").is_file():
        return shipped
    return Path(__file__).resolve().parents[2]


def create_project(target: Path) -> list[str]:
    """Copy the sample into `target`, which must not exist or be empty; return what was made."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target} is not empty; choose a new folder")
    source = sample_project_folder()
    target.mkdir(parents=True, exist_ok=True)
    made = []
    for name in SAMPLE_FILES:
        shutil.copyfile(source / name, target / name)
        made.append(name)
    for name in SAMPLE_FOLDERS:
        shutil.copytree(source / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        made.append(f"{name}/")
    for name in OPTIONAL_FOLDERS:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
            made.append(f"{name}/")
    return made
