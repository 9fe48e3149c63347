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
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

from kpicli.errors import Problem
from kpicli.load.yaml_lines import line_of
from kpicli.models.areas import Area, AreaKind, AreaSetup, AuthorityValue
from kpicli.models.config import ProjectConfig

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
