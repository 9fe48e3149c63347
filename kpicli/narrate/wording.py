"""The commentary's words, read from `sentences.yaml`: the default one, then a project's own.

A project's `templates/sentences.yaml` replaces sentences key by key. Placeholders are filled by
plain substitution (never `str.format`), so a house-style file cannot reach into Python objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kpicli.errors import InputError
from kpicli.load.wording import PLACEHOLDER, read_wording


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


@lru_cache(maxsize=8)
def load_wording(project_templates: Path | None) -> Wording:
    """Default wording, overridden key by key by the project's own file; read once per folder.
    `load` has already checked the files (read_wording is the one reader), so in a build this
    never fails."""
    merged, problems = read_wording(project_templates)
    if problems:
        raise InputError(problems)
    return Wording(merged["sentences"], merged["words"], merged["areas"], merged["area_averages"])
