"""Indicator definitions: one YAML file per indicator in `indicator_defs/`."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from kpicli.models.base import StrictModel
from kpicli.periods import Frequency, Period, PeriodError, latest_on_or_before, parse_month

IDENTIFIER = r"^[a-z0-9][a-z0-9-]*$"


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    RATE = "rate"
    NUMBER = "number"
    DAYS = "days"
    WEEKS = "weeks"
    CURRENCY = "currency"
    RATIO = "ratio"


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NEUTRAL = "neutral"


class Measure(StrEnum):
    """Whether a figure is a position at a date ("as at") or a flow over a period ("in")."""

    SNAPSHOT = "snapshot"
    FLOW = "flow"


class Control(StrEnum):
    FULL = "full"
    PARTIAL = "partial"


class ThresholdsRule(StrictModel):
    """Fixed thresholds. Higher is better: green at or above `green`, red below `red`.
    Lower is better: green at or below `green`, red above `red`. Amber in between."""

    kind: Literal["thresholds"] = Field(description="thresholds: fixed green and red values.")
    green: float = Field(description="The value at which the indicator becomes green.")
    red: float = Field(description="Beyond this value (on the wrong side) the indicator is red.")


class ToleranceRule(StrictModel):
    """A target with a tolerance band: green on or better than target, amber within the band."""

    kind: Literal["tolerance"] = Field(description="tolerance: a target with an amber band.")
    target: float = Field(description="The target value, in the indicator's unit.")
    tolerance: float = Field(ge=0, description="How far worse than target is still amber.")
    tolerance_unit: Literal["absolute", "percent_of_target"] = Field(
        default="absolute",
        description="absolute: in the indicator's unit; percent_of_target: a share of the target.",
    )

    @property
    def band(self) -> float:
        """How far worse than the target is still amber, in the indicator's unit: the rating
        and the sentence that gives it read this one figure."""
        if self.tolerance_unit == "absolute":
            return self.tolerance
        return abs(self.target) * self.tolerance / 100


class BenchmarkRule(StrictModel):
    """Rated against comparators: green when at least as good as all of them, red when worse
    than all of them, amber when between."""

    kind: Literal["benchmark"] = Field(description="benchmark: rated against comparator areas.")
    comparators: list[str] = Field(
        default_factory=lambda: ["London", "England"],
        min_length=1,
        description="Areas whose latest figure the indicator is rated against.",
    )


RagRule = Annotated[ThresholdsRule | ToleranceRule | BenchmarkRule, Field(discriminator="kind")]


class CumulativeYear(StrictModel):
    """Counts that accumulate year to date and reset at the start of each year."""

    year: Literal["calendar_year", "financial_year", "academic_year"] = Field(
        description="The year within which the counts accumulate."
    )

    @property
    def year_frequency(self) -> Frequency:
        return Frequency(self.year)


# How a year-to-date count is projected: its facts say which method was used in the end.
ProjectionMethod = Literal["pro_rata", "seasonal"]


class Projection(StrictModel):
    """How to project a year-to-date count to the year end. The basis is always stated."""

    method: ProjectionMethod = Field(
        description="pro_rata: by elapsed months; seasonal: by earlier years' share at this point."
    )
    profile_years: int = Field(
        default=1,
        ge=1,
        le=5,
        description="seasonal only: how many earlier years' profiles to average (1 = last year).",
    )


class BenchmarkBasis(StrictModel):
    """How to turn the local figure into the comparators' unit, e.g. a count of exclusions into
    a rate per 100 pupils using the extract's denominator."""

    unit: Literal["percent", "rate"] = Field(description="The comparators' unit.")
    rate_per: int = Field(default=100, gt=0, description="Rate per this many of the denominator.")
    decimals: int = Field(default=2, ge=0, le=4, description="Decimals to show comparisons to.")
    label: str = Field(description="What the rate is, e.g. 'per 100 pupils'.")


class SpcRebase(StrictModel):
    """The process changed at this period (a new service, a new definition): control limits
    are worked out again from here, on a new baseline."""

    period: str = Field(
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        description="The first period of the new process, YYYY-MM (the month it ends in).",
    )
    reason: str = Field(min_length=3, description="What changed, as the chart and commentary say it.")


