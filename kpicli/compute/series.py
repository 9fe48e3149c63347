"""A series as at the report period: latest figure, changes and run length."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from kpicli.compute.judgement import direction_between, judge_direction
from kpicli.models.data import HEADLINE, Observation
from kpicli.models.definition import IndicatorDefinition
from kpicli.models.facts import EMPTY, Cell, Change, Direction, Figure, Run, SeriesFacts
from kpicli.periods import Period


def as_at(series: Sequence[Observation], report_month: int) -> list[Observation]:
    """The observations whose period ends on or before the report month, from one series
    (the headline or a variant) sorted by period."""
    return list(series[: bisect_right(series, report_month, key=period_end)])


def period_end(observation: Observation) -> int:
    return observation.period.end


def headline_series(observations: Sequence[Observation]) -> list[Observation]:
    """An indicator's headline observations, sorted by period as the Dataset keeps them."""
    return [observation for observation in observations if observation.variant == HEADLINE]


class SharedCells(dict[float | None, Cell]):
    """One Cell per number: a history holds hundreds of thousands of cells and repeats its
    numbers, and a Cell is frozen, so sharing cannot be seen. Looked up by subscript, so a
    number seen before costs no Python call."""

    def __missing__(self, value: float | None) -> Cell:
        cell = Cell.of(value)
        # Zero is never kept: the dict would merge -0.0 with 0.0.
        if value and len(self) < 65536:
            self[value] = cell
        return cell


SHARED_CELLS = SharedCells({None: EMPTY})


def figure_of(observation: Observation) -> Figure:
    cells = SHARED_CELLS
    return Figure(
        observation.period,
        cells[observation.value],
        cells[observation.numerator],
        cells[observation.denominator],
    )


def change_between(
    latest: Observation, earlier: Observation | None, definition: IndicatorDefinition
) -> Change | None:
    if earlier is None:
        return None
    difference = latest.value - earlier.value
    relative = difference / earlier.value if earlier.value else None
    # "No change" only when the two figures print the same.
    direction = direction_between(latest.value, earlier.value, definition.decimals)
    return Change(
        since=earlier.period,
        earlier=Cell.of(earlier.value),
        difference=Cell.of(difference),
        relative=Cell.of(relative),
        direction=direction,
        judgement=judge_direction(direction, definition.polarity),
    )


def run_of(observations: Sequence[Observation], decimals: int) -> Run | None:
    """Consecutive moves in the latest move's direction, over contiguous periods."""
    if len(observations) < 2:
        return None
    direction: Direction | None = None
    length = 0
    since = observations[-1].period
    for later, earlier in zip(reversed(observations), list(reversed(observations))[1:], strict=False):
        if earlier.period != later.period.previous():
            break
        step = direction_between(later.value, earlier.value, decimals)
        if direction is None:
            direction = step
        elif step is not direction:
            break
        length += 1
        since = earlier.period
    if direction is None:
        return None
    return Run(direction, length, since)


def find(observations: Sequence[Observation], period: Period) -> Observation | None:
    return next((o for o in reversed(observations) if o.period == period), None)


def movement(
    known: Sequence[Observation], definition: IndicatorDefinition
) -> tuple[Change | None, Change | None, Run | None]:
    """The latest figure's change from the period before, from the same period a year earlier,
    and its run of moves: from the figures given alone (a missing one ends a run)."""
    latest = known[-1]
    cumulative = definition.cumulative is not None
    # Year-to-date counts always rise within a year; only the same point last year compares.
    previous = (
        None if cumulative else change_between(latest, find(known, latest.period.previous()), definition)
    )
    year_earlier = latest.period.year_earlier()
    year_ago = None
    if year_earlier != latest.period.previous() or cumulative:
        year_ago = change_between(latest, find(known, year_earlier), definition)
    run = None if cumulative else run_of(known, definition.decimals)
    return previous, year_ago, run


def compute_series(
    observations: Sequence[Observation],
    definition: IndicatorDefinition,
    report_month: int,
    label: str,
    variant: str,
) -> tuple[SeriesFacts, list[Observation]]:
    known = as_at(observations, report_month)
    if not known:
        return SeriesFacts(variant, label, None, (), None, None, None), known
    previous, year_ago, run = movement(known, definition)
    facts = SeriesFacts(
        variant=variant,
        label=label,
        latest=figure_of(known[-1]),
        history=tuple(map(figure_of, known)),
        previous=previous,
        year_ago=year_ago,
        run=run,
    )
    return facts, known
