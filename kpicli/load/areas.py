"""England, its regions and its local authorities, from the reference list kpicli ships.

`kpicli/reference/areas.csv` is written by scripts/make_reference_areas.py from DfE's
published data (Open Government Licence v3.0): every authority DfE has published children's
services figures for since 2013, with its DfE code, ONS code, region and other names. It lets a
user name an authority any of the ways DfE does: Bromley, E09000006 or 305.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

from kpicli.errors import Problem
from kpicli.load.yaml_lines import line_of
from kpicli.models.areas import STATISTICAL_NEIGHBOURS, Area, AreaKind, AreaSetup, AuthorityValue
from kpicli.models.config import ProjectConfig
from kpicli.models.definition import BenchmarkRule, IndicatorDefinition

SPACES = re.compile(r"[\s_]+")


def key_of(text: str) -> str:
    """Names compared as people mean them: 'Kingston Upon Hull, City of' is 'Kingston upon
    Hull, City of'; 'Bedford Borough' stays distinct from 'Bedford' unless listed as its other name."""
    return SPACES.sub(" ", text.strip().casefold().replace("&", "and"))


@dataclass(frozen=True, slots=True)
class AreaRegister:
    areas: tuple[Area, ...]
    by_key: dict[str, Area] = field(default_factory=dict)

    @classmethod
    def of(cls, areas: tuple[Area, ...]) -> AreaRegister:
        register = cls(areas)
        # Names and codes of areas that no longer exist are kept, but a current area's own
        # name or code wins over another's old one.
        for area in reversed(areas):
            for name in area.other_names:
                register.by_key[key_of(name)] = area
        for area in areas:
            for name in (area.name, area.code, area.gss_code):
                if name:
                    register.by_key[key_of(name)] = area
        return register

    def find(self, text: str) -> Area | None:
        """The area named or coded `text`, or None."""
        return self.by_key.get(key_of(text)) if text.strip() else None

    def suggest(self, text: str) -> str | None:
        names = [area.name for area in self.areas]
        close = difflib.get_close_matches(text.strip(), names, n=1, cutoff=0.75)
        return close[0] if close else None

    def authorities(self) -> list[Area]:
        return [area for area in self.areas if area.kind is AreaKind.LOCAL_AUTHORITY]


@lru_cache(maxsize=1)
def reference_areas() -> AreaRegister:
    text = files("kpicli").joinpath("reference", "areas.csv").read_text(encoding="utf-8")
    areas = tuple(
        Area(
            kind=AreaKind(row["kind"]),
            code=row["code"],
            gss_code=row["gss_code"],
            name=row["name"],
            region=row["region"],
            part_of_region=row["part_of_region"],
            other_names=tuple(name for name in row["other_names"].split("|") if name),
        )
        for row in csv.DictReader(io.StringIO(text, newline=""))
    )
    return AreaRegister.of(areas)


def authorities_in(dataset_authorities: Mapping[str, tuple[AuthorityValue, ...]]) -> dict[str, Area]:
    """Authorities benchmarks.csv gives figures for that the reference list does not know
    (by name and by code), so kpicli.yaml can name them too."""
    distinct = {(row.name, row.code, row.region) for rows in dataset_authorities.values() for row in rows}
    found: dict[str, Area] = {}
    for name, code, region in sorted(distinct):
        area = Area(AreaKind.LOCAL_AUTHORITY, code, "", name, region)
        found.setdefault(key_of(name), area)
        if code:
            found.setdefault(key_of(code), area)
    return found