class SpcSettings(StrictModel):
    """Statistical process control (XmR, the NHS 'Making Data Count' way) for this indicator.
    It never applies to year-to-date or rolling 12-month figures, whose points overlap."""

    baseline_points: int = Field(
        default=20,
        ge=12,
        le=40,
        description="How many points, from the start of the current process, the mean and limits "
        "are worked out from (Making Data Count recommends 20; at least 15 are needed).",
    )
    rebase: list[SpcRebase] = Field(
        default_factory=list, description="Periods at which the process changed, oldest first."
    )


class Exemption(StrictModel):
    """The whole indicator is exempt information under Schedule 12A to the LGA 1972."""

    paragraph: int = Field(ge=1, le=7, description="Paragraph of Part 1 of Schedule 12A.")
    reason: str = Field(description="Why it is exempt, in a sentence members can read.")


class Counting(StrEnum):
    """What an indicator's counts count: people can be identified by a small count,
    organisations (schools, providers) cannot."""

    PEOPLE = "people"
    ORGANISATIONS = "organisations"


class PublishedElsewhere(StrictModel):
    """The headline figures are already published by an official source, so Part 1 shows them
    even where a count is small, naming the source. Other figures are still checked against
    them: a variant, an earlier year-to-date figure or a breakdown that would reveal a small
    difference from them is withheld."""

    source: str = Field(
        min_length=3, description="Who published the figures and where, e.g. 'DfE, SEN2 2019'."
    )
    url: str | None = Field(default=None, description="Where the published figures can be read.")
    periods: list[str] = Field(
        default_factory=list,
        description="Only these periods (YYYY-MM) are published elsewhere; all of them when empty.",
    )

    @field_validator("periods")
    @classmethod
    def check_periods(cls, periods: list[str]) -> list[str]:
        for text in periods:
            try:
                parse_month(text)
            except PeriodError as error:
                raise ValueError(str(error)) from None
        return periods

    def covers(self, period_end: int) -> bool:
        return not self.periods or any(parse_month(text) == period_end for text in self.periods)


def published_elsewhere_yaml(
    current: DisclosureOverride | None, source: str, periods: Iterable[str], *, flow: bool
) -> str:
    """The definition's whole `disclosure:` block, with `published_elsewhere` naming `periods`
    (YYYY-MM) besides any it already names, to paste over the old block; "" when the definition
    already covers them. Never an empty `periods:`, which would cover every period."""
    import yaml

    wanted = set(periods)
    existing = current.published_elsewhere if current else None
    if not wanted or (existing and all(existing.covers(parse_month(p)) for p in wanted)):
        return ""
    block = current.model_dump(mode="json", exclude_defaults=True) if current else {}
    entry: dict[str, str | list[str]]
    if existing:
        entry = {"source": existing.source, **({"url": existing.url} if existing.url else {})}
    else:
        entry = {"source": source}
    entry["periods"] = sorted(wanted | set(existing.periods if existing else ()))
    document = {"disclosure": {**block, "published_elsewhere": entry}}
    return yaml.safe_dump(document, sort_keys=False, default_flow_style=flow, width=10_000).strip()


class DisclosureOverride(StrictModel):
    """Per-indicator changes to the project's disclosure policy."""

    counts: Counting = Field(
        default=Counting.PEOPLE,
        description="people (default): small counts are withheld; organisations: the counts are "
        "of schools or providers, which no small count identifies, so none is withheld.",
    )
    published_elsewhere: PublishedElsewhere | None = Field(
        default=None, description="The headline figures are already published by an official source."
    )

    suppress_below: int | None = Field(
        default=None, ge=1, description="Counts from 1 to this minus 1 are suppressed."
    )
    suppress_zero: bool | None = Field(default=None, description="Also suppress zero counts.")
    min_denominator: int | None = Field(
        default=None, ge=1, description="Smallest denominator for a published percentage or rate."
    )
    round_to: int | None = Field(
        default=None, ge=1, description="Round published counts to a multiple of this."
    )

    @field_validator("suppress_below")
    @classmethod
    def check_suppression(cls, value: int | None) -> int | None:
        if value == 1:
            raise PydanticCustomError("suppresses_nothing", "1 suppresses nothing")
        return value


