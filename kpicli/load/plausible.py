"""Figures each valid on its own that together are plainly wrong: a whole series of percentages
written as fractions (0.86 for 86%), or a negative figure for a measure whose every benchmark is
positive (a caseload of -14.5). Each row passes its own checks, so only the series, set beside
the indicator's benchmarks and targets, shows the mistake, which would otherwise print "1%" or
"-15" in a committee paper."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import median

from kpicli.errors import Problem
from kpicli.load.extracts import RawRow
from kpicli.load.value_rows import NON_NEGATIVE_UNITS
from kpicli.models.data import HEADLINE, Dataset, Observation
from kpicli.models.definition import IndicatorDefinition, ThresholdsRule, Unit

# Fractions are a hundredth of the percentages they stand for: a reference this many times
# the largest figure cannot be on the same scale, while a small percentage beside a larger
# benchmark (0.5% of pupils excluded against 3% in England) stays well inside it.
SCALE_GAP = 20


def implausible_series(
    dataset: Dataset, definitions: Mapping[str, IndicatorDefinition], rows: Sequence[RawRow]
) -> list[Problem]:
    """One error per indicator whose figures are on the wrong scale or of the wrong sign."""
    problems = []
    for indicator, every in sorted(dataset.observations.items()):
        definition = definitions.get(indicator)
        observations = [o for o in every if o.variant == HEADLINE]
        if definition is None or not observations or not is_suspect(definition, observations):
            continue
        benchmarks = [b.value for b in dataset.benchmarks.get(indicator, ())]
        benchmarks += [a.value for a in dataset.authorities.get(indicator, ())]
        found = fractions_for_percentages(definition, observations, benchmarks) or negative_figure(
            definition, observations, benchmarks
        )
        if found is not None:
            observation, message, hint = found
            row = row_of(rows, observation)
            file, line = (row.file, row.line) if row else ("values.csv", None)
            problems.append(Problem(file, line, "value", message, hint))
    return problems


def is_suspect(definition: IndicatorDefinition, observations: Sequence[Observation]) -> bool:
    """Whether a check below could find anything, from the figures alone: only then are the
    benchmarks gathered (every authority's figures, for a full DfE import)."""
    if definition.unit is Unit.PERCENT:
        return 0 < max(o.value for o in observations) <= 1
    return definition.unit not in NON_NEGATIVE_UNITS and any(o.value < 0 for o in observations)


def fractions_for_percentages(
    definition: IndicatorDefinition, observations: Sequence[Observation], benchmarks: Sequence[float]
) -> tuple[Observation, str, str] | None:
    if definition.unit is not Unit.PERCENT:
        return None
    largest = max(observations, key=lambda o: o.value)
    if not 0 < largest.value <= 1:
        return None
    if benchmarks:
        reference, what = median(benchmarks), "its benchmarks are"
    else:
        levels = [level for level in rag_levels(definition) if level > 0]
        if not levels:
            return None
        reference, what = min(levels), "its RAG thresholds are"
    # A reference of 1 or less is a small percentage itself (0.13% of pupils excluded).
    if reference <= 1 or reference < SCALE_GAP * largest.value:
        return None
    latest = observations[-1]
    return (
        latest,
        f"every figure for {definition.id} is 1 or less ({latest.value:g} for {latest.period.code}), "
        f"but {what} around {reference:g}: the percentages look written as fractions",
        "percentages are written 86, not 0.86: multiply the figures by 100, or give numerator "
        "and denominator",
    )


def negative_figure(
    definition: IndicatorDefinition, observations: Sequence[Observation], benchmarks: Sequence[float]
) -> tuple[Observation, str, str] | None:
    # Counts, percentages and rates are refused below zero row by row.
    if definition.unit in NON_NEGATIVE_UNITS or not benchmarks or min(benchmarks) < 0:
        return None
    negative = next((o for o in observations if o.value < 0), None)
    if negative is None:
        return None
    return (
        negative,
        f"{negative.value:g} for {negative.period.code} is negative, but no benchmark figure for "
        f"{definition.id} is",
        "check the sign; a figure such as a caseload or a unit cost cannot be below zero",
    )


def rag_levels(definition: IndicatorDefinition) -> list[float]:
    if isinstance(definition.rag, ThresholdsRule):
        return [definition.rag.green, definition.rag.red]
    return [definition.target] if definition.target is not None else []


def row_of(rows: Sequence[RawRow], observation: Observation) -> RawRow | None:
    """The extract's row for a figure: the error points at a line the officer can open."""
    for row in rows:
        if (
            (row.cell("indicator") or "").strip() == observation.indicator
            and (row.cell("period") or "").strip() == observation.period.code
            and (row.cell("variant") or "").strip() == observation.variant
        ):
            return row
    return None
