"""Officer-written narrative, `narrative/<period>/<indicator>.md`, read and checked in load."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from pathlib import Path

from kpicli.errors import Problem
from kpicli.load.files import outside_project, read_user_text
from kpicli.models.narrative import KEY_MESSAGES
from kpicli.periods import PeriodError, parse_month

NARRATIVE_FOLDER = "narrative"
# A month written without its leading zero, or with another separator: 2025-3, 2025_03.
LOOSE_MONTH = re.compile(r"^(\d{4})\D{1,2}(\d{1,2})$")


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
            problems += misplaced_file(period_folder)
            continue
        if period is None and (wrong := misnamed_folder(period_folder.name)) is not None:
            problems.append(wrong)
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


def misplaced_file(path: Path) -> list[Problem]:
    """A Markdown file straight in narrative/, which no paper would read."""
    if path.suffix != ".md":
        return []
    return [
        Problem(
            f"{NARRATIVE_FOLDER}/{path.name}",
            None,
            "",
            "is not in a report period's folder, so no paper reads it",
            f"move it to {NARRATIVE_FOLDER}/YYYY-MM/{path.name}, YYYY-MM being the report period",
        )
    ]


def misnamed_folder(name: str) -> Problem | None:
    """A folder of narrative/ whose name is not a report period: its files would be read by no
    paper, so the officer's text would silently go missing."""
    if name.startswith("."):
        return None
    try:
        parse_month(name)
        return None
    except PeriodError:
        pass
    loose = LOOSE_MONTH.match(name)
    suggested = f"{int(loose.group(1)):04d}-{int(loose.group(2)):02d}" if loose else None
    if suggested is not None and 1 <= int(suggested[5:]) <= 12:
        hint = f"did you mean {NARRATIVE_FOLDER}/{suggested}?"
    else:
        hint = "name it for the report period, YYYY-MM (2019-08 for the paper as at August 2019)"
    return Problem(
        f"{NARRATIVE_FOLDER}/{name}",
        None,
        "",
        "is not a report period YYYY-MM, so no paper reads the narrative in it",
        hint,
    )


def unknown_narrative_files(
    texts: Mapping[str, Mapping[str, str]], indicators: Collection[str], unchecked: Collection[str]
) -> list[Problem]:
    """Narrative files whose name is no indicator's id: their text would be left out of the
    paper without a word. (Files of a definition that failed to load are not judged.)"""
    known = sorted(indicators)
    problems = []
    for period, files in sorted(texts.items()):
        for name in sorted(files):
            if name in indicators or name in unchecked or name == KEY_MESSAGES:
                continue
            close = difflib.get_close_matches(name, [*known, KEY_MESSAGES], n=1)
            hint = (
                f"did you mean {close[0]}.md?"
                if close
                else "name the file after an indicator's id (the id: in its definition)"
            )
            problems.append(
                Problem(f"{NARRATIVE_FOLDER}/{period}/{name}.md", None, "", "names no indicator", hint)
            )
    return problems