def resolve_benchmarking(
    config: ProjectConfig,
    document: Any,
    authorities: Mapping[str, tuple[AuthorityValue, ...]],
    shown: str,
) -> tuple[AreaSetup | None, list[Problem]]:
    """kpicli.yaml's `benchmarking`, every name checked against the areas kpicli knows."""
    settings = config.benchmarking
    if settings is None:
        return None, []
    register = reference_areas()
    extra = authorities_in(authorities)
    problems: list[Problem] = []

    def resolve(text: str, location: tuple[str | int, ...]) -> Area | None:
        area = register.find(text) or extra.get(key_of(text))
        if area is None or area.kind is not AreaKind.LOCAL_AUTHORITY:
            close = register.suggest(text)
            hint = (
                f"did you mean '{close}'?"
                if close
                else "give an English local authority's name, ONS code or DfE code"
            )
            what = "is not a local authority" if area is not None else "is not an area kpicli knows"
            field = ".".join(str(step) for step in location)
            problems.append(Problem(shown, line_of(document, location), field, f"'{text}' {what}", hint))
            return None
        return area

    own = resolve(settings.area, ("benchmarking", "area")) if settings.area else None
    neighbours = [
        resolve(name, ("benchmarking", "statistical_neighbours", index))
        for index, name in enumerate(settings.statistical_neighbours)
    ]
    region = settings.region or (own.region if own is not None else "")
    if settings.region:
        found = register.find(settings.region)
        if found is None or found.kind is not AreaKind.REGION:
            regions = ", ".join(area.name for area in register.areas if area.kind is AreaKind.REGION)
            problems.append(
                Problem(
                    shown,
                    line_of(document, ("benchmarking", "region")),
                    "benchmarking.region",
                    f"'{settings.region}' is not an English region",
                    f"use one of {regions}",
                )
            )
        else:
            region = found.name
    if problems:
        return None, problems
    setup = AreaSetup(
        area=own,
        region=region,
        neighbours=tuple(area for area in neighbours if area is not None),
        neighbours_source=settings.neighbours_source or "",
    )
    return setup, []


def comparator_names(register: AreaRegister) -> list[str]:
    """What a definition may compare with besides a comparator of its own: England, a region,
    Inner or Outer London, or the statistical neighbours' average."""
    kinds = (AreaKind.COUNTRY, AreaKind.REGION, AreaKind.SUBREGION)
    return [area.name for area in register.areas if area.kind in kinds] + [STATISTICAL_NEIGHBOURS]


def checked_comparator(
    name: str, register: AreaRegister, own_names: Collection[str]
) -> tuple[str, str | None]:
    """The comparator's name as kpicli knows it ('england' is England: unambiguous whatever
    the case), and a did-you-mean when it is close to a known area but none of them; a name of
    the project's own (a comparator benchmarks.csv gives figures for) is kept."""
    if name in own_names:
        return name, None
    if key_of(name) == key_of(STATISTICAL_NEIGHBOURS):
        return STATISTICAL_NEIGHBOURS, None
    area = register.find(name)
    if area is not None and area.kind is not AreaKind.LOCAL_AUTHORITY:
        exact = name in (area.name, area.code, area.gss_code, *area.other_names)
        return (name if exact else area.name), None
    known = comparator_names(register)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6) or difflib.get_close_matches(
        name.casefold(), [item.casefold() for item in known], n=1, cutoff=0.6
    )
    if not close:
        return name, None
    suggested = next(item for item in known if item.casefold() == close[0].casefold())
    return name, suggested


def check_comparators(
    definitions: dict[str, IndicatorDefinition],
    sources: Mapping[str, tuple[str, Any]],
    benchmark_areas: Collection[str],
) -> list[Problem]:
    """Each definition's comparators named as kpicli knows them, the definitions rewritten in
    place; a name close to a known area but none of them is an error (a misspelt comparator
    would otherwise drop out of every paper with only a warning at build time)."""
    register = reference_areas()
    problems: list[Problem] = []
    for indicator, definition in list(definitions.items()):
        file, document = sources[indicator]
        lists: list[tuple[tuple[str, ...], list[str]]] = [(("comparators",), definition.comparators)]
        if isinstance(definition.rag, BenchmarkRule):
            lists.append((("rag", "comparators"), definition.rag.comparators))
        renamed: dict[tuple[str, ...], list[str]] = {}
        for location, names in lists:
            named = []
            for index, name in enumerate(names):
                canonical, suggested = checked_comparator(name, register, benchmark_areas)
                named.append(canonical)
                if suggested is not None:
                    problems.append(
                        Problem(
                            file,
                            line_of(document, (*location, index)),
                            ".".join(location),
                            f"'{name}' is not an area kpicli knows, nor one benchmarks.csv gives figures for",
                            f"did you mean '{suggested}'?",
                        )
                    )
            if named != names:
                renamed[location] = named
        if renamed:
            definitions[indicator] = with_comparators(definition, renamed)
    return problems


def with_comparators(
    definition: IndicatorDefinition, renamed: Mapping[tuple[str, ...], list[str]]
) -> IndicatorDefinition:
    update: dict[str, Any] = {}
    if ("comparators",) in renamed:
        update["comparators"] = renamed["comparators",]
    if ("rag", "comparators") in renamed and isinstance(definition.rag, BenchmarkRule):
        update["rag"] = definition.rag.model_copy(update={"comparators": renamed["rag", "comparators"]})
    return definition.model_copy(update=update)
