"""Stage 1, load: read kpicli.yaml, the indicator definitions and the extracts into a Project.

Every problem is collected and raised together as an InputError; nothing later runs on
invalid input.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from kpicli.errors import InputError, Problem, Severity, errors_only
from kpicli.load.rows import build_dataset
from kpicli.load.sources import read_source
from kpicli.load.yaml_models import load_model
from kpicli.models.config import ActionLog, PaperRegister, ProjectConfig
from kpicli.models.data import Project
from kpicli.models.definition import IndicatorDefinition

CONFIG_FILE = "kpicli.yaml"
DEFINITIONS_FOLDER = "indicator_defs"
EXTRACTS = ("values.csv", "benchmarks.csv", "breakdowns.csv")


def relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def load_project(root: Path) -> Project:
    """Load and validate a papers project; raise InputError listing every problem."""
    root = root.resolve()
    if not (root / CONFIG_FILE).is_file():
        raise InputError([Problem(CONFIG_FILE, None, "", f"not found in {root}", "run kpicli in a papers project, or pass --project DIR")])
    problems: list[Problem] = []
    config, found = load_model(root / CONFIG_FILE, ProjectConfig, CONFIG_FILE)
    problems += found
    definitions, found, definition_files, files_by_id = load_definitions(root)
    problems += found
    actions, found = load_optional(root, "actions.yaml", ActionLog)
    problems += found
    papers, found = load_optional(root, "papers.yaml", PaperRegister)
    problems += found
    if config is not None:
        problems += check_definitions_against_config(definitions, config, files_by_id)
    raw, found, data_files = read_source(root, config)
    problems += found
    dataset, found = build_dataset(definitions, raw)
    problems += found
    if errors_only(problems) or config is None or actions is None or papers is None:
        raise InputError(problems)
    inputs = [root / CONFIG_FILE, *definition_files, *data_files]
    inputs += [root / name for name in ("actions.yaml", "papers.yaml")]
    return Project(
        root=root,
        config=config,
        definitions=tuple(sorted(definitions.values(), key=lambda d: (d.number, d.id))),
        data=dataset,
        actions=actions,
        papers=papers,
        input_files=tuple(path for path in inputs if path.is_file()),
        warnings=tuple(sorted(p for p in problems if p.severity is Severity.WARNING)),
    )


def load_definitions(
    root: Path,
) -> tuple[dict[str, IndicatorDefinition], list[Problem], list[Path], dict[str, str]]:
    folder = root / DEFINITIONS_FOLDER
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    if not files:
        return {}, [Problem(DEFINITIONS_FOLDER, None, "", "holds no indicator definitions", "add one YAML file per indicator")], [], {}
    definitions: dict[str, IndicatorDefinition] = {}
    first_file: dict[str, str] = {}
    numbers: dict[int, str] = {}
    problems: list[Problem] = []
    for path in files:
        shown = relative(path, root)
        definition, found = load_model(path, IndicatorDefinition, shown)
        problems += found
        if definition is None:
            continue
        if definition.id in definitions:
            problems.append(Problem(shown, None, "id", f"'{definition.id}' is already used by {first_file[definition.id]}", "each indicator needs its own id"))
            continue
        if definition.number in numbers:
            problems.append(Problem(shown, None, "number", f"{definition.number} is already used by {numbers[definition.number]}", "indicator numbers must be unique"))
        numbers.setdefault(definition.number, shown)
        definitions[definition.id] = definition
        first_file[definition.id] = shown
    return definitions, problems, files, first_file


OptionalModel = TypeVar("OptionalModel", ActionLog, PaperRegister)


def load_optional(root: Path, name: str, model: type[OptionalModel]) -> tuple[OptionalModel | None, list[Problem]]:
    path = root / name
    if not path.exists():
        return model(), []
    return load_model(path, model, name)


def check_definitions_against_config(
    definitions: dict[str, IndicatorDefinition], config: ProjectConfig, files_by_id: dict[str, str]
) -> list[Problem]:
    sections = {section.id for section in config.sections}
    return [
        Problem(
            files_by_id[definition.id],
            None,
            "section",
            f"'{definition.section}' is not a section in kpicli.yaml",
            "use one of " + ", ".join(sorted(sections)),
        )
        for definition in definitions.values()
        if definition.section not in sections
    ]
