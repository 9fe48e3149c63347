"""What the compute stage knows about each indicator as at the report period.

Every number a reader could see is a `Cell`, so the disclosure stage can withhold it
without changing the shape of the facts. A withheld cell carries no value at all: a public
view built from withheld cells cannot leak the number, whatever a template does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from kpicli.models.areas import Unpublished
from kpicli.models.config import EarlierPaper
from kpicli.models.data import BenchmarkValue
from kpicli.models.definition import IndicatorDefinition, ProjectionMethod
from kpicli.periods import Period


@dataclass(frozen=True, slots=True)
class Cell:
    """A published number, or the fact that it was withheld (and why)."""

    value: float | None
    withheld: bool = False
    rule: str = ""

    def __post_init__(self) -> None:
        if self.withheld and self.value is not None:
            raise ValueError("a withheld cell must not carry its value")

    @classmethod
    def of(cls, value: float | None) -> Cell:
        return cls(value)

    @classmethod
    def hidden(cls, rule: str) -> Cell:
        return cls(None, True, rule)

    @property
    def known(self) -> bool:
        return self.value is not None


EMPTY = Cell(None)


class Judgement(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    SAME = "same"
    NOT_JUDGED = "not_judged"


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"


class Rating(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    NOT_RATED = "not_rated"
    WITHHELD = "withheld"


# The ratings whose indicators the paper reports in full (their own section: chart, comparison,
# breakdowns, actions); the others appear in the dashboards only.
BELOW_EXPECTATION = frozenset({Rating.RED, Rating.AMBER})


class Status(StrEnum):
    REPORTED = "reported"
    NO_DATA = "no_data"


class Figure(NamedTuple):
    """One period's figure. A named tuple rather than a frozen dataclass, as immutable but made
    in a third of the time: compute makes one for every observation, 120,000 in a large
    project."""

    period: Period
    value: Cell
    numerator: Cell = EMPTY
    denominator: Cell = EMPTY


@dataclass(frozen=True, slots=True)
class Change:
    """From an earlier figure to the latest one."""

    since: Period
    earlier: Cell
    difference: Cell
    relative: Cell
    direction: Direction | None
    judgement: Judgement


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive moves in one direction up to the latest figure."""

    direction: Direction
    length: int
    since: Period


@dataclass(frozen=True, slots=True)
class Comparison:
    """Our figure against one comparator's published figure, for the same period whenever we
    have our figure for it (see kpicli.compute.benchmarks).

    `judgement` is SAME exactly when the two figures print the same to `decimals` places:
    that is the one meaning of "in line with" (and of "the same as") in every sentence, table
    and rating."""

    area: str
    period: Period
    benchmark: float
    local: Cell
    gap: Cell
    judgement: Judgement
    # The period of our figure; the comparator's own period when the two are like for like.
    local_period: Period | None = None
    # Both figures are printed to this many decimal places (None: the indicator's own).
    decimals: int | None = None
    # The comparator's latest published period, when it is later than the one compared (our
    # latest figure is older than theirs, so ours is compared with theirs for our year).
    latest_period: Period | None = None
    # Our figure and theirs are for the same time: a figure for the same period, a snapshot
    # taken on the same date, or ours added up over the same period. When False, the words
    # name both periods.
    like_for_like: bool = True
    # For an average kpicli worked out (statistical neighbours): how many areas had a figure,
    # of how many named.
    count: int | None = None
    of: int | None = None

    @property
    def our_period(self) -> Period:
        return self.local_period or self.period


@dataclass(frozen=True, slots=True)
class Standing:
    """Where our figure ranks among every local authority's for the same period: rank 1 is
    the best, quartile 1 is DfE's band A (the best quarter). Ranks and the quartile are cells,
    withheld with the figure they rest on."""

    period: Period
    local: Cell
    region: str
    region_rank: Cell
    # Authorities in the region with a figure, the council included.
    region_count: int
    england_rank: Cell
    england_count: int
    quartile: Cell
    decimals: int | None = None
    # The council is not in the published data: its figure is ranked as one more authority.
    added: bool = False

    @property
    def ranked(self) -> Ranks | None:
        """Our ranks and quartile as whole numbers, or None when there are none to show: no
        rank among English authorities or no quartile band, or both withheld with our figure."""
        england, quartile, region = self.england_rank.value, self.quartile.value, self.region_rank.value
        if england is None or quartile is None:
            return None
        return Ranks(int(england), int(quartile), None if region is None else int(region))


class Ranks(NamedTuple):
    """A Standing's ranks to show: 1 is the best; quartile 1 is DfE's band A."""

    england: int
    quartile: int
    # None when the region's authorities give no rank (a region of one, or no regional figures).
    region: int | None


@dataclass(frozen=True, slots=True)
class ComparatorSeries:
    """A comparator's published figures over the years, for the chart: its own series, not a
    flat line at its latest figure."""

    area: str
    points: tuple[tuple[Period, float], ...]


@dataclass(frozen=True, slots=True)
class FigureNote:
    """A note from the extract beside one of our figures that the paper shows."""

    period: Period
    text: str
    # The variant's label, or "" for the headline figures.
    label: str = ""


