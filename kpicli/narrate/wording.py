"""The commentary's words, read from `sentences.yaml`: the default one, then a project's own.

A project's `templates/sentences.yaml` replaces sentences key by key. Placeholders are filled by
plain substitution (never `str.format`), so a house-style file cannot reach into Python objects.
A sentence may be a list of alternatives saying the same thing: each indicator takes one of
them, always the same one, so that a paper of forty indicators does not repeat one phrase forty
times.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from kpicli.errors import InputError, Problem
from kpicli.template_paths import default_templates_folder

WORDING_FILE = "sentences.yaml"
SECTIONS = ("sentences", "words", "areas", "area_averages")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


Entries = dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Wording:
    sentences: Entries
    words: dict[str, str]
    areas: dict[str, str]
    area_averages: dict[str, str]

    def clause(self, key: str, pick: int = 0, /, **slots: str) -> str:
        """The words for `key` with its placeholders filled; `pick` chooses among alternatives,
        mixed with the key so that one indicator does not take the first of every list."""
        alternatives = self.sentences[key]
        chosen = alternatives[(pick + zlib.crc32(key.encode())) % len(alternatives)]
        return PLACEHOLDER.sub(lambda match: slots[match.group(1)], chosen)

    def sentence(self, key: str, pick: int = 0, /, **slots: str) -> str:
        text = self.clause(key, pick, **slots)
        return text[:1].upper() + text[1:]

    def area(self, name: str) -> str:
        """The comparator as a noun: 'below London but above statistical neighbours'."""
        return self.areas.get(name, name)

    def area_average(self, name: str) -> str:
        """The comparator before 'average': 'the statistical neighbour average'."""
        return self.area_averages.get(name, self.area(name))


def read_sections(path: Path) -> dict[str, Entries]:
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
    sections: dict[str, Entries] = {}
    for name in SECTIONS:
        entries = loaded.get(name) or {}
        if not isinstance(entries, dict):
            problems.append(Problem(str(path), None, name, "must map names to text"))
            continue
        sections[name] = {}
        for key, value in entries.items():
            if isinstance(value, list) and value and name == "sentences":
                sections[name][str(key)] = tuple(str(item) for item in value)
            elif isinstance(value, list):
                problems.append(
                    Problem(
                        str(path),
                        None,
                        f"{name}.{key}",
                        "must be text, or for a sentence a list of alternatives",
                    )
                )
            else:
                sections[name][str(key)] = (str(value),)
    if problems:
        raise InputError(problems)
    return sections


def check_override(path: Path, default: Entries, override: Entries, section: str) -> list[Problem]:
    """An override may reword a sentence but not invent keys or placeholders."""
    problems = []
    for key, texts in override.items():
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
        known = {name for text in default[key] for name in PLACEHOLDER.findall(text)}
        unknown = {name for text in texts for name in PLACEHOLDER.findall(text)} - known
        if unknown:
            allowed = ", ".join(sorted("{" + name + "}" for name in known)) or "none"
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
    return Wording(
        merged["sentences"],
        *(
            {key: texts[0] for key, texts in merged[name].items()}
            for name in ("words", "areas", "area_averages")
        ),
    )
