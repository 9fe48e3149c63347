"""Year-end projection of year-to-date counts, with the basis always stated.

Two methods. Pro rata: the count so far times 12 over the months elapsed in the year.
Seasonal: the count so far divided by the share of the full year that earlier years had
reached by the same month, averaged over `profile_years` years. Averaging two years steadies
the profile: the sample's 343 at August 2019 gives 484 on two years' profile (199 of 281 and
252 of 356), 485 on 2018's alone. Where the seasonal history is missing the projection falls
back to pro rata and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kpicli.formatting import rounded
from kpicli.models.data import Observation
from kpicli.models.definition import IndicatorDefinition, ProjectionMethod
from kpicli.models.facts import Cell, ProjectionFacts
from kpicli.periods import (
    Frequency,
    Period,
    month_label,
    month_year,
    year_end_month,
    year_start_month,
)


@dataclass(frozen=True, slots=True)
class ProfileYear:
    """How far through its total an earlier year was by the same month."""

    month: int
    to_date: float
    total: float

    @property
    def share(self) -> float:
        return self.to_date / self.total

    def describe(self) -> str:
        return f"{self.to_date:g} of {self.total:g} by {month_label(self.month)}"


def value_at(observations: Sequence[Observation], month: int) -> float | None:
    return next((o.value for o in observations if o.period.end == month), None)


def seasonal_profile(
    observations: Sequence[Observation], latest_month: int, year_end: int, years: int
) -> list[ProfileYear] | str:
    """The earlier years' profiles, newest first; or why they cannot be worked out."""
    profile = []
    for back in range(1, years + 1):
        point_month, total_month = latest_month - 12 * back, year_end - 12 * back
        point, total = value_at(observations, point_month), value_at(observations, total_month)
        if point is None:
            return f"no year-to-date figure for {month_label(point_month)}"
        if not total:
            return f"no full-year figure for {month_label(total_month)}"
        profile.append(ProfileYear(point_month, point, total))
    return profile


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def project_seasonal(
    to_date: float, month: int, profile: list[ProfileYear]
) -> tuple[float, str, tuple[str, ...]]:
    share = sum(year.share for year in profile) / len(profile)
    projected = to_date / share
    basis = f"on the pattern of earlier years ({'; '.join(year.describe() for year in profile)})"
    workings = (
        *(f"{year.describe()} = {percent(year.share)} of the year" for year in profile),
        f"average share reached by {month_label(month).split()[0]}: {percent(share)} ({share:.5f})",
        f"projected: {to_date:g} / {share:.5f} = {projected:.1f}",
    )
    return projected, basis, workings


def project_pro_rata(to_date: float, elapsed: int) -> tuple[float, str, tuple[str, ...]]:
    projected = to_date * 12 / elapsed
    return (
        projected,
        f"pro rata: {elapsed} of 12 months elapsed",
        (f"projected: {to_date:g} x 12 / {elapsed} = {projected:.1f}",),
    )


def project_year_end(
    observations: Sequence[Observation], definition: IndicatorDefinition
) -> ProjectionFacts | None:
    if definition.cumulative is None or definition.projection is None or not observations:
        return None
    year_kind = Frequency(definition.cumulative.year_frequency)
    latest = observations[-1]
    year_end = year_end_month(latest.period.end, year_kind)
    last_total = value_at(observations, year_end - 12)
    if latest.period.end == year_end or not last_total:
        return None
    method: ProjectionMethod = definition.projection.method
    found = (
        seasonal_profile(observations, latest.period.end, year_end, definition.projection.profile_years)
        if method == "seasonal"
        else None
    )
    if isinstance(found, list):
        projected, basis, workings = project_seasonal(latest.value, latest.period.end, found)
    else:
        method = "pro_rata"
        elapsed = latest.period.end - year_start_month(latest.period.end, year_kind) + 1
        projected, basis, workings = project_pro_rata(latest.value, elapsed)
        if found is not None:
            basis += f" (seasonal profile not available: {found})"
    # The change is against the projection as published (rounded), so the words add up.
    shown = rounded(projected, definition.decimals)
    change = shown / last_total - 1
    year_before_total = value_at(observations, year_end - 24)
    last_year, share_text = month_year(year_end - 12), percent(latest.value / last_total)
    return ProjectionFacts(
        method=method,
        basis=basis,
        year=Period(year_end, year_kind),
        last_year=Period(year_end - 12, year_kind),
        to_date=Cell.of(latest.value),
        last_year_total=Cell.of(last_total),
        share_of_last_year=Cell.of(latest.value / last_total),
        projected=Cell.of(projected),
        change=Cell.of(change),
        year_before=Period(year_end - 24, year_kind),
        year_before_total=Cell.of(year_before_total),
        last_year_change=Cell.of(last_total / year_before_total - 1 if year_before_total else None),
        workings=(
            *workings,
            f"change on {last_year}: {shown:g} / {last_total:g} - 1 = {percent(change)}",
            f"to date as a share of {last_year}: {latest.value:g} / {last_total:g} = {share_text}",
        ),
    )
