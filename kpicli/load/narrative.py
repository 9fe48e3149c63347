"""Officer narrative, `narrative/<period>/<indicator>.md`, read and checked in load.

Every problem in a front matter is reported with the file and the line it is on, before
anything is built, like any other input: a due date that is not a date, an action without an
owner, a misspelt key.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Collection, Mapping
from pathlib import Path

import yaml
from pydantic import ValidationError

from kpicli.errors import InputError, Problem
from kpicli.load.files import outside_project, read_user_text
from kpicli.load.yaml_lines import parse_yaml
from kpicli.load.yaml_models import problem_from_error
from kpicli.models.narrative import KEY_MESSAGES, FrontMatter, OfficerNarrative
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


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)^---[ \t]*(\r?\n|\Z)", re.DOTALL | re.MULTILINE)


def at_line(problem: Problem, offset: int) -> Problem:
    """A problem found in the front matter, at its line in the whole file."""
    return dataclasses.replace(problem, line=(problem.line or 1) + offset)


def read_front_matter(text: str, shown: str) -> tuple[FrontMatter, str, list[Problem]]:
    """The front matter (empty when there is none), the Markdown after it, and any problems."""
    match = FRONT_MATTER.match(text)
    if match is None:
        if text.startswith("---"):
            hint = "end the front matter with a line of three dashes, ---"
            return FrontMatter(), text, [Problem(shown, 1, "", "front matter is not closed", hint)]
        return FrontMatter(), text, []
    body = text[match.end() :]
    try:
        document = parse_yaml(match.group("yaml"))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark is not None else 1
        message = (error.problem or error.context or "is not valid YAML").strip()
        return FrontMatter(), body, [Problem(shown, line, "", f"YAML syntax: {message}", "check indentation")]
    except (yaml.YAMLError, RecursionError) as error:
        return FrontMatter(), body, [Problem(shown, 1, "", f"YAML syntax: {error}")]
    if document is None:
        return FrontMatter(), body, []
    if not isinstance(document, dict):
        hint = "write actions:, since_last_report: or no_action_reason:"
        return FrontMatter(), body, [Problem(shown, 2, "", "front matter must be a mapping of keys", hint)]
    try:
        return FrontMatter.model_validate(document), body, []
    except ValidationError as error:
        problems = [
            at_line(problem_from_error(item, document, FrontMatter, shown), 1) for item in error.errors()
        ]
        return FrontMatter(), body, problems


def parse_narrative(
    texts: dict[str, dict[str, str]],
) -> tuple[dict[str, dict[str, OfficerNarrative]], list[Problem]]:
    """The narrative `load.narrative.read_narrative` read (by period and indicator id), each
    file's front matter checked; every problem, with its file and line."""
    narrative: dict[str, dict[str, OfficerNarrative]] = {}
    problems: list[Problem] = []
    for period, files in texts.items():
        found = narrative.setdefault(period, {})
        for name, text in files.items():
            shown = f"{NARRATIVE_FOLDER}/{period}/{name}.md"
            front, body, file_problems = read_front_matter(text, shown)
            problems += file_problems
            first_line = text.count("\n", 0, len(text) - len(body)) + 1
            found[name] = OfficerNarrative(file=shown, context=body, front=front, first_line=first_line)
    return narrative, problems


def read_period_narrative(root: Path, period: str) -> Mapping[str, OfficerNarrative]:
    """One period's narrative by indicator id, read and checked as `load` does (a build takes
    it from the loaded project)."""
    texts, problems = read_narrative(root.resolve(), period)
    narrative, found = parse_narrative(texts)
    if problems or found:
        raise InputError(problems + found)
    return narrative.get(period, {})
