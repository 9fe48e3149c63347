"""Officer narrative, `narrative/<period>/<indicator>.md`, read and checked in load.

Every problem in a front matter is reported with the file and the line it is on, before
anything is built, like any other input: a due date that is not a date, an action without an
owner, a misspelt key.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path

import yaml
from pydantic import ValidationError

from kpicli.errors import InputError, Problem
from kpicli.load.files import outside_project, read_user_text
from kpicli.load.yaml_lines import parse_yaml
from kpicli.load.yaml_models import problem_from_error
from kpicli.models.narrative import FrontMatter, OfficerNarrative

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
