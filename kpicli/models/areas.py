"""Areas: England, its regions and its local authorities, and the council's place among them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from kpicli.periods import Period

ENGLAND = "England"
STATISTICAL_NEIGHBOURS = "Statistical neighbours"


class AreaKind(StrEnum):
    COUNTRY = "country"
    REGION = "region"
    SUBREGION = "subregion"
    LOCAL_AUTHORITY = "local_authority"


@dataclass(frozen=True, slots=True)
class Area:
    """One area as DfE publishes it: its DfE code (305), ONS code (E09000006) and name."""

    kind: AreaKind
    code: str
    gss_code: str
    name: str
    # For a local authority its region ("London"); for Inner or Outer London, "London".
    region: str = ""
    # Inner or Outer London, for a London authority.
    part_of_region: str = ""
    other_names: tuple[str, ...] = ()


class Symbol(StrEnum):
    """The GSS and DfE symbols for a figure that is missing for a reason, or flagged."""

    SUPPRESSED = "c"
    NOT_AVAILABLE = "x"
    NOT_APPLICABLE = "z"
    LOW_RELIABILITY = "u"
    PROVISIONAL = "p"
    REVISED = "r"

    @property
    def shown(self) -> str:
        return f"[{self.value}]"


# Symbols that stand for a figure, as opposed to flags on a figure that is given.
MISSING_SYMBOLS = frozenset(
    {Symbol.SUPPRESSED, Symbol.NOT_AVAILABLE, Symbol.NOT_APPLICABLE, Symbol.LOW_RELIABILITY}
)


@dataclass(frozen=True, slots=True)
class AuthorityValue:
    """One local authority's published figure for an indicator and period (benchmarks.csv)."""

    indicator: str
    period: Period
    code: str
    name: str
    region: str
    value: float
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Unpublished:
    """A figure the source marks as missing for a reason ([c] suppressed, [x] not available...),
    so the paper can say why rather than 'not yet available'."""

    indicator: str
    period: Period
    area: str
    symbol: Symbol
    variant: str = ""
    # A local authority's figure (benchmarks.csv) rather than a comparator's or ours.
    is_authority: bool = False


@dataclass(frozen=True, slots=True)
class AreaSetup:
    """kpicli.yaml's `benchmarking`, resolved against the areas kpicli knows."""

    # The council's own area, or None when it is not in the published data (then its figure
    # is ranked as one more authority among the others).
    area: Area | None
    region: str
    neighbours: tuple[Area, ...]
    neighbours_source: str = ""
