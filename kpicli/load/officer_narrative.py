"""Officer narrative, `narrative/<period>/<indicator>.md`: its front matter checked in load.

Every problem in a front matter is reported with the file and the line it is on, before
anything is built, like any other input: a due date that is not a date, an action without an
owner, a misspelt key.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from kpicli.errors import Problem, Severity
from kpicli.load.yaml_lines import parse_yaml
from kpicli.load.yaml_models import problem_from_error, read_text
from kpicli.models.narrative import FrontMatter, OfficerNarrative
from kpicli.periods import PeriodError, parse_month

NARRATIVE_FOLDER = "narrative"
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


def read_officer_narrative(path: Path, shown: str) -> tuple[OfficerNarrative | None, list[Problem]]:
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    front, body, problems = read_front_matter(text, shown)
    return OfficerNarrative(file=shown, context=body, front=front), problems


def load_narrative(root: Path) -> tuple[dict[str, dict[str, OfficerNarrative]], list[Problem]]:
    """Every period's narrative by period and indicator id (key messages under KEY_MESSAGES),
    and every problem in them."""
    folder = root / NARRATIVE_FOLDER
    if not folder.is_dir():
        return {}, []
    narrative: dict[str, dict[str, OfficerNarrative]] = {}
    problems: list[Problem] = []
    for period_folder in sorted(path for path in folder.iterdir() if path.is_dir()):
        try:
            parse_month(period_folder.name)
        except PeriodError:
            shown = f"{NARRATIVE_FOLDER}/{period_folder.name}"
            hint = "name each folder by its report period, e.g. narrative/2019-08"
            problems.append(
                Problem(shown, None, "", "is not a report period (YYYY-MM)", hint, Severity.WARNING)
            )
            continue
        found: dict[str, OfficerNarrative] = {}
        for path in sorted(period_folder.glob("*.md")):
            shown = f"{NARRATIVE_FOLDER}/{period_folder.name}/{path.name}"
            item, read_problems = read_officer_narrative(path, shown)
            problems += read_problems
            if item is not None:
                found[path.stem] = item
        narrative[period_folder.name] = found
    return narrative, problems
