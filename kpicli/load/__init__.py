"""Stage 1, load: read kpicli.yaml, the indicator definitions and the extracts into a Project.

Every problem is collected and raised together as an InputError; nothing later runs on
invalid input.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from kpicli.errors import InputError, Problem, Severity, capped, errors_only, notes_only, warnings_only
from kpicli.load.areas import check_comparators, resolve_benchmarking
from kpicli.load.dataset import RowContext, build_dataset
from kpicli.load.extracts import MISSING_EXTRACT
from kpicli.load.narrative import parse_narrative, read_narrative, unknown_narrative_files
from kpicli.load.plausible import implausible_series
from kpicli.load.sources import read_source
from kpicli.load.templates import TEMPLATES_FOLDER, check_templates
from kpicli.load.wording import read_wording
from kpicli.load.yaml_lines import line_of
from kpicli.load.yaml_models import load_model
from kpicli.models.config import ActionLog, PaperRegister, ProjectConfig
from kpicli.models.data import Project
from kpicli.models.definition import IndicatorDefinition

CONFIG_FILE = "kpicli.yaml"
DEFINITIONS_FOLDER = "indicator_defs"


def relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True, slots=True)
class Source:
    """Where a loaded definition was written, so cross-file checks can name the line."""

    file: str
    document: Any

    def line(self, key: str) -> int | None:
        return line_of(self.document, (key,))

    def key_lines(self) -> dict[str, int]:
        return {key: line for key in self.document if (line := self.line(key)) is not None}


@dataclass(slots=True)
class Definitions:
    by_id: dict[str, IndicatorDefinition] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    # Ids named by definition files that failed to load; their rows are not checked.
    unchecked: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    # The first id given each number, so a repeated number is found without a scan.
    numbers: dict[int, str] = field(default_factory=dict)


def load_project(root: Path, report_month: int | None = None) -> Project:
    """Load and validate a papers project; raise InputError listing every problem.

    With `report_month`, rows later than it are reported as warnings (a build ignores them)."""
    root = root.resolve()
    if not root.is_dir():
        raise InputError([Problem(root.as_posix(), None, "", "is not a folder", "pass --project DIR")])
    problems: list[Problem] = []
    config, config_document = load_config(root, problems)
    definitions = load_definitions(root)
    problems += definitions.problems
    actions, found = load_optional(root, "actions.yaml", ActionLog)
    problems += found
    papers, found = load_optional(root, "papers.yaml", PaperRegister)
    problems += found
    if config is not None:
        problems += check_sections(definitions, config)
    problems += check_templates(root)
    problems += read_wording(root / TEMPLATES_FOLDER, root)[1]
    texts, found = read_narrative(root)
    problems += found
    problems += unknown_narrative_files(texts, definitions.by_id, definitions.unchecked)
    narrative, found = parse_narrative(texts)
    problems += found
    raw, found, data_files = read_source(root, config)
    if config is None:
        # kpicli.yaml did not load, and it may name another folder or source for the extracts:
        # one missing from the default folder is no news.
        found = [problem for problem in found if problem.message != MISSING_EXTRACT]
    problems += found
    problems += check_comparators(
        definitions.by_id,
        {key: (source.file, source.document) for key, source in definitions.sources.items()},
        {row.get("area") for row in raw["benchmarks.csv"]},
    )
    context = RowContext(definitions.by_id, frozenset(definitions.unchecked), report_month)
    dataset, with_rows, found = build_dataset(raw, context)
    problems += found
    problems += implausible_series(dataset, definitions.by_id, raw["values.csv"])
    # With no readable values at all the error already says why; one warning per indicator
    # would only bury it.
    if raw["values.csv"] or not errors_only(problems):
        problems += definitions_without_rows(definitions, with_rows)
    areas = None
    if config is not None:
        areas, found = resolve_benchmarking(config, config_document, dataset.authorities, CONFIG_FILE)
        problems += found
    if errors_only(problems) or config is None or actions is None or papers is None:
        raise InputError(capped(problems))
    inputs = [root / CONFIG_FILE, *definitions.files, *data_files]
    inputs += [root / name for name in ("actions.yaml", "papers.yaml")]
    return Project(
        root=root,
        config=config,
        definitions=tuple(sorted(definitions.by_id.values(), key=lambda d: (d.number, d.id))),
        data=dataset,
        actions=actions,
        papers=papers,
        input_files=tuple(path for path in inputs if path.is_file()),
        warnings=tuple(sorted(capped(warnings_only(problems)))),
        notes=tuple(sorted(capped(notes_only(problems)))),
        definition_sources={key: (src.file, src.key_lines()) for key, src in definitions.sources.items()},
        areas=areas,
        narrative=narrative,
    )


def load_config(root: Path, problems: list[Problem]) -> tuple[ProjectConfig | None, Any]:
    """kpicli.yaml, and its line-recording document for later checks to point into."""
    if not (root / CONFIG_FILE).is_file():
        problems.append(
            Problem(
                CONFIG_FILE,
                None,
                "",
                f"not found in {root}",
                "run kpicli in a papers project, or pass --project DIR",
            )
        )
        return None, None
    config, found, document = load_model(root / CONFIG_FILE, ProjectConfig, CONFIG_FILE)
    problems += found
    return config, document


def load_definitions(root: Path) -> Definitions:
    folder = root / DEFINITIONS_FOLDER
    result = Definitions(files=sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")))
    if not result.files:
        hint = "add one YAML file per indicator"
        result.problems.append(Problem(DEFINITIONS_FOLDER, None, "", "holds no indicator definitions", hint))
    for path in result.files:
        add_definition(result, path, relative(path, root))
    return result


def add_definition(result: Definitions, path: Path, shown: str) -> None:
    definition, found, document = load_model(path, IndicatorDefinition, shown)
    result.problems += found
    source = Source(shown, document)
    if definition is None:
        named = document.get("id") if isinstance(document, dict) else None
        result.unchecked.add(path.stem)
        if isinstance(named, str):
            result.unchecked.add(named)
        return
    first = result.sources.get(definition.id)
    if first is not None:
        message = f"'{definition.id}' is already used by {first.file}"
        result.problems.append(
            Problem(shown, source.line("id"), "id", message, "each indicator needs its own id")
        )
        return
    other_id = result.numbers.setdefault(definition.number, definition.id)
    if other_id != definition.id:
        message = f"{definition.number} is already used by {result.sources[other_id].file}"
        result.problems.append(
            Problem(
                shown,
                source.line("number"),
                "number",
                message,
                "indicator numbers must be unique",
            )
        )
    result.by_id[definition.id] = definition
    result.sources[definition.id] = source


OptionalModel = TypeVar("OptionalModel", ActionLog, PaperRegister)


def load_optional(
    root: Path, name: str, model: type[OptionalModel]
) -> tuple[OptionalModel | None, list[Problem]]:
    path = root / name
    if not path.exists() and not path.is_symlink():
        return model(), []
    loaded, problems, _ = load_model(path, model, name)
    return loaded, problems


def check_sections(definitions: Definitions, config: ProjectConfig) -> list[Problem]:
    sections = sorted(section.id for section in config.sections)
    problems: list[Problem] = []
    for definition in definitions.by_id.values():
        if definition.section in sections:
            continue
        source = definitions.sources[definition.id]
        close = difflib.get_close_matches(definition.section, sections, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "use one of " + ", ".join(sections)
        message = f"'{definition.section}' is not a section in kpicli.yaml"
        problems.append(Problem(source.file, source.line("section"), "section", message, hint))
    return problems


def definitions_without_rows(definitions: Definitions, with_rows: set[str]) -> list[Problem]:
    return [
        Problem(
            source.file,
            source.line("id"),
            "id",
            f"'{indicator}' has no rows in values.csv",
            "add its figures to the extract, or remove the definition",
            Severity.WARNING,
        )
        for indicator, source in sorted(definitions.sources.items())
        if indicator not in with_rows
    ]
