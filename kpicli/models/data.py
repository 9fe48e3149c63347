"""The figures read from the extracts, and the whole loaded project."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from kpicli.errors import Problem
from kpicli.models.areas import AreaSetup, AuthorityValue, Symbol, Unpublished
from kpicli.models.config import ActionLog, PaperRegister, ProjectConfig
from kpicli.models.definition import IndicatorDefinition
from kpicli.models.narrative import OfficerNarrative
from kpicli.periods import Period

HEADLINE = ""


class Observation(NamedTuple):
    """One figure for one indicator, period and variant (HEADLINE is the main series).

    A named tuple rather than a frozen dataclass: as immutable, and made in a third of the
    time, which counts with a row for every indicator and month."""

    indicator: str
    period: Period
    value: float
    numerator: float | None = None
    denominator: float | None = None
    variant: str = HEADLINE
    note: str = ""


@dataclass(frozen=True, slots=True)
class BenchmarkValue:
    indicator: str
    period: Period
    area: str
    value: float
    # When the figure was published: a paper uses only figures published by its meeting.
    published: dt.date | None = None
    flags: tuple[Symbol, ...] = ()
    # For an average kpicli works out (statistical neighbours): how many areas had a figure,
    # of how many named.
    count: int | None = None
    of: int | None = None


@dataclass(frozen=True, slots=True)
class BreakdownCell:
    indicator: str
    period: Period
    dimension: str
    category: str
    value: float
    # Where the row is in its extract: a table keeps the extract's order of categories.
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Dataset:
    """Every figure, grouped by indicator id; each group sorted by period."""

    observations: dict[str, tuple[Observation, ...]] = field(default_factory=dict)
    benchmarks: dict[str, tuple[BenchmarkValue, ...]] = field(default_factory=dict)
    breakdowns: dict[str, tuple[BreakdownCell, ...]] = field(default_factory=dict)
    # Every local authority's figure, where benchmarks.csv gives them (for ranks, quartiles
    # and the statistical neighbours' average).
    authorities: dict[str, tuple[AuthorityValue, ...]] = field(default_factory=dict)
    # Comparators' figures the source marks as not published, with the reason.
    unpublished: dict[str, tuple[Unpublished, ...]] = field(default_factory=dict)
    # Our own figures values.csv marks as missing for a reason ([c] suppressed by DfE...).
    missing: dict[str, tuple[Unpublished, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Project:
    """A loaded, validated papers project."""

    root: Path
    config: ProjectConfig
    definitions: tuple[IndicatorDefinition, ...]
    data: Dataset
    actions: ActionLog
    papers: PaperRegister
    input_files: tuple[Path, ...]
    warnings: tuple[Problem, ...] = ()
    # Information only (rows later than the report period `validate --period` was given).
    notes: tuple[Problem, ...] = ()
    # Where each definition was written (its file, and the line of each top-level key), so
    # later warnings can point at the key they are about.
    definition_sources: Mapping[str, tuple[str, Mapping[str, int]]] = field(default_factory=dict)
    # kpicli.yaml's benchmarking (own area, region, statistical neighbours), resolved.
    areas: AreaSetup | None = None
    # Officer narrative by report period and indicator id, read and checked in load.
    narrative: Mapping[str, Mapping[str, OfficerNarrative]] = field(default_factory=dict)

    def definition_source(self, indicator_id: str, key: str = "id") -> tuple[str, int | None]:
        """The definition's file and the line of `key` in it (of its id, if `key` is not written)."""
        if indicator_id not in self.definition_sources:
            return f"indicator_defs ({indicator_id})", None
        file, lines = self.definition_sources[indicator_id]
        return file, lines.get(key, lines.get("id"))

    def definition(self, indicator_id: str) -> IndicatorDefinition:
        return next(d for d in self.definitions if d.id == indicator_id)
