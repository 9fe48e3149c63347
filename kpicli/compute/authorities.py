"""Every authority's figures: the statistical neighbours' average, and where the council ranks.

Averages, ranks and quartiles over every authority are table work, done with pandas. pandas
is imported only when benchmarks.csv gives authorities' figures, so a project without them (and
`kpicli --help`, `validate`, the 1,000-indicator benchmark) never pays the 0.4 s its import
takes.

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
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kpicli.compute.benchmarks import our_figure_for
from kpicli.models.areas import STATISTICAL_NEIGHBOURS, AreaSetup, AuthorityValue
from kpicli.models.data import BenchmarkValue, Observation
from kpicli.models.definition import IndicatorDefinition, Polarity
from kpicli.models.facts import Cell, Standing
from kpicli.periods import Period

if TYPE_CHECKING:
    import pandas as pd

QUARTILES = (0.25, 0.5, 0.75)


def is_published_by(published: dt.date | None, cutoff: dt.date | None) -> bool:
    return published is None or cutoff is None or published <= cutoff


def authority_table(rows: Sequence[AuthorityValue]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(
        {
            "end": [row.period.end for row in rows],
            "name": [row.name for row in rows],
            "region": [row.region for row in rows],
            "value": [row.value for row in rows],
            "published": [row.published for row in rows],
        }
    )


def neighbour_averages(
    definition: IndicatorDefinition, rows: Sequence[AuthorityValue], setup: AreaSetup
) -> list[BenchmarkValue]:
    """The statistical neighbours' average for every period any of them has a figure: the
    mean of those that have one (as DfE's own averages are), with how many had one."""
    if not rows or not setup.neighbours:
        return []
    table = authority_table(rows)
    names = [area.name for area in setup.neighbours]
    periods = {row.period.end: row.period for row in rows}
    grouped = (
        table[table["name"].isin(names)]
        .groupby("end")
        .agg(value=("value", "mean"), count=("value", "size"), published=("published", "max"))
    )
    return [
        BenchmarkValue(
            definition.id,
            periods[int(end)],
            STATISTICAL_NEIGHBOURS,
            float(mean),
            published=published if isinstance(published, dt.date) else None,
            count=int(count),
            of=len(names),
        )
        for end, mean, count, published in zip(
            grouped.index, grouped["value"], grouped["count"], grouped["published"], strict=True
        )
    ]


def with_neighbour_averages(
    definition: IndicatorDefinition,
    benchmarks: Sequence[BenchmarkValue],
    rows: Sequence[AuthorityValue],
    setup: AreaSetup | None,
) -> tuple[BenchmarkValue, ...]:
    """The definition's benchmarks, with the neighbours' average worked out by kpicli in place
    of any typed for the same period."""
    if setup is None or STATISTICAL_NEIGHBOURS not in definition.comparators + rule_areas(definition):
        return tuple(benchmarks)
    averages = neighbour_averages(definition, rows, setup)
    if not averages:
        return tuple(benchmarks)
    worked_out = {average.period.end for average in averages}
    kept = [b for b in benchmarks if not (b.area == STATISTICAL_NEIGHBOURS and b.period.end in worked_out)]
    return tuple(sorted([*kept, *averages], key=lambda b: (b.area, b.period.end)))


def rule_areas(definition: IndicatorDefinition) -> list[str]:
    rule = definition.rag
    return list(getattr(rule, "comparators", []))


def rank_period(
    rows: Sequence[AuthorityValue],
    known: Sequence[Observation],
    definition: IndicatorDefinition,
) -> tuple[Period, float] | None:
    """The period to rank, like for like as comparisons are: the latest period of every
    authority's figures if we have our figure for it, or, when our latest figure is older,
    the latest of theirs that we have ours for. No rank when there is none."""
    if not rows or not known:
        return None
    by_end = {observation.period.end: observation for observation in known}
    periods = sorted({row.period for row in rows}, key=lambda period: period.end)
    latest = known[-1].period
    candidates = [periods[-1]]
    if latest.end < periods[-1].end:
        candidates = [period for period in reversed(periods) if period.end <= latest.end]
    for period in candidates:
        ours = our_figure_for(period, by_end, definition)
        if ours is not None and ours[0] is not None:
            return period, ours[0]
    return None


def quartile_of(value: float, cuts: Sequence[float], polarity: Polarity) -> int:
    """1 (band A, the best quarter) to 4 (band D), by DfE's LAIT convention."""
    low_band = 1 + sum(value > cut for cut in cuts)  # 1 when at or below the 25th percentile
    return low_band if polarity is Polarity.LOWER_IS_BETTER else 5 - low_band


def compute_standing(
    definition: IndicatorDefinition,
    known: Sequence[Observation],
    rows: Sequence[AuthorityValue],
    setup: AreaSetup | None,
    report_month: int,
    cutoff: dt.date | None,
    decimals: int | None,
) -> Standing | None:
    """Where our figure ranks among every authority's for the same period."""
    if definition.polarity is Polarity.NEUTRAL or setup is None:
        return None
    usable = [r for r in rows if r.period.end <= report_month and is_published_by(r.published, cutoff)]
    chosen = rank_period(usable, known, definition)
    if chosen is None:
        return None
    period, ours = chosen
    own = setup.area.name if setup.area is not None else None
    import pandas as pd

    table = authority_table([r for r in usable if r.period.end == period.end and r.name != own])
    if table.empty:
        return None
    ascending = definition.polarity is Polarity.LOWER_IS_BETTER
    everyone = pd.concat([table["value"], pd.Series([ours])], ignore_index=True)
    england_rank = int(everyone.rank(method="min", ascending=ascending).iloc[-1])
    in_region = table[table["region"] == setup.region]["value"]
    region = pd.concat([in_region, pd.Series([ours])], ignore_index=True)
    region_rank = int(region.rank(method="min", ascending=ascending).iloc[-1])
    cuts = [float(cut) for cut in everyone.quantile(list(QUARTILES))]
    return Standing(
        period=period,
        local=Cell.of(ours),
        region=setup.region,
        region_rank=Cell.of(region_rank) if setup.region and len(in_region) else Cell(None),
        region_count=len(region) if setup.region and len(in_region) else 0,
        england_rank=Cell.of(england_rank),
        england_count=len(everyone),
        quartile=Cell.of(quartile_of(ours, cuts, definition.polarity)),
        decimals=decimals,
        added=setup.area is None,
    )
