"""Property: no paragraph contradicts itself.

For random figures of every unit, polarity and frequency, with comparators for the same, later
and earlier periods and figures that differ by less than the last printed digit or by a lot,
every comparison sentence agrees with the comparison table beside it (same figures, same
direction, "in line with" only where the two figures print the same), names the period it
compares, and a benchmark rating agrees with both. The change column says "No change" only when
the two figures print the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CONFIG, definition
from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.models.config import ActionLog, PaperRegister, ProjectConfig
from kpicli.models.data import BenchmarkValue, Dataset, Observation, Project
from kpicli.models.definition import IndicatorDefinition
from kpicli.narrate import narrate_exempt, narrate_public
from kpicli.narrate.wording import load_wording
from kpicli.periods import Frequency, Period, latest_on_or_before, parse_month
from kpicli.render.context import paper_context
from tests.comparison_checks import Tally, check_changes, check_paragraph

REPORT = parse_month("2019-08")
AREAS = ("London", "England", "Statistical neighbours")
# How far a comparator's figure is from ours: exactly equal, within the last printed digit, or far.
NUDGES = (0.0, 0.0004, -0.0004, 0.003, -0.003, 0.02, -0.02, 0.1, -0.25, 0.4)

KINDS: dict[str, dict[str, Any]] = {
    "percent": {"unit": "percent", "decimals": 0},
    "percent-1dp": {"unit": "percent", "decimals": 1},
    "number": {"unit": "number", "decimals": 1},
    "rate": {"unit": "rate", "rate_per": 10000, "decimals": 0},
    "currency": {"unit": "currency", "decimals": 0},
    "count-as-rate": {
        "unit": "count",
        "benchmark_basis": {"unit": "rate", "rate_per": 100, "decimals": 2, "label": "per 100 pupils"},
    },
}
SHAPES: dict[str, tuple[Frequency, Frequency, str]] = {
    # our frequency, the comparators', measure
    "academic": (Frequency.ACADEMIC_YEAR, Frequency.ACADEMIC_YEAR, "flow"),
    "financial": (Frequency.FINANCIAL_YEAR, Frequency.FINANCIAL_YEAR, "flow"),
    "monthly-snapshot": (Frequency.MONTH, Frequency.FINANCIAL_YEAR, "snapshot"),
    "quarterly-flow": (Frequency.QUARTER, Frequency.CALENDAR_YEAR, "flow"),
}
SIZES = {
    "percent": 60.0,
    "percent-1dp": 12.0,
    "number": 15.0,
    "rate": 50.0,
    "currency": 900.0,
    "count-as-rate": 0.2,
}


@st.composite
def indicators(
    draw: st.DrawFn, number: int
) -> tuple[IndicatorDefinition, list[Observation], list[BenchmarkValue]]:
    kind = draw(st.sampled_from(sorted(KINDS)))
    shape = draw(st.sampled_from(sorted(SHAPES)))
    frequency, benchmark_frequency, measure = SHAPES[shape]
    polarity = draw(st.sampled_from(["higher_is_better", "lower_is_better", "neutral"]))
    areas = draw(st.lists(st.sampled_from(AREAS), min_size=1, max_size=3, unique=True))
    rated = polarity != "neutral" and draw(st.booleans())
    fields = dict(KINDS[kind])
    if kind == "percent" and shape == "quarterly-flow":
        fields["decimals"] = draw(st.sampled_from([0, 1]))
    item = IndicatorDefinition.model_validate(
        definition(
            f"indicator-{number}",
            number,
            section="education",
            polarity=polarity,
            frequency=frequency.value,
            measure=measure,
            comparators=areas,
            benchmark_frequency=benchmark_frequency.value,
            rag={"kind": "benchmark", "comparators": areas[:2]} if rated else None,
            **fields,
        )
    )
    size = SIZES[kind]
    ends = periods_to(frequency, draw(st.integers(0, 14)), skip=draw(st.integers(0, 1)))
    ours = []
    for end in ends:
        value = round(size * draw(st.floats(0.6, 1.4)), 3)
        ours.append(observation(item, Period(end, frequency), value, kind))
    by_end = {o.period.end: o.value for o in ours}
    benchmarks = []
    for area in areas:
        for end in periods_to(benchmark_frequency, draw(st.integers(0, 3)), skip=draw(st.integers(0, 2))):
            base = size if kind == "count-as-rate" else by_end.get(end, ours[-1].value)
            nudge = draw(st.sampled_from(NUDGES))
            benchmarks.append(
                BenchmarkValue(item.id, Period(end, benchmark_frequency), area, base * (1 + nudge))
            )
    return item, ours, benchmarks


def periods_to(frequency: Frequency, count: int, skip: int = 0) -> list[int]:
    """The ends of `count` + 1 periods of `frequency`, the last `skip` periods before the
    latest one ending by the report month."""
    latest = latest_on_or_before(REPORT, frequency).shifted(-skip)
    return [latest.shifted(-step).end for step in range(count, -1, -1)]


def observation(item: IndicatorDefinition, period: Period, value: float, kind: str) -> Observation:
    if kind == "count-as-rate":
        count = round(value * 250)
        return Observation(item.id, period, float(count), None, 25000.0)
    if kind.startswith("percent") and period.frequency is Frequency.QUARTER:
        denominator = 400.0
        numerator = round(value / 100 * denominator)
        return Observation(item.id, period, numerator / denominator * 100, float(numerator), denominator)
    if kind == "currency":
        value = round(value)
    return Observation(item.id, period, value)


def project_of(items: list[tuple[IndicatorDefinition, list[Observation], list[BenchmarkValue]]]) -> Project:
    config = ProjectConfig.model_validate({**CONFIG, "meetings": []})
    data = Dataset(
        observations={item.id: tuple(ours) for item, ours, _ in items},
        benchmarks={
            item.id: tuple(sorted(bench, key=lambda b: (b.area, b.period.end))) for item, _, bench in items
        },
    )
    return Project(
        root=Path("."),
        config=config,
        definitions=tuple(item for item, _, _ in items),
        data=data,
        actions=ActionLog(),
        papers=PaperRegister(),
        input_files=(),
    )


def check_project(project: Project) -> Tally:
    words = load_wording(None)
    public_view, exempt_view = disclose(compute_report(project, REPORT), project)
    tally = Tally()
    for narrated in (
        narrate_public(public_view, {}, "narrative"),
        narrate_exempt(exempt_view, {}, "narrative"),
    ):
        context = paper_context(narrated, [])
        rows = {row["id"]: row for row in context["definitions"]}
        for facts in narrated.view.indicators:
            row = rows[facts.definition.id]
            tally.add(check_paragraph(facts, row, row["sentences"], words))
            tally.wrong += check_changes(row)
    return tally


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_no_paragraph_contradicts_its_table_or_its_rating(data: st.DataObject) -> None:
    count = data.draw(st.integers(1, 4))
    items = [data.draw(indicators(number)) for number in range(1, count + 1)]
    tally = check_project(project_of(items))
    assert not tally.wrong, tally.wrong


def test_the_checker_catches_the_sentences_issue_16_found() -> None:
    """The checks can fail: a paragraph saying 'in line with' of two different printed figures,
    the wrong side, or no period, is caught."""
    item = IndicatorDefinition.model_validate(
        definition(
            "exclusions",
            1,
            section="education",
            frequency="academic_year",
            comparators=["Outer London"],
            benchmark_basis={"unit": "rate", "rate_per": 100, "decimals": 2, "label": "per 100 pupils"},
            rag={"kind": "benchmark", "comparators": ["Outer London"]},
        )
    )
    period = Period(parse_month("2019-08"), Frequency.ACADEMIC_YEAR)
    ours = [Observation(item.id, period, 2.0, None, 26000.0)]
    theirs = [BenchmarkValue(item.id, period, "Outer London", 0.0118)]
    project = project_of([(item, ours, theirs)])
    _, exempt_view = disclose(compute_report(project, REPORT), project)
    narrated = narrate_exempt(exempt_view, {}, "narrative")
    row = paper_context(narrated, [])["definitions"][0]
    facts = narrated.view.indicators[0]
    words = load_wording(None)
    assert not check_paragraph(facts, row, row["sentences"], words).wrong, row["sentences"]
    for wrong in (
        "The rate per 100 pupils, 0.008, was in line with the Outer London average (0.012) for 2018/19.",
        "The rate per 100 pupils, 0.008, was above the Outer London average (0.012) for 2018/19.",
        "The rate per 100 pupils, 0.008, was below the Outer London average (0.01) for 2018/19.",
        "The rate per 100 pupils, 0.008, was below the Outer London average (0.012).",
    ):
        assert check_paragraph(facts, row, [wrong, *row["sentences"][2:]], words).wrong, wrong
    rated_wrongly = [
        *row["sentences"][:2],
        "It is rated green because it is at least as good as Outer London.",
    ]
    assert check_paragraph(facts, row, rated_wrongly, words).wrong