@dataclass(frozen=True, slots=True)
class RagResult:
    rating: Rating
    reason: str


class SpcRule(StrEnum):
    """The Making Data Count rules, in the order they take precedence for the latest point."""

    BEYOND_LIMITS = "beyond_limits"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"
    RUN_ONE_SIDE = "run_one_side"


@dataclass(frozen=True, slots=True)
class SpcSignal:
    """One rule the latest point is part of: `points` is how many points make the pattern (the
    run's length, the trend's, two or three near a limit, one beyond it); `high` is the side
    (above the mean or limit) or the direction (rising)."""

    kind: SpcRule
    high: bool
    points: int


class Variation(StrEnum):
    """Making Data Count's variation icon for the latest point."""

    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    COMMON_CAUSE = "common_cause"
    NEUTRAL_SPECIAL_CAUSE = "neutral_special_cause"


class Assurance(StrEnum):
    """Making Data Count's assurance icon: where the target sits against the process limits."""

    CONSISTENTLY_MET = "consistently_met"
    HIT_OR_MISS = "hit_or_miss"
    CONSISTENTLY_MISSED = "consistently_missed"


@dataclass(frozen=True, slots=True)
class Shift:
    """The points since the process moved: the run of points on the latest point's side of the
    mean, when the latest point is a signal and the run is a sustained shift. Limits from the baseline predate it, so whether the target will
    be met is judged on the shift's own limits (`lower`, `upper`) once it has enough points to
    give them, and until then only counted: `met` of its `points` met the target."""

    start: Period
    points: int
    met: int
    lower: float | None = None
    upper: float | None = None


@dataclass(frozen=True, slots=True)
class SpcSummary:
    """XmR limits for the current process and what the latest point says against them.

    The limits come from the baseline: the first `baseline_points` points from `start` (the
    first charted point of the current process: the series' start, a stated rebase, or the
    oldest of the most recent points analysed) to `baseline_end`. `points` is how many points,
    from `start` to the latest, were judged against them."""

    start: Period
    baseline_end: Period
    baseline_points: int
    points: int
    mean: float
    lower: float
    upper: float
    signals: tuple[SpcSignal, ...]
    variation: Variation
    assurance: Assurance | None = None
    target: float | None = None
    rebase_reason: str = ""
    # Set when the latest point is a signal: `assurance` is then the shift's, or None.
    shift: Shift | None = None

    @property
    def high(self) -> bool | None:
        """The side of the special cause the variation icon shows, if any."""
        return self.signals[0].high if self.signals else None


@dataclass(frozen=True, slots=True)
class ProjectionFacts:
    method: ProjectionMethod
    basis: str
    year: Period
    last_year: Period
    to_date: Cell
    last_year_total: Cell
    share_of_last_year: Cell
    projected: Cell
    change: Cell
    year_before: Period | None = None
    year_before_total: Cell = EMPTY
    last_year_change: Cell = EMPTY
    workings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Persistence:
    """How many consecutive reports (this one included) have rated the indicator red."""

    red_reports: int
    earlier_papers: tuple[EarlierPaper, ...]


@dataclass(frozen=True, slots=True)
class SeriesFacts:
    variant: str
    label: str
    latest: Figure | None
    history: tuple[Figure, ...]
    previous: Change | None
    year_ago: Change | None
    run: Run | None


@dataclass(frozen=True, slots=True)
class BreakdownTable:
    dimension: str
    period: Period
    rows: tuple[tuple[str, Cell], ...]
    total: Cell
    # False when the categories add up to more than the headline figure they break down.
    adds_up: bool = True


@dataclass(frozen=True, slots=True)
class IndicatorFacts:
    definition: IndicatorDefinition
    status: Status
    headline: SeriesFacts
    variants: tuple[SeriesFacts, ...]
    comparisons: tuple[Comparison, ...]
    rag: RagResult
    previous_rating: Rating | None
    spc: SpcSummary | None
    projection: ProjectionFacts | None
    persistence: Persistence | None
    breakdowns: tuple[BreakdownTable, ...]
    stale: bool
    # The latest figure in the comparators' unit, when that is not the headline's own (a count
    # compared as a rate per 100 pupils).
    comparable: Cell = EMPTY
    standing: Standing | None = None
    # Comparators named by the definition whose figure the source marks as not published.
    unpublished: tuple[Unpublished, ...] = ()
    # Notes from values.csv on the figures the paper shows.
    notes: tuple[FigureNote, ...] = ()
    # Our figures after the latest one that values.csv marks as missing for a reason.
    missing: tuple[Unpublished, ...] = ()
    # The comparators the chart draws, as published over the years.
    comparator_series: tuple[ComparatorSeries, ...] = ()


@dataclass(frozen=True, slots=True)
class ComputedReport:
    """The compute stage's output for one report period: everything, nothing withheld."""

    report_month: int
    indicators: tuple[IndicatorFacts, ...]
    # The benchmarks the facts were computed against, with the averages compute works out
    # (the neighbours'): disclose works the public facts out again against the same ones.
    benchmarks: Mapping[str, tuple[BenchmarkValue, ...]]
