"""Year-end projection of year-to-date counts, with the basis always stated."""

from __future__ import annotations

from collections.abc import Sequence

from kpicli.models.data import Observation
from kpicli.models.definition import IndicatorDefinition
from kpicli.models.facts import Cell, ProjectionFacts
from kpicli.periods import Frequency, Period, month_label, year_end_month, year_start_month


def value_at(observations: Sequence[Observation], month: int) -> float | None:
    return next((o.value for o in observations if o.period.end == month), None)


def seasonal_share(observations: Sequence[Observation], latest_month: int, year_end: int, years: int) -> tuple[float, list[str]] | None:
    """Average share of the full year reached by this point in each of the last `years` years."""
    shares, workings = [], []
    for back in range(1, years + 1):
        point = value_at(observations, latest_month - 12 * back)
        total = value_at(observations, year_end - 12 * back)
        if point is None or not total:
            return None
        shares.append(point / total)
        workings.append(f"{point:g} of {total:g} by {month_label(latest_month - 12 * back)}")
    return sum(shares) / len(shares), workings


def project_year_end(observations: Sequence[Observation], definition: IndicatorDefinition) -> ProjectionFacts | None:
    if definition.cumulative is None or definition.projection is None or not observations:
        return None
    year_kind = definition.cumulative.year_frequency
    latest = observations[-1]
    year_end = year_end_month(latest.period.end, year_kind)
    if latest.period.end == year_end:
        return None
    last_total = value_at(observations, year_end - 12)
    if not last_total:
        return None
    elapsed = latest.period.end - year_start_month(latest.period.end, year_kind) + 1
    method = definition.projection.method
    if method == "seasonal":
        found = seasonal_share(observations, latest.period.end, year_end, definition.projection.profile_years)
        if found is None:
            return None
        share, workings = found
        projected = latest.value / share
        basis = f"on the pattern of earlier years ({'; '.join(workings)})"
    else:
        projected = latest.value * 12 / elapsed
        basis = f"pro rata: {elapsed} of 12 months elapsed"
    return ProjectionFacts(
        method=method,
        basis=basis,
        year=Period(year_end, Frequency(year_kind)),
        last_year=Period(year_end - 12, Frequency(year_kind)),
        to_date=Cell.of(latest.value),
        last_year_total=Cell.of(last_total),
        share_of_last_year=Cell.of(latest.value / last_total),
        projected=Cell.of(projected),
        change=Cell.of(round(projected) / last_total - 1),
    )
