"""The commentary's words, read from `sentences.yaml`: the default one, then a project's own.

A project's `templates/sentences.yaml` replaces sentences key by key. Placeholders are filled by
plain substitution (never `str.format`), so a house-style file cannot reach into Python objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from kpicli.errors import InputError, Problem
from kpicli.template_paths import default_templates_folder

WORDING_FILE = "sentences.yaml"
SECTIONS = ("sentences", "words", "areas", "area_averages")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True, slots=True)
class Wording:
    sentences: dict[str, str]
    words: dict[str, str]
    areas: dict[str, str]
    area_averages: dict[str, str]

    def sentence(self, key: str, **slots: str) -> str:
        text = PLACEHOLDER.sub(lambda match: slots[match.group(1)], self.sentences[key])
        return text[:1].upper() + text[1:]

    def area(self, name: str) -> str:
        """The comparator as a noun: 'below London but above statistical neighbours'."""
        return self.areas.get(name, name)

    def area_average(self, name: str) -> str:
        """The comparator before 'average': 'the statistical neighbour average'."""
        return self.area_averages.get(name, self.area(name))


def read_sections(path: Path) -> dict[str, dict[str, str]]:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except yaml.YAMLError as error:
        raise InputError([Problem(str(path), None, "", f"is not valid YAML: {error}")]) from None
    if not isinstance(loaded, dict):
        raise InputError([Problem(str(path), None, "", "must be a mapping of sections")])
    problems = [
        Problem(str(path), None, str(key), "is not a section", f"use {', '.join(SECTIONS)}")
        for key in loaded
        if key not in SECTIONS
    ]
    sections: dict[str, dict[str, str]] = {}
    for name in SECTIONS:
        entries = loaded.get(name) or {}
        if not isinstance(entries, dict):
            problems.append(Problem(str(path), None, name, "must map names to text"))
            continue
        sections[name] = {str(k): str(v) for k, v in entries.items()}
    if problems:
        raise InputError(problems)
    return sections


def check_override(
    path: Path, default: dict[str, str], override: dict[str, str], section: str
) -> list[Problem]:
    """An override may reword a sentence but not invent keys or placeholders."""
    problems = []
    for key, text in override.items():
        if section in ("areas", "area_averages"):
            continue
        if key not in default:
            problems.append(
                Problem(
                    str(path),
                    None,
                    f"{section}.{key}",
                    "is not a known sentence",
                    "check the spelling against the default sentences.yaml",
                )
            )
            continue
        unknown = set(PLACEHOLDER.findall(text)) - set(PLACEHOLDER.findall(default[key]))
        if unknown:
            allowed = (
                ", ".join(sorted("{" + name + "}" for name in PLACEHOLDER.findall(default[key]))) or "none"
            )
            problems.append(
                Problem(
                    str(path),
                    None,
                    f"{section}.{key}",
                    f"uses unknown placeholder(s) {', '.join(sorted(unknown))}",
                    f"this sentence may use {allowed}",
                )
            )
    return problems


@lru_cache(maxsize=8)
def load_wording(project_templates: Path | None) -> Wording:
    """Default wording, overridden key by key by the project's own file; read once per folder."""
    merged = read_sections(default_templates_folder() / WORDING_FILE)
    override_path = project_templates / WORDING_FILE if project_templates is not None else None
    if override_path is not None and override_path.is_file():
        override = read_sections(override_path)
        problems = [
            p for name in SECTIONS for p in check_override(override_path, merged[name], override[name], name)
        ]
        if problems:
            raise InputError(problems)
        merged = {name: {**merged[name], **override[name]} for name in SECTIONS}
    return Wording(merged["sentences"], merged["words"], merged["areas"], merged["area_averages"])
