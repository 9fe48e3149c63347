"""Officer-written narrative, `narrative/<period>/<indicator>.md`, read and checked in load."""

from __future__ import annotations

from pathlib import Path

from kpicli.errors import Problem
from kpicli.load.files import outside_project, read_user_text

NARRATIVE_FOLDER = "narrative"


def read_narrative(root: Path, period: str | None = None) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Every period's narrative (or one period's), by period and indicator id; every problem."""
    folder = root / NARRATIVE_FOLDER
    if not folder.is_dir():
        return {}, []
    if outside_project(folder, root):
        return {}, [
            Problem(
                NARRATIVE_FOLDER,
                None,
                "",
                "is a link to a folder outside the project",
                "keep the narrative inside the project",
            )
        ]
    periods = [folder / period] if period is not None else sorted(folder.iterdir())
    texts: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for period_folder in periods:
        if not period_folder.is_dir():
            continue
        found: dict[str, str] = {}
        for path in sorted(period_folder.glob("*.md")):
            shown = f"{NARRATIVE_FOLDER}/{period_folder.name}/{path.name}"
            text, read_problems = read_user_text(path, shown, root=root)
            problems += read_problems
            if text is not None:
                found[path.stem] = text
        texts[period_folder.name] = found
    return texts, problems
