"""The commentary's words in `sentences.yaml`: kpicli's own file, then a project's overrides.

Read and checked in load, with the line of every problem: an override may reword a sentence
but not invent sentences or placeholders.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kpicli.errors import Problem
from kpicli.load.files import read_user_text
from kpicli.load.yaml_lines import LineDict
from kpicli.load.yaml_models import parse_yaml_text
from kpicli.template_paths import default_templates_folder

WORDING_FILE = "sentences.yaml"
SECTIONS = ("sentences", "words", "areas", "area_averages")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Sections whose names are comparator areas, which a project may add.
OPEN_SECTIONS = frozenset({"areas", "area_averages"})
# Each entry's text, or for a sentence its alternatives (each indicator takes one of them).
Entries = dict[str, tuple[str, ...]]
Sections = dict[str, Entries]


def read_wording(project_templates: Path | None, root: Path | None = None) -> tuple[Sections, list[Problem]]:
    """The default sections overridden key by key by the project's file, and every problem."""
    merged, problems, _ = read_sections(default_templates_folder() / WORDING_FILE, WORDING_FILE)
    if project_templates is None:
        return merged, problems
    path = project_templates / WORDING_FILE
    if not path.exists() and not path.is_symlink():
        return merged, problems
    shown = f"templates/{WORDING_FILE}"
    override, found, document = read_sections(path, shown, root)
    problems += found
    for section in SECTIONS:
        problems += check_override(shown, document, section, merged[section], override[section])
        merged[section] = {**merged[section], **override[section]}
    return merged, problems


def read_sections(path: Path, shown: str, root: Path | None = None) -> tuple[Sections, list[Problem], Any]:
    empty: Sections = {name: {} for name in SECTIONS}
    text, problems = read_user_text(path, shown, root=root)
    if text is None:
        return empty, problems, None
    loaded, problems = parse_yaml_text(text, shown)
    if problems:
        return empty, problems, None
    loaded = loaded if loaded is not None else LineDict()
    if not isinstance(loaded, dict):
        return (
            empty,
            [Problem(shown, 1, "", "must be a mapping of sections", "see the default sentences.yaml")],
            None,
        )
    problems = [
        Problem(shown, line(loaded, key), str(key), "is not a section", f"use {', '.join(SECTIONS)}")
        for key in loaded
        if key not in SECTIONS
    ]
    sections: Sections = {}
    for name in SECTIONS:
        entries = loaded.get(name) or {}
        sections[name] = {}
        if not isinstance(entries, dict):
            problems.append(
                Problem(shown, line(loaded, name), name, "must map names to text", "write name: text lines")
            )
            continue
        for key, value in entries.items():
            texts = alternatives(value) if name == "sentences" else alternatives(value, 1)
            if texts is None:
                problems.append(
                    Problem(
                        shown,
                        line(entries, key),
                        f"{name}.{key}",
                        "must be text" + (", or a list of alternatives" if name == "sentences" else ""),
                        "put the words in quotes",
                    )
                )
                continue
            sections[name][str(key)] = texts
    return sections, problems, loaded


def alternatives(value: Any, most: int | None = None) -> tuple[str, ...] | None:
    """A text, or a non-empty list of texts (at most `most`), as a tuple; None if neither."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return (str(value),)
    if not isinstance(value, list) or not value or (most is not None and len(value) > most):
        return None
    if all(isinstance(item, str | int | float) and not isinstance(item, bool) for item in value):
        return tuple(str(item) for item in value)
    return None


def line(mapping: Any, key: object) -> int | None:
    if isinstance(mapping, LineDict):
        return mapping.key_lines.get(key, mapping.start_line)
    return None


def check_override(
    shown: str, document: Any, section: str, default: Entries, override: Entries
) -> list[Problem]:
    """An override may reword a sentence but not invent keys or placeholders."""
    if section in OPEN_SECTIONS:
        return []
    entries = document.get(section) if isinstance(document, dict) else None
    problems = []
    for key, texts in override.items():
        where = line(entries, key)
        if key not in default:
            problems.append(
                Problem(
                    shown,
                    where,
                    f"{section}.{key}",
                    "is not a known sentence",
                    "check the spelling against the default sentences.yaml",
                )
            )
            continue
        known = {name for text in default[key] for name in PLACEHOLDER.findall(text)}
        unknown = {name for text in texts for name in PLACEHOLDER.findall(text)} - known
        if unknown:
            allowed = ", ".join(sorted("{" + name + "}" for name in known)) or "none"
            problems.append(
                Problem(
                    shown,
                    where,
                    f"{section}.{key}",
                    f"uses unknown placeholder(s) {', '.join(sorted(unknown))}",
                    f"this sentence may use {allowed}",
                )
            )
    return problems