class CombinedCategories(StrictModel):
    """Categories shown as one row when any of them would be withheld, as DfE combines small
    ethnic groups into 'Other ethnic groups': one published total instead of several [c]."""

    into: str = Field(min_length=1, description="The combined row's name, e.g. 'Any SEN'.")
    categories: list[str] = Field(
        min_length=2, description="The categories it combines, as in breakdowns.csv."
    )


class BreakdownRule(StrictModel):
    """How one breakdown dimension is published."""

    dimension: str = Field(min_length=1, description="The dimension, as in breakdowns.csv.")
    combine: list[CombinedCategories] = Field(
        default_factory=list, description="Groups of categories combined when any would be withheld."
    )


class Variant(StrictModel):
    """A second set of figures for the same indicator, side by side with the headline."""

    id: str = Field(pattern=IDENTIFIER, description="The `variant` value in values.csv.")
    label: str = Field(description="How the paper names these figures.")


class IndicatorDefinition(StrictModel):
    """Everything the paper needs to know about one indicator."""

    schema_: str | None = Field(default=None, alias="$schema", description="Editor hint; ignored.")
    id: str = Field(pattern=IDENTIFIER, description="Stable identifier used in the extracts.")
    number: int = Field(ge=1, description="The indicator's number in the committee's dataset.")
    title: str = Field(min_length=3, description="Short title as members know it.")
    subject: str | None = Field(
        default=None,
        min_length=3,
        description="How commentary sentences name the measure, e.g. 'the number of permanent "
        "exclusions from secondary schools'; by default it is made from the title.",
    )
    # Checked against kpicli.yaml's sections in load, which can say which one was meant.
    section: str = Field(min_length=1, description="Section id from kpicli.yaml.")
    definition: str = Field(min_length=10, description="Plain-English definition for the appendix.")
    unit: Unit = Field(
        description="count, percent, rate (needs rate_per), number, days, weeks, currency or ratio."
    )
    rate_per: int | None = Field(default=None, gt=0, description="For unit rate: per how many.")
    polarity: Polarity = Field(description="higher_is_better, lower_is_better, or neutral (not rated).")
    frequency: Frequency = Field(
        description="How long each period is: month, quarter, academic_year (Sep-Aug), "
        "financial_year (Apr-Mar), calendar_year, rolling_12_months, or annual (once a year, in the "
        "month year_end names)."
    )
    measure: Measure = Field(default=Measure.FLOW, description="snapshot ('as at') or flow ('in').")
    year_end: int | None = Field(
        default=None,
        ge=1,
        le=12,
        description="For frequency annual: the month (1-12) each year ends in or, for a snapshot, is "
        "taken in, e.g. 9 for the social work workforce at 30 September.",
    )
    publication_lag_months: int = Field(
        default=0,
        ge=0,
        le=36,
        description="Months after a period ends before its figure comes out, e.g. 5 for key stage 4 "
        "results (academic year to August, validated in January): the paper expects the latest "
        "period that has ended that long before the report period, and warns only when the "
        "figure is older than that.",
    )
    cumulative: CumulativeYear | None = Field(default=None, description="Year-to-date counts.")
    projection: Projection | None = Field(default=None, description="Year-end projection (cumulative only).")
    decimals: int = Field(
        default=0, ge=0, le=4, description="Decimal places to show the figures to (0 to 4)."
    )
    rag: RagRule | None = Field(default=None, description="How the indicator is rated; none = not rated.")
    comparators: list[str] = Field(default_factory=list, description="Benchmark areas shown beside it.")
    benchmark_frequency: Frequency | None = Field(
        default=None,
        description="Frequency of the benchmark figures when it differs from the indicator's, "
        "e.g. financial_year for a monthly indicator benchmarked on the year to 31 March.",
    )
    benchmark_basis: BenchmarkBasis | None = Field(default=None, description="Compare a count as a rate.")
    control: Control = Field(description="full: in the council's control; partial: partly in it.")
    exempt: Exemption | None = Field(default=None, description="Exempt as a whole: reported only in Part 2.")
    disclosure: DisclosureOverride | None = Field(
        default=None, description="Changes to the project's disclosure policy for this indicator."
    )
    variants: list[Variant] = Field(
        default_factory=list, description="Other sets of figures shown beside the headline."
    )
    headline_label: str | None = Field(
        default=None, description="Names the headline figures when variants exist."
    )
    breakdowns: list[BreakdownRule] = Field(
        default_factory=list, description="How breakdown dimensions are published (combining categories)."
    )
    spc: SpcSettings | None = Field(
        default=None,
        description="Control limits: the baseline length and any rebasing; by default a baseline "
        "of 20 points from the start of the charted series.",
    )
    owner: str = Field(min_length=2, description="Who answers for it (role).")
    source: str | None = Field(default=None, description="Where the figures come from.")

    @model_validator(mode="after")
    def check_consistency(self) -> IndicatorDefinition:
        problem = self.inconsistency()
        if problem is not None:
            field, message = problem
            # The field travels in the error's context so the loader can point at its line.
            raise PydanticCustomError("inconsistent", message, {"field": field})
        return self

    def inconsistency(self) -> tuple[str, str] | None:
        """The first pair of keys that contradict each other: (key to point at, message)."""
        if self.unit is Unit.RATE and self.rate_per is None:
            return "unit", "unit 'rate' needs rate_per (for example rate_per: 10000)"
        if self.projection is not None and self.cumulative is None:
            return "projection", "a projection needs cumulative: year-to-date counts to project"
        if self.cumulative is not None and self.frequency not in (
            Frequency.MONTH,
            Frequency.QUARTER,
        ):
            return "cumulative", "cumulative year-to-date counts must be monthly or quarterly"
        if self.spc is not None and (
            self.cumulative is not None or self.frequency is Frequency.ROLLING_12_MONTHS
        ):
            return "spc", (
                "control limits do not apply to year-to-date or rolling 12-month figures, whose "
                "points overlap; remove spc"
            )
        if self.spc is not None:
            problem = self.spc_rebase_problem()
            if problem is not None:
                return "spc", problem
        annual = Frequency.ANNUAL in (self.frequency, self.benchmark_frequency)
        if annual and self.year_end is None:
            return "year_end", "an annual indicator needs year_end: the month its year ends in (1-12)"
        if self.year_end is not None and not annual:
            return "year_end", "year_end is only for frequency annual; remove it or set frequency: annual"
        if self.rag is not None and self.polarity is Polarity.NEUTRAL:
            return "rag", "a neutral indicator cannot be rated; remove rag or set a polarity"
        if isinstance(self.rag, ThresholdsRule):
            higher = self.polarity is Polarity.HIGHER_IS_BETTER
            if (higher and self.rag.green < self.rag.red) or (not higher and self.rag.green > self.rag.red):
                better = "at or above" if higher else "at or below"
                return "rag", (
                    f"rag thresholds are the wrong way round for {self.polarity.value}: "
                    f"green ({self.rag.green:g}) must be {better} red ({self.rag.red:g})"
                )
        return None

    def spc_rebase_problem(self) -> str | None:
        assert self.spc is not None
        ends = []
        for rebase in self.spc.rebase:
            try:
                ends.append(Period.parse(rebase.period, self.frequency).end)
            except PeriodError as error:
                return f"rebase {error}"
        if ends != sorted(set(ends)):
            return "rebase periods must be different and oldest first"
        return None

    @property
    def target(self) -> float | None:
        """The value the indicator aims for: a tolerance rule's target, or the green threshold."""
        if isinstance(self.rag, ToleranceRule):
            return self.rag.target
        if isinstance(self.rag, ThresholdsRule):
            return self.rag.green
        return None

    def expected_period(self, report_month: int) -> Period:
        """The latest period whose figure should be out by the end of the report month."""
        return latest_on_or_before(report_month - self.publication_lag_months, self.frequency, self.year_end)

    @property
    def comparison_frequency(self) -> Frequency:
        return self.benchmark_frequency or self.frequency

    @property
    def comparator_areas(self) -> list[str]:
        """Every area the indicator is compared with: its comparators, then any more its
        benchmark rating rests on."""
        rule = self.rag.comparators if isinstance(self.rag, BenchmarkRule) else []
        return [*self.comparators, *(area for area in rule if area not in self.comparators)]

    @property
    def is_exempt(self) -> bool:
        return self.exempt is not None
