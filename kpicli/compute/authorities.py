"""Every authority's figures: the statistical neighbours' average, and where the council ranks.

Averages, ranks and quartiles over every authority are table work: one pandas table of every
authority's figures (AuthorityTable), grouped once. pandas is imported only when benchmarks.csv
gives authorities' figures, so a project without them (and `kpicli --help` and `validate`) never
pays the 0.4 s its import takes.

Ranks and quartiles follow DfE's convention in LAIT, the Local Authority Interactive Tool:
rank 1 is the best figure (the lowest where lower is better), ties share the better rank, and
quartile band A is the best quarter of authorities, cut at the 25th, 50th and 75th percentiles
of every authority's figure (linear interpolation, as R's and pandas' quantile do by default).
An indicator where neither higher nor lower is better has no rank or band. The council's own
published row is replaced by its own figure; a council not in DfE's data is ranked as one more
authority among the others.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from kpicli.compute.benchmarks import is_published_by, our_figure_for
from kpicli.models.areas import STATISTICAL_NEIGHBOURS, AreaSetup, AuthorityValue
from kpicli.models.data import BenchmarkValue, Observation
from kpicli.models.definition import IndicatorDefinition, Polarity
from kpicli.models.facts import Cell, Standing
from kpicli.periods import Period

QUARTILES = (0.25, 0.5, 0.75)


class AuthorityTable:
    """Every authority's figure for every indicator and period in one pandas table, built once
    per project: the neighbours' averages are one group-by over it, and each rank reads the
    figures of one indicator and period (1,000 indicators' ranks and averages take a fraction of
    a second this way, where a table per indicator took seconds)."""

    def __init__(self, authorities: Mapping[str, Sequence[AuthorityValue]]) -> None:
        import pandas as pd

        rows = [row for group in authorities.values() for row in group]
        self.periods = {(row.indicator, row.period.end): row.period for row in rows}
        self.frame = pd.DataFrame(
            {
                "indicator": [row.indicator for row in rows],
                "end": [row.period.end for row in rows],
                "name": [row.name for row in rows],
                "region": [row.region for row in rows],
                "value": [row.value for row in rows],
                "published": [row.published for row in rows],
            }
        )
        values = self.frame["value"].to_numpy(dtype=float)
        names = self.frame["name"].to_numpy(dtype=object)
        regions = self.frame["region"].to_numpy(dtype=object)
        published = self.frame["published"].to_numpy(dtype=object)
        self.groups: dict[tuple[str, int], Figures] = {}
        for key, at in self.frame.groupby(["indicator", "end"]).indices.items():
            pair: tuple[Any, Any] = key  # type: ignore[assignment]
            self.groups[str(pair[0]), int(pair[1])] = Figures(
                values[at], names[at], regions[at], published[at]
            )
        self.ends: dict[str, list[int]] = {}
        for indicator, end in sorted(self.groups):
            self.ends.setdefault(indicator, []).append(end)

    def neighbour_averages(self, setup: AreaSetup) -> dict[str, list[BenchmarkValue]]:
        """The statistical neighbours' average for every indicator and period any of them has a
        figure for: the mean of those that have one (as DfE's own averages are), with how many
        had one."""
        names = [area.name for area in setup.neighbours]
        grouped = (
            self.frame[self.frame["name"].isin(names)]
            .groupby(["indicator", "end"])
            .agg(value=("value", "mean"), count=("value", "size"), published=("published", "max"))
        )
        averages: dict[str, list[BenchmarkValue]] = {}
        for (indicator, end), mean, count, published in zip(
            grouped.index, grouped["value"], grouped["count"], grouped["published"], strict=True
        ):
            averages.setdefault(str(indicator), []).append(
                BenchmarkValue(
                    str(indicator),
                    self.periods[str(indicator), int(end)],
                    STATISTICAL_NEIGHBOURS,
                    float(mean),
                    published=published if isinstance(published, dt.date) else None,
                    count=int(count),
                    of=len(names),
                )
            )
        return averages


class Figures(NamedTuple):
    """One indicator's figures for one period, every authority's, as arrays."""

    values: Any
    names: Any
    regions: Any
    published: Any


class Same:
    """A cache key that is its object itself: equal only to a key of the very same object. A
    cache holding the key holds the object, so its id is never reused for another meanwhile."""

    __slots__ = ("value",)

    def __init__(self, value: Mapping[str, Sequence[AuthorityValue]]) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.value is self.value


def authority_table(authorities: Mapping[str, Sequence[AuthorityValue]]) -> AuthorityTable:
    """The table of the project's authorities' figures, built once: compute and disclose ask
    for it for every indicator, and every period of a range for the same figures."""
    return table_of(Same(authorities))


@functools.lru_cache(maxsize=1)
def table_of(authorities: Same) -> AuthorityTable:
    return AuthorityTable(authorities.value)


def with_neighbour_averages(
    definition: IndicatorDefinition,
    benchmarks: Sequence[BenchmarkValue],
    averages: Sequence[BenchmarkValue],
) -> tuple[BenchmarkValue, ...]:
    """The definition's benchmarks, with the neighbours' average worked out by kpicli in place
    of any typed for the same period."""
    if not averages or STATISTICAL_NEIGHBOURS not in definition.comparator_areas:
        return tuple(benchmarks)
    worked_out = {average.period.end for average in averages}
    kept = [b for b in benchmarks if not (b.area == STATISTICAL_NEIGHBOURS and b.period.end in worked_out)]
    return tuple(sorted([*kept, *averages], key=lambda b: (b.area, b.period.end)))


def rank_period(
    ends: Sequence[int],
    periods: Mapping[tuple[str, int], Period],
    known: Sequence[Observation],
    definition: IndicatorDefinition,
) -> tuple[Period, float] | None:
    """The period to rank, like for like as comparisons are: the latest period of every
    authority's figures if we have our figure for it, or, when our latest figure is older,
    the latest of theirs that we have ours for. No rank when there is none."""
    if not ends or not known:
        return None
    by_end = {observation.period.end: observation for observation in known}
    latest = known[-1].period
    candidates = [ends[-1]]
    if latest.end < ends[-1]:
        candidates = [end for end in reversed(ends) if end <= latest.end]
    for end in candidates:
        period = periods[definition.id, end]
        ours = our_figure_for(period, by_end, definition)
        if ours is not None and ours[0] is not None:
            return period, ours[0]
    return None


def quartile_of(value: float, cuts: Sequence[float], polarity: Polarity) -> int:
    """1 (band A, the best quarter) to 4 (band D), by DfE's LAIT convention."""
    low_band = 1 + sum(value > cut for cut in cuts)  # 1 when at or below the 25th percentile
    return low_band if polarity is Polarity.LOWER_IS_BETTER else 5 - low_band


def rank_among(values: Any, ours: float, polarity: Polarity) -> int:
    """1 plus the number of figures better than ours: tied figures share the better rank
    (R's and pandas' rank with ties 'min')."""
    better = values < ours if polarity is Polarity.LOWER_IS_BETTER else values > ours
    return int(better.sum()) + 1


def compute_standing(
    definition: IndicatorDefinition,
    known: Sequence[Observation],
    authorities: Mapping[str, Sequence[AuthorityValue]],
    setup: AreaSetup | None,
    report_month: int,
    cutoff: dt.date | None,
    decimals: int | None,
) -> Standing | None:
    """Where our figure ranks among every authority's for the same period."""
    if definition.polarity is Polarity.NEUTRAL or setup is None or definition.id not in authorities:
        return None
    import numpy as np

    table = authority_table(authorities)
    ends = [end for end in table.ends.get(definition.id, []) if end <= report_month]
    if cutoff is not None:
        ends = [
            e
            for e in ends
            if any(is_published_by(p, cutoff) for p in table.groups[definition.id, e].published)
        ]
    chosen = rank_period(ends, table.periods, known, definition)
    if chosen is None:
        return None
    period, ours = chosen
    figures = table.groups[definition.id, period.end]
    own = setup.area.name if setup.area is not None else None
    keep = np.array(
        [
            name != own and is_published_by(published, cutoff)
            for name, published in zip(figures.names, figures.published, strict=True)
        ],
        dtype=bool,
    )
    others = figures.values[keep]
    if not len(others):
        return None
    in_region = others[figures.regions[keep] == setup.region] if setup.region else others[:0]
    everyone = np.append(others, ours)
    cuts = [float(cut) for cut in np.quantile(everyone, QUARTILES)]
    return Standing(
        period=period,
        local=Cell.of(ours),
        region=setup.region,
        region_rank=Cell.of(rank_among(in_region, ours, definition.polarity))
        if len(in_region)
        else Cell(None),
        region_count=len(in_region) + 1 if len(in_region) else 0,
        england_rank=Cell.of(rank_among(others, ours, definition.polarity)),
        england_count=len(everyone),
        quartile=Cell.of(quartile_of(ours, cuts, definition.polarity)),
        decimals=decimals,
        added=setup.area is None,
    )
