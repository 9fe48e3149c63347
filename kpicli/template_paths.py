"""Where the templates come from: a papers project's own `templates/`, then the defaults.

One answer for rendering, the sentence wording and the build manifest, so the manifest hashes
exactly the files the papers are rendered from. Standard library only: the manifest check
runs before anything heavy is imported.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def default_templates_folder() -> Path:
    """Templates shipped inside the wheel, or the repository's own `templates/` when run from
    a source checkout."""
    shipped = Path(str(resources.files("kpicli") / "default_templates"))
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[1] / "templates"


def template_folders(project_root: Path | None) -> tuple[Path, ...]:
    """The search path: the project's `templates/` (overriding by file name), then the defaults."""
    folders = []
    if project_root is not None and (project_root / "templates").is_dir():
        folders.append((project_root / "templates").resolve())
    default = default_templates_folder().resolve()
    if default not in folders:
        folders.append(default)
    return tuple(folders)
