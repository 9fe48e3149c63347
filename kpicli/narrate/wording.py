"""The commentary's words, read from `sentences.yaml`: the default one, then a project's own.

A project's `templates/sentences.yaml` replaces sentences key by key. Placeholders are filled by
plain substitution (never `str.format`), so a house-style file cannot reach into Python objects.
A sentence may be a list of alternatives saying the same thing: each indicator takes one of
them, always the same one, so that a paper of forty indicators does not repeat one phrase forty
times.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kpicli.errors import InputError
from kpicli.formatting import upper_first
from kpicli.load.wording import PLACEHOLDER, Entries, read_wording


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
        return upper_first(self.clause(key, pick, **slots))

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
    return Wording(
        merged["sentences"],
        *(
            {key: texts[0] for key, texts in merged[name].items()}
            for name in ("words", "areas", "area_averages")
        ),
    )
